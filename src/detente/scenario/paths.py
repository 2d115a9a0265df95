"""Dotted paths that name one number of a scenario, for event effects and what-if.

actors.US.capability                 positions.RUS.territory.position
positions.UKR.nato.salience          issues.territory.status_quo
relations.dependency.UKR.US.strength dynamics.front_drift_per_round
dynamics.war_cost.RUS                events.iran_war.probability
arenas.eu_council.rule               (a word: unanimity, qmv, majority, enhanced)
arenas.european_channel.opens.probability   (a track that opens in a window)
arenas.direct_talks.meets.share   (how often a bilateral track's sides meet)
arenas.eu_council.decisions.rollover.proposal   (also .reversion, .veto_cost; 0..100)
arenas.eu_council.rule_switches.passerelle.probability
arenas.peace_talks.leverage.cut_support.cost   (also .war_cost_add, .front_drift_add)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from detente.scenario.dynamics import dynamic_spec
from detente.scenario.errors import DetenteError, shorten
from detente.scenario.schema import DynamicParameter, Package, Scenario
from detente.scenario.structure import TrackMeetings
from detente.scenario.uncertain import Uncertain

Op = Literal["set", "add", "multiply"]
RULES = ("unanimity", "qmv", "majority", "enhanced")


class PathError(DetenteError):
    """A path that names nothing in the scenario."""


@dataclass(frozen=True)
class ParameterPath:
    section: str
    keys: tuple[str, ...]
    field: str
    text: str
    low: float
    high: float


MAX_READY_DAYS = 3650  # a package's ready_after_days, as the schema bounds it
PACKAGE_VALUE = (-100.0, 100.0)  # a limited deal's worth, in utility points like resolve


def parse_path(text: str, scenario: Scenario) -> ParameterPath:
    """Check that ``text`` names a number (or an arena rule, or whether talks go on under a
    ceasefire) of ``scenario``."""
    parts = text.split(".")
    section = parts[0]
    hint = "see 'detente show' for ids; forms: " + ", ".join(
        [
            "actors.ID.capability",
            "positions.ACTOR.ISSUE.position|salience",
            "issues.ID.status_quo",
            "relations.KIND.FROM.TO.strength",
            "dynamics.NAME",
            "events.ID.probability",
            "arenas.ID.rule",
            "arenas.ID.opens.probability",
            "arenas.ID.meets.share",
            "arenas.ID.decisions.ID.proposal|reversion|veto_cost",
            "arenas.ID.rule_switches.ID.probability",
            "arenas.ID.leverage.ID.cost|war_cost_add|front_drift_add|deal_value",
            "packages.ID.ready_after_days",
            "packages.ID.value.ACTOR",
            "packages.ID.talks_continue",
            "packages.ID.settles",
            "packages.ID.freezes",
            "packages.ID.conditions (none)",
        ]
    )

    def fail(message: str) -> PathError:
        return PathError(f"path {text!r}: {message}", hint=hint)

    def need(count: int) -> None:
        if len(parts) != count:
            raise fail(f"expected {count} dot-separated parts, got {len(parts)}")

    if section == "actors":
        need(3)
        if parts[1] not in scenario.actor_ids or parts[2] != "capability":
            raise fail("unknown actor or field (only 'capability')")
        return ParameterPath(section, (parts[1],), "capability", text, 0, 100)
    if section == "positions":
        need(4)
        pair = (parts[1], parts[2])
        if pair not in {(p.actor, p.issue) for p in scenario.positions}:
            raise fail(f"no position of {parts[1]!r} on {parts[2]!r}")
        if parts[3] not in ("position", "salience"):
            raise fail("field must be 'position' or 'salience'")
        return ParameterPath(section, pair, parts[3], text, 0, 100)
    if section == "issues":
        need(3)
        if parts[1] not in scenario.issue_ids or parts[2] != "status_quo":
            raise fail("unknown issue or field (only 'status_quo')")
        return ParameterPath(section, (parts[1],), "status_quo", text, 0, 100)
    if section == "relations":
        need(5)
        found = any(
            (r.kind, r.source_actor, r.target_actor) == tuple(parts[1:4])
            for r in scenario.relations
        )
        if not found or parts[4] != "strength":
            raise fail("no such relation (KIND.FROM.TO) or field (only 'strength')")
        return ParameterPath(section, tuple(parts[1:4]), "strength", text, 0, 1)
    if section == "dynamics":
        name = ".".join(parts[1:])
        spec = dynamic_spec(name)
        if spec is None:
            raise fail(f"unknown dynamics parameter {name!r}")
        if spec.per_actor and name.partition(".")[2] not in scenario.actor_ids:
            raise fail(f"unknown actor in {name!r}")
        return ParameterPath(section, (name,), "value", text, *spec.range_for(scenario.round_days))
    if section == "events":
        need(3)
        if parts[1] not in {e.id for e in scenario.events} or parts[2] != "probability":
            raise fail("unknown event or field (only 'probability')")
        return ParameterPath(section, (parts[1],), "probability", text, 0, 1)
    if section == "arenas" and len(parts) == 4 and parts[2] == "opens":
        arena = next((a for a in scenario.arenas if a.id == parts[1]), None)
        if arena is None or arena.opens is None or parts[3] != "probability":
            raise fail("no track with an 'opens' window of that id (field: 'probability')")
        return ParameterPath(section, (parts[1],), "opens", text, 0, 1)
    if section == "arenas" and len(parts) == 4 and parts[2] == "meets":
        arena = next((a for a in scenario.arenas if a.id == parts[1]), None)
        if arena is None or arena.kind != "bilateral" or parts[3] != "share":
            raise fail("no bilateral track of that id (field: 'share')")
        return ParameterPath(section, (parts[1],), "meets", text, 0, 1)
    if section == "arenas" and len(parts) == 5:
        return _arena_entry_path(scenario, parts, text, fail)
    if section == "arenas":
        need(3)
        if parts[1] not in {a.id for a in scenario.arenas} or parts[2] != "rule":
            raise fail("unknown arena or field (only 'rule')")
        return ParameterPath(section, (parts[1],), "rule", text, 0, 0)
    if section == "packages":
        package = next((p for p in scenario.packages if len(parts) > 1 and p.id == parts[1]), None)
        if package is not None and len(parts) == 4 and parts[2] == "value":
            if parts[3] not in package.value:
                declared = ", ".join(package.value) or "none"
                raise fail(f"package {parts[1]!r} declares no value for {parts[3]!r} ({declared})")
            return ParameterPath(section, (parts[1], parts[3]), "value", text, *PACKAGE_VALUE)
        need(3)
        if package is None:
            known = ", ".join(p.id for p in scenario.packages) or "none"
            raise fail(f"no package {parts[1]!r} (packages: {known})")
        if parts[2] == "ready_after_days" and package.kind != "limited":
            return ParameterPath(section, (parts[1],), parts[2], text, 0, MAX_READY_DAYS)
        if parts[2] in ("talks_continue", "settles", "freezes") and package.kind == "ceasefire":
            return ParameterPath(section, (parts[1],), parts[2], text, 0, 0)
        if parts[2] == "conditions" and package.conditions:
            return ParameterPath(section, (parts[1],), parts[2], text, 0, 0)
        raise fail(
            f"{parts[1]!r} is a {package.kind} package: its settable fields are "
            + (
                "'ready_after_days', 'talks_continue', 'settles', 'freezes'"
                if package.kind == "ceasefire"
                else "'ready_after_days'"
                if package.kind == "comprehensive"
                else "'value.ACTOR' (what the deal is worth to a signatory)"
            )
            + (", 'conditions' (none)" if package.conditions else "")
        )
    raise fail(f"unknown section {section!r}")


def _arena_entry_path(
    scenario: Scenario, parts: list[str], text: str, fail: Callable[[str], PathError]
) -> ParameterPath:
    """A vote arena's decision proposal / reversion, a rule switch's probability, or a
    track's lever (its cost to the mediator, what it adds to the target's war cost and to
    the front's drift: ranged as the dynamics they add to)."""
    arena = next((a for a in scenario.arenas if a.id == parts[1]), None)
    if arena is None:
        raise fail(f"unknown arena {parts[1]!r}")
    if parts[2] == "decisions":
        decision = next((d for d in arena.decisions if d.id == parts[3]), None)
        if decision is None or parts[4] not in ("proposal", "reversion", "veto_cost"):
            raise fail("unknown decision or field (only 'proposal', 'reversion' or 'veto_cost')")
        if getattr(decision, parts[4]) is None and parts[4] != "veto_cost":  # none = 0
            raise fail(f"decision {parts[3]!r} declares no {parts[4]}; add one to change it")
        return ParameterPath("arenas", tuple(parts[1:4]), parts[4], text, 0, 100)
    if parts[2] == "rule_switches":
        if parts[3] not in {sw.id for sw in arena.rule_switches} or parts[4] != "probability":
            raise fail("unknown rule switch or field (only 'probability')")
        return ParameterPath("arenas", tuple(parts[1:4]), "probability", text, 0, 1)
    if parts[2] == "leverage":
        ranges = {
            "cost": (0, 50),
            "war_cost_add": (0, 100),
            "front_drift_add": (-10, 10),
            "deal_value": (-100, 100),
        }
        if parts[3] not in {lever.id for lever in arena.leverage} or parts[4] not in ranges:
            raise fail(
                "unknown lever or field (only 'cost', 'war_cost_add', 'front_drift_add' or "
                "'deal_value'); "
                f"levers of {parts[1]!r}: {', '.join(lv.id for lv in arena.leverage) or 'none'}"
            )
        return ParameterPath("arenas", tuple(parts[1:4]), parts[4], text, *ranges[parts[4]])
    raise fail(
        "an arena path is arenas.ID.rule, arenas.ID.opens.probability, arenas.ID.meets.share, "
        "arenas.ID.decisions.ID.FIELD, arenas.ID.rule_switches.ID.probability or "
        "arenas.ID.leverage.ID.FIELD"
    )


