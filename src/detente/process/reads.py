"""Which of a scenario's numbers the simulator reads, and which fall back to a default.

Why: a number that no part of the model reads cannot change a forecast, yet a reader
of the YAML (and the list of open questions) would take it for a lever. 0.1.0 had 33
such numbers in its built-in snapshot. This module states, next to the simulator, the
rule by which each kind of number enters a run; ``detente validate`` warns about the
rest (with file:line) and about dynamics that fall back to the registry default.
Keep it in step with ``tracks``, ``valuation``, ``voting`` and ``simulator``.
"""

from __future__ import annotations

from collections.abc import Callable

from detente.scenario.dynamics import DYNAMICS, REGISTRY_ROUND_DAYS
from detente.scenario.errors import Location, ScenarioError
from detente.scenario.schema import Scenario

Locate = Callable[[tuple[str | int, ...]], Location]
# the mediator's numbers each mediator may have of its own ('NAME.MEDIATOR')
PER_MEDIATOR = (
    "mediator_agenda_power",
    "mediator_attention",
    "mediator_text_share",
    "mediator_deal_value",
    "mediator_round_cost",
    "mediator_abandon_cost",
)


def _readers(s: Scenario) -> tuple[set[tuple[str, str]], set[str], set[str]]:
    """(actor, issue) pairs whose position and salience are read; actors whose capability
    is read; issues whose status quo is read."""
    pairs: set[tuple[str, str]] = set()
    capable: set[str] = set()
    issues: set[str] = set()
    for arena in s.arenas:
        issues |= set(arena.issues)
        if arena.kind == "vote":
            pairs |= {(m, i) for m in arena.members for i in arena.issues}
            capable |= set(arena.members)
            continue
        table = {*arena.signatories, *arena.influencers}
        if arena.mediator:
            table.add(arena.mediator)
        pairs |= {(a, i) for a in table for i in arena.issues}
        pairs |= {(imp.actor, i) for imp in arena.implementers for i in imp.issues}
        # a third party prices its lever by the text over the status quo on its positions
        pairs |= {(lv.by, i) for lv in arena.leverage if lv.by for i in arena.issues}
        capable |= set(arena.signatories)  # the drafting rule's weights
    if s.war is not None:
        pairs |= {(a, s.war.front_issue) for a in s.war.sides}  # the front's direction
        issues.add(s.war.front_issue)
    return pairs, capable, issues


def _read_relations(s: Scenario) -> set[tuple[str, str, str]]:
    """The one influence relation per influencer that sets its pull (the strongest mode)."""
    out = set()
    for arena in s.arenas:
        if arena.kind == "vote":
            continue
        targets = {*arena.signatories, arena.mediator or ""}
        for f in arena.influencers:
            found = [
                r
                for r in s.relations
                if r.kind == "influence" and r.source_actor == f and r.target_actor in targets
            ]
            if found:
                best = max(found, key=lambda r: r.strength.mode)
                out.add((best.kind, best.source_actor, best.target_actor))
    return out


