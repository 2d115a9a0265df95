"""The state a speaker's title names, for speakers no alias of the scenario names.

'Indian Foreign Secretary Vikram Misri', "Pakistan's Deputy Prime Minister and Foreign
Minister Ishaq Dar", 'US President Trump': news introduces an official once with the
state they serve, then writes 'Misri said'. Why: a quote whose speaker has no actor
carries no stance, so a scenario that lists states but not every minister lost what
their officials said (seen on an India-Pakistan case of our own). The title is read
once per document and given to every quote of that person.

A state's body speaks for its state in the same way: "Thailand's Foreign Ministry said",
'the Thai foreign ministry said', "the Thai premier's office said" (seen on a
Thailand-Cambodia case of our own, where every Thai statement came through them and
carried no side), and so does an official it does not name ('a senior Israeli official
said', seen on a Gaza page). A body a person owns stays without one ("Zelensky's
spokesman").
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from detente.evidence.lexicons import HONORIFICS, INSTITUTIONS
from detente.evidence.quotes import TITLES, name_span
from detente.evidence.records import Mention, Quote

# forms of address that go before a name and are no part of it, ranks among them
ADDRESS_FORMS = HONORIFICS | {"sheikh", "sir", "emir", "prince", "king"}
TITLE_DEPS = frozenset(["compound", "amod", "poss", "nmod"])
MAX_TITLE_DEPTH = 3  # 'Indian' -> 'Secretary' -> 'Misri': a title is a short chain
# the head nouns of a state's body that issues statements, and of an unnamed official
# who speaks for one ('a senior Israeli official said': Israel's)
SPEAKING_BODIES = INSTITUTIONS | {"office", "embassy", "mission"} | TITLES


def with_speaker_states(
    doc: Any, offset: int, quotes: list[Quote], mentions: list[Mention], demonyms: dict[str, str]
) -> list[Quote]:
    """``quotes`` with the state of each speaker who has none, where the document's title
    for that person names exactly one state."""
    if all(q.speaker_actor is not None or not q.speaker for q in quotes):
        return quotes
    by_start = {m.start - offset: m for m in mentions}
    states = _person_states(doc, by_start, demonyms)
    out = []
    for quote in quotes:
        if quote.speaker_actor is None and quote.speaker:
            words = quote.speaker.split()
            state = (
                states.get(quote.speaker)
                or states.get(words[-1])
                or _within_a_name(words, states)
                or _body_state(doc, offset, quote, by_start, demonyms)
            )
            if state is not None:
                quote = replace(quote, speaker_actor=state)
        out.append(quote)
    return out


def _within_a_name(words: list[str], states: dict[str, str]) -> str | None:
    """'Sheikh Mohammed' after 'Sheikh Mohammed bin Abdulrahman bin Jassim Al-Thani': a
    shorter form whose every word is in one longer name the page gave a state."""
    named = {w for w in words if w.lower().rstrip(".") not in ADDRESS_FORMS | TITLES}
    if len(words) < 2 or not named:
        return None
    found = {s for name, s in states.items() if " " in name and named <= set(name.split())}
    return next(iter(found)) if len(found) == 1 else None


def _person_states(
    doc: Any, by_start: dict[int, Mention], demonyms: dict[str, str]
) -> dict[str, str]:
    """Each person's whole name and surname -> the one state their titles name
    (``by_start``: the actor mentions by their start in the segment)."""
    found: dict[str, set[str]] = {}
    for ent in doc.ents:
        own = by_start.get(ent.start_char)
        if ent.label_ != "PERSON" or (own is not None and own.is_person):
            continue  # not a person, or a person alias: it already says whose side it is
        state = _title_state(ent.root, ent, by_start, demonyms)
        if state is not None:
            start, end = name_span(ent)  # the whole name the model split, as speakers say it
            for key in (ent.text, ent.text.split()[-1], doc[start:end].text):
                found.setdefault(key, set()).add(state)
    return {key: next(iter(s)) for key, s in found.items() if len(s) == 1}


def _body_state(
    doc: Any, offset: int, quote: Quote, by_start: dict[int, Mention], demonyms: dict[str, str]
) -> str | None:
    """The state that owns a speaking body ('the Thai foreign ministry'); None for a person
    or a body no state owns."""
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    span = doc.char_span(
        quote.speaker_start - offset, quote.speaker_end - offset, alignment_mode="expand"
    )
    if span is None or span.root.lower_ not in SPEAKING_BODIES or span.root.ent_type_ == "PERSON":
        return None
    return _state_left_of(span.root, range(0), by_start, demonyms)


def _title_state(
    root: Any, ent: Any, by_start: dict[int, Mention], demonyms: dict[str, str]
) -> str | None:
    """The state named in the title words left of a name: a nationality adjective or an
    actor that is not a person ('US President', "Pakistan's Foreign Minister"). A name
    whose own title names none shares the first title of a list ("Pakistan's Deputy Prime
    Minister and Foreign Minister Ishaq Dar"); its own title wins ("Malaysia's envoy and
    Cambodian adviser Lee Kong" is Cambodia's)."""
    name = range(ent.start, ent.end)
    own = _state_left_of(root, name, by_start, demonyms)
    if own is None and root.dep_ == "conj":
        return _state_left_of(root.head, name, by_start, demonyms)
    return own


def _state_left_of(
    start: Any, skipped: range, by_start: dict[int, Mention], demonyms: dict[str, str]
) -> str | None:
    """The first state named in the words left of ``start`` (a breadth-first walk of its
    title words), leaving out the tokens in ``skipped`` (the name itself)."""
    frontier = [(start, 0)]
    while frontier:
        token, depth = frontier.pop(0)
        for child in token.lefts:
            if child.dep_ not in TITLE_DEPS or child.i in skipped:
                continue
            mention = by_start.get(child.idx)
            if mention is not None and not mention.is_person:
                return mention.actor
            if child.text in demonyms:
                return demonyms[child.text]
            if depth + 1 < MAX_TITLE_DEPTH:
                frontier.append((child, depth + 1))
    return None
