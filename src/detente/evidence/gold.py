"""Score extractions against a hand-annotated gold file (offsets + span hashes only).

Matching is one-to-one by overlapping spans and equal labels: the actor for
mentions, the speaker's name (contained in the predicted speaker, without a leading
'the' or honorific, one spelling of a -yy/-iy ending) for quotes,
PLOVER kind and normalised date for events, actor + issue + polarity for
stances. Events are also scored on date alone (span + date, any kind).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from detente.evidence.lexicons import HONORIFICS
from detente.evidence.records import Extraction


@dataclass(frozen=True)
class Score:
    true_positives: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0


def _match(
    gold: list[dict],
    predicted: list[Any],
    same: Callable[[dict, Any], bool],
    span: Callable[[Any], tuple[int, int]],
) -> int:
    used: set[int] = set()
    hits = 0
    for g in gold:
        for index, p in enumerate(predicted):
            start, end = span(p)
            if index not in used and start < g["end"] and g["start"] < end and same(g, p):
                used.add(index)
                hits += 1
                break
    return hits


def _speaker_form(name: str) -> str:
    """A name as the quote scorer compares it: no leading article ('the Kremlin' is said by
    a speaker 'Kremlin' too) or honorific ('Sir Keir Starmer' is 'Keir Starmer'), one
    spelling of a transliterated -yy / -iy ending ('Zelenskyy', 'Zelenskiy', 'Zelensky')."""
    words = name.lower().removeprefix("the ").split()
    while words and words[0].rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(re.sub(r"(?:yy|iy)$", "y", w) for w in words)


def _same_speaker(gold: str, predicted: str) -> bool:
    """The gold's speaker named inside the predicted one (as specific or more)."""
    return _speaker_form(gold) in _speaker_form(predicted)


def score_document(gold: dict, extraction: Extraction) -> dict[str, Score]:
    """Per-type scores; predicted events flagged hypothetical are not claims of fact and
    are left out, as the gold file annotates only events the text says happened."""
    factual = [e for e in extraction.events if "hypothetical" not in e.context]
    checks: dict[str, tuple[list, Callable, Callable]] = {
        "mentions": (
            list(extraction.mentions),
            lambda g, p: g["actor"] == p.actor,
            lambda p: (p.start, p.end),
        ),
        "quotes": (
            list(extraction.quotes),
            lambda g, p: _same_speaker(g["speaker"], p.speaker),
            lambda p: (p.start, p.end),
        ),
        "events": (
            factual,
            lambda g, p: g["kind"] == p.kind and g["date"] == p.date.isoformat(),
            lambda p: (p.date_start, p.date_end),
        ),
        "event_dates": (
            factual,
            lambda g, p: g["date"] == p.date.isoformat() and g["granularity"] == p.granularity,
            lambda p: (p.date_start, p.date_end),
        ),
        "stances": (
            list(extraction.stances),
            lambda g, p: (g["actor"], g["issue"], g["polarity"]) == (p.actor, p.issue, p.polarity),
            lambda p: (p.start, p.end),
        ),
    }
    scores = {}
    for kind, (predicted, same, span) in checks.items():
        expected = gold["events" if kind == "event_dates" else kind]
        scores[kind] = Score(_match(expected, predicted, same, span), len(predicted), len(expected))
    scores["date_resolution"] = date_resolution(gold["events"], factual)
    return scores


STANCE_LOSSES = (
    "found",
    "wrong polarity",
    "wrong actor",
    "another issue",
    "missed, issue named in its sentence",
    "missed, issue named elsewhere in the document",
    "missed, issue never named",
)
SENTENCE_END = re.compile(r"[.!?][\"'’”)]*\s|\n")


