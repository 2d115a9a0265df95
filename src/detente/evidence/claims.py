"""Assertions that contradict the scenario: kept as claims with their source, never facts.

Narrow on purpose: an appositive that gives a named person a role for another
actor ("the EU counterpart to X, President Y" where Y is the scenario's
Ukrainian leader). The briefing lists such claims next to the scenario's view.
"""

from __future__ import annotations

import re

from detente.evidence.actors import ActorLexicon
from detente.evidence.records import Claim, Mention

ROLE = re.compile(
    r"\b[Tt]he (?P<affiliation>[A-Z][\w.]+) (?:counterpart|envoy|representative|negotiator|"
    r"leader|ally)\b[^,.;\n]{0,40},\s+"
)


def extract_claims(text: str, mentions: list[Mention], lexicon: ActorLexicon) -> list[Claim]:
    claims = []
    people = sorted(mentions, key=lambda m: m.start)
    for match in ROLE.finditer(text):
        claimed = lexicon.alias_to_actor.get(match.group("affiliation"))
        if claimed is None:
            continue
        person = next((m for m in people if match.end() <= m.start <= match.end() + 60), None)
        if person is not None and person.actor != claimed:
            claims.append(
                Claim(
                    match.start(), person.end, "affiliation", person.actor, claimed, person.surface
                )
            )
    return claims
