"""A vote arena compiled to index arrays: seats, population, decisions, rule switches.

Why a module of its own: the institution (what is voted, when it must be renewed,
what it does to the war, how the rule can change) is independent of how mediated
talks are compiled, and its uncertain numbers (proposals, reversion points,
switch probabilities) join the scenario's flat parameter table through ``add``.

Column names (usable as what-if overrides):
    arenas.A.decisions.D.proposal     arenas.A.decisions.D.reversion
    arenas.A.decisions.D.veto_cost
    arenas.A.rule_switches.S.probability
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from detente.scenario.dynamics import dynamic_spec
from detente.scenario.errors import DetenteError
from detente.scenario.institutions import Decision
from detente.scenario.schema import Arena, EventEffect, Scenario
from detente.scenario.uncertain import Uncertain

RULES = ("unanimity", "qmv", "majority", "enhanced")
RULE_CODE = {name: code for code, name in enumerate(RULES)}
# How far past the horizon a periodic renewal calendar is unrolled (runs may be
# given more rounds than the horizon holds).
_CALENDAR_YEARS = 10

AddColumn = Callable[[str, float, float, float, float, float], int]
OP_ADD, OP_MULTIPLY = 1, 2


@dataclass(frozen=True)
class Effects:
    """Reversible effects on dynamics numbers: add ``value`` or multiply by it."""

    cols: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    ops: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    values: np.ndarray = field(default_factory=lambda: np.zeros(0))
    low: np.ndarray = field(default_factory=lambda: np.zeros(0))
    high: np.ndarray = field(default_factory=lambda: np.zeros(0))


@dataclass(frozen=True)
class CompiledDecision:
    issue: int  # scenario issue index
    proposal_col: int  # -1: the seated voters' compromise at the time of the vote
    reversion_col: int  # -1: a failed vote leaves the issue where it is
    in_force: bool  # at as_of
    veto_cost_col: int  # -1: blocking costs nothing
    renewal_rounds: np.ndarray  # int, sorted: rounds holding a renewal vote
    if_in_force: Effects
    if_lapsed: Effects


@dataclass(frozen=True)
class CompiledSwitch:
    first_round: int
    last_round: int
    probability_col: int
    to_rule: int  # code in RULES, -1: the rule stays
    old_seat: int  # seat index vacated, -1: nobody is replaced
    new_seat: int  # seat index taken, -1


@dataclass(frozen=True)
class VoteArena:
    """Seats are the initial members then every replacement; ``seated`` says who sits."""

    index: int
    members: np.ndarray  # int (m,) actor index of each seat
    issues: np.ndarray  # int (k,)
    rule: str  # the rule at as_of
    seated: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # (m,) at as_of
    population: np.ndarray = field(default_factory=lambda: np.zeros(0))  # (m,) positive
    decisions: tuple[CompiledDecision, ...] = ()
    switches: tuple[CompiledSwitch, ...] = ()

    @property
    def rule_code(self) -> int:
        return RULE_CODE[self.rule]


def round_of(scenario: Scenario, day: dt.date) -> int:
    """The first round held on or after ``day`` (round r is held on as_of + r * round_days)."""
    days = (day - scenario.as_of).days
    return max(1, -(-days // scenario.round_days))


def compile_vote_arena(
    scenario: Scenario,
    index: int,
    arena: Arena,
    add: AddColumn,
    dynamics_col: Mapping[str, int],
) -> VoteArena:
    """Compile one vote arena, adding its uncertain numbers to the table through ``add``."""
    a_ix = {a: k for k, a in enumerate(scenario.actor_ids)}
    i_ix = {i: k for k, i in enumerate(scenario.issue_ids)}
    seats = list(arena.members)
    for switch in arena.rule_switches:
        if switch.replace_member and switch.replace_member.new not in seats:
            seats.append(switch.replace_member.new)
    seat_ix = {a: k for k, a in enumerate(seats)}
    seated = np.array([k < len(arena.members) for k in range(len(seats))], dtype=bool)

    population = np.ones(len(seats))  # equal shares unless stated (validate warns)
    if arena.population is not None:
        for k, actor in enumerate(seats):
            population[k] = arena.population.shares.get(actor, np.nan)
        for switch in arena.rule_switches:  # a successor inherits its seat's population
            swap = switch.replace_member
            if swap is not None and np.isnan(population[seat_ix[swap.new]]):
                population[seat_ix[swap.new]] = population[seat_ix[swap.old]]
        population = np.where(np.isfinite(population), population, 1.0)

    base = f"arenas.{arena.id}"
    declared = {d.issue for d in arena.decisions}
    decisions = [
        _decision(scenario, d, f"{base}.decisions.{d.id}", add, dynamics_col, i_ix)
        for d in arena.decisions
    ]
    empty = np.zeros(0, dtype=np.int64)
    decisions += [  # an issue with no declared act: adopt the compromise once, as before
        CompiledDecision(i_ix[i], -1, -1, False, -1, empty, Effects(), Effects())
        for i in arena.issues
        if i not in declared
    ]
    switches = tuple(
        CompiledSwitch(
            first_round=round_of(scenario, s.date or s.window.start),  # type: ignore[union-attr]
            last_round=round_of(scenario, s.date or s.window.end),  # type: ignore[union-attr]
            probability_col=add(
                f"{base}.rule_switches.{s.id}.probability", *_lmh(s.probability), 0, 1
            ),
            to_rule=RULE_CODE[s.to] if s.to else -1,
            old_seat=seat_ix[s.replace_member.old] if s.replace_member else -1,
            new_seat=seat_ix[s.replace_member.new] if s.replace_member else -1,
        )
        for s in arena.rule_switches
    )
    return VoteArena(
        index=index,
        members=np.array([a_ix[a] for a in seats], dtype=np.int64),
        issues=np.array([i_ix[i] for i in arena.issues], dtype=np.int64),
        rule=arena.rule or "unanimity",
        seated=seated,
        population=population,
        decisions=tuple(decisions),
        switches=switches,
    )


def _lmh(value: Uncertain) -> tuple[float, float, float]:
    return (float(value.low), float(value.mode), float(value.high))


def _decision(
    scenario: Scenario,
    d: Decision,
    base: str,
    add: AddColumn,
    dynamics_col: Mapping[str, int],
    i_ix: Mapping[str, int],
) -> CompiledDecision:
    proposal = add(f"{base}.proposal", *_lmh(d.proposal), 0, 100) if d.proposal else -1
    reversion = add(f"{base}.reversion", *_lmh(d.reversion), 0, 100) if d.reversion else -1
    veto_cost = add(f"{base}.veto_cost", *_lmh(d.veto_cost), 0, 100) if d.veto_cost else -1
    rounds: list[int] = []
    if d.renewal is not None:
        dates = list(d.renewal.dates)
        if d.renewal.every_days is not None:
            step = dt.timedelta(days=d.renewal.every_days)
            day = d.renewal.first or scenario.as_of + step
            last = scenario.horizon + dt.timedelta(days=365 * _CALENDAR_YEARS)
            while day <= last:
                dates.append(day)
                day += step
        rounds = sorted({round_of(scenario, day) for day in dates if day > scenario.as_of})
    return CompiledDecision(
        issue=i_ix[d.issue],
        proposal_col=proposal,
        reversion_col=reversion,
        in_force=d.in_force,
        veto_cost_col=veto_cost,
        renewal_rounds=np.array(rounds, dtype=np.int64),
        if_in_force=_effects(d.effects_if_in_force, dynamics_col, base),
        if_lapsed=_effects(d.effects_if_lapsed, dynamics_col, base),
    )


def _effects(
    effects: tuple[EventEffect, ...], dynamics_col: Mapping[str, int], where: str
) -> Effects:
    cols, lows, highs = [], [], []
    for effect in effects:
        name = effect.path.removeprefix("dynamics.")
        spec = dynamic_spec(name)
        if not effect.path.startswith("dynamics.") or spec is None or name not in dynamics_col:
            raise DetenteError(
                f"{where}: effect on {effect.path!r} is not a dynamics number the simulator uses",
                hint="a decision feeds the war through dynamics numbers, e.g. "
                "dynamics.war_cost.<signatory>",
            )
        cols.append(dynamics_col[name])
        lows.append(spec.low)
        highs.append(spec.high)
    return Effects(
        cols=np.array(cols, dtype=np.int64),
        ops=np.array([OP_ADD if e.op == "add" else OP_MULTIPLY for e in effects], dtype=np.int64),
        values=np.array([e.value for e in effects], dtype=float),
        low=np.array(lows, dtype=float),
        high=np.array(highs, dtype=float),
    )