def _with_meetings(
    scenario: Scenario, arena_id: str, move: Callable[[Uncertain], Uncertain]
) -> Scenario:
    """A bilateral track's share of rounds met, moved; one that declared none meets every
    round, so the move starts from 1 and says it was a what-if."""
    arenas = []
    for a in scenario.arenas:
        if a.id == arena_id:
            meets = (
                TrackMeetings(share=move(Uncertain(low=1, mode=1, high=1)), assumption="a what-if")
                if a.meets is None
                else a.meets.model_copy(update={"share": move(a.meets.share)})
            )
            a = a.model_copy(update={"meets": meets})
        arenas.append(a)
    return scenario.model_copy(update={"arenas": tuple(arenas)})


def _talks_continue(
    scenario: Scenario, path: ParameterPath, text: str, value: float | str
) -> Scenario:
    """Whether talks go on under a ceasefire: a structural choice, set to true or false (or
    1 or 0, as the dashboard's switch sends it)."""
    word = str(value).strip().lower()
    if isinstance(value, int | float) and value in (0, 1):
        word = "true" if value == 1 else "false"
    if word not in ("true", "false"):
        raise PathError(
            f"path {text!r}: value {shorten(repr(value))} is not true or false",
            hint="give true (talks go on under the ceasefire) or false (they stop), or 1 or 0",
        )
    return _with_package(scenario, path.keys[0], talks_continue=word == "true")


