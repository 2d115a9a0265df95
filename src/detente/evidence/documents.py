"""Read one document file into normalised text, refusing bad input with a reason.

Why a separate step: every offset the extractors produce indexes into the text
returned here, and every way a file can be unusable (empty, binary, too large,
not UTF-8, HTML with no article in it) must become a reason a person can act
on, not a crash halfway through a batch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from detente.scenario.errors import DetenteError
from detente.scenario.pointers import DOCUMENT_SUFFIXES, HTML_SUFFIXES
from detente.scenario.text import normalise_text, sha256_text

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


class DocumentSkipped(DetenteError):
    """A file that cannot be ingested; the message says why and the hint how to fix it."""


@dataclass(frozen=True)
class RawDocument:
    """A decoded document before publication dating and extraction."""

    path: str
    text: str  # normalise_text of the whole document: offsets index into this
    sha256: str  # of ``text``
    file_sha256: str  # of the raw bytes (differs from ``sha256`` for HTML)
    kind: str  # "text" or "html"
    html_date: dt.date | None = None
    title: str = ""


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > len(sample) * 0.05


def _decode(raw: bytes, path: str) -> str:
    try:
        return normalise_text(raw)
    except UnicodeDecodeError:
        guess = ""
        try:
            from charset_normalizer import from_bytes

            best = from_bytes(raw[:65536]).best()
            guess = f" (looks like {best.encoding})" if best is not None else ""
        except ImportError:  # pragma: no cover - charset_normalizer ships with requests
            pass
        raise DocumentSkipped(
            f"{path}: not UTF-8 text{guess}",
            hint="convert it to UTF-8, e.g. 'iconv -f <encoding> -t utf-8'",
        ) from None


def html_article(raw_html: str, path: str) -> tuple[str, dt.date | None, str]:
    """The article text of a web page (what its offsets index), its date and title.

    One reader for ingest, ``evidence cite`` and ``evidence check``, so a pointer made from
    a briefing resolves against the same page.
    """
    import trafilatura

    body = trafilatura.extract(raw_html, include_comments=False, include_tables=False)
    if not body or len(body.split()) < 20:
        raise DocumentSkipped(
            f"{path}: no article text found in the HTML (scripts or navigation only)",
            hint="save the article as plain text and ingest that",
        )
    meta = trafilatura.extract_metadata(raw_html)
    published = None
    title = ""
    if meta is not None:
        title = meta.title or ""
        if meta.date:
            try:
                published = dt.date.fromisoformat(str(meta.date)[:10])
            except ValueError:
                published = None
    return normalise_text(body), published, title


def read_document(path: Path, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> RawDocument:
    """Decode one file; raise DocumentSkipped with the reason when it is unusable."""
    shown = str(path)
    suffix = path.suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        raise DocumentSkipped(
            f"{shown}: unsupported file type {suffix or '(none)'!r}",
            hint="ingest .txt, .md or .html files",
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentSkipped(
            f"{shown}: cannot read ({exc.strerror})", hint="check the path"
        ) from None
    if size == 0:
        raise DocumentSkipped(f"{shown}: empty file", hint="remove it or fill it")
    if size > max_bytes:
        raise DocumentSkipped(
            f"{shown}: too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB)",
            hint="split it into articles, or raise --max-mb",
        )
    raw = path.read_bytes()
    if _looks_binary(raw):
        raise DocumentSkipped(f"{shown}: binary data, not text", hint="ingest text or HTML")
    decoded = _decode(raw, shown)
    if not decoded.strip():
        raise DocumentSkipped(f"{shown}: only whitespace", hint="remove it or fill it")
    if suffix in HTML_SUFFIXES:
        text, html_date, title = html_article(decoded, shown)
        return RawDocument(
            shown, text, sha256_text(text), sha256_text(decoded), "html", html_date, title
        )
    digest = sha256_text(decoded)
    return RawDocument(shown, decoded, digest, digest, "text", None, path.stem)
