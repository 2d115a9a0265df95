"""Ingest files into the store: read, date, mark boilerplate, extract, cluster.

Each file either lands completely (its records in one transaction, shared with
the few documents extracted beside it) or is reported as skipped with the
reason; nothing already stored is touched by a bad file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from detente.evidence import EXTRACTOR_VERSION
from detente.evidence.actors import ActorLexicon
from detente.evidence.boilerplate import Cut, body_range, find_cuts
from detente.evidence.clusters import ClusterDocument, find_clusters, import_vectoriser
from detente.evidence.dating import index_for, publication_date
from detente.evidence.documents import MAX_DOCUMENT_BYTES, DocumentSkipped, read_document
from detente.evidence.extract import ExtractionFailure, PreparedDocument
from detente.evidence.issue_terms import IssueVocabulary
from detente.evidence.language import looks_english
from detente.evidence.mixed_language import foreign_paragraphs
from detente.evidence.records import Extraction
from detente.evidence.store import EvidenceStore
from detente.evidence.workers import extract_all
from detente.scenario.schema import Scenario

AUTO_PARALLEL_WORDS = 20_000  # forked workers share the loaded model: cheap to start
FUTURE_TOLERANCE = dt.timedelta(days=1)  # time zones: "tomorrow" may be today somewhere
STORE_BATCH = 8  # documents per store transaction: DuckDB's cost is per statement


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    notes: list[str] = field(default_factory=list)  # kept, but a person should know
    words: int = 0


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the .txt/.md/.html files inside any folder given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix.lower() in (".txt", ".md", ".html", ".htm")
                )
            )
        else:
            files.append(path)
    return files


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


def ingest_paths(
    store: EvidenceStore,
    paths: Iterable[Path],
    scenario: Scenario,
    *,
    index_file: Path | None = None,
    published: dt.date | None = None,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    n_process: int | None = None,
    today: dt.date | None = None,
) -> IngestReport:
    report = IngestReport()
    today = today or dt.date.today()
    pending: list[PreparedDocument] = []
    paths_by_key: dict[str, str] = {}
    # what the store holds, read once: a query per file cost more than reading the file
    versions = store.versions_by_path()
    stored = {sha256 for shas in versions.values() for sha256 in shas}
    extracted = store.extracted(scenario.id, EXTRACTOR_VERSION)
    for path in expand_paths(paths):
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
        if raw.sha256 not in stored:
            _note_changed(versions, path, raw.sha256, report)
            cuts = _cuts(path, raw.text, report)
            store.add_document(
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
            stored.add(raw.sha256)
            versions.setdefault(str(path.resolve()), []).append(raw.sha256)
        else:
            cuts = list(stored_cuts(store.document(raw.sha256)))
        if raw.sha256 in extracted or raw.sha256 in paths_by_key:
            report.unchanged.append(str(path))
            continue
        pending.append(PreparedDocument(raw.sha256, raw.text, date, tuple(cuts)))
        paths_by_key[raw.sha256] = str(path)
        report.added.append(str(path))
        report.words += len(raw.text.split())
    if n_process is None:  # worker start-up only pays off on a sizeable batch
        n_process = 2 if report.words >= AUTO_PARALLEL_WORDS else 1
    for key, reason in extract_into(store, pending, scenario, n_process=n_process):
        report.added.remove(paths_by_key[key])
        report.skipped.append((paths_by_key[key], f"{paths_by_key[key]}: {reason}"))
    refresh_clusters(store, scenario)
    return report


def extract_into(
    store: EvidenceStore,
    documents: list[PreparedDocument],
    scenario: Scenario,
    *,
    n_process: int = 1,
) -> list[tuple[str, str]]:
    """Extract and store; return (document sha256, reason) for documents that failed."""
    lexicon = ActorLexicon.from_scenario(scenario)
    failures = []
    vocabulary = IssueVocabulary.from_scenario(scenario)
    done: list[tuple[str, Extraction]] = []  # written a few documents per transaction
    results = extract_all(documents, lexicon, vocabulary, n_process=n_process)
    for index, (key, extraction) in enumerate(results):
        if index == 0 and n_process > 1:  # the workers have batches queued: use the wait
            import_vectoriser()
        if isinstance(extraction, ExtractionFailure):
            failures.append((key, extraction.reason))
            store.add_failure(key, scenario.id, EXTRACTOR_VERSION, extraction.reason)
            continue
        done.append((key, extraction))
        if len(done) >= STORE_BATCH:
            store.add_extractions(done, scenario.id, EXTRACTOR_VERSION)
            done = []
    store.add_extractions(done, scenario.id, EXTRACTOR_VERSION)
    return failures


def ensure_extracted(
    store: EvidenceStore, scenario: Scenario, as_of: dt.date | None = None
) -> dict[str, str]:
    """Extract stored documents not yet read for this scenario (another scenario's, or
    one an interrupted ingest left); return {sha256: reason} for those that failed, now
    or before (a recorded failure is not retried: it would fail again, slowly)."""
    failed = store.failures(scenario.id, EXTRACTOR_VERSION)
    documents = store.documents(as_of)
    missing = [
        PreparedDocument(d["sha256"], d["text"], d["published"], stored_cuts(d))
        for d in documents
        if d["sha256"] not in failed
        and not store.has_extraction(d["sha256"], scenario.id, EXTRACTOR_VERSION)
    ]
    known = {d["sha256"] for d in documents} & set(failed)
    new = dict(extract_into(store, missing, scenario)) if missing else {}
    return {**{k: failed[k] for k in known}, **new}


def stored_cuts(document: dict) -> tuple[Cut, ...]:
    import json

    return tuple(Cut(a, b, r) for a, b, r in json.loads(document["cuts"] or "[]"))


def cluster_documents(
    store: EvidenceStore, scenario: Scenario, as_of: dt.date | None = None
) -> list[ClusterDocument]:
    """Documents with their extraction; one whose extraction failed is left out."""
    return [
        ClusterDocument(
            d["sha256"],
            d["text"],
            stored_cuts(d),
            store.extraction(d["sha256"], scenario.id, EXTRACTOR_VERSION),
        )
        for d in store.documents(as_of)
        if store.has_extraction(d["sha256"], scenario.id, EXTRACTOR_VERSION)
    ]


def refresh_clusters(store: EvidenceStore, scenario: Scenario) -> None:
    """Recompute the rewrite clusters of every extracted document; clustering compares
    only quotes and events, so only those are read back (see ``quotes_and_events``)."""
    records = store.quotes_and_events(scenario.id, EXTRACTOR_VERSION)
    clusters = find_clusters(
        [
            ClusterDocument(d["sha256"], d["text"], stored_cuts(d), records[d["sha256"]])
            for d in store.documents()
            if d["sha256"] in records
        ]
    )
    store.replace_clusters(
        [(i, key, reason) for i, (keys, reason) in enumerate(clusters, 1) for key in keys]
    )
