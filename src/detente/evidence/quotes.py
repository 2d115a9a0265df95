"""Direct quotes and their speakers (the cascade of DESIGN section 8).

Speaker, in order: the subject of a speech verb in the quote's sentence (found
by walking up from the verb to the nearest subject); a pronoun subject is
resolved to the previous sentence's person subject, else the last person
named; with no speech verb, the previous sentence's subject. Quotes of four
words or fewer are phrases and are not returned.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from detente.evidence.lexicons import (
    HONORIFICS,
    JOINT_TEXTS,
    PRONOUNS,
    QUOTE_MIN_WORDS,
    SPEAKING_TEXTS,
    SPEECH_VERBS,
)
from detente.evidence.pipeline import doc_text
from detente.evidence.records import Mention, Quote

QUOTE_PAIRS = re.compile(
    r"“([^“”\"\n]{1,1200})[”\"]"  # “...” (or “..." and "...” as pages mix them)
    r"|\"([^“”\"\n]{1,1200})[”\"]"
    r"|`((?:[^`\n]|`(?=[A-Za-z]))+)`(?![A-Za-z])"  # `...` (a ` inside a word is an apostrophe)
    r"|[“\"]([^“”\"\n]{1,1200})(?=\n\s*[“\"])"  # a paragraph left open: it goes on below
    # left open where the text ends: an excerpt cut short (a double mark may be typed '')
    r"|(?:[“\"]|'')([^“”\"\n]{1,1200}?)\s*\Z"
    # ‘...’ (a ’ inside a word is an apostrophe): pages quote headlines this way
    r"|(?<![A-Za-z])‘((?:[^‘’\n]|’(?=[A-Za-z])){1,1200})’(?![A-Za-z])"
    # a paragraph opened with a mark and closed only at the end of the next one, which
    # opens none ('"We began today.\n\nWith me are our ministers," she wrote.')
    r"|(?:(?<=\n)|\A)[“\"]([^“”\"\n]{1,1200}\n\s*[^“”\"\n]{1,1200}?[,.?!])[”\"]"
    # ‘‘...‘’ or ''...'': a double mark typed as two single ones (wire copy on some sites)
    r"|(?:[‘’]{2}|'')([^“”\"\n]{1,1200}?)(?:[‘’]{2}|'')"
    # "... a “thousand years,” a solution ...": straight marks round a quote that quotes
    r"|\"([^\"\n]{1,1200})\""
    # '“... resolution,“ Ushakov told': a closing mark typed the wrong way round, after
    # the quote's last stop and before the name that said it
    r"|“([^“”\"\n]{1,1200}[,.?!])“(?=\s+[A-Z])"
)
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# verbs that answer in words only before a colon ('Pakistan responded' may be in arms)
ANSWERING_VERBS = frozenset(["responded", "countered", "retorted"])
QUOTE_MARKS = '“”"‘’`'
IN_WORD_APOSTROPHE = re.compile(r"(?<=\w)[’'](?=\w)")  # 'Pakistan’s': no quote mark
# the pipeline runs no lemmatizer: the forms themselves
CITING_VERBS = frozenset(
    ["cite", "cites", "cited", "citing", "quote", "quotes", "quoted", "quoting"]
)
# entity labels of a clause subject that is no person ('Ukraine will not accept')
PLACES_AND_BODIES = ("GPE", "NORP", "ORG", "LOC", "FAC")
# entity labels that can own a text ('Pakistan's statement', 'the Kremlin readout')
NAMED_ISSUERS = frozenset({"PERSON", "ACTOR", "GPE", "NORP", "ORG"})
PLURAL_PRONOUNS = frozenset(["they", "them"])
# bodies a page names again by their head noun alone ('The ministry accused ...')
BODIES = frozenset(
    ["ministry", "council", "office", "department", "agency", "committee", "commission"]
)
# what a body issues in its own name: 'the statement said' is its issuer speaking
ISSUED_TEXTS = JOINT_TEXTS | {"readout", "release"}
ISSUING_VERBS = frozenset(["issued", "released", "published", "put"])
# what a page calls an organisation or armed group it named before ('the terror group')
GROUP_NOUNS = frozenset(["group", "movement", "militia", "organisation", "organization"])
# Heads of a definite noun phrase that stands for a person named earlier
# ("the prime minister added", "the EU high representative said").
TITLES = frozenset(
    [
        "minister",
        "president",
        "premier",
        "chancellor",
        "secretary",
        "representative",
        "envoy",
        "adviser",
        "advisor",
        "aide",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chief",
        "leader",
        "general",
        "diplomat",
        "official",
        "ambassador",
        "negotiator",
        "commander",
        "chairman",
        "head",
        "source",  # 'a source close to the talks said ... "...," the source said'
    ]
)
# 'Dr Gargash' is the 'Anwar Gargash' named before: a title, and no part of the name
ADDRESSED = HONORIFICS | {f"{h}." for h in HONORIFICS}
TITLES = TITLES | ADDRESSED
PERSON_LABELS = ("PERSON",)
SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", "'", ":", ";", ")")
# lower-case words inside a personal name ('Mohammed bin Abdulrahman', 'Khalil al-Hayya')
NAME_PARTICLES = frozenset(["bin", "bint", "ibn", "al", "el", "abu", "van", "von", "de", "da"])


def normalise_quote(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", re.sub(r"\s+", " ", text.lower().replace(".", ""))).strip()


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside quotation marks, quotes of 5+ words only."""
    return [(s, e) for s, e, _ in _quote_matches(text)]


def _quote_matches(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, left open) of each quote of 5+ words."""
    spans = []
    for match in QUOTE_PAIRS.finditer(text):
        group = next(g for g in range(1, QUOTE_PAIRS.groups + 1) if match.group(g) is not None)
        start, end = match.span(group)
        body = text[start:end].strip(" ,.")
        # 'I think—first, security guarantees': a dash between words parts them
        words = re.split(r"\s+|[—–]", body)
        short = len([w for w in words if w]) < QUOTE_MIN_WORDS
        if not (short or _a_title(text[start:end]) or _headline(text, start, end)):
            spans.append((start, end, group == 4))
    return spans


def _title_case(body: str, least: int = 1) -> bool:
    """Most of the longer words capitalised (at least ``least`` of them), as titles are
    and speech written down is not."""
    words = [w for w in body.split() if len(w) > 3 and w[:1].isalpha()]
    return len(words) >= least and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)


def _a_title(body: str) -> bool:
    """'NBC's “Meet the Press with Kristen Welker”', '‘No Modi-Trump Call Between April 22
    & June 17’; Jaishankar Rejects ...': words in title case with no stop name a show or
    quote a headline; nobody says them."""
    stopped = body.rstrip().endswith((".", ",", "?", "!", ":", ";", "…"))
    return not stopped and _title_case(body, least=3)


def _headline(text: str, start: int, end: int) -> bool:
    """A title the page puts in quotation marks on a line of its own ('"Zelenskyy: U.S.
    Security Guarantees Document Ready"'): most of its longer words are capitalised, which
    speech written down is not."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:start].strip(" “\"'‘") or text[end:line_end].strip(" ”\"'’.,"):
        return False
    return _title_case(text[start:end])


