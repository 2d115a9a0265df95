"""A validated scenario compiled to immutable index tables and one flat parameter table.

Why one flat table: every number of the scenario (capabilities, positions,
saliences, status quo, relation strengths, dynamics, event probabilities) gets a
column named with the path syntax of ``detente.scenario.paths``. A Monte Carlo
run is then one row of floats, exogenous events edit columns of that row, and
what-if overrides and sensitivity analysis address the same names.

Roles are read from the scenario's declarations, never from ids or names:
- mediated arenas give the mediator, the signatories and the influencers;
- ``war:`` gives the sides, the front issue (whose status quo moves with the
  battlefield) and the side that gains ground (the front drifts toward its end of
  the scale); a scenario without it has no front;
- each track's ``leverage`` gives whom its mediator can press, and how;
- an influencer pulls the text with its strongest influence relation on a
  signatory or on the mediator (none: it does not pull);
- implementers and the issues each must implement are read from the arena's
  ``implementers`` field (none: no consent beyond the signatories').
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from detente.process.vote_compiled import VoteArena, compile_vote_arena
from detente.scenario.dynamics import DYNAMICS
from detente.scenario.errors import DetenteError
from detente.scenario.paths import PathError, parse_path
from detente.scenario.schema import Arena, EventEffect, Scenario
from detente.scenario.structure import EffectWhileInForce, ends_the_war
from detente.scenario.uncertain import Uncertain


@dataclass(frozen=True)
class CompiledWar:
    """The one war every track shares (declared under ``war:``)."""

    sides: np.ndarray  # int (w,) actor indices of the belligerents
    gainer: int  # actor index
    front_issue: int  # issue index, -1: no front
    direction: float  # +1: the front moves toward 100, -1 toward 0
    commitment_issues: np.ndarray  # int (t,) issue indices
    commitment_toward: np.ndarray  # float (t,) 0 or 100: the committed end
    commitment_weight: np.ndarray  # float (t,) normalised to sum 1
    # decisive lines (``structure.DecisiveLine``): side v has won once the front reaches
    # ``decisive_line[v]`` from the status quo's side: at or above where the sign is +1
    decisive_side: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    decisive_line: np.ndarray = field(default_factory=lambda: np.zeros(0))
    decisive_sign: np.ndarray = field(default_factory=lambda: np.zeros(0))
    # the agreement in force on as_of (``structure.AgreementInForce``): its track's index
    # (-1: none), its package's index on that track, and its terms over all the scenario's
    # issues (NaN where it settles nothing)
    in_force_track: int = -1
    in_force_package: int = -1
    in_force_terms: np.ndarray = field(default_factory=lambda: np.zeros(0))


COMPREHENSIVE, CEASEFIRE, LIMITED = 0, 1, 2
_PACKAGE_KIND = {"comprehensive": COMPREHENSIVE, "ceasefire": CEASEFIRE, "limited": LIMITED}


@dataclass(frozen=True)
class CompiledCondition:
    """A signing condition of a package on one track (``structure.SigningCondition``)."""

    signatory: int  # local index into the track's signatories
    issue: int  # local index into the track's issues
    threshold: float
    at_least: bool  # False: at most
    on_text: bool  # False: on the issue's status quo (a condition precedent)


@dataclass(frozen=True)
class CompiledPackage:
    """A package a track may offer; ``settles`` is over the track's issues."""

    index: int  # into the scenario's packages (-1: the implicit comprehensive text)
    kind: int  # COMPREHENSIVE, CEASEFIRE or LIMITED
    settles: np.ndarray  # bool (k,), frozen issues included
    frozen: np.ndarray  # bool (k,): settled at the status quo on signing, not drafted
    value_cols: np.ndarray  # int (s,) per signatory, -1: no value (limited only)
    duration_rounds: int  # 0: holds until the war ends (limited only)
    pauses_fighting: bool
    effect_cols: np.ndarray  # int (e,)
    effect_ops: np.ndarray  # int (e,): 1 add, 2 multiply
    effect_values: np.ndarray  # float (e,)
    patience_bonus: float
    rounds_between: int
    ready_day: int = 0  # days from as_of before its text can be tabled
    talks_continue: bool = False  # ceasefire: its track keeps talking while it holds
    conditions: tuple[CompiledCondition, ...] = ()  # what a signatory needs to sign it
    signable: bool = True  # no two red lines on its text clash (``clashing_red_lines``)
    # limited: what it does at signing and stays done (cols, ops 0 set 1 add 2 multiply,
    # values) on issues' status quo
    signing: tuple[np.ndarray, np.ndarray, np.ndarray] = (
        np.zeros(0, dtype=np.int64),
        np.zeros(0, dtype=np.int64),
        np.zeros(0),
    )


