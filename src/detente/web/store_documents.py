"""Documents and their extracted spans from the evidence store (DuckDB), for the evidence page.

Why open the store per request under a lock: DuckDB allows one writer per file and
the ingest command may run beside the dashboard; holding no connection between
requests keeps the file free, and the lock keeps our own threads from racing.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

from detente.scenario.schema import Scenario
from detente.web.documents import DocumentView, NotFound
from detente.web.highlight import Span

_LOCK = threading.Lock()
SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _spans(extraction: Any) -> tuple[Span, ...]:
    """Mentions, quotes, events, stances and conflicting claims of an Extraction."""
    spans: list[Span] = []
    for m in extraction.mentions:
        spans.append(Span(m.start, m.end, f"mention:{m.actor}", "mention", f"actor {m.actor}"))
    for q in extraction.quotes:
        who = q.speaker_actor or q.speaker or "unknown speaker"
        spans.append(Span(q.start, q.end, f"quote:{who}", "quote", f"quote by {who}"))
    for e in extraction.events:
        note = f"{e.kind} on {e.date} ({', '.join(e.actors)})"
        spans.append(Span(e.start, e.end, f"event:{e.kind}", "event", note))
    for s in extraction.stances:
        note = f"{s.actor} {s.polarity} on {s.issue}" + (
            f" [{', '.join(s.context)}]" if s.context else ""
        )
        spans.append(Span(s.start, s.end, f"stance:{s.actor}:{s.issue}", "stance", note))
    for c in extraction.claims:
        spans.append(
            Span(
                c.start,
                c.end,
                f"claim:{c.kind}",
                "drifted",
                f"{c.subject_actor} as {c.claimed_actor}",
            )
        )
    return tuple(spans)


def store_documents(store: Path, scenario: Scenario, with_text: bool) -> list[DocumentView]:
    """Every stored document with the spans extracted for ``scenario`` (latest extractor)."""
    from detente.evidence import EXTRACTOR_VERSION
    from detente.evidence.store import EvidenceStore

    views = []
    with _LOCK, EvidenceStore(store) as db:
        for doc in db.documents():
            sha = doc["sha256"]
            spans: tuple[Span, ...] = ()
            if with_text and db.has_extraction(sha, scenario.id, EXTRACTOR_VERSION):
                spans = _spans(db.extraction(sha, scenario.id, EXTRACTOR_VERSION))
            views.append(
                DocumentView(
                    sha,
                    doc["title"] or Path(doc["path"] or sha).name,
                    doc["published"].isoformat() if doc["published"] else None,
                    doc["text"] if with_text else None,
                    spans,
                    (),
                    bool(doc["published"] and doc["published"] > scenario.as_of),
                )
            )
    return views


def store_document(store: Path, scenario: Scenario, sha256: str) -> DocumentView:
    if not SHA256.match(sha256):
        raise NotFound(f"no stored document {sha256!r}", hint="documents are named by sha256")
    for view in store_documents(store, scenario, with_text=True):
        if view.id == sha256:
            return view
    raise NotFound(f"no stored document {sha256!r}")


def store_briefing(store: Path, scenario: Scenario) -> Any:
    """The briefing as of the scenario's as_of, as the CLI shows it (sentences read from
    the source files now; a missing or changed file is said so)."""
    from detente.evidence.briefing import build_briefing
    from detente.evidence.briefing_view import build_view
    from detente.evidence.store import EvidenceStore

    with _LOCK, EvidenceStore(store) as db:
        briefing = build_briefing(db, scenario, scenario.as_of)
    return build_view(briefing)
