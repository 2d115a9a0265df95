"""Actors the scenario does not know yet: named people, organisations, places and
peoples that no alias resolves, with counts and spans, for a user to accept.

The mentions are stored per document (``evidence.candidates``), listed in the
briefing with their sentences (``briefing_candidates``), and an analyst accepts a name
either as an alias of an existing actor or as a new actor in the next snapshot
(``detente update --accept-alias / --accept-actor NAME=ID``, ``accept_actors``).
Nothing is accepted automatically: a name the model mis-tags ("Goma" as a person)
must not become an actor. A place named only as where something happens ('in Gaza
City') is not offered at all.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from detente.evidence.lexicons import ANAPHORIC_NOUNS, HONORIFICS, NEWS_AGENCIES
from detente.evidence.records import CandidateMention, Extraction, Mention

CANDIDATE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
AGENCY = re.compile(NEWS_AGENCIES, re.I)


@dataclass(frozen=True)
class ActorCandidate:
    """A name seen in the documents that no scenario actor claims."""

    name: str
    label: str  # the NER label seen most often for it
    count: int
    spans: tuple[tuple[str, int, int], ...]  # (document key, start, end)


def candidate_mentions(doc: Any, offset: int, mentions: list[Mention]) -> list[CandidateMention]:
    """NER entities of the candidate labels that overlap no actor mention, and are no
    body of an actor ("Thailand's Foreign Ministry" is Thailand's, not a new actor)."""
    taken = [(m.start - offset, m.end - offset) for m in mentions]
    owners = {m.start - offset for m in mentions if not m.is_person}
    starts = {m.start - offset for m in mentions}
    found = []
    for ent in doc.ents:
        if ent.label_ not in CANDIDATE_LABELS:
            continue
        start, end = ent.start_char, ent.end_char
        if any(start < b and a < end for a, b in taken):
            continue
        if ent.label_ == "ORG" and any(
            c.dep_ == "poss" and c.left_edge.idx in owners for c in ent.root.lefts
        ):
            continue
        if ent.label_ in ("PERSON", "ORG") and ent.end < len(doc) and doc[ent.end].idx in starts:
            # 'Ararat' of 'Ararat Mirzoyan' when 'Mirzoyan' is a person's alias, 'Abdel
            # Fattah al-' of '... al-Burhan' when 'Burhan' stands for the army, 'Royal' of
            # 'Royal Thai Police' when 'Thai' is an alias: the model cut the name there
            continue
        if len(ent) == 1 and ent.end < len(doc) and doc[ent.end].lower_ in PORTFOLIO_HOLDERS:
            continue  # 'Defence' of 'Defence Minister Nattapol': a portfolio, not a body
        if ent.label_ == "GPE" and _where(ent):
            continue  # 'in Gaza City', 'across the Gaza Strip': a place, no one who acts
        if ent.label_ != "PERSON" and _names_a_place(ent):
            continue  # 'Surin and Sisaket provinces', 'the Kursk region': places
        surface = re.sub(r"(?:'s|’s)$", "", ent.text).strip()
        if len(surface) < 2 or _an_agency(surface):
            continue  # 'AP', 'Reuters': who reports, not who negotiates
        if _not_a_name(surface):
            continue  # 'Twitter', 'Chairperson', 'Government of', 'AFRICA/ETHIOPIA - ...'
        found.append(
            CandidateMention(start + offset, start + offset + len(surface), surface, ent.label_)
        )
    return found


# where someone posts, not who acts; a title alone, not a name ('the Chairperson said')
PLATFORMS = frozenset(
    ["twitter", "facebook", "telegram", "youtube", "whatsapp", "instagram", "tiktok"]
)
TITLES = ANAPHORIC_NOUNS | frozenset(
    ["chairperson", "chairman", "chair", "envoy", "secretary", "commissioner", "ambassador"]
)
DANGLING = frozenset(["of", "and", "the", "for", "to", "in", "on", "at", "with"])
# the title after a one-word portfolio ('Interior Minister', 'Defence Secretary')
PORTFOLIO_HOLDERS = frozenset(["minister", "secretary"])


def _not_a_name(surface: str) -> bool:
    """A platform, a bare title, a span the model cut after a function word ('Government
    of'), a headline fragment ('AFRICA/ETHIOPIA - Resumption') or punctuation: no party
    to name."""
    words = surface.split()
    if not any(ch.isalpha() for ch in surface):
        return True  # a quotation mark or a dash the model tagged
    if len(words) == 1 and words[0].casefold() in PLATFORMS | TITLES:
        return True
    return words[-1].casefold() in DANGLING or "/" in surface or " - " in surface


def _an_agency(surface: str) -> bool:
    """'AP', 'the Associated Press', 'Associated Press (' (the model may take in a bracket
    of a credit '(Associated Press)')."""
    return AGENCY.fullmatch(re.sub(r"^the ", "", surface.strip(" ()[]"), flags=re.I)) is not None


# prepositions that make a place where something happens ('fighting in Gaza', 'a visit to
# Doha'); 'talks with Russia', 'between Kyiv and Moscow' name who acts and stay
LOCATIVE = frozenset(
    [
        "in",
        "at",
        "near",
        "across",
        "around",
        "into",
        "throughout",
        "inside",
        "outside",
        "within",
        "from",
        "to",
        "toward",
        "towards",
        "on",
        "over",
        "of",
    ]
)


def _where(ent: Any) -> bool:
    """A place name that is the object of a locative preposition, or a name inside a
    longer place's ('the Gaza Strip', 'Gaza City' are themselves places)."""
    root = ent.root
    while root.dep_ == "conj":  # 'in Gaza and the West Bank'
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE


# nouns that make the name before them a place ('Sisaket province', 'the Donetsk region')
PLACE_NOUNS = frozenset(
    [
        "province",
        "provinces",
        "region",
        "regions",
        "district",
        "districts",
        "oblast",
        "oblasts",
        "governorate",
        "governorates",
        "county",
        "counties",
        "prefecture",
        "prefectures",
        "municipality",
        "municipalities",
    ]
)


def _names_a_place(ent: Any) -> bool:
    """A name that modifies a place noun, alone or in a list ('Chanthaburi and Trat
    provinces': the tagger may call Trat a people or an organisation)."""
    root = ent.root
    while root.dep_ == "conj":
        root = root.head
    return root.dep_ in ("compound", "nmod", "amod") and root.head.lower_ in PLACE_NOUNS


# 'the RSF' is 'RSF', and 'Mr Boulos' the 'Boulos' a full name ends with
LEADING_WORDS = re.compile(r"^(?:the|" + "|".join(sorted(HONORIFICS)) + r")\.?\s+", re.I)


def _key(surface: str) -> str:
    return LEADING_WORDS.sub("", surface.strip()).casefold()


def actor_candidates(
    extractions: Iterable[tuple[str, Extraction]],
    *,
    known: Iterable[str] = (),
    min_count: int = 1,
) -> list[ActorCandidate]:
    """Candidates over many documents, most frequent first (ties by name).

    ``known``: the scenario's actor names and aliases; their demonyms ('Russian' for
    'Russia') are left out. A surname alone ('Peskov') joins the full name
    ('Dmitry Peskov') seen elsewhere, and so does a first word that only one full name
    begins with (Thai news writes 'Phumtham' for Phumtham Wechayachai, Chinese 'Xi').
    """
    stems = [k.casefold() for k in known if len(k) >= 4]
    spans: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    labels: dict[str, Counter] = defaultdict(Counter)
    names: dict[str, Counter] = defaultdict(Counter)
    for doc_key, extraction in extractions:
        for c in extraction.candidates:
            key = _key(c.surface)
            spans[key].append((doc_key, c.start, c.end))
            labels[key][c.label] += 1
            names[key][LEADING_WORDS.sub("", c.surface)] += 1
    full_names = _short_forms([k for k in spans if " " in k and labels[k]["PERSON"]])
    joins = {k: full_names[k] for k in spans if " " not in k and k in full_names}
    joins.update(_expanded_acronyms({k: names[k].most_common(1)[0][0] for k in spans}))
    for short, full in joins.items():
        while full in joins:  # 'UN SC' -> 'UN Security Council' -> 'United Nations ...'
            full = joins[full]  # ends: each step spells out words, so names only grow
        spans[full].extend(spans.pop(short))
        labels[full].update(labels.pop(short))
        names.pop(short)
    result = [
        ActorCandidate(
            names[k].most_common(1)[0][0], labels[k].most_common(1)[0][0], len(v), tuple(v)
        )
        for k, v in spans.items()
        if len(v) >= min_count
        and not any(k.startswith(s) for s in stems)
        and not (
            (labels[k].most_common(1)[0][0] == "NORP" or " " not in k) and _demonym_of(k, stems)
        )
    ]
    return sorted(result, key=lambda c: (-c.count, c.name))


def _short_forms(full_names: list[str]) -> dict[str, str]:
    """Last word -> full name; first word -> full name where no other name shares it."""
    forms = {name.split()[-1]: name for name in full_names}
    firsts = Counter(name.split()[0] for name in full_names)
    for name in full_names:
        first = name.split()[0]
        if firsts[first] == 1:
            forms.setdefault(first, name)
    return forms


def _expanded_acronyms(surfaces: dict[str, str]) -> dict[str, str]:
    """Key -> key of the same name with an acronym spelt out ('UN Security Council' ->
    'United Nations Security Council', 'AU' -> 'African Union'): an acronym is a word of 2-5
    capitals whose letters begin the words that replace it."""
    words = {key: key.split() for key in surfaces}
    joins = {}
    for key, surface in surfaces.items():
        shown = LEADING_WORDS.sub("", surface).split()
        for i, word in enumerate(shown):
            if not (2 <= len(word) <= 5 and word.isalpha() and word.isupper()):
                continue
            before, after = words[key][:i], words[key][i + 1 :]
            for other, spelt in words.items():
                middle = spelt[len(before) : len(spelt) - len(after)]
                if (
                    other != key
                    and spelt[: len(before)] == before
                    and spelt[len(spelt) - len(after) :] == after
                    and "".join(w[0] for w in middle) == word.casefold()
                ):
                    joins[key] = other
    return joins


def _demonym_of(key: str, stems: list[str]) -> bool:
    """'Ukrainian' for 'Ukraine', 'Rwandan' for 'Rwanda': the stem less its final vowel
    (at least five letters left, so 'Iran' does not claim 'Iraqi'); 'Thai' for 'Thailand'.
    A one-word name is a demonym whatever label the tagger gave it ('Thai' as ORG)."""
    roots = [s.rstrip("aeiouy") for s in stems]
    if any(len(r) >= 5 and key.startswith(r) for r in roots):
        return True
    return any(s.endswith("land") and key == s[:-4] for s in stems)  # 'Thai' for 'Thailand'