def read_dynamics(s: Scenario) -> set[str]:
    """Dynamics names the simulator reads for this scenario's structure."""
    tracks = [a for a in s.arenas if a.kind != "vote"]
    votes = [a for a in s.arenas if a.kind == "vote"]
    names: set[str] = set()
    if tracks:
        names |= {
            "decision_noise",
            "shock_persistence_days",
            "lookahead_rounds",
            "concession_aversion",
            "resume_hazard",
        }
        names |= {
            "breakdown_hazard",
            "commitment_effect",
            "breakdown_temptation",
            "breakdown_shortfall",
        }
    mediators = {a.mediator for a in tracks if a.mediator}
    # each mediator reads 'NAME.MEDIATOR' where the scenario sets it, else 'NAME'
    # (``Model.for_actor``): 'NAME' is read while some mediator has none of its own
    overridden = {
        base for base in PER_MEDIATOR if all(f"{base}.{m}" in s.dynamics for m in mediators)
    }
    if mediators:
        names.add("mediator_patience_rounds")  # one for every mediator (``tracks``)
        names |= set(PER_MEDIATOR) - overridden
        names |= {f"{base}.{m}" for base in PER_MEDIATOR for m in mediators} & set(s.dynamics)
    if any(a.influencers for a in tracks):
        names |= {"influencer_cohesion", "influencer_pull_scale"}
    if any(a.implementers for a in tracks):
        names.add("implementer_tolerance")
    if tracks and any(p.kind == "ceasefire" for p in s.packages):
        names.add("deferral_expectation")  # how a ceasefire's deferred issues are valued
    if s.war is not None:
        names |= {"front_drift_per_round", "front_noise_per_round", "abandoned_drift"}
    if votes:
        names |= {"vote_attention", "decision_noise"}
    signatories = {x for a in tracks for x in a.signatories}
    sides = set(s.war.sides) if s.war else signatories
    names |= {f"resolve.{a}" for a in signatories}
    names |= {f"war_cost.{a}" for a in signatories & sides}
    names |= {f"war_cost_growth.{a}" for a in signatories & sides}
    if s.war is not None:  # a side's belief about the trend, only where declared
        believers = {f"drift_optimism.{side}" for side in s.war.sides} & set(s.dynamics)
        names |= believers
        if believers:
            names.add("drift_belief_rounds")
    # numbers that events and limited deals change are read when they fire
    for e in s.events:  # but not a shared mediator number every mediator overrides
        names |= {fx.path.removeprefix("dynamics.") for fx in e.effects} - overridden
    for p in s.packages:
        names |= {fx.path.removeprefix("dynamics.") for fx in p.effects}
    return names


def read_paths(s: Scenario) -> set[str]:
    """Scenario paths (as in ``detente.scenario.paths``) of every number the model reads."""
    pairs, capable, issues = _readers(s)
    out = {f"actors.{a}.capability" for a in capable}
    out |= {f"issues.{i}.status_quo" for i in issues}
    for actor, issue in pairs:
        out |= {f"positions.{actor}.{issue}.position", f"positions.{actor}.{issue}.salience"}
    out |= {f"relations.{k}.{a}.{b}.strength" for k, a, b in _read_relations(s)}
    out |= {f"dynamics.{n}" for n in read_dynamics(s)}
    out |= {f"events.{e.id}.probability" for e in s.events}
    return out


ROLE_HINT = (
    "remove it, or give the actor a role (signatory, mediator, influencer, implementer, "
    "member) where it counts"
)
MEDIATOR_HINT = (
    "each mediator reads its own 'NAME.MEDIATOR' where the scenario sets one, so this shared "
    "value is read by none; a track with no mediator (bilateral) reads neither: it meets at "
    "the share of rounds its 'meets' declares. Remove it, or drop the per-mediator values it "
    "should stand for"
)
# what reads each kind of relation, so the hint says what would make one count
RELATION_HINTS = {
    "influence": "an influence counts only from an influencer of a track to a signatory or "
    "the mediator there, and only the strongest one per influencer; remove it or keep it as "
    "a note",
    "dependency": "no part of the model reads a dependency: what it does (a mediator "
    "cutting support) is a lever under the track's leverage (war_cost_add, "
    "front_drift_add, support_cut); remove it or keep it as a note",
    "alliance": "no part of the model reads an alliance; remove it or keep it as a note",
}


# what makes an unread dynamics number count, by its name's first part ('war_cost' of
# 'war_cost.KHM'): the hint for an actor's role does not fit a number of the process
DYNAMICS_READERS = {
    "influencer_cohesion": "where a track has influencers",
    "influencer_pull_scale": "where a track has influencers",
    "implementer_tolerance": "where a track has implementers",
    "deferral_expectation": "where a track offers a ceasefire package",
    "front_drift_per_round": "where the scenario declares a war (war:)",
    "front_noise_per_round": "where the scenario declares a war (war:)",
    "abandoned_drift": "where the scenario declares a war (war:)",
    "vote_attention": "where the scenario has a vote arena",
    "resolve": "where the actor signs on a track",
    "war_cost": "where the actor signs on a track and fights the war",
    "war_cost_growth": "where the actor signs on a track and fights the war",
    "drift_optimism": "where the actor is a side of the war",
}


