"""The declared structure of a scenario as plain data: who sits where, with what role.

Why one function: ``detente show``, the report and the dashboard must show the same
roles (the war's sides, front and gainer; each track's mediator, signatories,
influencers, implementers, packages and levers; each vote arena's members and rule),
relations, dynamics with their provenance, dated events and the sources' expectations.
"""

from __future__ import annotations

from typing import Any

from detente.scenario.schema import Arena, Scenario
from detente.scenario.structure import SigningCondition, ends_the_war
from detente.scenario.uncertain import Uncertain


def _number(u: Uncertain) -> dict[str, float]:
    return {"low": u.low, "mode": u.mode, "high": u.high}


def _basis(item: Any) -> str:
    """Where a number comes from. Evidence and an assumption together mean the evidence
    gives the direction and the size is a judgement, so both are said."""
    said = []
    if item.evidence:
        said.append("evidence: " + ", ".join(item.evidence))
    if item.assumption:  # a Sourced item has evidence or an assumption, or both
        said.append(f"assumption: {item.assumption}")
    return "; ".join(said)


def _amount(u: Uncertain) -> str:
    """A declared number as a sentence says it: '0.35', or '0.25-0.5 (mode 0.35)'."""
    return f"{u.mode:g}" if u.low == u.high else f"{u.low:g}-{u.high:g} (mode {u.mode:g})"


def _deferred_valued(s: Scenario) -> str | None:
    """How the sides value what a ceasefire package defers: a choice that decides how
    often a ceasefire is taken, so the structure says it beside the packages."""
    if not any(p.kind == "ceasefire" for p in s.packages):
        return None
    declared = s.dynamics.get("deferral_expectation")
    if declared is None:
        return "as they stand (dynamics.deferral_expectation not set: the default 0)"
    return (
        f"{_amount(declared.value)} of the way from where they stand to the full text's terms "
        f"(dynamics.deferral_expectation; {_basis(declared)})"
    )


def _cadence(s: Scenario, arena: Arena) -> str | None:
    """How often a track's sides meet and how often they are asked for a yes or no: each
    answer draws its shock, so the cadence is a structural choice a reader must see
    (a mediator's ``mediator_attention`` and ``mediator_text_share``, its own or the shared
    one; a bilateral track's ``meets``)."""
    mediator = arena.mediator
    if mediator is None:
        if arena.kind != "bilateral":
            return None
        if arena.meets is None:
            return "the sides meet and answer a text every round ('meets' not set)"
        return (
            f"the sides meet and answer a text at {_amount(arena.meets.share)} of the rounds "
            f"(meets: {_basis(arena.meets)})"
        )
    amounts, bases = [], []
    for name in ("mediator_attention", "mediator_text_share"):
        declared = s.dynamics.get(f"{name}.{mediator}") or s.dynamics.get(name)
        if declared is None:
            amounts.append("the default share")
            bases.append(f"dynamics.{name} not set")
            continue
        amounts.append(_amount(declared.value))
        bases.append(f"dynamics.{name}: {_basis(declared)}")
    return (
        f"{mediator} convenes {amounts[0]} of the rounds and puts its text to a yes or no "
        f"at {amounts[1]} of those ({'; '.join(bases)})"
    )


