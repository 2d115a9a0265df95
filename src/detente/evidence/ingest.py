"""Ingest files into the store: read, date, mark boilerplate, extract, cluster.

Each file either lands completely (its records in one transaction, shared with
the few documents extracted beside it) or is reported as skipped with the
reason; nothing already stored is touched by a bad file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from detente.evidence import EXTRACTOR_VERSION
from detente.evidence.actors import ActorLexicon
from detente.evidence.clusters import ClusterDocument, find_clusters
from detente.evidence.documents import MAX_DOCUMENT_BYTES
from detente.evidence.extract import ExtractionFailure, PreparedDocument
from detente.evidence.issue_terms import IssueVocabulary
from detente.evidence.new_documents import IngestReport, documents_to_extract, stored_cuts
from detente.evidence.records import Extraction
from detente.evidence.store import EvidenceStore
from detente.evidence.workers import extract_all
from detente.scenario.schema import Scenario

AUTO_PARALLEL_BYTES = 120_000  # about 20,000 words: forked workers share the loaded model
STORE_BATCH = 8  # documents per store transaction: DuckDB's cost is per statement


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


def _size(files: list[Path]) -> int:
    """The files' bytes on disk: what decides, before any is read, whether workers pay."""
    total = 0
    for path in files:
        with contextlib.suppress(OSError):  # reading it will say why
            total += path.stat().st_size
    return total


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
    """Read, store and extract ``paths``; the files are read while the first of them are
    being extracted (see ``new_documents``)."""
    report = IngestReport()
    files = expand_paths(paths)
    if n_process is None:  # worker start-up only pays off on a sizeable batch
        n_process = 2 if _size(files) >= AUTO_PARALLEL_BYTES else 1
    paths_by_key: dict[str, str] = {}
    documents = documents_to_extract(
        store,
        files,
        scenario.id,
        report,
        paths_by_key,
        index_file=index_file,
        published=published,
        max_bytes=max_bytes,
        today=today or dt.date.today(),
    )
    for key, reason in extract_into(store, documents, scenario, n_process=n_process):
        report.added.remove(paths_by_key[key])
        report.skipped.append((paths_by_key[key], f"{paths_by_key[key]}: {reason}"))
    refresh_clusters(store, scenario)
    return report


def extract_into(
    store: EvidenceStore,
    documents: Iterable[PreparedDocument],
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
    for key, extraction in results:
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
