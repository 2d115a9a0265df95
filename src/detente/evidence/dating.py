"""The publication date of a document: HTML metadata, index file, crawler header, flag.

The order is the issue's: what the document itself carries (HTML metadata),
then the curated index next to it, then a crawler header line, then the date
the user passed as a last resort. The as-of filter depends on this date, so
a document without one is skipped rather than guessed.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from detente.evidence.documents import DocumentSkipped, RawDocument

CRAWLER_HEADER = re.compile(r"\A\s*(?:date|published|posted)\s*:?\s*(\d{4}-\d{2}-\d{2})\b", re.I)
INDEX_NAMES = ("INDEX.csv", "index.csv")


def header_end(text: str) -> int:
    """Where the article starts after an inline crawler header (' date 2025-11-19 AP, ...'),
    0 if there is none: parsed with the first sentence, the date turns its subject into a
    number and its events into the header's date."""
    match = CRAWLER_HEADER.match(text)
    if not match:
        return 0
    end = match.end()
    return end + len(text[end:]) - len(text[end:].lstrip(" \t"))


# A wire dateline before the first sentence: 'KUALA LUMPUR, Oct 26 — ', 'BRUSSELS: ',
# 'AP, KYIV, Ukraine: ', 'KINSHASA, DRC | Xinhua | ' (a place in capitals, an optional
# date or agency, then a dash, colon or bar)
DATELINE = re.compile(
    r"(?:[A-Z]{2,}[.,]?\s+)?[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+\d{1,2})?){0,2}"
    r"(?:\s*\|\s*[A-Za-z]+)?\s*(?:—|–|-|:|\|)\s+"
)


def lead_end(text: str) -> int:
    """Where the first sentence starts: after the crawler header and a wire dateline."""
    start = header_end(text)
    line_end = text.find("\n", start)
    match = DATELINE.match(text, start, line_end if line_end >= 0 else len(text))
    if match and match.end() - start <= 60:
        return match.end()
    return start


def read_index(path: Path) -> dict[str, dt.date]:
    """Map file name -> publication date from an index CSV with 'file' and 'published'."""
    dates: dict[str, dt.date] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name, published = (row.get("file") or "").strip(), (row.get("published") or "")
            try:
                dates[name] = dt.date.fromisoformat(published.strip())
            except ValueError:
                continue
    return dates


def index_for(document_path: Path, explicit: Path | None) -> dict[str, dt.date]:
    """The index file given explicitly, else one beside the document (if any)."""
    candidates = [explicit] if explicit else [document_path.parent / n for n in INDEX_NAMES]
    for candidate in candidates:
        if candidate is not None and candidate.is_file():
            return read_index(candidate)
    return {}


def crawler_header_date(text: str) -> dt.date | None:
    match = CRAWLER_HEADER.match(text)
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def publication_date(
    document: RawDocument,
    *,
    index: dict[str, dt.date],
    fallback: dt.date | None = None,
) -> tuple[dt.date, str]:
    """The publication date and where it came from; DocumentSkipped when there is none."""
    if document.html_date is not None:
        return document.html_date, "html-metadata"
    name = Path(document.path).name
    if name in index:
        return index[name], "index"
    header = crawler_header_date(document.text)
    if header is not None:
        return header, "crawler-header"
    if fallback is not None:
        return fallback, "flag"
    raise DocumentSkipped(
        f"{document.path}: no publication date (no HTML date, index entry or header line)",
        hint="pass --published YYYY-MM-DD or add the file to an INDEX.csv beside it",
    )
