"""Files to documents to extract: read, date, check, store, and hand them on as they come.

Why a stream: extraction workers can parse the first documents while the rest are
still being read and hashed, instead of waiting for every file first. New documents
are stored a chunk at a time (one statement for the chunk; DuckDB's cost is per
statement and per commit), and a document is handed on only once it is stored, so
an interrupted ingest never leaves records of a document the store lacks.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.evidence import EXTRACTOR_VERSION
from detente.evidence.boilerplate import Cut, body_range, find_cuts
from detente.evidence.dating import index_for, publication_date
from detente.evidence.documents import MAX_DOCUMENT_BYTES, DocumentSkipped, read_document
from detente.evidence.extract import PreparedDocument
from detente.evidence.language import looks_english
from detente.evidence.mixed_language import foreign_paragraphs
from detente.evidence.store import EvidenceStore, NewDocument

FUTURE_TOLERANCE = dt.timedelta(days=1)  # time zones: "tomorrow" may be today somewhere
DOCUMENT_CHUNK = 8  # new documents stored per statement before they are handed on


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    notes: list[str] = field(default_factory=list)  # kept, but a person should know
    words: int = 0


def stored_cuts(document: dict[str, Any]) -> tuple[Cut, ...]:
    return tuple(Cut(a, b, r) for a, b, r in json.loads(document["cuts"] or "[]"))


def _check_not_future(path: Path, date: dt.date, source: str, today: dt.date) -> None:
    if date > today + FUTURE_TOLERANCE:
        raise DocumentSkipped(
            f"{path}: publication date {date} ({source}) is in the future (today is {today})",
            hint="correct the date in its index, header or HTML, or pass --published",
        )


def _cuts(path: Path, text: str, report: IngestReport) -> list[Cut]:
    """Boilerplate plus paragraphs in another language (reported, not dropped)."""
    cuts = find_cuts(text)
    foreign = foreign_paragraphs(text)
    if foreign:
        report.notes.append(
            f"{path}: {len(foreign)} paragraph(s) not in English left out of extraction "
            "(kept in the store)"
        )
    return sorted([*cuts, *foreign], key=lambda c: (c.start, c.end))


def _note_changed(
    versions: dict[str, list[str]], path: Path, sha256: str, report: IngestReport
) -> None:
    stored = versions.get(str(path.resolve()), []) + versions.get(str(path), [])
    earlier = [d for d in stored if d != sha256]
    if earlier:
        report.notes.append(
            f"{path}: changed since it was ingested (sha256 {earlier[-1][:12]} -> "
            f"{sha256[:12]}); stored as a new document, the earlier text is kept"
        )


def documents_to_extract(
    store: EvidenceStore,
    files: list[Path],
    scenario_id: str,
    report: IngestReport,
    paths_by_key: dict[str, str],
    *,
    index_file: Path | None = None,
    published: dt.date | None = None,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    today: dt.date,
) -> Iterator[PreparedDocument]:
    """Each file's document not yet extracted for this scenario, stored first; ``report``
    collects what was added, unchanged or skipped, and ``paths_by_key`` the file of each
    document handed on (sha256 -> path)."""
    # what the store holds, read once: a query per file cost more than reading the file
    versions = store.versions_by_path()
    stored = {sha256 for shas in versions.values() for sha256 in shas}
    extracted = store.extracted(scenario_id, EXTRACTOR_VERSION)
    new: list[NewDocument] = []  # stored at the end of the chunk
    chunk: list[PreparedDocument] = []
    for path in files:
        try:
            raw = read_document(path, max_bytes=max_bytes)
            date, source = publication_date(
                raw, index=index_for(path, index_file), fallback=published
            )
            _check_not_future(path, date, source, today)
            if not looks_english(raw.text):
                raise DocumentSkipped(
                    f"{path}: not English text", hint="detente's pipeline reads English only"
                )
        except DocumentSkipped as exc:
            report.skipped.append((str(path), exc.one_line()))
            continue
        cuts: list[Cut] | None = None
        if raw.sha256 not in stored:
            _note_changed(versions, path, raw.sha256, report)
            cuts = _cuts(path, raw.text, report)
            new.append(
                NewDocument(
                    sha256=raw.sha256,
                    path=str(path.resolve()),  # the briefing reads it again from any folder
                    title=raw.title,
                    kind=raw.kind,
                    published=date,
                    date_source=source,
                    text=raw.text,
                    cuts=cuts,
                    body=body_range(raw.text, cuts),
                    file_sha256=raw.file_sha256,
                )
            )
            stored.add(raw.sha256)
            versions.setdefault(str(path.resolve()), []).append(raw.sha256)
        if raw.sha256 in extracted or raw.sha256 in paths_by_key:
            report.unchanged.append(str(path))
            continue
        if cuts is None:  # stored by an earlier ingest (never one still in ``new``)
            cuts = list(stored_cuts(store.document(raw.sha256)))
        chunk.append(PreparedDocument(raw.sha256, raw.text, date, tuple(cuts)))
        paths_by_key[raw.sha256] = str(path)
        report.added.append(str(path))
        report.words += len(raw.text.split())
        if len(chunk) >= DOCUMENT_CHUNK:
            store.add_documents(new)
            yield from chunk
            new, chunk = [], []
    store.add_documents(new)
    yield from chunk