def _with_package(scenario: Scenario, package_id: str, **update: Any) -> Scenario:
    """A copy with one package's fields replaced (a structural what-if)."""
    packages = tuple(
        p.model_copy(update=update) if p.id == package_id else p for p in scenario.packages
    )
    return scenario.model_copy(update={"packages": packages})


def _settles(scenario: Scenario, path: ParameterPath, text: str, value: float | str) -> Scenario:
    """Which issues a ceasefire's text settles, the rest of its issues deferred (those it
    freezes stay frozen unless named): a structural choice ('settles only the line' or also
    the force limits, NATO, ...), given as issue ids separated by commas."""
    package = next(p for p in scenario.packages if p.id == path.keys[0])
    words = _package_issues(package, text, value, allow_none=False)
    freezes = tuple(i for i in package.freezes if i not in words)
    settles = tuple(i for i in package.covers if i in words)
    defers = tuple(i for i in package.covers if i not in words and i not in freezes)
    return _with_package(scenario, package.id, settles=settles, freezes=freezes, defers=defers)


def _freezes(scenario: Scenario, path: ParameterPath, text: str, value: float | str) -> Scenario:
    """Which issues a ceasefire settles where they stand on the day it is signed (a
    ceasefire on the current line) rather than where its text puts them: issue ids separated
    by commas, or 'none' (an issue no longer frozen is settled by the text)."""
    package = next(p for p in scenario.packages if p.id == path.keys[0])
    words = _package_issues(package, text, value, allow_none=True)
    settles = tuple(i for i in package.covers if i in (*package.settles, *package.freezes))
    return _with_package(
        scenario,
        package.id,
        settles=tuple(i for i in settles if i not in words),
        freezes=tuple(i for i in package.covers if i in words),
        defers=tuple(i for i in package.defers if i not in words),
    )


