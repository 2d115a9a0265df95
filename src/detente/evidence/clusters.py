"""Duplicates and rewrites across documents, and facts linked inside each cluster.

Two documents are rewrites of one another when their TF-IDF cosine is high,
or moderately high and they share a direct quote or two dated event tuples.
Topic overlap alone (two reports of the same meeting) is not enough: that is
corroboration, not a rewrite. Inside a cluster, an event stated with a coarse
date in one member (``this week``) takes the finer date another member gives
(``2 December 2025``), and the cluster's facts count once.
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.evidence.boilerplate import Cut, kept_segments
from detente.evidence.dates import ResolvedDate
from detente.evidence.records import Event, Extraction
from detente.evidence.tfidf import cosine_matrix as tfidf_cosines

STRONG_COSINE = 0.6
SUPPORTED_COSINE = 0.25


@dataclass(frozen=True)
class ClusterDocument:
    key: str
    text: str
    cuts: tuple[Cut, ...]
    extraction: Extraction


@dataclass(frozen=True)
class LinkedEvent:
    """One event as the cluster knows it: the finest date any member gives."""

    kind: str
    actors: tuple[str, ...]
    date: ResolvedDate
    sources: tuple[tuple[str, Event], ...]  # (document key, the event as that member states it)


def body_text(document: ClusterDocument) -> str:
    return "\n".join(
        document.text[s:e] for s, e in kept_segments(document.text, list(document.cuts))
    )


def cosine_matrix(documents: list[ClusterDocument]):
    if len(documents) < 2:
        return [[1.0]] * len(documents)
    return tfidf_cosines([body_text(d) for d in documents])


def _shared_quotes(a: Extraction, b: Extraction) -> int:
    left = {q.normalised for q in a.quotes if len(q.normalised) >= 20}
    right = {q.normalised for q in b.quotes if len(q.normalised) >= 20}
    return sum(any(x in y or y in x for y in right) for x in left)


def _same_event(a: Event, b: Event) -> bool:
    if a.kind != b.kind or len(set(a.actors) & set(b.actors)) < 2:
        return False
    da, db = ResolvedDate(a.date, a.granularity), ResolvedDate(b.date, b.granularity)
    return da.covers(db) or db.covers(da)


def _shared_events(a: Extraction, b: Extraction) -> int:
    return sum(
        any(_same_event(x, y) for y in b.events)
        for x in a.events
        if x.granularity in ("day", "week")
    )


def find_clusters(documents: list[ClusterDocument]) -> list[tuple[list[str], str]]:
    """Clusters of two or more documents, each with the reason its first link was made."""
    cosine = cosine_matrix(documents)
    parent = list(range(len(documents)))
    reasons: dict[int, str] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(documents)):
        for j in range(i + 1, len(documents)):
            score = float(cosine[i][j])
            a, b = documents[i].extraction, documents[j].extraction
            quotes, events = _shared_quotes(a, b), _shared_events(a, b)
            reason = ""
            if score >= STRONG_COSINE:
                reason = f"tf-idf cosine {score:.2f}"
            elif score >= SUPPORTED_COSINE and (quotes or events >= 2):
                reason = f"tf-idf cosine {score:.2f}, {quotes} shared quote(s), {events} event(s)"
            if reason:
                ri, rj = root(i), root(j)
                if ri != rj:
                    parent[rj] = ri
                    reasons.setdefault(ri, reason)
    groups: dict[int, list[str]] = {}
    for i, document in enumerate(documents):
        groups.setdefault(root(i), []).append(document.key)
    return [(keys, reasons.get(r, "")) for r, keys in groups.items() if len(keys) > 1]


def link_events(members: list[tuple[str, Extraction]]) -> list[LinkedEvent]:
    """Merge the events of a cluster's members (or of one lone document) into linked facts."""
    linked: list[LinkedEvent] = []
    for key, extraction in members:
        for event in extraction.events:
            if "hypothetical" in event.context:
                continue
            date = ResolvedDate(event.date, event.granularity)
            matches = [
                (len(set(fact.actors) & set(event.actors)), index)
                for index, fact in enumerate(linked)
                if fact.kind == event.kind
                and len(set(fact.actors) & set(event.actors)) >= 2
                and (fact.date.covers(date) or date.covers(fact.date))
            ]
            if not matches:
                linked.append(LinkedEvent(event.kind, event.actors, date, ((key, event),)))
                continue
            index = max(matches)[1]
            fact = linked[index]
            finer = date if fact.date.covers(date) else fact.date
            actors = tuple(sorted(set(fact.actors) | set(event.actors)))
            linked[index] = LinkedEvent(fact.kind, actors, finer, (*fact.sources, (key, event)))
    return linked