@dataclass(frozen=True)
class CompiledLever:
    index: int  # into the arena's leverage list
    target: int  # local index into signatories
    war_cost_col: int
    drift_col: int
    cost_col: int
    bypasses_influencers: bool
    support_cut: bool
    owner: int = -1  # actor index of a third party that pulls it; -1: the track's mediator
    deal_value_col: int = -1  # what an agreement is worth to that third party per se


@dataclass(frozen=True)
class MediatedArena:
    """Index arrays of one track (mediated or bilateral talks with their own text)."""

    index: int  # into arena_ids
    mediator: int  # actor index, -1 for a bilateral arena
    signatories: np.ndarray  # int (s,)
    influencers: np.ndarray  # int (f,)
    issues: np.ndarray  # int (k,) issue indices of the arena
    sides: np.ndarray  # bool (s,): which signatories fight the war
    ends_war: bool  # every side of the war signs here
    front: int  # local index of the war's front issue among the track's issues, -1 none
    influence_cols: np.ndarray  # int (f,) column of each influencer's influence, -1 none
    packages: tuple[CompiledPackage, ...]  # comprehensive / ceasefire texts on offer
    limited: tuple[CompiledPackage, ...]  # limited deals on offer
    levers: tuple[CompiledLever, ...]
    open_first_round: int = 0  # 0: open from the start
    open_last_round: int = 0
    open_probability_col: int = -1
    meeting_col: int = -1  # a bilateral track's share of rounds met (``meets``), -1 every round
    # Implementers (see detente.process.implementers): actors whose consent a comprehensive
    # text needs, and which of the arena's issues each must implement.
    implementers: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    implementer_issues: np.ndarray = field(  # bool (e, k) over the arena's issues
        default_factory=lambda: np.zeros((0, 0), dtype=bool)
    )
    # bool (e,): its consent is needed to sign (``acts_at: signature``); else it acts
    # only at delivery, withholding what leaves it worse off
    implementer_veto: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))


@dataclass(frozen=True)
class CompiledEvent:
    index: int
    first_round: int  # 1-based round in which it can fire earliest
    last_round: int  # latest round (== first_round for a dated event)
    probability_col: int
    effect_cols: np.ndarray  # int (e,)
    effect_ops: np.ndarray  # int (e,): 0 set, 1 add, 2 multiply
    effect_values: np.ndarray  # float (e,)
    log_kind: int = -1  # an EventKind also logged when it fires (logs_as), -1 none
    log_actor: int = -1


OPS = {"set": 0, "add": 1, "multiply": 2}
_LOGGED_KINDS = {"support_cut": 14, "leverage": 18, "channel_opened": 9}  # EventKind codes


