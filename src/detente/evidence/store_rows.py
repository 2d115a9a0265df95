"""How each kind of extraction record becomes rows of its table in the evidence store.

Kept apart from ``store.py`` so that the column order of every record table is stated
once, next to the record it comes from, and the store only moves rows.
"""

from __future__ import annotations

from collections.abc import Callable

from detente.evidence.records import Extraction

Row = tuple[object, ...]


def _mentions(x: Extraction) -> list[Row]:
    return [(m.start, m.end, m.actor, m.surface, m.method, m.is_person) for m in x.mentions]


def _quotes(x: Extraction) -> list[Row]:
    return [
        (
            q.start,
            q.end,
            q.speaker,
            q.speaker_actor,
            q.speaker_start,
            q.speaker_end,
            q.method,
            q.normalised,
        )
        for q in x.quotes
    ]


def _events(x: Extraction) -> list[Row]:
    return [
        (
            e.start,
            e.end,
            e.kind,
            e.date_start,
            e.date_end,
            e.date,
            e.granularity,
            list(e.actors),
            list(e.context),
        )
        for e in x.events
    ]


def _stances(x: Extraction) -> list[Row]:
    return [
        (
            s.start,
            s.end,
            s.actor,
            s.issue,
            s.polarity,
            s.direction,
            list(s.context),
            s.cue_start,
            s.cue_end,
        )
        for s in x.stances
    ]


def _claims(x: Extraction) -> list[Row]:
    return [(c.start, c.end, c.kind, c.subject_actor, c.claimed_actor, c.surface) for c in x.claims]


def _candidates(x: Extraction) -> list[Row]:
    return [(c.start, c.end, c.surface, c.label) for c in x.candidates]


# table -> the rows of one extraction (without the document/scenario/version key)
RECORD_ROWS: dict[str, Callable[[Extraction], list[Row]]] = {
    "mentions": _mentions,
    "quotes": _quotes,
    "events": _events,
    "stances": _stances,
    "claims": _claims,
    "candidates": _candidates,
}
