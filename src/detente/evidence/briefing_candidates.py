"""The briefing's actor candidates: names no scenario actor claims, with pointers.

Why in the briefing and not only in the store: a person decides which names become
actors (``detente update --accept-actor NAME=ID``), and decides from the sentences
the name occurs in, which the briefing reads from the source files at display time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from detente.evidence.actors import QUALIFIER, ActorLexicon, name_initials
from detente.evidence.candidates import actor_candidates
from detente.evidence.records import Extraction
from detente.scenario.schema import Scenario
from detente.scenario.text import span_sha256

# NER label -> the scenario's actor kind ('NORP' is a people or movement, e.g. 'Houthis')
ACTOR_KIND = {"PERSON": "person", "ORG": "organisation", "GPE": "state", "NORP": "organisation"}
MAX_ID_CHARS = 32
# 'met in Doha', 'talks at Addis Ababa': a name only ever read this way is a venue
VENUE_BEFORE = re.compile(r"\b(?:in|at|from|to|near|outside)\s+(?:the\s+)?$", re.I)


def suggested_id(name: str) -> str:
    """An identifier a user may accept as is ('Félix Tshisekedi' -> 'Felix_Tshisekedi')."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_name)
    ident = "_".join(words)[:MAX_ID_CHARS].strip("_")
    if not ident or not ident[0].isalpha():
        ident = f"A_{ident}".strip("_")
    return ident


def initials_of(scenario: Scenario) -> dict[str, str]:
    """Each actor's initials from its name and aliases ('United States' -> 'US',
    'Rapid Support Forces' -> 'RSF') -> actor id; initials two actors share are left out.
    An id in capitals is its actor's initials too ('US' for 'United States (Boulos)',
    whose name gives none), and wins over another actor's initials."""
    table: dict[str, set[str]] = {}
    for actor in scenario.actors:
        for name in (actor.name, *actor.aliases):
            if (initials := name_initials(name)) is not None:
                table.setdefault(initials, set()).add(actor.id)
    found = {key: next(iter(ids)) for key, ids in table.items() if len(ids) == 1}
    return found | {a.id: a.id for a in scenario.actors if a.id.isupper()}


def alias_of(name: str, initials: dict[str, str]) -> str | None:
    """The actor an acronym ('US', 'U.S.', 'the RSF') abbreviates, if one does."""
    key = name.removeprefix("the ").replace(".", "").strip()
    return initials.get(key) if key.isupper() and 2 <= len(key) <= 6 else None


def named_in_qualifiers(scenario: Scenario) -> dict[str, str]:
    """Each capitalised word of an actor's name qualifier ('Phumtham', 'Manet' of
    'Thailand (acting PM Phumtham)', 'Cambodia (PM Hun Manet)') -> that actor's id; a word
    two actors' qualifiers share, or shorter than four letters, is left out."""
    return _owned_by_one(
        (word, actor.id)
        for actor in scenario.actors
        if (qualifier := QUALIFIER.search(actor.name))
        for word in re.findall(r"[A-Z][\w'-]{3,}", qualifier.group())
    )


def words_of_aliases(scenario: Scenario) -> dict[str, str]:
    """Each capitalised word of three letters or more of an actor's alias of several words
    ('Hun' and 'Manet' of Cambodia's 'Hun Manet') -> that actor's id: a person the news
    names by one of them ('spoke to Hun and Anutin') is most likely the alias's person.
    A word two actors' aliases share is left out."""
    return _owned_by_one(
        (word, actor.id)
        for actor in scenario.actors
        for alias in actor.aliases
        if len(words := alias.split()) > 1
        for word in words
        if re.fullmatch(r"[A-Z][\w'-]{2,}", word)
    )