def stance_losses(gold: dict, extraction: Extraction, text: str, issues: Any) -> Counter:
    """Where stance recall is lost: each gold stance in the first of ``STANCE_LOSSES`` that
    holds. An extracted stance over its span with its actor, issue and polarity finds it;
    one with its actor and issue has the wrong polarity; one with its issue the wrong
    actor; any other, another issue. Without one, does the issue vocabulary (``issues``,
    an ``IssueVocabulary``) name the gold's issue in the sentence around the span, elsewhere
    in the text, or nowhere? Why: the stance rules read only sentences that name an issue,
    so the last two say how much recall the vocabulary, not the grammar, leaves out."""
    losses: Counter = Counter()
    for g in gold["stances"]:
        over = [p for p in extraction.stances if p.start < g["end"] and g["start"] < p.end]
        label = (g["actor"], g["issue"], g["polarity"])
        if any((p.actor, p.issue, p.polarity) == label for p in over):
            losses["found"] += 1
        elif any((p.actor, p.issue) == label[:2] for p in over):
            losses["wrong polarity"] += 1
        elif any(p.issue == g["issue"] for p in over):
            losses["wrong actor"] += 1
        elif over:
            losses["another issue"] += 1
        else:
            patterns = [pattern for pattern, _ in issues.patterns.get(g["issue"], ())]
            start, end = _sentence_around(text, g["start"], g["end"])
            if any(p.search(text, start, end) for p in patterns):
                losses["missed, issue named in its sentence"] += 1
            elif any(p.search(text) for p in patterns):
                losses["missed, issue named elsewhere in the document"] += 1
            else:
                losses["missed, issue never named"] += 1
    return losses


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """From the end of the sentence before ``start`` to the end of the one holding ``end``."""
    before = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    after = SENTENCE_END.search(text, end)
    return (before[-1] if before else 0), (after.start() + 1 if after else len(text))


def date_resolution(gold_events: list[dict], events: list[Any]) -> Score:
    """How well dates are read where an event was found: of the gold events that an
    extracted event dates (its date span overlaps theirs), how many get the gold's date and
    granularity. ``predicted`` counts those found, ``expected`` every gold event, so
    precision is the dating and recall the dating times the detection (the 'event dates'
    target is about the first: the year from the document's date, 'Feb. 17-18')."""
    found = right = 0
    for g in gold_events:
        near = [p for p in events if p.date_start < g["end"] and g["start"] < p.date_end]
        if near:
            found += 1
            right += any(
                p.date.isoformat() == g["date"] and p.granularity == g["granularity"] for p in near
            )
    return Score(right, found, len(gold_events))


def total(scores: list[dict[str, Score]]) -> dict[str, Score]:
    kinds = scores[0].keys() if scores else []
    return {
        k: Score(
            sum(s[k].true_positives for s in scores),
            sum(s[k].predicted for s in scores),
            sum(s[k].expected for s in scores),
        )
        for k in kinds
    }


def annotation_as_extraction(entry: dict) -> SimpleNamespace:
    """A hand annotation in the shape ``score_document`` reads an extraction in, so one
    annotator can be scored against another by the same matching (an annotated event's
    span is its date expression, as an extracted event's date span is)."""
    events = [
        SimpleNamespace(
            date_start=e["start"],
            date_end=e["end"],
            kind=e["kind"],
            date=dt.date.fromisoformat(e["date"]),
            granularity=e["granularity"],
            context=(),
        )
        for e in entry["events"]
    ]
    return SimpleNamespace(
        mentions=[SimpleNamespace(**m) for m in entry["mentions"]],
        quotes=[SimpleNamespace(**q) for q in entry["quotes"]],
        events=events,
        stances=[SimpleNamespace(**x) for x in entry["stances"]],
    )


def annotator_agreement(
    first: dict[str, dict], second: dict[str, dict]
) -> tuple[list[str], dict[str, Score], dict[str, Score]]:
    """The documents both annotated; the second annotation scored against the first, and
    the first against the second. Why: two people reading by the same conventions bound
    what any extractor can score against either of them."""
    keys = sorted(k for k in second if k in first)
    for key in keys:
        if first[key]["sha256"] != second[key]["sha256"]:
            raise ValueError(f"{key}: the two annotations are of different texts (sha256)")
    b_on_a = total([score_document(first[k], annotation_as_extraction(second[k])) for k in keys])
    a_on_b = total([score_document(second[k], annotation_as_extraction(first[k])) for k in keys])
    return keys, b_on_a, a_on_b
