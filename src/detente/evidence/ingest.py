"""Ingest files into the store: read, date, mark boilerplate, extract, cluster.

Each file either lands completely (its own transaction) or is reported as
skipped with the reason; nothing already stored is touched by a bad file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from detente.evidence import EXTRACTOR_VERSION
from detente.evidence.actors import ActorLexicon
from detente.evidence.boilerplate import Cut, body_range, find_cuts
from detente.evidence.clusters import ClusterDocument, find_clusters
from detente.evidence.dating import index_for, publication_date
from detente.evidence.documents import MAX_DOCUMENT_BYTES, DocumentSkipped, read_document
from detente.evidence.extract import ExtractionFailure, PreparedDocument, extract_documents
from detente.evidence.issue_terms import IssueVocabulary
from detente.evidence.language import looks_english
from detente.evidence.store import EvidenceStore
from detente.scenario.schema import Scenario

AUTO_PARALLEL_WORDS = 50_000


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
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


def ingest_paths(
    store: EvidenceStore,
    paths: Iterable[Path],
    scenario: Scenario,
    *,
    index_file: Path | None = None,
    published: dt.date | None = None,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    n_process: int | None = None,
) -> IngestReport:
    report = IngestReport()
    pending: list[PreparedDocument] = []
    for path in expand_paths(paths):
        try:
            raw = read_document(path, max_bytes=max_bytes)
            date, source = publication_date(
                raw, index=index_for(path, index_file), fallback=published
            )
            if not looks_english(raw.text):
                raise DocumentSkipped(
                    f"{path}: not English text", hint="detente's pipeline reads English only"
                )
        except DocumentSkipped as exc:
            report.skipped.append((str(path), exc.one_line()))
            continue
        cuts = find_cuts(raw.text)
        if not store.has_document(raw.sha256):
            store.add_document(
                sha256=raw.sha256,
                path=str(path),
                title=raw.title,
                kind=raw.kind,
                published=date,
                date_source=source,
                text=raw.text,
                cuts=cuts,
                body=body_range(raw.text, cuts),
                file_sha256=raw.file_sha256,
            )
        if store.has_extraction(raw.sha256, scenario.id, EXTRACTOR_VERSION) or any(
            p.key == raw.sha256 for p in pending
        ):
            report.unchanged.append(str(path))
            continue
        pending.append(PreparedDocument(raw.sha256, raw.text, date, tuple(cuts)))
        report.added.append(str(path))
        report.words += len(raw.text.split())
    if n_process is None:  # worker start-up only pays off on a sizeable batch
        n_process = 2 if report.words >= AUTO_PARALLEL_WORDS else 1
    paths_by_key = dict(zip((p.key for p in pending), report.added, strict=True))
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
    for document, extraction in extract_documents(
        documents, lexicon, IssueVocabulary.from_scenario(scenario), n_process=n_process
    ):
        if isinstance(extraction, ExtractionFailure):
            failures.append((document.key, extraction.reason))
            continue
        store.add_extraction(document.key, scenario.id, EXTRACTOR_VERSION, extraction)
    return failures


def ensure_extracted(store: EvidenceStore, scenario: Scenario) -> None:
    """Extract stored documents not yet read for this scenario (e.g. another scenario's)."""
    missing = [
        PreparedDocument(d["sha256"], d["text"], d["published"], stored_cuts(d))
        for d in store.documents()
        if not store.has_extraction(d["sha256"], scenario.id, EXTRACTOR_VERSION)
    ]
    if missing:
        extract_into(store, missing, scenario)


def stored_cuts(document: dict) -> tuple[Cut, ...]:
    import json

    return tuple(Cut(a, b, r) for a, b, r in json.loads(document["cuts"] or "[]"))


def cluster_documents(
    store: EvidenceStore, scenario: Scenario, as_of: dt.date | None = None
) -> list[ClusterDocument]:
    return [
        ClusterDocument(
            d["sha256"],
            d["text"],
            stored_cuts(d),
            store.extraction(d["sha256"], scenario.id, EXTRACTOR_VERSION),
        )
        for d in store.documents(as_of)
    ]


def refresh_clusters(store: EvidenceStore, scenario: Scenario) -> None:
    clusters = find_clusters(cluster_documents(store, scenario))
    store.replace_clusters(
        [(i, key, reason) for i, (keys, reason) in enumerate(clusters, 1) for key in keys]
    )