class SpeakerResolver:
    """Who a quote's speech verb, pronoun or title points to, within one spaCy Doc.

    People are every PERSON entity and every person alias, so an aide who is not in
    the scenario's alias list keeps his own name instead of his principal's.
    """

    def __init__(
        self,
        doc: Any,
        offset: int,
        mentions: list[Mention],
        quoted: list[range] = (),
        groups: frozenset[str] = frozenset(),
        memory: SpeakerMemory | None = None,
    ) -> None:
        self.doc = doc
        self.mentions = mentions
        self.groups = groups
        self.memory = memory if memory is not None else SpeakerMemory()
        # spaCy rebuilds text, sentences and entities on each access: read them once
        self.text = doc_text(doc)
        self.sentences = list(doc.sents)
        self.ents = doc.ents
        self.offset = offset
        self.by_start = {m.start: m for m in mentions}
        self.quoted = quoted
        # people named inside quotes are talked about, not talking
        self.people = [
            e
            for e in self.ents
            if (
                e.label_ in PERSON_LABELS
                or (
                    e.label_ == "ACTOR"
                    and self._mention(e) is not None
                    and (self._mention(e).is_person or _named_as_a_person(e))
                )
            )
            and not any(e.start_char in r for r in quoted)
        ]
        self.people += self._surnames_mislabelled()
        self.people.sort(key=lambda e: e.start)

    def _surnames_mislabelled(self) -> list[Any]:
        """'Costa added' after 'President Antonio Costa': the small model often labels a
        surname said alone an organisation or a place; a one-word name that is the last
        word of exactly one person named in full earlier is that person."""
        found = []
        full_names = [e.doc[slice(*name_span(e))] for e in self.people]
        for e in self.ents:
            if len(e) != 1 or e.label_ in PERSON_LABELS or e in self.people:
                continue
            if any(e.start_char in r for r in self.quoted):
                continue
            # an alias the scenario gives a state ('Witkoff' for the US) is the person
            # only where the page named him in full before ('Steve Witkoff')
            word = _without_possessive(e.text)
            earlier = {
                n.text for n in full_names if n.end <= e.start and len(n) > 1 and n[-1].text == word
            }
            # 'said Deputy Minister of Ukraine Serhiy Kyslytsya' with no name tagged, then
            # 'Kyslytsya wrote': a speaker whose untagged full name came before
            untagged = not earlier and e.label_ != "DATE" and self._speaks(e.root)
            if len(earlier) == 1 or (untagged and self._untagged_full_name(e, word)):
                found.append(e)
        return found

    def _mention(self, ent: Any) -> Mention | None:
        return self.by_start.get(ent.start_char + self.offset)

    def entity_of(self, token: Any) -> Any | None:
        return next((e for e in self.ents if e.start <= token.i < e.end), None)

    def is_person(self, token: Any) -> bool:
        ent = self.entity_of(token)
        return ent is not None and ent in self.people

    def speaker_of(self, ent: Any) -> Speaker:
        mention = self._mention(ent)
        start, end = name_span(ent)
        # part of a longer name, or one word of the one longer name given: say all of it
        name = ent.doc[start:end] if (start, end) != (ent.start, ent.end) else None
        name = name or self._fuller_name(ent)
        if name is None and len(ent) == 1 and ent in self.people:
            # named in full in an earlier segment (before a photo credit the page's
            # boilerplate cut): 'Zelenskyy said' is that name
            word = _without_possessive(ent.text)
            known = self.memory.full_names.get(word)
            if known is not None:
                actor = mention.actor if mention is not None else known.actor
                return Speaker(known.surface, actor, known.start, known.end)
        if name is not None:
            s0, s1 = name.start_char, name.end_char
            actor = mention.actor if mention is not None else None
            return Speaker(self.text[s0:s1], actor, s0 + self.offset, s1 + self.offset)
        if mention is not None:
            return Speaker.of_mention(mention)
        s0, s1 = ent.start_char, ent.end_char
        if ent.text.endswith(("'s", "’s")):
            s1 -= 2
        return self._unnamed(s0, s1)

    def _fuller_name(self, ent: Any) -> Any | None:  # a Span
        """'Shehbaz' after 'Prime Minister Shehbaz Sharif': a person named by one word is
        the one person of the document whose longer name has that word ('Hun', with both
        'Hun Sen' and 'Hun Manet' named, stays as it is)."""
        honorific = len(ent) == 2 and ent[0].lower_ in ADDRESSED  # 'Dr Gargash'
        particle = len(ent) == 3 and ent[0].lower_ in NAME_PARTICLES and ent[1].text == "-"
        if ent not in self.people:
            return None  # ('al-Burhan' after 'Abdel Fattah al-Burhan' is the full name too)
        # 'Abdel Aaty' after 'Badr Abdel Aaty': a name's last words said again
        tail = len(ent) > 1 and not honorific and not particle
        word = _without_possessive(ent[-1].text)
        longer = {}  # each name as said whole ('Hun' of 'Hun Sen' is 'Hun Sen')
        for e in self.ents:
            if e == ent:
                continue
            start, end = name_span(e)
            if e.label_ in (*PERSON_LABELS, "ACTOR") and end - start > 1:
                name, person = e.doc[start:end], e in self.people
                if e.label_ == "ACTOR" and not person and end - e.end > 1:
                    # 'Minister of Ukraine Serhiy Kyslytsya': a state's alias the parse
                    # made part of the untagged name after it
                    name, person = e.doc[e.end : end], True
                if word in {t.text for t in name} and name.text != ent.text:
                    longer[name.text] = (name, person)
            elif _mislabelled_full_name(e, word):
                longer[e.text] = (e, True)
        if tail:
            longer = {k: v for k, v in longer.items() if k.endswith(" " + ent.text)}
            if not longer:
                return None
        if not longer:
            return self._untagged_full_name(ent, word)
        # a surname ends its name: 'S Jaishankar', not the headline's 'S Jaishankar
        # Operation Sindoor' (a given name alone, 'Shehbaz', still finds 'Shehbaz Sharif')
        ending = {k: v for k, v in longer.items() if v[0][-1].text == word}
        longer = ending or longer
        # 'al-Burhan' and 'Abdel Fattah al-Burhan' are one name said short and in full
        fullest = max(longer, key=len)
        if any(not fullest.endswith(other) for other in longer):
            return None
        name, person = longer[fullest]
        return name if person else None

    def _untagged_full_name(self, ent: Any, word: str) -> Any | None:
        """'Kyrylo Budanov, ... chief of staff, said' where the model tagged no name, then
        'Budanov said': the one earlier pair of capitalised words outside any entity that
        ends with the surname is the name in full."""
        doc = ent.doc
        found = {
            doc[t.i - 1 : t.i + 1].text: doc[t.i - 1 : t.i + 1]
            for t in doc[1 : ent.start]
            if t.text == word
            and not t.ent_type_
            and not doc[t.i - 1].ent_type_
            and doc[t.i - 1].tag_ == "NNP"
            and doc[t.i - 1].text[:1].isupper()
            and doc[t.i - 1].lower_ not in TITLES
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def _unnamed(self, s0: int, s1: int) -> Speaker:
        """The words at ``s0:s1`` of this Doc as a speaker no actor is known for."""
        return Speaker(self.text[s0:s1], None, s0 + self.offset, s1 + self.offset)

    def _sentence_index(self, sent: Any) -> int:
        return next(i for i, s in enumerate(self.sentences) if s.start == sent.start)

    def last_person_before(self, char: int) -> Speaker | None:
        """The last person named before ``char``; at a segment's start, the last one the
        segments before it named (a cut credit line does not end the story)."""
        earlier = [e for e in self.people if e.end_char <= char]
        return self.speaker_of(earlier[-1]) if earlier else self.memory.last_person

    def remember(self) -> None:
        """What the next segment of the document may point back to: the last person
        named here, and each full name by its last word (None where two names share it)."""
        for ent in self.people:
            start, end = name_span(ent)
            if end - start < 2:
                continue
            full = self.speaker_of(ent)
            word = ent.doc[end - 1].text
            seen = self.memory.full_names.get(word, full)
            self.memory.full_names[word] = (
                full if seen is not None and seen.surface == full.surface else None
            )
        if self.people:
            self.memory.last_person = self.speaker_of(self.people[-1])

    def person_subject_before(
        self, sent: Any, limit: int = 3, *, animate: bool = False
    ) -> Speaker | None:
        """The person subject of the nearest earlier sentence that has one, within
        ``limit`` sentences of narrative (a sentence wholly inside a quote is the
        speaker's own words and does not count, nor one of marks and spaces alone: a
        quote of three sentences does not hide the name that said it)."""
        index = self._sentence_index(sent)
        for earlier in self._narrative_before(index, limit):
            found = self._person_subject(list(earlier), animate=animate)
            if found is not None:
                return found
        return None

    def _narrative_before(self, index: int, limit: int) -> Iterator[Any]:
        """Up to ``limit`` sentences before sentence ``index``, nearest first, skipping
        those wholly inside quotes."""
        for earlier in reversed(self.sentences[:index]):
            if limit <= 0:
                return
            words = [t for t in earlier if not t.is_punct and not t.is_space]
            if all(self.in_quote(t) for t in words):  # no words at all: a stray mark
                continue
            limit -= 1
            yield earlier

    def in_quote(self, token: Any) -> bool:
        return any(token.idx in r for r in self.quoted)

    def _person_subject(self, tokens: list[Any], *, animate: bool = False) -> Speaker | None:
        """A subject that is a person, or names one in apposition ('The head of the
        delegation, Rustem Umerov, wrote'); failing that, a name that speaks (for an
        ``animate`` 'he' or 'she', never one that takes a plural verb: 'the RSF have
        announced' is no antecedent of 'he said'). Subjects inside quotes are talked
        about, not talking."""
        source = self.according_to_person(tokens)
        if source is not None:  # 'According to Ushakov, Putin and Trump had a call'
            return source
        subjects = [t for t in tokens if t.dep_ in SUBJECT_DEPS and not self.in_quote(t)]
        # the main clause's subject before a subordinate clause's ('The chief of staff ...,
        # Andriy Yermak, signaled ... that Kyiv would push'): fewest steps to the root first
        subjects.sort(key=lambda t: sum(1 for _ in t.ancestors))
        named = [n for t in subjects for n in (t, *(c for c in t.children if c.dep_ == "appos"))]
        for subject in subjects:
            for token in (subject, *(c for c in subject.children if c.dep_ == "appos")):
                ent = self.entity_of(token)
                if ent is not None and ent in self.people:
                    return self.speaker_of(ent)
            in_role = self._named_in_role(subject)
            if in_role is not None:
                return in_role
            mention = self.by_start.get(subject.idx + self.offset)
            if self.entity_of(subject) is None and mention is not None and mention.is_person:
                # a person the alias matching found where the model tagged nothing
                # ('Pashinian also pointed to ...' for the scenario's 'Pashinyan')
                return Speaker.of_mention(mention)
            # 'Pashinian again claimed that ... President Ilham ...': a name no model
            # tagged, subject of the main clause's speech verb, before a tagged name
            # deeper in the sentence
            untagged_speaker = self.entity_of(subject) is None and self._speaks(subject)
            if untagged_speaker and not (animate and _takes_a_plural_verb(subject)):
                s0, s1 = _noun_phrase(subject)
                return self._surname_untagged(subject) or self._unnamed(s0, s1)
        for verb in tokens:
            before = self._named_before_subjectless(verb)
            if before is not None:
                return before
        for token in named:
            if self._speaks(token) or _name_read_as_nationality(token):
                ent = self.entity_of(token)
                if animate and (_takes_a_plural_verb(token) or self._a_place_or_a_state(token)):
                    continue
                if ent is not None:
                    return self.speaker_of(ent)
                s0, s1 = _noun_phrase(token)  # a name the model did not tag
                return self._unnamed(s0, s1)
        return None

    def _a_place_or_a_state(self, token: Any) -> bool:
        """'Moscow has said': no antecedent of 'he' (a place, or an actor the scenario and
        the page name as a state, never in full as a person)."""
        ent = self.entity_of(token)
        if ent is not None and ent in self.people:
            return False
        mention = self.by_start.get(token.idx + self.offset)
        return (mention is not None and not mention.is_person) or (
            ent is not None and ent.label_ in ("GPE", "LOC", "FAC")
        )

    def _named_before_subjectless(self, verb: Any) -> Speaker | None:
        """'..., Vladimir Medinsky, stated that': a speech verb the parse left without a
        subject (it hung the name on a place) is said by the person named just before it."""
        if (
            not _speech_verb(verb)
            or self.in_quote(verb)
            or any(c.dep_ in SUBJECT_DEPS for c in verb.children)
            or verb.i == 0
        ):
            return None
        last = verb.doc[verb.i - 1]
        if last.text == "," and verb.i > 1:
            last = _before_a_who_clause(verb.doc, verb.i - 2) or verb.doc[verb.i - 2]
        ent = self.entity_of(last)
        if ent is not None and ent in self.people:
            return self.speaker_of(ent)
        mention = self.by_start.get(last.idx + self.offset)
        return Speaker.of_mention(mention) if mention is not None and mention.is_person else None

    def _named_in_role(self, role: Any) -> Speaker | None:
        """'US envoy to the UN Mike Waltz told', 'the head of the delegation at the talks
        in Istanbul, Vladimir Medinsky, stated': the role's own phrase names the person,
        wherever the parser hung the name inside it."""
        if role.lower_ not in TITLES or role.tag_ != "NN" or self.entity_of(role) is not None:
            return None
        if role.lower_ == "source":
            return None  # 'a source close to the talks between Trump and Putin' names no one
        # 'President Donald Trump's special envoy ..., Steve Witkoff': the possessor is whom
        # the role serves, not who holds it
        named = [
            e
            for e in self.people
            if role.left_edge.i <= e.start <= role.right_edge.i and e.root.dep_ != "poss"
        ]
        # 'The chief of staff of President Zelenskyy, Andriy Yermak,': the name set off by
        # commas holds the role, the one inside its 'of' phrase does not
        named.sort(key=lambda e: e.root.dep_ != "appos")
        return self.speaker_of(named[0]) if named else None

    def _speaks(self, token: Any) -> bool:
        """A named subject of a speech verb, outside quotes, is someone who talks
        ('General Burhan ... added:', 'Yermak told the New York Post'), whatever
        label the model gave the name."""
        verb = token.head.head if token.dep_ == "appos" else token.head
        return (
            token.tag_ in ("NNP", "NNPS")  # the pipeline tags, it does not map to pos_
            and token.text[:1].isupper()
            and token.lower_ not in TITLES
            and verb.lower_ in SPEECH_VERBS
            and not self.in_quote(token)
        )

    def name_before(self, verb: Any, subject: Any | None) -> Speaker | None:
        """A person named right before the speech verb ('... Foreign Minister Jane Doe
        said') speaks when the parse gives the verb no subject (it took 'said' for an
        auxiliary or a noun), or when it hung the name on a role's preposition as if the
        role were the person's ('the envoy to the Council Jane Doe told'; the name follows
        another proper noun of its phrase, which 'a spokesman for Doe said' does not have)."""
        if verb.i == 0:
            return None
        ent = self.entity_of(verb.doc[verb.i - 1])
        if ent is None or ent not in self.people:
            return None
        if ent.end == verb.i + 1 and not verb.tag_.startswith("VB"):  # took 'said.-AFP' in
            name = verb.doc[ent.start : verb.i]
            s0, s1 = name.start_char, name.end_char
            return self._unnamed(s0, s1)
        if ent.end != verb.i:
            return None
        if subject is None:
            return self.speaker_of(ent)
        before = verb.doc[ent.start - 1] if ent.start else None
        if (
            subject.lower_ in TITLES
            and self.entity_of(subject) is None
            and ent.root.dep_ == "pobj"
            and ent.root.head.head == subject
            and before is not None
            and before.dep_ == "compound"
            and before.head == ent.root
            and before.tag_ in ("NNP", "NNPS")
            and before.lower_ not in TITLES
            and before.ent_type_ not in PERSON_LABELS
        ):
            return self.speaker_of(ent)
        return None

    def refer_back(self, token: Any) -> Speaker | None:
        """A pronoun or a definite title: the person named most recently before it,
        preferring a person subject earlier in the same sentence, then in the sentences
        before ('Putin has made it clear ... Before the talks with Witkoff, he said')."""
        earlier = [t for t in token.sent if t.i < token.i]
        animate = token.lower_ in ("he", "she", "him", "her")
        found = self._person_subject(earlier, animate=animate)
        if found is not None:
            return found
        return (
            self.person_subject_before(token.sent, animate=animate)
            or self.role_before(token)
            or self.last_person_before(token.idx)
        )

    def _subjects_before(self, token: Any, limit: int) -> Iterator[Any]:
        """Subjects outside quotes before ``token``, nearest first: its own sentence's,
        then up to ``limit`` sentences of narrative back ('Their general had to call'
        inside a quote is no antecedent of the 'he' who said it)."""
        yield from (t for t in reversed(list(token.sent)) if t.i < token.i and self._antecedent(t))
        index = self._sentence_index(token.sent)
        for earlier in self._narrative_before(index, limit):
            yield from (t for t in reversed(list(earlier)) if self._antecedent(t))

    def _antecedent(self, token: Any) -> bool:
        """A subject a later 'he' or 'the official' can point back to: not inside a quote,
        and not in a headline ('Sudanese leader rules out any truce' names no one that
        the body's 'the Sudanese leader' could be, while the body names him)."""
        return _is_subject(token) and not self.in_quote(token) and not self._in_headline(token)

    def _in_headline(self, token: Any) -> bool:
        """A line with no sentence end: a headline or a caption, not narrative."""
        start = self.text.rfind("\n", 0, token.idx) + 1
        end = self.text.find("\n", token.idx)
        line = self.text[start : end if end >= 0 else len(self.text)].rstrip()
        return not line.endswith(SENTENCE_ENDS)

    def same_role_before(self, title: Any, limit: int = 8) -> Speaker | None:
        """'The official said' after 'a senior Israeli official said': the role said
        earlier without a name speaks again, not the last person named (a named role,
        'Foreign Minister Jane Doe', is a person and goes the usual way)."""
        said = _modifiers(title)
        for subject in self._subjects_before(title, limit):
            ent = self.entity_of(subject)
            # 'The Palestinian Ministry of Health reported ... the ministry said': a body
            # the model tagged an organisation is still the body said again
            unnamed = ent is None or (ent.label_ == "ORG" and title.lower_ in BODIES)
            if (
                subject.lower_ == title.lower_
                and unnamed
                and said <= _modifiers(subject)  # 'the Israeli official' is no Hamas one
            ):
                if _definite_title(subject):  # 'the official' again: go on to its antecedent
                    return self.same_role_before(subject, limit)
                # 'Sudan's defense minister, Hassan Daoud Kayan, said': the name said then
                named = self._named_in_apposition(subject) or self._named_in_role(subject)
                if named is not None:
                    return named
                return self._unnamed(*_phrase_with_of(subject))
        return None

    def role_before(self, pronoun: Any, limit: int = 3) -> Speaker | None:
        """'..., he said' after 'The official said ...': the nearest singular role subject
        with no name ('a senior Israeli official'), when no person subject is nearer."""
        for subject in self._subjects_before(pronoun, limit):
            if self.entity_of(subject) in self.people:
                return None
            if (
                subject.lower_ in TITLES
                and subject.tag_ == "NN"
                and self.entity_of(subject) is None
            ):
                named = self._named_in_role(subject)
                if named is not None:
                    return named
                if _definite_title(subject):
                    return self.same_role_before(subject)
                s0, s1 = _noun_phrase(subject)
                return self._unnamed(s0, s1)
        return None

    def plural_before(self, pronoun: Any, limit: int = 3) -> Speaker | None:
        """'They added': the nearest plural subject before ('The leaders added that ...'),
        not the last person named."""
        for subject in self._subjects_before(pronoun, limit):
            if _plural(subject) and subject.lower_ not in PRONOUNS:
                return self.resolve_subject(subject)[0]
        return None

    def group_before(self, subject: Any) -> Speaker | None:
        """'the terror group said', 'the movement said': the organisation or armed group
        of the scenario named last before it (never a state: the scenario's kinds say
        which actors are groups)."""
        if subject.lower_ not in GROUP_NOUNS or not any(t.lower_ == "the" for t in subject.lefts):
            return None
        at = subject.idx + self.offset
        named = [m for m in self.mentions if m.actor in self.groups and m.end <= at]
        if not named:
            return None
        last = max(named, key=lambda m: m.start)
        return Speaker(last.surface, last.actor, last.start, last.end)

    def issuer_before(self, text: Any, limit: int = 10) -> Speaker | None:
        """'the statement said' after 'a readout of the call issued by the Kremlin' or
        'the Kremlin said in a statement': the body that issued the text speaks."""
        index = self._sentence_index(text.sent)
        earlier = [t for t in reversed(list(text.sent)) if t.i < text.i]
        for sentence in self._narrative_before(index, limit):
            earlier += reversed(list(sentence))
        for token in earlier:
            if self.in_quote(token):
                continue
            if token.lower_ == "by" and token.head.lower_ in ISSUING_VERBS:
                issuer = next((c for c in token.children if c.dep_ == "pobj"), None)
            elif (
                token.lower_ in ISSUED_TEXTS
                and token.head.lower_ == "in"
                and _speech_verb(token.head.head)
            ):
                issuer = _speech_subject(token.head.head, range(0))  # 'said in a statement'
            elif token.lower_ in ISSUED_TEXTS and any(c.lower_ == "from" for c in token.children):
                # 'according to a press release from the ministry' (a text signed by two
                # sides has no one issuer: its own words)
                issuer = _issuer(token)
            else:
                continue
            if issuer is not None and not _definite_text(issuer):
                return self.resolve_subject(issuer)[0]
        return None

    def according_to_person(self, tokens: list[Any]) -> Speaker | None:
        """The person a sentence's 'according to' names: the one talking in it, whoever
        its subject is."""
        for token in tokens:
            if self.in_quote(token):
                continue
            for source in _according_to(token):
                ent = self.entity_of(source)
                if ent is not None and ent in self.people:
                    return self.speaker_of(ent)
        return None

    def according_to(self, tokens: list[Any]) -> Speaker | None:
        """'According to the Treasury's statement, ...': the statement speaks."""
        for token in tokens:
            objects = _according_to(token)
            if objects:
                issuer = _issuer(objects[0])
                if issuer is not objects[0] and self.entity_of(issuer) is None:
                    # 'a statement from the US State Department, Rubio ...': the body
                    # issued it, whatever name the parser hung on it
                    s0, s1 = _noun_phrase(issuer)
                    return self._unnamed(s0, s1)
                return self.resolve_subject(issuer)[0]
        return None

    def text_subject(self, quote: Any) -> Speaker | None:
        """'The Paris Declaration, signed by ..., commits allies to "a system of ..."':
        with no speech verb, a text that is the subject of the verb the quote hangs on
        gives the quote, not the last person named before it."""
        node = quote.root
        for _ in range(4):
            if node.tag_.startswith("VB") or node.head is node:
                break
            node = node.head
        subject = _speech_subject(node, range(quote.start_char, quote.end_char))
        if subject is None or subject.lower_ not in SPEAKING_TEXTS:
            return None
        s0, s1 = _noun_phrase(subject)
        return self._unnamed(s0, s1)

    def subject_before(self, sent: Any) -> Speaker | None:
        """'It says ...': the subject of the sentence before, whatever it is."""
        index = self._sentence_index(sent)
        for earlier in reversed(self.sentences[max(0, index - 3) : index]):
            subjects = [t for t in earlier if t.dep_ in SUBJECT_DEPS and not self.in_quote(t)]
            # '... were injured when a mine exploded, the army said in a statement. "...,"
            # it said': the one who said something before says it again
            subjects.sort(key=lambda t: t.head.lower_ not in SPEECH_VERBS)
            subject = subjects[0] if subjects else None
            # 'it' is one thing: not 'they', not 'both sides' (then the text a sentence
            # names, 'according to a joint statement, both sides ...', is what speaks)
            if subject is not None and subject.lower_ not in PRONOUNS and not _plural(subject):
                return self.resolve_subject(_released_by(subject) or subject)[0]
            text = next((t for t in earlier if t.lower_ in SPEAKING_TEXTS and t.tag_ == "NN"), None)
            if text is not None:
                s0, s1 = _noun_phrase(text)
                return self._unnamed(s0, s1)
        return None

    def _named_in_apposition(self, subject: Any) -> Speaker | None:
        """The person a role subject names: "Zelensky's aide Mykhailo Podolyak said";
        "Ukraine's lead negotiator, Rustem Umerov, stated" (a name in apposition to a
        role, whatever label the model gave it); "Hamas chief negotiator and its Gaza
        chief Khalil al-Hayya said" (two roles of one person)."""
        roles = [subject] + [
            c for c in subject.children if c.dep_ == "conj" and c.tag_ in ("NN", "NNS")
        ]
        for role in roles:
            for child in role.children:
                if child.dep_ not in ("appos", "compound"):
                    continue
                named = self.entity_of(child)
                if named is not None and named in self.people:
                    return self.speaker_of(named)
                # a capitalised title is a role too ('Minister of State at the Foreign
                # Ministry Jane Doe said': the model tags 'Minister' a proper noun)
                if (
                    child.dep_ == "appos"
                    and (role.tag_ in ("NN", "NNS") or role.lower_ in TITLES)
                    and child.tag_ in ("NNP", "NNPS")
                    and child.text[:1].isupper()
                ):
                    s0, s1 = _noun_phrase(child)
                    # an entity that swallowed the words before the name is not the name
                    if named is not None and named.label_ != "DATE" and named.start_char >= s0:
                        return self.speaker_of(named)
                    return self._unnamed(s0, s1)
        return None

    def _with_owner(self, ent: Any, speaker: Speaker) -> Speaker:
        """'Thailand's Foreign Ministry', 'Russia's Defence Ministry': a body named with
        the state that owns it keeps the state in its name (a person does not: 'Trump's
        envoy Witkoff' is Witkoff)."""
        if ent in self.people or speaker.start is None:
            return speaker
        owner = next((c for c in ent.root.children if c.dep_ == "poss" and c.i < ent.start), None)
        if owner is None or owner.tag_ not in ("NNP", "NNPS"):
            return speaker
        s0 = owner.left_edge.idx
        return Speaker(
            self.text[s0 : speaker.end - self.offset], speaker.actor, s0 + self.offset, speaker.end
        )

    def _surname_untagged(self, subject: Any) -> Speaker | None:
        """'Muyaya said' where the model tagged nothing, after 'spokesperson Patrick
        Muyaya': the one person named in full before whose name ends with the word ('Mr
        Costa' too: an honorific is no part of the name)."""
        if subject.tag_ != "NNP" or any(
            c.dep_ == "compound" and c.lower_ not in ADDRESSED for c in subject.children
        ):
            return None
        word = _without_possessive(subject.text)
        earlier = {
            name.text: e
            for e in self.people
            if e.end <= subject.i
            for name in [e.doc[slice(*name_span(e))]]
            if len(name) > 1 and name[-1].text == word
        }
        if len(earlier) == 1:
            return self.speaker_of(next(iter(earlier.values())))
        known = self.memory.full_names.get(word)  # named in full in an earlier segment
        return known if not earlier else None

    def resolve_subject(self, subject: Any) -> tuple[Speaker | None, str]:
        if subject.lower_ in ("who", "that", "which") and subject.head.dep_ == "relcl":
            subject = subject.head.head  # "Rubio, who acknowledged ... but said"
        if subject.lower_ == "it":
            return self.subject_before(subject.sent), "pronoun"
        ent = self.entity_of(subject)
        if ent is not None and ent.label_ != "DATE":
            return self._with_owner(ent, self.speaker_of(ent)), "speech-verb-subject"
        named = self._named_in_apposition(subject)
        if named is not None:
            return named, "speech-verb-subject"
        if subject.lower_ in PLURAL_PRONOUNS:
            return self.plural_before(subject) or self.refer_back(subject), "pronoun"
        if subject.lower_ in PRONOUNS:
            return self.refer_back(subject), "pronoun"
        if _definite_title(subject):
            return self.same_role_before(subject) or self.refer_back(subject), "title"
        group = self.group_before(subject)
        if group is not None:
            return group, "title"
        if _definite_text(subject):
            issuer = self.issuer_before(subject)
            if issuer is not None:
                return issuer, "title"
        owner = _text_owner(subject)
        if owner is not None:
            return self.resolve_subject(owner)  # 'Pakistan's statement said'
        if subject.lower_ in BODIES and _bare_definite(subject):
            same = self.same_role_before(subject)  # 'the foreign ministry said ... The ministry'
            if same is not None:
                return same, "title"
        named = self._surname_untagged(subject)
        if named is not None:
            return named, "speech-verb-subject"
        s0, s1 = _phrase_with_of(subject)
        surface = self.text[s0:s1]
        return Speaker(surface, None, s0 + self.offset, s1 + self.offset), "speech-verb-subject"


@dataclass(frozen=True)
class Speaker:
    surface: str
    actor: str | None
    start: int | None
    end: int | None

    @classmethod
    def of_mention(cls, mention: Mention) -> Speaker:
        return cls(mention.surface, mention.actor, mention.start, mention.end)


@dataclass
class SpeakerMemory:
    """What one document's earlier segments said about who is who, for the next one."""

    last_person: Speaker | None = None
    full_names: dict[str, Speaker | None] = field(default_factory=dict)


def name_span(ent: Any) -> tuple[int, int]:
    """The tokens (start, end) of the whole name an entity is part of: the model splits
    long names ('Sheikh Mohammed bin Abdulrahman' + 'bin Jassim Al-Thani'), and an alias
    can be the first word of another person's name ('Hun' of 'Hun Sen'). The name takes in
    the proper nouns around it that are compounds of it (hyphens inside: 'Al-Thani'), and
    stops at a title ('Prime Minister') and at other kinds of entity ('Qatar's')."""
    doc, start, end = ent.doc, ent.start, ent.end

    def part(token: Any) -> bool:
        return (
            token.tag_ == "NNP"
            and (token.text[:1].isupper() or token.lower_ in NAME_PARTICLES)
            and token.lower_ not in TITLES
            and token.ent_type_ in ("", "PERSON", ent.label_)
        )

    while start > 0 and part(doc[start - 1]) and doc[start - 1].dep_ == "compound":
        if doc[start - 1].head.i < start:
            break
        start -= 1
    while end < len(doc):
        last = doc[end - 1]
        if last.dep_ != "compound" or last.head.i < end:
            break
        if doc[end].tag_ == "HYPH" and end + 1 < len(doc) and part(doc[end + 1]):
            end += 2
        elif part(doc[end]):
            end += 1
        else:
            break
    return start, end


def _released_by(text: Any) -> Any | None:
    """'A short statement released by the office did not say ... It said': the office
    (a text another body signed, 'a declaration signed by the two sides', speaks itself)."""
    if text.lower_ not in ISSUED_TEXTS | SPEAKING_TEXTS:
        return None
    return _agent_of_participle(text, ISSUING_VERBS)


def _agent_of_participle(noun: Any, verbs: frozenset[str] | None = None) -> Any | None:
    """X of 'a statement released by X' (any participle, or only ``verbs``)."""
    for acl in (c for c in noun.children if c.dep_ == "acl"):
        if verbs is not None and acl.lower_ not in verbs:
            continue
        for agent in (c for c in acl.children if c.dep_ == "agent"):
            found = [c for c in agent.children if c.dep_ == "pobj"]
            if found:
                return found[0]
    return None


def _issuer(statement: Any) -> Any:
    """'a statement released by the State Department', 'a statement from the State
    Department': the department, not the paper."""
    agent = _agent_of_participle(statement)
    if agent is not None:
        return agent
    if statement.lower_ in SPEAKING_TEXTS | ISSUED_TEXTS:  # 'a press release from X'
        for prep in (c for c in statement.children if c.lower_ in ("from", "by")):
            found = [c for c in prep.children if c.dep_ == "pobj"]
            if found:
                return found[0]
    return _text_owner(statement) or statement


def _text_owner(text: Any) -> Any | None:
    """'Pakistan's statement', 'the Kremlin readout': the named owner on the text itself
    (not who signed it: 'a statement signed by' five leaders has no one speaker)."""
    if text.lower_ not in ISSUED_TEXTS:
        return None
    return next(
        (t for t in text.lefts if t.dep_ in ("poss", "compound") and t.ent_type_ in NAMED_ISSUERS),
        None,
    )


def _modifiers(token: Any) -> set[str]:
    """The words that say which one a role is ('senior', 'Israeli' of 'a senior Israeli
    official'), without its article."""
    return {t.lower_ for t in token.lefts if t.dep_ in ("amod", "compound", "nmod")}


def _is_subject(token: Any) -> bool:
    return token.dep_ in SUBJECT_DEPS


def _takes_a_plural_verb(subject: Any) -> bool:
    """'the RSF have announced', 'the militia were': a subject its verb counts as many
    (the labels of the small model cannot tell a group's name from a person's)."""
    verb = subject.head
    words = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    return any(t.tag_ == "VBP" or t.lower_ == "were" for t in words)


def _mislabelled_full_name(ent: Any, surname: str) -> bool:
    """'Ramtane Lamamra' labelled an organisation, then 'Lamamra' a person: two
    capitalised proper nouns ending with the person's surname are the name in full (a
    body's name ends with its kind, 'Bank', 'Council', not with a surname)."""
    return (
        ent.label_ in ("ORG", "GPE", "NORP")
        and len(ent) == 2
        and ent[-1].text == surname
        and all(t.tag_ == "NNP" and t.text[:1].isupper() and t.is_alpha for t in ent)
    )


def _named_as_a_person(ent: Any) -> bool:
    """'Prime Minister Narendra Modi' where the scenario lists 'Modi' as an alias of the
    state: a given name glued to the alias, or a title right before it, makes this
    mention a person whatever the alias is elsewhere."""
    start, _ = name_span(ent)
    if start < ent.start:  # a given name before it ('Narendra'), not 'Pakistan Prime ...'
        return True
    return ent.start > 0 and ent.doc[ent.start - 1].lower_ in TITLES


def _plural(token: Any) -> bool:
    """'both countries', 'the sides', 'Kyiv and Moscow'."""
    return token.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in token.children)


