"""Direct quotes and their speakers (the cascade of DESIGN section 8).

Speaker, in order: the subject of a speech verb in the quote's sentence (found
by walking up from the verb to the nearest subject); a pronoun subject is
resolved to the previous sentence's person subject, else the last person
named; with no speech verb, the previous sentence's subject. Quotes of four
words or fewer are phrases and are not returned.
"""

from __future__ import annotations

import re
from typing import Any

from detente.evidence.lexicons import PRONOUNS, QUOTE_MIN_WORDS, SPEECH_VERBS
from detente.evidence.records import Mention, Quote

QUOTE_PAIRS = re.compile(r"“([^”\n]{1,1200})”|\"([^\"\n]{1,1200})\"")
SUBJECT_DEPS = ("nsubj", "nsubjpass")


def normalise_quote(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", re.sub(r"\s+", " ", text.lower().replace(".", ""))).strip()


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside quotation marks, quotes of 5+ words only."""
    spans = []
    for match in QUOTE_PAIRS.finditer(text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.span(group)
        body = text[start:end].strip(" ,.")
        if len(body.split()) >= QUOTE_MIN_WORDS:
            spans.append((start, end))
    return spans


class SpeakerResolver:
    """Walks the sentences of one spaCy Doc, remembering subjects for the cascade."""

    def __init__(self, doc: Any, offset: int, mentions: list[Mention]) -> None:
        self.doc = doc
        self.offset = offset
        self.by_start = {m.start: m for m in mentions}
        self.people = [m for m in mentions if m.is_person]

    def mention_at(self, token: Any) -> Mention | None:
        if token.ent_type_:
            ent = next((e for e in self.doc.ents if e.start <= token.i < e.end), None)
            if ent is not None:
                return self.by_start.get(ent.start_char + self.offset)
        return None

    def subject_of_sentence(self, sent: Any) -> Any | None:
        return next((t for t in sent.root.children if t.dep_ in SUBJECT_DEPS), None)

    def last_person_before(self, char: int) -> Mention | None:
        earlier = [m for m in self.people if m.end <= char]
        return earlier[-1] if earlier else None

    def previous_subject(self, sent: Any) -> tuple[Mention | None, Any | None]:
        """The subject of the nearest earlier sentence that has a named subject."""
        sentences = list(self.doc.sents)
        index = next(i for i, s in enumerate(sentences) if s.start == sent.start)
        for earlier in reversed(sentences[max(0, index - 3) : index]):
            subject = self.subject_of_sentence(earlier)
            if subject is None:
                continue
            mention = self.mention_at(subject)
            if mention is not None:
                return mention, subject
            if subject.lower_ in PRONOUNS:
                return self.resolve_pronoun(subject), subject
        return None, None

    def resolve_pronoun(self, token: Any) -> Mention | None:
        sent = token.sent
        mention, _ = self.previous_subject(sent)
        if mention is not None and mention.is_person:
            return mention
        return self.last_person_before(token.idx + self.offset)


def _speech_subject(verb: Any, inside: range) -> Any | None:
    node = verb
    for _ in range(4):
        subject = next(
            (c for c in node.children if c.dep_ in SUBJECT_DEPS and c.idx not in inside), None
        )
        if subject is not None:
            return subject
        if node.dep_ in ("advcl", "conj", "xcomp", "ccomp", "acl") and node.head is not node:
            node = node.head
        else:
            return None
    return None


def _noun_phrase(token: Any) -> tuple[int, int]:
    left = min(
        [token.i]
        + [c.i for c in token.lefts if c.dep_ in ("det", "nummod", "compound", "amod", "poss")]
    )
    doc = token.doc
    return doc[left].idx, token.idx + len(token.text)


def extract_quotes(doc: Any, offset: int, mentions: list[Mention]) -> list[Quote]:
    """Quotes in one spaCy Doc (a kept segment starting at ``offset`` in the document)."""
    resolver = SpeakerResolver(doc, offset, mentions)
    quotes = []
    spans = find_quote_spans(doc.text)
    quoted = [range(s, e) for s, e in spans]
    for start, end in spans:
        sent = doc.char_span(start, end, alignment_mode="expand")
        sentence = sent.sent if sent is not None else None
        if sentence is None:
            continue
        verbs = [
            t
            for t in sentence
            if t.lower_ in SPEECH_VERBS
            and t.tag_.startswith("VB")
            and not any(t.idx in r for r in quoted)
        ]
        verbs.sort(key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
        speaker, subject, method = None, None, "unknown"
        for verb in verbs:
            subject = _speech_subject(verb, range(start, end))
            if subject is not None:
                break
        if subject is not None:
            speaker = resolver.mention_at(subject)
            method = "speech-verb-subject"
            if speaker is None and subject.lower_ in PRONOUNS:
                speaker, method = resolver.resolve_pronoun(subject), "pronoun"
        else:
            speaker, subject = resolver.previous_subject(sentence)
            method = "previous-subject" if (speaker or subject) else "unknown"
        text = doc.text[start:end]
        if speaker is not None:
            quotes.append(
                Quote(
                    start + offset,
                    end + offset,
                    speaker.surface,
                    speaker.actor,
                    speaker.start,
                    speaker.end,
                    method,
                    normalise_quote(text),
                )
            )
        elif subject is not None and subject.lower_ not in PRONOUNS:
            s0, s1 = _noun_phrase(subject)
            quotes.append(
                Quote(
                    start + offset,
                    end + offset,
                    doc.text[s0:s1],
                    None,
                    s0 + offset,
                    s1 + offset,
                    method,
                    normalise_quote(text),
                )
            )
        else:
            quotes.append(
                Quote(
                    start + offset,
                    end + offset,
                    "",
                    None,
                    None,
                    None,
                    "unknown",
                    normalise_quote(text),
                )
            )
    return quotes
