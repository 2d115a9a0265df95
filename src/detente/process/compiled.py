"""A validated scenario compiled to immutable index tables and one flat parameter table.

Why one flat table: every number of the scenario (capabilities, positions,
saliences, status quo, relation strengths, dynamics, event probabilities) gets a
column named with the path syntax of ``detente.scenario.paths``. A Monte Carlo
run is then one row of floats, exogenous events edit columns of that row, and
what-if overrides and sensitivity analysis address the same names.

Roles are read from the scenario, never from country ids:
- mediated arenas give the mediator, the signatories and the influencers;
- the *weaker signatory* of an arena is the signatory with the strongest
  dependency relation on the mediator (ties and no relation: lowest capability
  mode); the other signatory with the largest capability is the *front gainer*;
- the *front issue* (whose status quo moves with the battlefield) is the arena's
  issue whose id is ``territory`` or starts with ``territor``, else contains
  ``front`` or ``line``, else the arena's first non-political issue, else none.
  The front drifts toward the front gainer's mode ideal.
- an influencer pulls the text with its strongest influence relation on a
  signatory or on the mediator (none: it does not pull).
- implementers and the issues each must implement are read from the arena's
  ``implementers`` field (none: no consent beyond the signatories').
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from detente.process.vote_compiled import VoteArena, compile_vote_arena
from detente.scenario.dynamics import DYNAMICS
from detente.scenario.errors import DetenteError
from detente.scenario.paths import PathError, parse_path
from detente.scenario.schema import Arena, Scenario
from detente.scenario.uncertain import Uncertain


@dataclass(frozen=True)
class MediatedArena:
    """Index arrays of one mediated (or bilateral) arena."""

    index: int  # into arena_ids
    mediator: int  # actor index, -1 for a bilateral arena
    signatories: np.ndarray  # int (s,)
    influencers: np.ndarray  # int (f,)
    issues: np.ndarray  # int (k,) issue indices of the arena
    political: np.ndarray  # bool (k,)
    weaker: int  # local index into signatories
    gainer: int  # local index into signatories
    front: int  # local index into issues, -1 for none
    front_direction: float  # +1 toward higher scale values, -1 lower, 0 none
    dependency_col: int  # column of the weaker's dependency on the mediator, -1 none
    influence_cols: np.ndarray  # int (f,) column of each influencer's influence, -1 none
    # Implementers (see detente.process.implementers): actors whose consent a comprehensive
    # text needs, and which of the arena's issues each must implement.
    implementers: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    implementer_issues: np.ndarray = field(  # bool (e, k) over the arena's issues
        default_factory=lambda: np.zeros((0, 0), dtype=bool)
    )


@dataclass(frozen=True)
class CompiledEvent:
    index: int
    first_round: int  # 1-based round in which it can fire earliest
    last_round: int  # latest round (== first_round for a dated event)
    probability_col: int
    effect_cols: np.ndarray  # int (e,)
    effect_ops: np.ndarray  # int (e,): 0 set, 1 add, 2 multiply
    effect_values: np.ndarray  # float (e,)
    effect_low: np.ndarray
    effect_high: np.ndarray


OPS = {"set": 0, "add": 1, "multiply": 2}


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
    dynamics_col: Mapping[str, int]  # dynamics name (e.g. war_cost.RUS) -> column
    mediated: tuple[MediatedArena, ...]
    votes: tuple[VoteArena, ...]
    events: tuple[CompiledEvent, ...]

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


def _front_issue(scenario: Scenario, issues: list[str]) -> int:
    for test in (
        lambda i: i == "territory" or i.startswith("territor"),
        lambda i: "front" in i or "line" in i,
    ):
        for k, issue in enumerate(issues):
            if test(issue.lower()):
                return k
    for k, issue in enumerate(issues):
        if not scenario.issue(issue).political:
            return k
    return -1


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
            f"relations.{r.kind}.{r.source_actor}.{r.target_actor}.strength",
            *_lmh(r.strength),
            0,
            1,
        )

    # Dynamics: every registry parameter, per-actor ones for each signatory and any
    # actor the scenario names; scenario values override the registry defaults.
    signatory_ids = sorted(
        {s for arena in scenario.arenas for s in arena.signatories}, key=a_ix.__getitem__
    )
    named_per_actor = {name for name in scenario.dynamics if "." in name}
    dynamics_col: dict[str, int] = {}
    for spec in DYNAMICS:
        keys = (
            [spec.name.replace("{actor}", a) for a in signatory_ids]
            if spec.per_actor
            else [spec.name]
        )
        if spec.per_actor:
            head = spec.name.partition(".")[0]
            keys += sorted(k for k in named_per_actor if k.startswith(head + ".") and k not in keys)
        for key in keys:
            given = scenario.dynamics.get(key)
            lmh = _lmh(given.value) if given else (spec.default,) * 3
            dynamics_col[key] = table.add(f"dynamics.{key}", *lmh, spec.low, spec.high)

    events_prob_col = {
        e.id: table.add(f"events.{e.id}.probability", *_lmh(e.probability), 0, 1)
        for e in scenario.events
    }

    votes = tuple(
        compile_vote_arena(scenario, index, arena, table.add, dynamics_col)
        for index, arena in enumerate(scenario.arenas)
        if arena.kind == "vote"
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
                _mediated(scenario, index, arena, arena_issues, a_ix, relation_col, rows)
            )

    events = tuple(
        _event(scenario, k, events_prob_col[e.id], name_ix, rows)
        for k, e in enumerate(scenario.events)
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
        dynamics_col=dict(dynamics_col),
        mediated=tuple(mediated),
        votes=votes,
        events=events,
    )


def _lmh(value: Uncertain) -> tuple[float, float, float]:
    return (float(value.low), float(value.mode), float(value.high))


def _mediated(
    scenario: Scenario,
    index: int,
    arena: Arena,
    arena_issues: np.ndarray,
    a_ix: dict[str, int],
    relation_col: dict[tuple[str, str, str], int],
    rows: np.ndarray,
) -> MediatedArena:
    signatories = np.array([a_ix[a] for a in arena.signatories], dtype=np.int64)
    influencers = np.array([a_ix[a] for a in arena.influencers], dtype=np.int64)
    mediator = a_ix[arena.mediator] if arena.mediator else -1
    capability = {a.id: a.capability.mode for a in scenario.actors}

    def dependency(sig: str) -> tuple[float, int]:
        if arena.mediator is None:
            return (0.0, -1)
        col = relation_col.get(("dependency", sig, arena.mediator), -1)
        return (rows[col, 1] if col >= 0 else 0.0, col)

    ranked = sorted(
        range(len(arena.signatories)),
        key=lambda k: (-dependency(arena.signatories[k])[0], capability[arena.signatories[k]], k),
    )
    weaker = ranked[0]
    others = [k for k in range(len(arena.signatories)) if k != weaker]
    gainer = max(others, key=lambda k: (capability[arena.signatories[k]], -k))
    dependency_col = dependency(arena.signatories[weaker])[1]

    front = _front_issue(scenario, list(arena.issues))
    direction = 0.0
    if front >= 0:
        issue_id = arena.issues[front]
        ideals = {p.actor: p.position.mode for p in scenario.positions if p.issue == issue_id}
        gain_ideal = ideals.get(arena.signatories[gainer])
        weak_ideal = ideals.get(arena.signatories[weaker])
        if gain_ideal is not None and weak_ideal is not None and gain_ideal != weak_ideal:
            direction = 1.0 if gain_ideal > weak_ideal else -1.0
        elif gain_ideal is not None:
            sq = scenario.issue(issue_id).status_quo.mode
            direction = float(np.sign(gain_ideal - sq))
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
    political = np.array([scenario.issue(i).political for i in arena.issues], dtype=bool)
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
        political=political,
        weaker=weaker,
        gainer=gainer,
        front=front,
        front_direction=direction,
        dependency_col=dependency_col,
        influence_cols=influence_cols,
        implementers=implementers,
        implementer_issues=implementer_issues,
    )


def _event(
    scenario: Scenario, k: int, prob_col: int, name_ix: dict[str, int], rows: np.ndarray
) -> CompiledEvent:
    event = scenario.events[k]
    start = event.date if event.date is not None else event.window.start  # type: ignore[union-attr]
    end = event.date if event.date is not None else event.window.end  # type: ignore[union-attr]
    rd = scenario.round_days

    def round_of(day: dt.date) -> int:
        days = (day - scenario.as_of).days
        return max(1, -(-days // rd))  # the first round held on or after that day

    cols, ops, values = [], [], []
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
        name = effect.path
        if name not in name_ix:
            raise DetenteError(
                f"event {event.id!r}: {name!r} is not a number the simulator uses",
                hint="per-actor dynamics exist for the arenas' signatories and actors "
                "named under dynamics",
            )
        cols.append(name_ix[name])
        ops.append(OPS[effect.op])
        values.append(effect.value)
    cols_arr = np.array(cols, dtype=np.int64)
    return CompiledEvent(
        index=k,
        first_round=round_of(start),
        last_round=round_of(end),
        probability_col=prob_col,
        effect_cols=cols_arr,
        effect_ops=np.array(ops, dtype=np.int64),
        effect_values=np.array(values, dtype=float),
        effect_low=rows[cols_arr, 3] if cols else np.zeros(0),
        effect_high=rows[cols_arr, 4] if cols else np.zeros(0),
    )
