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
    REPORTED_WORDS,
    SUPPORT_CUES,
)
from detente.evidence.records import Mention, Stance

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


def extract_stances(
    doc: Any, offset: int, mentions: list[Mention], issues: tuple[str, ...]
) -> list[Stance]:
    wanted = [issue for issue in issues if issue in ISSUE_PATTERNS]
    stances: list[Stance] = []
    recent_actor: str | None = None
    for sentence in doc.sents:
        s0, s1 = sentence.start_char + offset, sentence.end_char + offset
        inside = [m for m in mentions if s0 <= m.start < s1]
        text = sentence.text
        for issue in wanted:
            for pattern, sign in ISSUE_PATTERNS[issue]:
                match = pattern.search(text)
                if not match:
                    continue
                key_char = sentence.start_char + match.start()
                cues = [t for t in sentence if _cue_polarity(t) is not None]
                if not cues:
                    continue
                cue = min(cues, key=lambda t: (t.idx > key_char, abs(t.idx - key_char)))
                actor = _stance_actor(cue, inside, offset) or recent_actor
                if actor is None:
                    continue
                polarity = _cue_polarity(cue) or "support"
                context = []
                if _negated(cue):
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
                    Stance(s0, s1, actor, issue, polarity, direction, tuple(context),
                           cue.idx + offset, cue.idx + len(cue.text) + offset)
                )
                break
        if inside:
            subject = next((m for m in inside if _is_subject_mention(m, sentence, offset)), None)
            recent_actor = (subject or inside[0]).actor
    return stances


def _is_subject_mention(mention: Mention, sentence: Any, offset: int) -> bool:
    span = sentence.doc.char_span(mention.start - offset, mention.end - offset,
                                  alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


def _stance_actor(cue: Any, inside: list[Mention], offset: int) -> str | None:
    node = cue
    for _ in range(4):
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            for m in inside:
                if m.start - offset <= subject.idx < m.end - offset:
                    return m.actor
            for child in subject.subtree:
                for m in inside:
                    if m.start - offset <= child.idx < m.end - offset:
                        return m.actor
            return None
        if node.head is node:
            break
        node = node.head
    before = [m for m in inside if m.start - offset <= cue.idx]
    return before[-1].actor if before else None