def _package_issues(
    package: Package, text: str, value: float | str, *, allow_none: bool
) -> list[str]:
    """The issue ids of a package setting, each one the package already names."""
    covered = package.covers
    words = [w.strip() for w in str(value).split(",") if w.strip()]
    if allow_none and words == ["none"]:
        return []
    unknown = [w for w in words if w not in covered]
    if not words or unknown:
        raise PathError(
            f"path {text!r}: {shorten(repr(value))} names "
            + (f"issues the package does not cover: {unknown}" if unknown else "no issue"),
            hint=f"give some of {', '.join(covered)}, separated by commas"
            + (", or none" if allow_none else ""),
        )
    return words


def _moved_arena_entry(
    scenario: Scenario, path: ParameterPath, move: Callable[[Uncertain], Uncertain]
) -> Scenario:
    """A copy with one entry of an arena's list (a decision, a rule switch, a lever) moved
    at ``path.field``."""
    arena_id, group, item = path.keys

    def entry(e: Any) -> Any:
        if e.id != item:
            return e
        value = getattr(e, path.field)
        if value is None:  # only a veto cost may be left out: it is then 0
            value = Uncertain(low=0, mode=0, high=0)
        return e.model_copy(update={path.field: move(value)})

    arenas = tuple(
        a.model_copy(update={group: tuple(entry(e) for e in getattr(a, group))})
        if a.id == arena_id
        else a
        for a in scenario.arenas
    )
    return scenario.model_copy(update={"arenas": arenas})


def _moved(value: Uncertain, op: Op, amount: float, low: float, high: float) -> Uncertain:
    if op == "set":
        values = (amount, amount, amount)
    elif op == "add":
        values = (value.low + amount, value.mode + amount, value.high + amount)
    else:
        values = (value.low * amount, value.mode * amount, value.high * amount)
    lo, mo, hi = (min(max(v, low), high) for v in values)
    return Uncertain(low=min(lo, hi), mode=mo, high=max(lo, hi))