def _name_read_as_nationality(token: Any) -> bool:
    """'Pashinian pledged ...': a lone singular proper noun that acts, with no article,
    is a person the model took for a nationality (the '-ian' of a surname); a nation
    that acts is plural ('Armenians') or has an article ('an Armenian')."""
    return (
        token.tag_ == "NNP"
        and token.ent_type_ == "NORP"
        and token.text[:1].isupper()
        and not any(c.dep_ in ("det", "compound", "amod") for c in token.children)
    )


def _definite_text(token: Any) -> bool:
    """'the statement', 'the readout': one body's text named before. 'The Kremlin
    statement' names its issuer, and 'the joint statement' has more than one."""
    return token.lower_ in ISSUED_TEXTS and _bare_definite(token)


def _bare_definite(token: Any) -> bool:
    """'the ministry', 'the statement': the article alone, nothing that names it anew."""
    return [t.lower_ for t in token.lefts] == ["the"]


def _according_to(token: Any) -> list[Any]:
    """What 'according to' at ``token`` names ('according to Ushakov'), else nothing
    ('a statement according to which ...' names no one: 'which' is the statement)."""
    if token.lower_ != "according" or token.i + 2 >= len(token.doc):
        return []
    to = token.doc[token.i + 1]
    if to.lower_ != "to":
        return []
    return [c for c in to.children if c.dep_ == "pobj" and c.tag_ not in ("WDT", "WP")]