@dataclass(frozen=True)
class CompiledScenario:
    """Everything the simulator needs, as plain immutable arrays; nothing sampled yet."""

    scenario_id: str
    as_of: dt.date
    horizon: dt.date
    round_days: int
    actor_ids: tuple[str, ...]
    issue_ids: tuple[str, ...]
    arena_ids: tuple[str, ...]
    names: tuple[str, ...]  # every number, as a scenario path
    low: np.ndarray
    mode: np.ndarray
    high: np.ndarray
    bound_low: np.ndarray  # the path's allowed range (for clamping event effects)
    bound_high: np.ndarray
    position_col: np.ndarray  # int (n, m): column or -1 (actor has no position there)
    salience_col: np.ndarray  # int (n, m)
    capability_col: np.ndarray  # int (n,)
    status_quo_col: np.ndarray  # int (m,)
    # bool (m,): an agreed value is done at signature and survives a breakdown (the front
    # too: the agreed line becomes the line of control); ``process.implementation``
    takes_effect: np.ndarray
    dynamics_col: Mapping[str, int]  # dynamics name (e.g. war_cost.RUS) -> column
    mediated: tuple[MediatedArena, ...]
    votes: tuple[VoteArena, ...]
    events: tuple[CompiledEvent, ...]
    war: CompiledWar | None = None

    @property
    def default_rounds(self) -> int:
        """Rounds from as_of to horizon: round r is held on day r * round_days, r = 1.."""
        return max(1, (self.horizon - self.as_of).days // self.round_days)

    def column(self, name: str) -> int:
        try:
            return self.names.index(name)
        except ValueError:
            raise DetenteError(
                f"no parameter named {name!r} in scenario {self.scenario_id!r}",
                hint="use a name from detente.process.parameter_space(compiled).names "
                "or the full table compiled.names",
            ) from None

    def dynamic(self, name: str) -> int:
        """Column of a dynamics parameter (``war_cost.RUS``), -1 if the scenario has none."""
        return self.dynamics_col.get(name, -1)

    def with_overrides(self, overrides: Mapping[str, float]) -> CompiledScenario:
        """A copy with the named numbers fixed (low = mode = high = value) in every run."""
        low, mode, high = self.low.copy(), self.mode.copy(), self.high.copy()
        for name, value in overrides.items():
            col = self.column(name)
            v = float(value)
            if not self.bound_low[col] <= v <= self.bound_high[col]:
                raise DetenteError(
                    f"override {name} = {v} is outside "
                    f"{self.bound_low[col]}..{self.bound_high[col]}",
                    hint="give a value inside the parameter's range",
                )
            low[col] = mode[col] = high[col] = v
        return replace(self, low=low, mode=mode, high=high)


class _Table:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.rows: list[tuple[float, float, float, float, float]] = []

    def add(self, name: str, low: float, mode: float, high: float, lo: float, hi: float) -> int:
        self.names.append(name)
        self.rows.append((low, mode, high, lo, hi))
        return len(self.names) - 1


def compile_scenario(scenario: Scenario) -> CompiledScenario:
    """Turn a validated scenario into index tables and the flat parameter table."""
    actors, issues = scenario.actor_ids, scenario.issue_ids
    a_ix = {a: k for k, a in enumerate(actors)}
    i_ix = {i: k for k, i in enumerate(issues)}
    n, m = len(actors), len(issues)
    table = _Table()

    capability_col = np.array(
        [
            table.add(f"actors.{a.id}.capability", *_lmh(a.capability), 0, 100)
            for a in scenario.actors
        ],
        dtype=np.int64,
    )
    status_quo_col = np.array(
        [
            table.add(f"issues.{i.id}.status_quo", *_lmh(i.status_quo), 0, 100)
            for i in scenario.issues
        ],
        dtype=np.int64,
    )
    position_col = np.full((n, m), -1, dtype=np.int64)
    salience_col = np.full((n, m), -1, dtype=np.int64)
    for p in scenario.positions:
        a, i = a_ix[p.actor], i_ix[p.issue]
        base = f"positions.{p.actor}.{p.issue}"
        position_col[a, i] = table.add(f"{base}.position", *_lmh(p.position), 0, 100)
        salience_col[a, i] = table.add(f"{base}.salience", *_lmh(p.salience), 0, 100)
    relation_col: dict[tuple[str, str, str], int] = {}
    for r in scenario.relations:
        key = (r.kind, r.source_actor, r.target_actor)
        if key in relation_col:
            continue
        relation_col[key] = table.add(
            r.strength_path,
            *_lmh(r.strength),
            0,
            1,
        )

    # Dynamics: every registry parameter, per-actor ones for each signatory and any
    # actor the scenario names; scenario values override the registry defaults.
    war_sides = scenario.war.sides if scenario.war else ()
    signatory_ids = sorted(
        {s for arena in scenario.arenas for s in arena.signatories} | set(war_sides),
        key=a_ix.__getitem__,
    )
    named_per_actor = {name for name in scenario.dynamics if "." in name}
    dynamics_col: dict[str, int] = {}
    for spec in DYNAMICS:
        keys = (
            []
            if spec.only_when_named
            else [spec.name.replace("{actor}", a) for a in signatory_ids]
            if spec.per_actor
            else [spec.name]
        )
        if spec.per_actor:
            head = spec.name.partition(".")[0]
            keys += sorted(k for k in named_per_actor if k.startswith(head + ".") and k not in keys)
        for key in keys:
            given = scenario.dynamics.get(key)
            lmh = _lmh(given.value) if given else (spec.default_for(scenario.round_days),) * 3
            bounds = spec.range_for(scenario.round_days)
            dynamics_col[key] = table.add(f"dynamics.{key}", *lmh, *bounds)

    events_prob_col = {
        e.id: table.add(f"events.{e.id}.probability", *_lmh(e.probability), 0, 1)
        for e in scenario.events
    }

    votes = tuple(
        compile_vote_arena(scenario, index, arena, table.add, dynamics_col)
        for index, arena in enumerate(scenario.arenas)
        if arena.kind == "vote"
    )
    structure_cols = _structure_columns(scenario, table)
    structure_cols.update({f"dynamics.{key}": col for key, col in dynamics_col.items()})
    structure_cols.update(  # what a limited deal does at signing (``at_signing``)
        {
            f"issues.{i.id}.status_quo": int(c)
            for i, c in zip(scenario.issues, status_quo_col, strict=True)
        }
    )

    names = tuple(table.names)
    rows = np.array(table.rows, dtype=float).reshape(-1, 5)
    name_ix = {name: k for k, name in enumerate(names)}
    arena_ids = tuple(a.id for a in scenario.arenas)

    mediated: list[MediatedArena] = []
    for index, arena in enumerate(scenario.arenas):
        arena_issues = np.array([i_ix[i] for i in arena.issues], dtype=np.int64)
        if arena.kind in ("mediated", "bilateral"):
            mediated.append(
                _mediated(
                    scenario, index, arena, arena_issues, a_ix, relation_col, rows, structure_cols
                )
            )

    events = tuple(
        _event(scenario, k, events_prob_col[e.id], name_ix) for k, e in enumerate(scenario.events)
    )
    return CompiledScenario(
        scenario_id=scenario.id,
        as_of=scenario.as_of,
        horizon=scenario.horizon,
        round_days=scenario.round_days,
        actor_ids=actors,
        issue_ids=issues,
        arena_ids=arena_ids,
        names=names,
        low=rows[:, 0].copy(),
        mode=rows[:, 1].copy(),
        high=rows[:, 2].copy(),
        bound_low=rows[:, 3].copy(),
        bound_high=rows[:, 4].copy(),
        position_col=position_col,
        salience_col=salience_col,
        capability_col=capability_col,
        status_quo_col=status_quo_col,
        takes_effect=np.array(
            [
                i.irreversible or (scenario.war is not None and i.id == scenario.war.front_issue)
                for i in scenario.issues
            ],
            dtype=bool,
        ),
        dynamics_col=dict(dynamics_col),
        mediated=tuple(mediated),
        votes=votes,
        events=events,
        war=_war(scenario, a_ix, i_ix),
    )


def _lmh(value: Uncertain) -> tuple[float, float, float]:
    return (float(value.low), float(value.mode), float(value.high))


def _structure_columns(scenario: Scenario, table: _Table) -> dict[str, int]:
    """Columns of the numbers under packages and arenas' leverage and openings, by path."""
    cols: dict[str, int] = {}
    for package in scenario.packages:
        for actor, value in package.value.items():
            name = f"packages.{package.id}.value.{actor}"
            cols[name] = table.add(name, *_lmh(value), -100, 100)
    for arena in scenario.arenas:
        for lever in arena.leverage:
            for attr, lo, hi in (
                ("war_cost_add", 0, 100),
                ("front_drift_add", -10, 10),
                ("cost", 0, 200),
                ("deal_value", -100, 100),
            ):
                name = f"arenas.{arena.id}.leverage.{lever.id}.{attr}"
                cols[name] = table.add(name, *_lmh(getattr(lever, attr)), lo, hi)
        if arena.opens is not None:
            name = f"arenas.{arena.id}.opens.probability"
            cols[name] = table.add(name, *_lmh(arena.opens.probability), 0, 1)
        if arena.meets is not None:
            name = f"arenas.{arena.id}.meets.share"
            cols[name] = table.add(name, *_lmh(arena.meets.share), 0, 1)
    return cols


def _war(scenario: Scenario, a_ix: dict[str, int], i_ix: dict[str, int]) -> CompiledWar | None:
    """The declared war; the front moves from the other sides' ideals toward the gainer's."""
    war = scenario.war
    if war is None:
        return None
    ideal = {p.actor: p.position.mode for p in scenario.positions if p.issue == war.front_issue}
    others = [ideal[a] for a in war.sides if a != war.gainer and a in ideal]
    gain = ideal.get(war.gainer)
    direction = 0.0
    if gain is not None and others:
        direction = float(np.sign(gain - float(np.mean(others))))
    weights = np.array([t.weight for t in war.commitment], dtype=float)
    front = next(i for i in scenario.issues if i.id == war.front_issue)
    return CompiledWar(
        sides=np.array([a_ix[a] for a in war.sides], dtype=np.int64),
        gainer=a_ix[war.gainer],
        front_issue=i_ix[war.front_issue],
        direction=direction,
        commitment_issues=np.array([i_ix[t.issue] for t in war.commitment], dtype=np.int64),
        commitment_toward=np.array([t.toward for t in war.commitment], dtype=float),
        commitment_weight=weights / weights.sum() if weights.size else weights,
        decisive_side=np.array([a_ix[d.side] for d in war.decisive], dtype=np.int64),
        decisive_line=np.array([d.front for d in war.decisive], dtype=float),
        decisive_sign=np.array(
            [1.0 if d.front > front.status_quo.mode else -1.0 for d in war.decisive]
        ),
        **_in_force(scenario, i_ix),
    )


def _in_force(scenario: Scenario, i_ix: dict[str, int]) -> dict:
    """The agreement in force on as_of, as ``CompiledWar`` holds it (none: no fields)."""
    deal = scenario.war.in_force
    if deal is None:
        return {}
    terms = np.full(len(scenario.issues), np.nan)
    for issue, value in deal.terms.items():
        terms[i_ix[issue]] = value
    return {
        "in_force_track": next(k for k, a in enumerate(scenario.arenas) if a.id == deal.track),
        "in_force_package": next(
            k for k, p in enumerate(scenario.packages) if p.id == deal.package
        ),
        "in_force_terms": terms,
    }


def _package(
    scenario: Scenario, arena: Arena, pid: str, structure_cols: dict[str, int]
) -> CompiledPackage:
    index = next(k for k, p in enumerate(scenario.packages) if p.id == pid)
    package = scenario.packages[index]
    rd = scenario.round_days
    settles = package.settles_on(arena.issues)
    frozen = [issue in package.freezes for issue in arena.issues]
    for effect in package.effects:
        if not effect.path.startswith("dynamics."):
            raise DetenteError(
                f"package {pid!r}: effect on {effect.path!r} is not a dynamics number",
                hint="a limited deal's effects change dynamics numbers while it holds",
            )
    cols, ops, values = _effect_columns(f"package {pid!r}", package.effects, structure_cols)
    signing = _effect_columns(f"package {pid!r}", package.at_signing, structure_cols)
    return CompiledPackage(
        index=index,
        kind=_PACKAGE_KIND[package.kind],
        settles=np.array(settles, dtype=bool),
        frozen=np.array(frozen, dtype=bool),
        value_cols=np.array(
            [structure_cols.get(f"packages.{pid}.value.{a}", -1) for a in arena.signatories],
            dtype=np.int64,
        ),
        duration_rounds=-(-package.duration_days // rd) if package.duration_days else 0,
        pauses_fighting=package.pauses_fighting,
        effect_cols=cols,
        effect_ops=ops,
        effect_values=values,
        signing=signing,
        patience_bonus=package.patience_bonus,
        rounds_between=package.rounds_between,
        ready_day=package.ready_after_days,
        talks_continue=bool(package.talks_continue),
        conditions=tuple(
            CompiledCondition(
                signatory=arena.signatories.index(c.actor),
                issue=arena.issues.index(c.issue),
                threshold=float(c.at_least if c.at_least is not None else c.at_most),
                at_least=c.at_least is not None,
                on_text=c.of == "text",
            )
            for c in package.conditions
        ),
        signable=not package.clashing_red_lines(),
    )


def _mediated(
    scenario: Scenario,
    index: int,
    arena: Arena,
    arena_issues: np.ndarray,
    a_ix: dict[str, int],
    relation_col: dict[tuple[str, str, str], int],
    rows: np.ndarray,
    structure_cols: dict[str, int],
) -> MediatedArena:
    signatories = np.array([a_ix[a] for a in arena.signatories], dtype=np.int64)
    influencers = np.array([a_ix[a] for a in arena.influencers], dtype=np.int64)
    mediator = a_ix[arena.mediator] if arena.mediator else -1
    war_sides = set(scenario.war.sides) if scenario.war else set()
    # Without a declared war every signatory pays the cost of no agreement (no front moves).
    sides = np.array([a in war_sides or not war_sides for a in arena.signatories], dtype=bool)
    front = (
        list(arena.issues).index(scenario.war.front_issue)
        if scenario.war and scenario.war.front_issue in arena.issues
        else -1
    )
    influence_cols = np.array(
        [
            max(
                (
                    relation_col.get(("influence", arena.influencers[f], target), -1)
                    for target in (*arena.signatories, arena.mediator or "")
                ),
                key=lambda c: rows[c, 1] if c >= 0 else -1.0,
            )
            for f in range(len(arena.influencers))
        ],
        dtype=np.int64,
    )
    offered = [_package(scenario, arena, pid, structure_cols) for pid in arena.packages]
    main = tuple(p for p in offered if p.kind != LIMITED) or (
        CompiledPackage(
            index=-1,
            kind=COMPREHENSIVE,
            settles=np.ones(len(arena.issues), dtype=bool),
            frozen=np.zeros(len(arena.issues), dtype=bool),
            value_cols=np.full(len(arena.signatories), -1, dtype=np.int64),
            duration_rounds=0,
            pauses_fighting=False,
            effect_cols=np.zeros(0, dtype=np.int64),
            effect_ops=np.zeros(0, dtype=np.int64),
            effect_values=np.zeros(0),
            patience_bonus=0.0,
            rounds_between=1,
        ),
    )
    levers = tuple(
        CompiledLever(
            index=k,
            target=list(arena.signatories).index(lever.target),
            war_cost_col=structure_cols[f"arenas.{arena.id}.leverage.{lever.id}.war_cost_add"],
            drift_col=structure_cols[f"arenas.{arena.id}.leverage.{lever.id}.front_drift_add"],
            cost_col=structure_cols[f"arenas.{arena.id}.leverage.{lever.id}.cost"],
            bypasses_influencers=lever.bypasses_influencers,
            support_cut=lever.support_cut,
            owner=a_ix[lever.by] if lever.by and lever.by != arena.mediator else -1,
            deal_value_col=structure_cols[f"arenas.{arena.id}.leverage.{lever.id}.deal_value"],
        )
        for k, lever in enumerate(arena.leverage)
    )
    first = last = 0
    open_col = -1
    if arena.opens is not None:
        first, last = (
            _round_of(scenario, arena.opens.first_day),
            _round_of(scenario, arena.opens.last_day),
        )
        open_col = structure_cols[f"arenas.{arena.id}.opens.probability"]
    implementers = np.array([a_ix[imp.actor] for imp in arena.implementers], dtype=np.int64)
    implementer_issues = np.array(
        [[issue in imp.issues for issue in arena.issues] for imp in arena.implementers],
        dtype=bool,
    ).reshape(len(arena.implementers), len(arena.issues))
    return MediatedArena(
        index=index,
        mediator=mediator,
        signatories=signatories,
        influencers=influencers,
        issues=arena_issues,
        sides=sides,
        ends_war=ends_the_war(scenario.war, arena.signatories),
        front=front,
        influence_cols=influence_cols,
        packages=main,
        limited=tuple(p for p in offered if p.kind == LIMITED),
        levers=levers,
        open_first_round=first,
        open_last_round=last,
        open_probability_col=open_col,
        meeting_col=(
            structure_cols[f"arenas.{arena.id}.meets.share"] if arena.meets is not None else -1
        ),
        implementers=implementers,
        implementer_issues=implementer_issues,
        implementer_veto=np.array(
            [imp.acts_at != "delivery" for imp in arena.implementers], dtype=bool
        ),
    )


def _effect_columns(
    owner: str, effects: Sequence[EventEffect | EffectWhileInForce], columns: Mapping[str, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Columns, operation codes and values of effects on numbers of the table."""
    cols, ops, values = [], [], []
    for effect in effects:
        if effect.path not in columns:
            raise DetenteError(
                f"{owner}: {effect.path!r} is not a number the simulator uses",
                hint="per-actor dynamics exist for the war's sides, the signatories and "
                "actors named under dynamics",
            )
        cols.append(columns[effect.path])
        ops.append(OPS[effect.op])
        values.append(effect.value)
    return (
        np.array(cols, dtype=np.int64),
        np.array(ops, dtype=np.int64),
        np.array(values, dtype=float),
    )


def _round_of(scenario: Scenario, day: dt.date) -> int:
    """The first round held on or after ``day`` (round r is held on day r * round_days)."""
    days = (day - scenario.as_of).days
    return max(1, -(-days // scenario.round_days))


def _event(scenario: Scenario, k: int, prob_col: int, name_ix: dict[str, int]) -> CompiledEvent:
    event = scenario.events[k]
    for effect in event.effects:
        try:
            path = parse_path(effect.path, scenario)
        except PathError as exc:  # the loader already checked; keep the message if not
            raise DetenteError(str(exc), hint=exc.hint) from None
        if path.section == "arenas" and path.field == "rule":
            raise DetenteError(
                f"event {event.id!r}: effect on {effect.path!r} cannot be simulated",
                hint="events change numbers; give the vote arena a 'rule_switches' entry "
                "(a dated, uncertain change of rule) or use a what-if",
            )
    cols_arr, ops, values = _effect_columns(f"event {event.id!r}", event.effects, name_ix)
    return CompiledEvent(
        index=k,
        first_round=_round_of(scenario, event.first_day),
        last_round=_round_of(scenario, event.last_day),
        probability_col=prob_col,
        effect_cols=cols_arr,
        effect_ops=ops,
        effect_values=values,
        log_kind=_LOGGED_KINDS[event.logs_as.kind] if event.logs_as else -1,
        log_actor=scenario.actor_ids.index(event.logs_as.actor) if event.logs_as else -1,
    )


def pausing_packages(compiled: CompiledScenario) -> frozenset[int]:
    """Indices (into the scenario's packages) of the limited deals that pause the fighting:
    truces, which stop the front without ending the war."""
    return frozenset(
        p.index for arena in compiled.mediated for p in arena.limited if p.pauses_fighting
    )
