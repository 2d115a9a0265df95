"""The scenario language of vote arenas that behave like institutions (issue 11, item 6).

Why: a council does not vote once on a compromise and stop. Its acts have a
*reversion point* (what holds if the act fails or expires), many must be renewed
on a calendar and lapse when one member vetoes the renewal, the rule can change
by a legal route (a passerelle to qualified majority, enhanced cooperation of
the willing), members change (an election), and the acts feed the war
(financing lowers one side's cost of fighting, sanctions raise the other's).

Per vote arena (fields on ``schema.Arena``):

    decisions:
      - id: sanctions_rollover
        issue: sanctions_relief
        in_force: true                # in force on as_of (renewals keep it)
        proposal: 10                  # the value while in force (omit: members' compromise)
        reversion: 60                 # the issue's value if it fails or lapses
        renewal: {every_days: 182, first: 2026-01-31}   # or {dates: [2026-01-31, ...]}
        effects_if_in_force: [{path: dynamics.war_cost.B, op: add, value: 0.5}]
        effects_if_lapsed: []
        veto_cost: {low: 20, mode: 35, high: 60}   # what blocking it costs a member (below)
        evidence: [...]               # or assumption: ...
    population: {shares: {M1: 18.6, M2: 15.2, ...}, evidence: [...]}
    rule_switches:
      - id: passerelle
        window: {start: 2026-03-01, end: 2026-09-01}   # or date:
        probability: {low: 0.05, mode: 0.1, high: 0.2}
        to: qmv                       # and/or replace_member: {old: M1, new: M1b}
        assumption: ...

A cost of vetoing (``veto_cost``, issue-scale points, default none = 0): the Council
decides by consensus far more often than its rules require, because a member that
blocks alone pays for it - isolation in every other file, EU funds withheld, partners'
linkage - so members threaten, extract side concessions and then consent. Under
unanimity every no blocks, so the cost is added to the yes side of every voter's
comparison (it votes no only when the act costs it more than the veto does). Under qmv,
majority or enhanced cooperation a no is no veto (being outvoted, or staying out, isolates
nobody), so no cost applies; a passerelle to qmv therefore removes it. The cost belongs
to the act, not the arena: vetoing the renewal of a regime every partner backs is costlier
than objecting to a new legal instrument others also doubt.

Elections that keep the member but change its view need nothing new: an
exogenous event that sets ``positions.M.issue.position`` on a dated, uncertain
day (the vote reads positions every time it sits). ``replace_member`` is for an
election that brings a new actor (with its own positions) into the seat.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from detente.scenario.base import EventEffect, Identifier, Sourced, Strict
from detente.scenario.dated import DatedChance
from detente.scenario.uncertain import Uncertain

VoteRule = Literal["unanimity", "qmv", "majority", "enhanced"]


class Renewal(Strict):
    """When an act in force must be renewed: listed dates, or every N days."""

    dates: tuple[dt.date, ...] = ()
    every_days: int | None = Field(default=None, ge=1, le=3650)
    first: dt.date | None = Field(
        default=None, description="first renewal of a periodic calendar (default as_of + every)"
    )

    @model_validator(mode="after")
    def _one_form(self) -> Renewal:
        if bool(self.dates) == (self.every_days is not None):
            raise ValueError("give exactly one of 'dates: [..]' or 'every_days: N'")
        if self.first is not None and self.every_days is None:
            raise ValueError("'first' belongs to a periodic calendar ('every_days')")
        return self


def _scale_range(value: Uncertain | None) -> Uncertain | None:
    if value is not None and not value.within(0, 100):
        raise ValueError("must lie on the issue's 0..100 scale")
    return value


class Decision(Sourced):
    """One act of a vote arena on one issue, with its reversion point and calendar."""

    id: Identifier
    issue: Identifier
    proposal: Uncertain | None = Field(
        default=None, description="the issue's value while in force; omit for the compromise"
    )
    reversion: Uncertain | None = Field(
        default=None,
        description="the issue's value if the act fails or lapses; omit: the issue stays where "
        "it is when a vote fails",
    )
    in_force: bool = False
    renewal: Renewal | None = None
    effects_if_in_force: tuple[EventEffect, ...] = ()
    effects_if_lapsed: tuple[EventEffect, ...] = ()
    veto_cost: Uncertain | None = Field(
        default=None,
        description="points on the issue's scale a member gives up by blocking the act alone "
        "under unanimity (0..100); omit for none",
    )

    _proposal_range = field_validator("proposal")(_scale_range)
    _reversion_range = field_validator("reversion")(_scale_range)

    @field_validator("veto_cost")
    @classmethod
    def _veto_cost_range(cls, value: Uncertain | None) -> Uncertain | None:
        if value is not None and not value.within(0, 100):
            raise ValueError(
                "a veto cost is 0..100 points of the issue's scale (0: blocking costs nothing)"
            )
        return value

    @model_validator(mode="after")
    def _coherent(self) -> Decision:
        if self.renewal is not None and self.reversion is None:
            raise ValueError(
                "a decision with a 'renewal' calendar needs 'reversion': the issue's value "
                "if a renewal is vetoed"
            )
        if self.in_force and self.renewal is None:
            raise ValueError(
                "an act 'in_force' is only voted on at its renewals; give 'renewal' "
                "(or drop in_force)"
            )
        for effect in (*self.effects_if_in_force, *self.effects_if_lapsed):
            if effect.op == "set":
                raise ValueError(
                    f"effect on {effect.path!r}: a decision's effects must be reversible "
                    "(it can lapse and be adopted again); use op 'add' or 'multiply'"
                )
            if effect.op == "multiply" and effect.value <= 0:
                raise ValueError(f"effect on {effect.path!r}: multiply by a positive number")
        return self


class Population(Sourced):
    """Each member's population (any unit: shares are normalised over the members)."""

    shares: dict[Identifier, float] = Field(min_length=1)

    @field_validator("shares")
    @classmethod
    def _positive(cls, shares: dict[str, float]) -> dict[str, float]:
        bad = [k for k, v in shares.items() if not v > 0]
        if bad:
            raise ValueError(f"populations must be positive numbers, not for {bad}")
        return shares


class MemberReplacement(Strict):
    old: Identifier
    new: Identifier


class RuleSwitch(DatedChance):
    """A dated, uncertain event that changes the arena's rule and/or a member's seat."""

    id: Identifier
    to: VoteRule | None = None
    replace_member: MemberReplacement | None = None

    @model_validator(mode="after")
    def _what(self) -> RuleSwitch:
        if self.to is None and self.replace_member is None:
            raise ValueError("say what changes: 'to: qmv|enhanced|...' and/or 'replace_member'")
        return self