def _definite_title(token: Any) -> bool:
    """'the prime minister', 'the EU high representative': no possessor, no name."""
    if token.lower_ not in TITLES:
        return False
    lefts = list(token.lefts)
    return any(t.lower_ == "the" for t in lefts) and not any(
        t.dep_ == "poss" or t.ent_type_ in PERSON_LABELS for t in lefts
    )


def _speech_subject(
    verb: Any, inside: range, is_person: Callable[[Any], bool] = lambda token: True
) -> Any | None:
    relative = _relative_subject_between(verb, inside)
    if relative is not None:
        return relative
    cited = _cited_as_saying(verb, inside)
    if cited is not None:
        return cited
    node = verb
    for _ in range(4):
        subject = next(
            (c for c in node.children if c.dep_ in SUBJECT_DEPS and c.idx not in inside), None
        )
        if subject is not None and not _mute_clause_subject(subject, node, verb, is_person):
            return subject
        if node.dep_ in ("advcl", "conj", "xcomp", "ccomp", "acl") and node.head is not node:
            node = node.head
        elif node.dep_ == "pcomp" and node.head.dep_ == "prep":
            node = node.head.head  # 'the ministry responded by accusing him of "..."'
        else:
            return None
    return None


def _cited_as_saying(verb: Any, inside: range = range(0)) -> Any | None:
    """'the agency cited (quoted) Kremlin spokesman Dmitry Peskov as saying': the one
    cited speaks, not the agency; so does the subject of 'Peskov was quoted as saying'."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "as":
        return None
    citing = verb.head.head
    if citing.lower_ not in CITING_VERBS:
        return None
    cited = ("dobj", "nsubjpass")  # the words quoted are no one cited
    found = next((c for c in citing.children if c.dep_ in cited and c.idx not in inside), None)
    before = citing.doc[citing.i - 1] if citing.i > 1 else None
    if found is None and before is not None and before.dep_ == "auxpass":
        # '"..." Minister Jane Doe was quoted as saying', parsed with the quote as the
        # subject: the name right before 'was quoted' is the one quoted
        name = citing.doc[before.i - 1]
        if name.tag_ in ("NNP", "NNPS") and name.idx not in inside:
            return name
    return found


def _mute_clause_subject(
    subject: Any, node: Any, verb: Any, is_person: Callable[[Any], bool]
) -> bool:
    """'Macron described the deal agreed as an advance, saying "..."'; 'Trump has
    expressed that talks will only happen ..., stating "..."'; 'Zelenskiy reiterated
    that Ukraine will not accept ..., saying "..."': the parser hangs the participle on
    the reported clause. Its speaker is the reporting clause's subject, one step further
    up, unless the reported clause's subject is a person's name ('Peskov said Putin
    refused, saying'): a thing, or a state or body named, does not say the words."""
    return (
        verb.tag_ == "VBG"
        and node is not verb
        and node.dep_ == "ccomp"
        and any(c.dep_ in SUBJECT_DEPS for c in node.head.children)
        and (
            (subject.tag_ in ("NN", "NNS") and subject.ent_type_ == "")
            or subject.ent_type_ in PLACES_AND_BODIES
            or (subject.ent_type_ == "ACTOR" and not is_person(subject))
        )
    )


def _relative_subject_between(verb: Any, inside: range) -> Any | None:
    """'..., Marco Rubio, who acknowledged ... but said ...': the parser often joins 'said'
    to the main verb far back; a 'who' clause opened between them is the one it goes on."""
    if verb.dep_ != "conj" or verb.head.i >= verb.i:
        return None
    for token in verb.doc[verb.head.i + 1 : verb.i]:
        if (
            token.lower_ == "who"
            and token.dep_ in SUBJECT_DEPS
            and token.head.dep_ == "relcl"
            and token.idx not in inside
        ):
            return token
    return None


# a speech verb glued to a wire credit by its full stop ('... Jones said.-AFP')
GLUED_CREDIT = re.compile(r"([a-z]+)\.[-–][a-z]+")


def _before_a_who_clause(doc: Any, end: int) -> Any | None:
    """'..., Witkoff, who helped broker the ceasefire, suggested that': the word before a
    comma-set 'who' clause that ends at ``end``, which the parse may have hung elsewhere."""
    for i in range(end, 1, -1):
        if doc[i].text == ",":
            return doc[i - 1] if doc[i + 1].lower_ == "who" else None
        if doc[i].is_sent_start:
            return None
    return None


def _speech_verb(token: Any) -> bool:
    """A speech verb, or one the tokenizer glued to a wire credit (then tagged a noun)."""
    if token.tag_.startswith("VB"):
        # 'talks ... were called off', 'called up reservists': a verb with a particle
        # that makes it an act, not a saying
        acted = any(c.dep_ == "prt" and c.lower_ in ("off", "up", "in") for c in token.children)
        if token.lower_ in ANSWERING_VERBS and token.i + 1 < len(token.doc):
            return token.nbor(1).text == ":"  # 'The office responded: "..."', not in arms
        return token.lower_ in SPEECH_VERBS and not acted
    glued = GLUED_CREDIT.fullmatch(token.lower_)
    return glued is not None and glued.group(1) in SPEECH_VERBS


def _of_phrase_end(of: Any, longest: int = 10) -> int:
    """Where an 'of' phrase after a subject ends (its words, ten at most, else nothing)."""
    words = list(of.subtree)
    if of.dep_ != "prep" or len(words) > longest:
        return 0
    return words[-1].idx + len(words[-1].text)


def _without_possessive(word: str) -> str:
    """'Costa's' is the name 'Costa'."""
    return word.removesuffix("'s").removesuffix("’s")


def _phrase_with_of(token: Any) -> tuple[int, int]:
    """The noun phrase with its 'of' phrase: 'Participants of the meeting of the bloc's
    ministers said', 'the Ministry of Health reported': the body is named in it. A role
    speaks 'for' its body too ('a spokesperson for Hamas' armed wing')."""
    s0, s1 = _noun_phrase(token)
    heads = ("of", "for") if token.lower_ in TITLES else ("of",)
    return s0, max([s1, *(_of_phrase_end(c) for c in token.rights if c.lower_ in heads)])


def _noun_phrase(token: Any) -> tuple[int, int]:
    """The words before ``token`` that belong to its phrase, a possessor's whole name with
    them ("Hun Manet's spokesman", not "Manet's spokesman")."""
    left = min(
        [token.i]
        + [
            c.left_edge.i
            for c in token.lefts
            if c.dep_ in ("det", "nummod", "compound", "amod", "poss", "nmod")
        ]
    )
    doc = token.doc
    # 'a source close to the negotiations': an adjective after the noun keeps its phrase
    after = [c for c in token.rights if c.dep_ == "amod" and any(c.children)]
    right = after[0].right_edge if after else token
    return doc[left].idx, right.idx + len(right.text)


def _runs_on(text: str, start: int, end: int, sentence: Any) -> bool:
    """'"..., but I told him ... make a deal," Trump posted on Truth Social': the quote
    ends with a comma, so its sentence goes on, though the parser ended it at the mark."""
    closes = sentence.end_char <= end + 2 and sentence.end < len(sentence.doc)
    return closes and text[start:end].rstrip().endswith(",")


def _opens_next_paragraph(between: str) -> bool:
    """The text between two quotes is the rest of one paragraph and the opening mark of
    the next: a quote paragraph with no speech verb right after a paragraph that quoted
    someone is the same speaker going on (the wire convention), not the last name."""
    head, newline, tail = between.rstrip(QUOTE_MARKS + " ").rpartition("\n")
    head = head.lstrip(QUOTE_MARKS + ",.!?;: ").strip("\n")  # after the closing mark
    return (
        bool(newline)
        and not tail.strip()
        and "\n" not in head
        and not any(mark in IN_WORD_APOSTROPHE.sub("", head) for mark in QUOTE_MARKS)
    )


def extract_quotes(
    doc: Any,
    offset: int,
    mentions: list[Mention],
    groups: frozenset[str] = frozenset(),
    memory: SpeakerMemory | None = None,
) -> list[Quote]:
    """Quotes in one spaCy Doc (a kept segment starting at ``offset`` in the document).

    Speaker cascade: the subject of a speech verb in the quote's sentence (a pronoun or
    a definite title resolved to the person named before it); else its sentence's
    "according to X"; else the speaker of a quote just before in the same paragraph (a
    quote running over sentences); for a paragraph left open, the speaker of the quote
    that continues it; else the person subject of an earlier sentence, else the last
    person named.
    """
    text = doc_text(doc)
    matches = _quote_matches(text)
    quoted = [range(s, e) for s, e, _ in matches]
    resolver = SpeakerResolver(doc, offset, mentions, quoted, groups, memory)
    found: list[tuple[int, int, Speaker | None, str]] = []
    for start, end, _ in matches:
        span = doc.char_span(start, end, alignment_mode="expand")
        sentence = span.sent if span is not None else None
        if sentence is None:
            found.append((start, end, None, "unknown"))
            continue
        # a quote of several sentences: its speech verb may follow in the last one
        after = doc.char_span(end, min(len(text), end + 2), alignment_mode="expand")
        tokens = list(sentence)
        if after is not None and after.sent.start != sentence.start:
            tokens += [t for t in after.sent if t.i >= sentence.end]
        elif _runs_on(text, start, end, sentence):
            tokens += list(doc[sentence.end].sent)
        verbs = [t for t in tokens if _speech_verb(t) and not resolver.in_quote(t)]
        verbs.sort(key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
        speaker, method = None, "unknown"
        for verb in verbs:
            subject = _speech_subject(verb, range(start, end), resolver.is_person)
            if subject is not None and resolver.in_quote(subject):
                subject = None  # '“They are on the side of war,” and warned': not 'They'
            named = resolver.name_before(verb, subject)
            if named is not None:
                speaker, method = named, "speech-verb-subject"
                break
            if subject is not None:
                speaker, method = resolver.resolve_subject(subject)
                break
        if speaker is None:  # its own sentence's 'according to X' before any earlier quote's
            speaker = resolver.according_to(tokens)
            method = "according-to" if speaker else method
        if speaker is None and not verbs:
            speaker = resolver.text_subject(span)
            method = "text-subject" if speaker else method
        if speaker is None and found:
            _p_start, p_end, p_speaker, _ = found[-1]
            between = text[p_end:start]
            if p_speaker is not None and (
                "\n" not in between or (not verbs and _opens_next_paragraph(between))
            ):
                speaker, method = p_speaker, "continued"
        if speaker is None and not verbs:
            speaker = resolver.person_subject_before(sentence) or resolver.last_person_before(start)
            method = "previous-subject" if speaker else "unknown"
        found.append((start, end, speaker, method))
    # a paragraph left open takes the speaker of the quote that carries on below it
    for index in range(len(found) - 2, -1, -1):
        start, end, speaker, method = found[index]
        if matches[index][2] and found[index + 1][2] is not None:
            found[index] = (start, end, found[index + 1][2], "continued")
    resolver.remember()
    quotes = []
    for start, end, speaker, method in found:
        speaker = speaker or Speaker("", None, None, None)
        quotes.append(
            Quote(
                start + offset,
                end + offset,
                speaker.surface,
                speaker.actor,
                speaker.start,
                speaker.end,
                method if speaker.surface else "unknown",
                normalise_quote(text[start:end]),
            )
        )
    return quotes
