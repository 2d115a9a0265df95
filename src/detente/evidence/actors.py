"""The scenario's actors as a lookup: alias -> actor id, exact first, then fuzzy.

The entity ruler catches the aliases as written; rapidfuzz catches variants
the scenario author did not list (Zelenskiy / Zelenskyy, Witkoff's) among the
statistical NER's people, places and organisations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from detente.scenario.schema import Scenario

FUZZY_THRESHOLD = 86.0
FUZZY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})  # not NORP: demonyms
QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")  # a trailing '(ASEAN chair)' on a name
GROUP_KINDS = frozenset(["organisation", "armed_group"])
# small words an acronym skips: 'DRC' is the Democratic Republic of the Congo
ACRONYM_SKIPS = frozenset(["of", "the", "and", "for", "de", "du", "la", "le", "des"])


@cache
def _people_names(lexicon: ActorLexicon, people: frozenset[str]) -> dict[str, str]:
    """The people's aliases and their surnames ('Pashinyan' of 'Nikol Pashinyan') -> actor."""
    names = {a: i for a, i in lexicon.alias_to_actor.items() if a in people}
    for alias, actor in list(names.items()):
        names.setdefault(alias.split()[-1], actor)
    return names


def name_initials(name: str) -> str | None:
    """The initials of a name of two or more capitalised words ('United States' -> 'US',
    'Rapid Support Forces' -> 'RSF'); None for a one-word or lower-case name."""
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ACRONYM_SKIPS]
    if len(words) >= 2 and all(w[0].isupper() for w in words):
        return "".join(w[0] for w in words)
    return None


@dataclass(frozen=True, eq=False)
class ActorLexicon:
    """Aliases of a scenario's actors; ``alias_to_actor`` keeps the case as written."""

    scenario_id: str
    alias_to_actor: dict[str, str]
    person_aliases: frozenset[str] = field(default_factory=frozenset)
    # actors a page may call 'the group' ('the terror group said'): organisations and
    # armed groups, not states
    groups: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> ActorLexicon:
        table: dict[str, str] = {}
        for actor in scenario.actors:
            # 'Malaysia (ASEAN chair)' is written 'Malaysia' in the news
            bare = QUALIFIER.sub("", actor.name)
            # an id that is the name's initials ('UAE' of 'United Arab Emirates') is how
            # the news writes it too; other ids ('RUS', 'EUR') are codes, not names
            initials = tuple({actor.id} & {name_initials(actor.name), name_initials(bare)})
            for alias in (actor.name, bare, *actor.aliases, *initials):
                alias = alias.strip()
                if len(alias) >= 2 and alias not in table:
                    table[alias] = actor.id
        groups = frozenset(a.id for a in scenario.actors if a.kind in GROUP_KINDS)
        return cls(scenario.id, table, groups=groups)

    def with_aliases(self, accepted: dict[str, str]) -> ActorLexicon:
        """A lexicon that also knows accepted candidates (name -> an existing actor id)."""
        table = dict(self.alias_to_actor)
        known = set(table.values())
        for name, actor_id in accepted.items():
            if actor_id not in known:
                raise ValueError(f"unknown actor id {actor_id!r} for candidate {name!r}")
            table.setdefault(name.strip(), actor_id)
        return ActorLexicon(self.scenario_id, table, groups=self.groups)

    def patterns(self) -> list[dict[str, str]]:
        """Entity-ruler phrase patterns (case-sensitive, so 'US' never matches 'us')."""
        return [
            {"label": "ACTOR", "pattern": alias, "id": actor_id}
            for alias, actor_id in sorted(self.alias_to_actor.items())
        ]

    def resolve(self, name: str, among: frozenset[str] | None = None) -> tuple[str | None, str]:
        """The actor id for a name and how it was found ('alias', 'fuzzy' or ''). With
        ``among`` (people's aliases), only those are candidates, and a person's surname
        ('Pashinian' is 'Nikol Pashinyan' spelled another way) counts as one."""
        cleaned = name.strip().removesuffix("'s").removesuffix("’s").removeprefix("the ")
        candidates = self.alias_to_actor if among is None else _people_names(self, among)
        if cleaned in candidates:
            return candidates[cleaned], "alias"
        if len(cleaned) < 5:
            return None, ""
        from rapidfuzz import fuzz, process

        names = list(candidates)
        best = process.extractOne(cleaned, names, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
        if best is None:
            last = cleaned.split()[-1]
            if len(last) >= 6 and last != cleaned:
                best = process.extractOne(
                    last, names, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD
                )
        if best is None:
            return None, ""
        return candidates[best[0]], "fuzzy"
