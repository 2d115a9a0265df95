"""Dated events: a date expression tied to the nearest PLOVER trigger in its sentence."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from detente.evidence.dates import resolve_date
from detente.evidence.lexicons import HYPOTHETICAL_WORDS, TRIGGER_TYPE
from detente.evidence.quotes import find_quote_spans
from detente.evidence.records import Event, Mention

MAX_TRIGGER_DISTANCE = 20  # tokens between the date and its trigger
RELATIVE = re.compile(
    r"\b(?:(?:this|last|next) week|yesterday|today|tomorrow|"
    r"(?:last |next )?(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.I,
)


def date_spans(doc: Any) -> list[Any]:
    """spaCy DATE entities plus relative expressions the model misses ('this week’s')."""
    spans = [
        doc.char_span(m.start(), m.end(), alignment_mode="expand")
        for m in RELATIVE.finditer(doc.text)
    ]
    spans = [s for s in spans if s is not None]
    taken = [(s.start_char, s.end_char) for s in spans]
    for ent in doc.ents:
        if ent.label_ == "DATE" and not any(
            a < ent.end_char and ent.start_char < b for a, b in taken
        ):
            spans.append(ent)
    return sorted(spans, key=lambda s: s.start_char)


def extract_events(
    doc: Any, offset: int, published: dt.date, mentions: list[Mention]
) -> list[Event]:
    events = []
    says_today = bool(re.search(r"\btoday\b", doc.text, re.I))
    quoted = [(a + offset, b + offset) for a, b in find_quote_spans(doc.text)]
    for ent in date_spans(doc):
        resolved = resolve_date(ent.text, published, says_today)
        if resolved is None:
            continue
        sentence = ent.sent
        triggers = [
            t
            for t in sentence
            if t.lower_ in TRIGGER_TYPE
            and not (ent.start <= t.i < ent.end)
            and abs(t.i - ent.start) <= MAX_TRIGGER_DISTANCE
        ]
        if not triggers:
            continue
        head = ent.root.head
        trigger = (
            head
            if head in triggers
            else min(triggers, key=lambda t: (abs(t.i - ent.start), t.i < ent.start))
        )
        s0, s1 = sentence.start_char + offset, sentence.end_char + offset
        actors = tuple(
            sorted(
                {
                    m.actor
                    for m in mentions
                    if s0 <= m.start < s1 and not any(a <= m.start < b for a, b in quoted)
                }
            )
        )
        context = []
        # a modal on the trigger verb, or on the verb a noun trigger is the object of
        verb = trigger if trigger.tag_.startswith("VB") else None
        if verb is None and trigger.dep_ in ("dobj", "pobj", "attr", "oprd"):
            verb = trigger.head if trigger.dep_ != "pobj" else trigger.head.head
        if verb is not None and any(t.lower_ in HYPOTHETICAL_WORDS for t in verb.children):
            context.append("hypothetical")
        if resolved.value > published:
            context.append("future")
        events.append(
            Event(
                trigger.idx + offset,
                trigger.idx + len(trigger.text) + offset,
                TRIGGER_TYPE[trigger.lower_],
                ent.start_char + offset,
                ent.end_char + offset,
                resolved.value,
                resolved.granularity,
                actors,
                tuple(context),
            )
        )
    return events