def _owned_by_one(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """(word, actor id) pairs -> word -> actor, for the words only one actor has."""
    table: dict[str, set[str]] = {}
    for word, actor in pairs:
        table.setdefault(word, set()).add(actor)
    return {word: next(iter(ids)) for word, ids in table.items() if len(ids) == 1}


def _alias(
    name: str,
    label: str,
    initials: dict[str, str],
    named: dict[str, str],
    alias_words: dict[str, str],
) -> dict[str, str | None]:
    """The actor a candidate most likely is ('alias_of') and why ('alias_why')."""
    if (actor := alias_of(name, initials)) is not None:
        return {"alias_of": actor, "alias_why": f"the initials of actor {actor}"}
    if (actor := person_named_by(name, label, named)) is not None:
        return {"alias_of": actor, "alias_why": f"named in actor {actor}'s name"}
    if (actor := person_named_by(name, label, alias_words)) is not None:
        return {"alias_of": actor, "alias_why": f"a word of an alias of actor {actor}"}
    return {"alias_of": None, "alias_why": None}


def person_named_by(name: str, label: str, named: dict[str, str]) -> str | None:
    """The actor whose words (``named``: its name's qualifier, or its aliases') name this
    person ('Hun Manet' for 'Cambodia (PM Hun Manet)'): the person speaks for it, so an
    alias, not a new actor. None when the name's words point to no actor or to two."""
    if label != "PERSON":
        return None
    actors = {named[w] for w in name.split() if w in named}
    return next(iter(actors)) if len(actors) == 1 else None


def issue_words(scenario: Scenario) -> dict[str, str]:
    """Each capitalised word of five letters or more in an issue's name, aliases or scale
    anchors -> that issue's id: the places and topics of the case ('Tigray' of 'Western
    Tigray (Welkait)'), which a model often tags as people or groups."""
    table: dict[str, str] = {}
    for issue in scenario.issues:
        for text in (issue.name, *issue.aliases, *issue.scale.values()):
            for word in re.findall(r"[A-Z][\w'-]{4,}", text):
                table.setdefault(word, issue.id)
    return table


def _in_issue(name: str, words: dict[str, str]) -> str:
    """A note where the candidate is an issue's word or its demonym ('Tigrayan')."""
    for word in name.split():
        stem = next((w for w in words if word == w or word.startswith(w)), None)
        if stem is not None:
            return f"'{stem}' is a word of issue {words[stem]!r}: a place or topic of the case?"
    return ""


def briefing_candidates(
    scenario: Scenario,
    items: Iterable[tuple[str, Extraction]],
    texts: dict[str, str],
    sources: dict[str, dict[str, Any]],
) -> list[dict[str, Any]]:
    """Candidates most frequent first, each with every mention as an evidence pointer."""
    items = list(items)
    # the names the extractor resolves ('Thailand' for 'Thailand (acting PM Phumtham)'),
    # so their demonyms ('Thai') are no new actors either
    known = [a.id for a in scenario.actors] + list(
        ActorLexicon.from_scenario(scenario).alias_to_actor
    )
    surfaces = {
        (key, c.start, c.end): c.surface for key, extraction in items for c in extraction.candidates
    }
    initials = initials_of(scenario)
    named = named_in_qualifiers(scenario)
    alias_words = words_of_aliases(scenario)
    topics = issue_words(scenario)
    found = []
    for candidate in actor_candidates(items, known=known):
        pointers = [
            {
                "source": sources[key]["id"],
                "document_sha256": key,
                "start": start,
                "end": end,
                "sha256": span_sha256(texts[key], start, end),
                "surface": surfaces.get((key, start, end), candidate.name),
            }
            for key, start, end in candidate.spans
        ]
        venue = candidate.label == "GPE" and all(
            VENUE_BEFORE.search(texts[key][max(0, start - 20) : start])
            for key, start, _ in candidate.spans
        )
        found.append(
            {
                "name": candidate.name,
                "label": candidate.label,
                "kind": ACTOR_KIND.get(candidate.label),
                "count": candidate.count,
                "n_sources": len({p["source"] for p in pointers}),
                "suggested_id": suggested_id(candidate.name),
                # an acronym of an actor's name is most likely that actor, and a person
                # its name's qualifier names speaks for it
                **_alias(candidate.name, candidate.label, initials, named, alias_words),
                "note": (
                    "every mention reads as a place ('in ...'): a venue?"
                    if venue
                    else _in_issue(candidate.name, topics)
                ),
                "pointers": pointers,
            }
        )
    return found