def apply_setting(scenario: Scenario, text: str, value: float | str, op: Op = "set") -> Scenario:
    """Return a copy of ``scenario`` with the number at ``text`` changed (what-if)."""
    path = parse_path(text, scenario)
    if path.section == "arenas" and path.field == "rule":
        if value not in RULES:
            raise PathError(
                f"path {text!r}: rule must be one of {', '.join(RULES)}",
                hint=f"give one of {', '.join(RULES)}",
            )
        arenas = tuple(
            a.model_copy(update={"rule": value}) if a.id == path.keys[0] else a
            for a in scenario.arenas
        )
        return scenario.model_copy(update={"arenas": arenas})
    if path.section == "packages" and path.field == "settles":
        return _settles(scenario, path, text, value)
    if path.section == "packages" and path.field == "freezes":
        return _freezes(scenario, path, text, value)
    if path.section == "packages" and path.field == "talks_continue":
        return _talks_continue(scenario, path, text, value)
    if path.section == "packages" and path.field == "conditions":
        if str(value).strip().lower() != "none":
            raise PathError(
                f"path {text!r}: value {shorten(repr(value))} is not 'none'",
                hint="give none: the package is then signed on its terms alone (to change a "
                "condition, edit it in the YAML)",
            )
        return _with_package(scenario, path.keys[0], conditions=())
    try:
        amount = float(value)
    except (TypeError, ValueError):
        raise PathError(
            f"path {text!r}: value {shorten(repr(value))} is not a number", hint="give a number"
        ) from None
    if not math.isfinite(amount):
        raise PathError(
            f"path {text!r}: {value!r} is not a finite number",
            hint="give an ordinary number (NaN and infinity are not allowed)",
        )
    if path.section == "packages" and path.field == "value":  # a limited deal's worth
        package = next(p for p in scenario.packages if p.id == path.keys[0])
        actor = path.keys[1]
        if op == "set" and not path.low <= amount <= path.high:
            raise PathError(
                f"path {text!r}: {amount:g} is outside {path.low:g}..{path.high:g}",
                hint=f"give a value from {path.low:g} to {path.high:g} utility points",
            )
        moved = _moved(package.value[actor], op, amount, path.low, path.high)
        return _with_package(scenario, package.id, value={**package.value, actor: moved})
    if path.section == "packages":  # ready_after_days: when the text can first be tabled
        package = next(p for p in scenario.packages if p.id == path.keys[0])
        now = package.ready_after_days
        days = {"set": amount, "add": now + amount, "multiply": now * amount}[op]
        if op == "set" and not 0 <= days <= MAX_READY_DAYS:
            raise PathError(
                f"path {text!r}: {amount:g} is outside 0..{MAX_READY_DAYS} days",
                hint=f"give a whole number of days from 0 to {MAX_READY_DAYS}",
            )
        ready = round(min(max(days, 0), MAX_READY_DAYS))
        return _with_package(scenario, package.id, ready_after_days=ready)
    if op == "set" and not path.low <= amount <= path.high:
        raise PathError(
            f"path {text!r}: {amount} is outside {path.low}..{path.high}",
            hint=f"give a value from {path.low} to {path.high}",
        )

    def move(old: Uncertain) -> Uncertain:
        return _moved(old, op, amount, path.low, path.high)

    if path.section == "arenas" and path.field == "opens":
        arenas = tuple(
            a.model_copy(
                update={
                    "opens": a.opens.model_copy(update={"probability": move(a.opens.probability)})
                }
            )
            if a.id == path.keys[0] and a.opens is not None
            else a
            for a in scenario.arenas
        )
        return scenario.model_copy(update={"arenas": arenas})
    if path.section == "arenas" and path.field == "meets":
        return _with_meetings(scenario, path.keys[0], move)
    if path.section == "arenas":
        return _moved_arena_entry(scenario, path, move)
    if path.section == "actors":
        items = tuple(
            a.model_copy(update={"capability": move(a.capability)}) if a.id == path.keys[0] else a
            for a in scenario.actors
        )
        return scenario.model_copy(update={"actors": items})
    if path.section == "positions":
        items = tuple(
            p.model_copy(update={path.field: move(getattr(p, path.field))})
            if (p.actor, p.issue) == path.keys
            else p
            for p in scenario.positions
        )
        return scenario.model_copy(update={"positions": items})
    if path.section == "issues":
        items = tuple(
            i.model_copy(update={"status_quo": move(i.status_quo)}) if i.id == path.keys[0] else i
            for i in scenario.issues
        )
        return scenario.model_copy(update={"issues": items})
    if path.section == "relations":
        items = tuple(
            r.model_copy(update={"strength": move(r.strength)})
            if (r.kind, r.source_actor, r.target_actor) == path.keys
            else r
            for r in scenario.relations
        )
        return scenario.model_copy(update={"relations": items})
    if path.section == "events":
        items = tuple(
            e.model_copy(update={"probability": move(e.probability)}) if e.id == path.keys[0] else e
            for e in scenario.events
        )
        return scenario.model_copy(update={"events": items})
    name = path.keys[0]
    spec = dynamic_spec(name)
    assert spec is not None
    current = scenario.dynamics.get(name)
    old = (
        current.value
        if current
        else Uncertain(low=(d := spec.default_for(scenario.round_days)), mode=d, high=d)
    )
    updated = DynamicParameter(value=move(old), assumption=f"what-if: {op} {value}")
    return scenario.model_copy(update={"dynamics": {**scenario.dynamics, name: updated}})
