"""Stances of actors on the scenario's issues, with polarity and context.

A sentence that names an issue (lexicon per issue id) and carries a cue word
(support / oppose / demand) states a stance of the cue's subject, else of the
nearest actor before the cue, else of the actor the previous sentences were
about (section-style prose: "Russia ... Its goals include ...").
"""

from __future__ import annotations

from typing import Any

from detente.evidence.lexicons import (
    CONDITION_WORDS,
    DEMAND_CUES,
    HYPOTHETICAL_WORDS,
    ISSUE_PATTERNS,
    NEGATIONS,
    OPPOSE_CUES,
    PRONOUNS,
    REPORTED_WORDS,
    SUPPORT_CUES,
)
from detente.evidence.records import Mention, Stance

REFERRING = PRONOUNS | {"this", "that", "which"}  # subjects that point back to a holder
NOT_AN_ACTOR = "-"  # the stance has a subject, and it is none of the scenario's actors
FLIP = {"support": "oppose", "oppose": "support", "demand": "oppose"}


def _cue_polarity(token: Any) -> str | None:
    word = token.lower_
    if word in DEMAND_CUES:
        return "demand"
    if word in OPPOSE_CUES:
        return "oppose"
    if word in SUPPORT_CUES:
        return "support"
    return None


def _negated(token: Any) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if token.dep_ in ("xcomp", "ccomp") and any(c.dep_ == "neg" for c in token.head.children):
        return True
    window = token.doc[max(token.sent.start, token.i - 3) : token.i]
    return any(t.lower_ in NEGATIONS for t in window)


MAX_CUE_DISTANCE = 14  # tokens between the issue keyword and its cue word


def extract_stances(
    doc: Any, offset: int, mentions: list[Mention], issues: tuple[str, ...]
) -> list[Stance]:
    wanted = [issue for issue in issues if issue in ISSUE_PATTERNS]
    stances: list[Stance] = []
    recent_actor: str | None = None
    for sentence in doc.sents:
        s0, s1 = sentence.start_char + offset, sentence.end_char + offset
        inside = [m for m in mentions if s0 <= m.start < s1]
        holders = [m for m in inside if _holds(m, sentence, offset)]
        text = sentence.text
        for issue in wanted:
            best = _best_pair(sentence, issue)
            if best is None:
                continue
            key, sign, cue = best
            actor = _stance_actor(cue, inside, offset, key)
            if actor == NOT_AN_ACTOR:
                continue
            if actor is None:
                actor = holders[0].actor if holders else recent_actor
            if actor is None:
                continue
            polarity = _cue_polarity(cue) or "support"
            context = []
            before_key = sentence.doc[max(sentence.start, key.start - 3) : key.start]
            if _negated(cue) or any(t.lower_ in ("not", "no") for t in before_key):
                context.append("negated")
                polarity = FLIP.get(polarity, polarity)
            if CONDITION_WORDS.search(text):
                context.append("conditional")
                if polarity == "support":
                    polarity = "conditional"
            if any(t.lower_ in HYPOTHETICAL_WORDS and t.tag_ == "MD" for t in sentence):
                context.append("hypothetical")
            if REPORTED_WORDS.search(text):
                context.append("reported")
            direction = sign * (-1 if polarity == "oppose" else 1)
            stances.append(
                Stance(
                    s0,
                    s1,
                    actor,
                    issue,
                    polarity,
                    direction,
                    tuple(context),
                    cue.idx + offset,
                    cue.idx + len(cue.text) + offset,
                )
            )
        if holders:
            recent_actor = holders[0].actor
        elif len(inside) == 1 and len(sentence) <= 4:  # a heading: "Russia", "The United States"
            recent_actor = inside[0].actor
    return stances


def _best_pair(sentence: Any, issue: str) -> tuple[Any, int, Any] | None:
    """The (keyword span, sign, cue token) pair closest together in the sentence."""
    doc = sentence.doc
    matches = [
        (m, sign)
        for pattern, sign in ISSUE_PATTERNS[issue]
        for m in pattern.finditer(sentence.text)
    ]
    if not matches:
        return None
    cues = [t for t in sentence if _cue_polarity(t) is not None]
    best, best_distance = None, MAX_CUE_DISTANCE + 1
    for match, sign in matches:
        key = doc.char_span(
            sentence.start_char + match.start(),
            sentence.start_char + match.end(),
            alignment_mode="expand",
        )
        for cue in cues:
            if key.start <= cue.i < key.end:
                continue
            distance = abs(cue.i - key.start) + (0.5 if cue.i > key.start else 0)
            if distance < best_distance:
                best, best_distance = (key, sign, cue), distance
    return best


def _holds(mention: Mention, sentence: Any, offset: int) -> bool:
    """A mention that is the sentence's subject, or the possessor of it ('Russia's goals')."""
    span = sentence.doc.char_span(
        mention.start - offset, mention.end - offset, alignment_mode="expand"
    )
    if span is None:
        return False
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass"):
        return True
    return root.dep_ == "poss" and root.head.dep_ in ("nsubj", "nsubjpass")


def _mention_for(token: Any, inside: list[Mention], offset: int) -> str | None:
    for m in inside:
        if m.start - offset <= token.idx < m.end - offset:
            return m.actor
    return None


def _stance_actor(cue: Any, inside: list[Mention], offset: int, key: Any) -> str | None:
    """The subject of the cue (walking up through clauses), or a possessor on the way."""
    node = cue
    for _ in range(5):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass", "poss"):
                found = _mention_for(child, inside, offset)
                if found is None and child.dep_ != "poss":
                    found = next(
                        (
                            a
                            for t in child.children
                            if t.dep_ == "poss"
                            for a in [_mention_for(t, inside, offset)]
                            if a
                        ),
                        None,
                    )
                if found is not None:
                    return found
                if child.dep_ != "poss":
                    # "the guarantees must be ...": the issue itself is the subject
                    refers = child.lower_ in REFERRING or key.start <= child.i < key.end
                    return None if refers else NOT_AN_ACTOR
        if node.head is node:
            break
        node = node.head
    return None