def describe_structure(s: Scenario) -> dict[str, Any]:
    """Roles, tracks, vote arenas, packages, relations, dynamics, events, expectations."""
    war = None
    if s.war is not None:
        war = {
            "sides": list(s.war.sides),
            "front_issue": s.war.front_issue,
            "gainer": s.war.gainer,
            "commitment": [t.model_dump() for t in s.war.commitment],
            "decisive": [{"side": d.side, "front": d.front} for d in s.war.decisive],
            "in_force": (
                None
                if s.war.in_force is None
                else {
                    "track": s.war.in_force.track,
                    "package": s.war.in_force.package,
                    "signed": s.war.in_force.signed.isoformat(),
                    "terms": dict(s.war.in_force.terms),
                }
            ),
            "basis": _basis(s.war),
        }
    tracks, votes = [], []
    for a in s.arenas:
        if a.kind == "vote":
            votes.append(
                {
                    "id": a.id,
                    "name": a.name,
                    "members": list(a.members),
                    "rule": a.rule,
                    "issues": list(a.issues),
                    "decisions": [d.id for d in getattr(a, "decisions", ())],
                    "rule_switches": [r.id for r in getattr(a, "rule_switches", ())],
                }
            )
            continue
        ends = ends_the_war(s.war, a.signatories)
        tracks.append(
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "mediator": a.mediator,
                "signatories": list(a.signatories),
                "influencers": list(a.influencers),
                "implementers": [
                    {
                        "actor": i.actor,
                        "issues": list(i.issues),
                        "acts_at": i.acts_at or "signature (by default)",
                    }
                    for i in a.implementers
                ],
                "issues": list(a.issues),
                "packages": list(a.packages) or ["(a comprehensive text)"],
                "levers": [
                    {
                        "id": v.id,
                        "target": v.target,
                        # who pulls it: the track's mediator, or a third party
                        "by": v.by or a.mediator,
                        "deal_value": _number(v.deal_value),
                        "war_cost_add": _number(v.war_cost_add),
                        "front_drift_add": _number(v.front_drift_add),
                        "cost": _number(v.cost),
                        "sizes_label": _lever_sizes(v),
                        "bypasses_influencers": v.bypasses_influencers,
                        "basis": _basis(v),
                    }
                    for v in a.leverage
                ],
                "opens": None
                if a.opens is None
                else {
                    "from": a.opens.first_day.isoformat(),
                    "to": a.opens.last_day.isoformat(),
                    "probability": _number(a.opens.probability),
                },
                "ends_the_war": ends,
                "cadence": _cadence(s, a),
            }
        )
    return {
        "war": war,
        "tracks": tracks,
        "votes": votes,
        "packages": [
            {
                "id": p.id,
                "kind": p.kind,
                "settles": list(p.settles),
                "defers": list(p.defers),
                "freezes": list(p.freezes),
                # whether the deferred issues are still negotiated under the ceasefire
                "defers_label": _defers_label(p),
                # what a reader sees: a limited deal settles no issue of the track
                "settles_label": _limited_label(p)
                if p.kind == "limited"
                else "; ".join(
                    part for part in (", ".join(p.settles), _frozen_label(p.freezes)) if part
                )
                or "all",
                "duration_days": p.duration_days,
                # when its text can first be tabled ('from the first round' by default)
                "ready_after_days": p.ready_after_days,
                "ready_label": f"after {p.ready_after_days} days"
                if p.ready_after_days
                else ("-" if p.kind == "limited" else "at once"),
                # what a signatory needs to sign it, that no term can buy
                "conditions_label": "; ".join(_condition_label(c) for c in p.conditions) or "-",
                "basis": _basis(p),
            }
            for p in s.packages
        ],
        "deferred_valued": _deferred_valued(s),
        "relations": [
            {
                "kind": r.kind,
                "from": r.source_actor,
                "to": r.target_actor,
                "strength": _number(r.strength),
                "basis": _basis(r),
            }
            for r in s.relations
        ],
        "dynamics": [
            {"name": name, **_number(d.value), "basis": _basis(d)}
            for name, d in sorted(s.dynamics.items())
        ],
        "events": [
            {
                "id": e.id,
                "name": e.name,
                "when": e.date.isoformat()
                if e.date
                else f"{e.window.start.isoformat()}..{e.window.end.isoformat()}",
                "probability": _number(e.probability),
                "effects": [f"{fx.op} {fx.path} {fx.value:g}" for fx in e.effects],
                "basis": _basis(e),
            }
            for e in s.events
        ],
        "expectations": [
            {
                "id": e.id,
                "statement": e.statement,
                "question": e.question,
                "than": e.than,
                "before": e.before,
                "at_least": e.at_least,
                "at_most": e.at_most,
            }
            for e in s.expectations
        ],
        "calibration": [c.model_dump(mode="json") for c in s.calibration],
    }


def _lever_sizes(lever: Any) -> str:
    """'costs 1 [0.5-2] a round; war cost +3 [2-5]': the numbers that decide the lever."""
    sizes = [f"costs {lever.cost.text} a round"]
    for value, label in (
        (lever.war_cost_add, "war cost +"),
        (lever.front_drift_add, "front drift +"),
        (lever.deal_value, "a deal worth "),
    ):
        if value.low or value.mode or value.high:
            sizes.append(f"{label}{value.text}")
    return "; ".join(sizes)


def _frozen_label(frozen: tuple[str, ...]) -> str:
    """'territory frozen where it stands' (one), 'a, b frozen where they stand' (several)."""
    if not frozen:
        return ""
    return f"{', '.join(frozen)} frozen where {'it stands' if len(frozen) == 1 else 'they stand'}"


def _limited_label(package: Any) -> str:
    """What a limited deal is: worth what to each signatory, for how long, whether it
    stops the front, how often it is offered again (the numbers that decide it)."""
    worth = ", ".join(f"{actor} {value.text}" for actor, value in package.value.items())
    parts = [f"none (a deal within the war); worth {worth or 'nothing declared'}"]
    if package.duration_days:
        parts.append(f"lasts {package.duration_days} days")
    if package.pauses_fighting:
        parts.append("pauses the fighting")
    if package.rounds_between > 1:
        parts.append(f"offered again {package.rounds_between} rounds after a refusal")
    return "; ".join(parts)


def _defers_label(package: Any) -> str:
    """What a ceasefire defers, and whether its track goes on negotiating it while the
    ceasefire holds ('talks_continue')."""
    deferred = ", ".join(package.defers) or "-"
    if package.kind != "ceasefire":
        return deferred
    if package.talks_continue:
        return f"{deferred} (talks go on under it)"
    return f"{deferred} (no talks under it)"


def _condition_label(condition: SigningCondition) -> str:
    """'AZE: constitution at least 80 as it stands' (a condition precedent) or 'GAIN: the
    text's alliance at most 20' (a red line)."""
    if condition.of == "text":
        return f"{condition.actor}: the text's {condition.issue} {condition.bound}"
    return f"{condition.actor}: {condition.issue} {condition.bound} as it stands"
