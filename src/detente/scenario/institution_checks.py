"""Cross-entry checks of vote arenas as institutions (decisions, population, switches).

Called by ``crosscheck.cross_check`` for each arena; ``vote_arena_warnings``
lists what is legal but probably not meant (equal populations assumed, a rule
that can never pass), for ``validate`` to print without failing.
"""

from __future__ import annotations

from collections.abc import Callable

from detente.scenario.errors import Location, ScenarioError
from detente.scenario.paths import PathError, parse_path
from detente.scenario.schema import Scenario

Where = tuple[str | int, ...]
Report = Callable[[Where, str, str], None]
Known = Callable[[Where, str | None, set[str], str], None]
Cites = Callable[[Where, tuple[str, ...]], None]
ENHANCED_MIN = 9  # TEU art. 20(2)


def check_vote_arena(s: Scenario, i: int, report: Report, known: Known, cites: Cites) -> None:
    """Ids in decisions, population and rule switches of arena ``i`` name real things."""
    arena = s.arenas[i]
    at = ("arenas", i)
    seen: set[str] = set()
    for k, d in enumerate(arena.decisions):
        here = (*at, "decisions", k)
        if d.id in seen:
            report((*here, "id"), f"duplicate decision id {d.id!r}", "give each its own id")
        seen.add(d.id)
        if d.issue not in arena.issues:
            report(
                (*here, "issue"),
                f"decision {d.id!r}: {d.issue!r} is not an issue of arena {arena.id!r}",
                f"use one of {', '.join(arena.issues)} or add it to the arena's issues",
            )
        cites(here, d.evidence)
        for name in ("effects_if_in_force", "effects_if_lapsed"):
            for j, effect in enumerate(getattr(d, name)):
                place = (*here, name, j, "path")
                try:
                    path = parse_path(effect.path, s)
                except PathError as exc:
                    report(place, str(exc), exc.hint)
                    continue
                if path.section != "dynamics":
                    report(
                        place,
                        f"a decision's effect must be on a dynamics number, not {effect.path!r}",
                        "e.g. dynamics.war_cost.<signatory> (financing lowers it, sanctions "
                        "raise it)",
                    )
        if d.renewal is not None:
            for j, day in enumerate(d.renewal.dates):
                if day <= s.as_of:
                    report(
                        (*here, "renewal", "dates", j),
                        f"renewal date {day} is not after as_of {s.as_of}",
                        "list only renewals still to come",
                    )
    members = set(arena.members)
    seats = set(arena.members)
    seen = set()
    for k, switch in enumerate(arena.rule_switches):
        here = (*at, "rule_switches", k)
        if switch.id in seen:
            report((*here, "id"), f"duplicate rule switch id {switch.id!r}", "rename one")
        seen.add(switch.id)
        cites(here, switch.evidence)
        swap = switch.replace_member
        if swap is None:
            continue
        if swap.old not in seats:
            report(
                (*here, "replace_member", "old"),
                f"{swap.old!r} holds no seat in arena {arena.id!r}",
                f"replace one of {', '.join(sorted(seats))}",
            )
        known((*here, "replace_member", "new"), swap.new, set(s.actor_ids), "actor")
        if swap.new in members:
            report(
                (*here, "replace_member", "new"),
                f"{swap.new!r} already sits in {arena.id!r}",
                "the new member must be an actor without a seat",
            )
        seats.add(swap.new)
    if arena.population is not None:
        cites((*at, "population"), arena.population.evidence)
        for name in arena.population.shares:
            if name not in seats:
                report(
                    (*at, "population", "shares", name),
                    f"{name!r} holds no seat in arena {arena.id!r}",
                    "give populations of members (and of actors a switch seats) only",
                )
        missing = sorted(members - set(arena.population.shares))
        if missing:
            report(
                (*at, "population", "shares"),
                f"no population for member(s) {', '.join(missing)} of {arena.id!r}",
                "give every member's population (a new member inherits its seat's)",
            )


def vote_arena_warnings(s: Scenario, locate: Callable[[Where], Location]) -> list[ScenarioError]:
    """Legal but suspicious vote arenas: QMV without populations, unreachable enhanced rule."""
    out = []
    for i, arena in enumerate(s.arenas):
        if arena.kind != "vote":
            continue
        rules = {arena.rule} | {sw.to for sw in arena.rule_switches if sw.to}
        if "qmv" in rules and arena.population is None:
            out.append(
                ScenarioError(
                    f"arena {arena.id!r} can vote by qualified majority but has no "
                    "'population': equal shares are assumed for the 65% test",
                    location=locate(("arenas", i)),
                    hint="add population: {shares: {MEMBER: number, ...}, evidence: [...]}",
                )
            )
        if "enhanced" in rules and len(arena.members) < ENHANCED_MIN:
            out.append(
                ScenarioError(
                    f"arena {arena.id!r} has {len(arena.members)} members: enhanced "
                    f"cooperation needs at least {ENHANCED_MIN} willing ones and can never pass",
                    location=locate(("arenas", i, "members")),
                    hint="list every member that could join, or use another rule",
                )
            )
    return out