def dynamics_hint(name: str) -> str:
    """How to make an unread dynamics number count, or that it can go."""
    reader = DYNAMICS_READERS.get(name.split(".")[0])
    if reader is None:
        return "remove it: nothing in this scenario's structure reads it"
    return f"it is read only {reader}: make it so, or remove it"


def model_warnings(s: Scenario, locate: Locate) -> list[ScenarioError]:
    """Every number no part of the model reads, and every read dynamic left at its default."""
    read = read_paths(s)
    out: list[ScenarioError] = []

    def warn(where: tuple[str | int, ...], path: str, hint: str = ROLE_HINT) -> None:
        if path not in read:
            out.append(
                ScenarioError(
                    f"{path}: no part of the model reads this number, so it changes no run",
                    location=locate(where),
                    hint=hint,
                )
            )

    placed = {
        x
        for arena in s.arenas
        for x in (*arena.signatories, *arena.influencers, *arena.members, arena.mediator)
    } | {imp.actor for arena in s.arenas for imp in arena.implementers}
    for i, a in enumerate(s.actors):
        if a.id not in placed:  # a mediator's capability is required but read by nothing
            warn(("actors", i, "capability"), f"actors.{a.id}.capability")
    for i, issue in enumerate(s.issues):
        warn(("issues", i, "status_quo"), f"issues.{issue.id}.status_quo")
    for i, p in enumerate(s.positions):
        warn(("positions", i), f"positions.{p.actor}.{p.issue}.position")
    for i, r in enumerate(s.relations):
        path = r.strength_path
        warn(("relations", i), path, RELATION_HINTS.get(r.kind, ROLE_HINT))
    for name in s.dynamics:
        shared = name in PER_MEDIATOR
        hint = MEDIATOR_HINT if shared else dynamics_hint(name)
        warn(("dynamics", name), f"dynamics.{name}", hint)
    for i, event in enumerate(s.events):
        for k, effect in enumerate(event.effects):
            if effect.path.removeprefix("dynamics.") in PER_MEDIATOR:
                warn(("events", i, "effects", k), effect.path, MEDIATOR_HINT)
    defaults = {spec.name: spec for spec in DYNAMICS}
    changed_by: dict[str, list[str]] = {}  # a dynamic an event sets: the default holds until then
    for event in s.events:
        for effect in event.effects:
            changed_by.setdefault(effect.path, []).append(event.id)
    for name in sorted(read_dynamics(s) - set(s.dynamics)):
        head, _, actor = name.partition(".")
        spec = defaults.get(name) or defaults.get(f"{head}.{{actor}}")
        if spec is None or (spec.only_when_named and actor):
            continue
        timed = s.round_days != REGISTRY_ROUND_DAYS and bool(spec.per_round)
        used = spec.default_for(s.round_days)
        events = changed_by.get(f"dynamics.{name}", [])
        until = f" until event {', '.join(events)} changes it" if events else ""
        out.append(
            ScenarioError(
                f"dynamics.{name} is not set: the registry default {used:.3g} is used{until} "
                f"({spec.description})"
                + (
                    f"; the registry's {spec.default:g} is for {REGISTRY_ROUND_DAYS}-day "
                    f"rounds, converted to this scenario's {s.round_days}-day rounds "
                    f"({spec.per_round} per round)"
                    if timed
                    else ""
                ),
                location=locate(("dynamics",) if s.dynamics else ()),
                hint="set it under dynamics: with evidence or an 'assumption:' and why"
                + (", in this scenario's rounds" if timed else ""),
            )
        )
    return out
