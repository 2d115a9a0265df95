"""The negotiation cycle (DESIGN section 6), simulated for a batch of runs at once.

State is one row of every scenario number per run (``full_parameters``), so that
exogenous events and the moving front edit the same table the model reads
(stored parameter-major, (numbers, runs), see ``Model``).
Round r = 1..R is held on day r * round_days. Per round, in order:

1. Exogenous events whose (pre-drawn) firing round is r apply their effects.
2. Vote arenas meet (probability ``vote_attention``) and vote (see ``voting``).
3. Each mediated arena (see ``mediation``): influencers may open their channel;
   abandoned talks may resume; the mediator convenes (``mediator_attention``),
   drafts, influencers amend, signatories (and, for a comprehensive text not
   bypassed, the implementers) decide; agreement, or adaptation and a
   patience draw that may end in abandon / bypass / narrow. Where talks did not
   sit and the influencers' channel is open, the channel tries a ceasefire-only
   text (a second route to an armistice).
4. The front moves where no agreement stopped the war.
"""

from __future__ import annotations

import numpy as np

from detente.process.compiled import CompiledScenario
from detente.process.drafting import drafting_rule
from detente.process.eventlog import EventKind, EventLog
from detente.process.logbuilder import LogBuilder
from detente.process.mediation import ArenaState, mediated_round, move_front
from detente.process.parameters import full_parameters
from detente.process.voting import VoteState, vote_round


class Model:
    """The batch's parameter table plus run-major views of positions, saliences, capabilities.

    ``params`` is stored parameter-major, shape (numbers, runs): the model reads whole
    columns (one number across all runs) far more often than whole runs, and a
    contiguous row per number makes those reads cheap.
    """

    def __init__(self, compiled: CompiledScenario, params: np.ndarray) -> None:
        self.compiled = compiled
        self.params = params
        c = compiled
        has = c.position_col >= 0
        self._has = has
        self._x_cols = np.where(has, c.position_col, c.status_quo_col[None, :])
        self._s_cols = np.where(has, c.salience_col, 0)
        self.actor_columns = frozenset(
            np.concatenate([c.position_col[has], c.salience_col[has], c.capability_col]).tolist()
        )
        n = params.shape[1]
        self.n = n
        self.x = np.empty((n, *has.shape))
        self.s = np.empty((n, *has.shape))
        self.c = np.empty((n, has.shape[0]))
        self._views: dict[tuple[bytes, bytes], tuple[np.ndarray, ...]] = {}
        self.refresh(slice(None))

    def refresh(self, runs: np.ndarray | slice) -> None:
        """Re-read positions, saliences and capabilities of ``runs`` after events edited them."""
        p = self.params[:, runs]
        self.x[runs] = np.moveaxis(p[self._x_cols], -1, 0)
        self.s[runs] = np.moveaxis(np.where(self._has[..., None], p[self._s_cols], 0.0), -1, 0)
        self.c[runs] = p[self.compiled.capability_col].T
        for actors, issues, x, s in self._views.values():
            x[runs] = self.x[runs].take(actors, axis=1).take(issues, axis=2)
            s[runs] = self.s[runs].take(actors, axis=1).take(issues, axis=2)

    def view(self, actors: np.ndarray, issues: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions and saliences (n, actors, issues) of some actors on some issues.

        Cached and kept up to date by ``refresh``: the arenas read the same sub-blocks
        every round.
        """
        key = (actors.tobytes(), issues.tobytes())
        found = self._views.get(key)
        if found is None:
            x = self.x.take(actors, axis=1).take(issues, axis=2)
            s = self.s.take(actors, axis=1).take(issues, axis=2)
            found = self._views[key] = (actors, issues, x, s)
        return found[2], found[3]

    def status_quo_of(self, runs: np.ndarray, issues: np.ndarray) -> np.ndarray:
        """Status quo (runs, issues) of the given issues."""
        return self.params[self.compiled.status_quo_col[issues]][:, runs].T

    def dynamic(self, name: str, default: float = 0.0) -> np.ndarray:
        """One dynamics number across all runs (n,); ``default`` if the scenario has none."""
        col = self.compiled.dynamic(name)
        if col < 0:
            return np.full(self.n, default)
        return self.params[col]


def _draw_event_rounds(
    compiled: CompiledScenario, params: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Round in which each event fires per run (n, events), 0 when it does not fire.

    Drawn once at the start: an event's probability is read before any event fires.
    """
    n = params.shape[1]
    out = np.zeros((n, len(compiled.events)), dtype=np.int32)
    for k, event in enumerate(compiled.events):
        fires = rng.random(n) < params[event.probability_col]
        when = rng.integers(event.first_round, event.last_round + 1, size=n)
        out[:, k] = np.where(fires, when, 0)
    return out


def _apply_events(
    compiled: CompiledScenario,
    model: Model,
    fire_round: np.ndarray,
    r: int,
    log: LogBuilder,
    day: int,
) -> None:
    """Apply the effects of events firing in round ``r``; re-read actors where they changed."""
    params = model.params
    for k, event in enumerate(compiled.events):
        runs = np.flatnonzero(fire_round[:, k] == r)
        if runs.size == 0:
            continue
        for col, op, value, lo, hi in zip(
            event.effect_cols,
            event.effect_ops,
            event.effect_values,
            event.effect_low,
            event.effect_high,
            strict=True,
        ):
            old = params[col, runs]
            new = np.full_like(old, value) if op == 0 else old + value if op == 1 else old * value
            params[col, runs] = np.clip(new, lo, hi)
        if model.actor_columns.intersection(event.effect_cols.tolist()):
            model.refresh(runs)
        log.emit(EventKind.EXOGENOUS, runs, day, value=float(k))


def run_batch(
    compiled: CompiledScenario,
    theta: np.ndarray,
    rng: np.random.Generator,
    *,
    rounds: int | None = None,
    drafting: str = "compromise",
) -> EventLog:
    """Simulate one negotiation per row of ``theta`` (runs, p) and return their event log."""
    rule = drafting_rule(drafting)
    params = np.ascontiguousarray(full_parameters(compiled, theta).T)
    n = params.shape[1]
    n_rounds = compiled.default_rounds if rounds is None else int(rounds)
    if n_rounds < 0:
        raise ValueError("rounds must be >= 0")
    model = Model(compiled, params)
    log = LogBuilder(compiled, n)
    fire_round = _draw_event_rounds(compiled, params, rng)
    states = [ArenaState.start(arena, n) for arena in compiled.mediated]
    vote_states = [VoteState.start(vote, model, rng) for vote in compiled.votes]
    settlement = np.full((n, len(compiled.issue_ids)), np.nan)
    settlement_day = np.full(n, -1, dtype=np.int64)

    for r in range(1, n_rounds + 1):
        day = r * compiled.round_days
        if compiled.events:
            _apply_events(compiled, model, fire_round, r, log, day)
        if compiled.votes:
            noise = model.dynamic("decision_noise")
            for vote, vote_state in zip(compiled.votes, vote_states, strict=True):
                meets = rng.random(n) < model.dynamic("vote_attention", 1.0)
                vote_round(vote, vote_state, model, meets, noise, rng, log, day)
        for arena, state in zip(compiled.mediated, states, strict=True):
            agreed = mediated_round(arena, state, model, rule, rng, log, day)
            if agreed.size:
                first = settlement_day[agreed] < 0
                settlement_day[agreed[first]] = day
                issues = arena.issues
                settlement[np.ix_(agreed, issues)] = state.text[agreed]
        for arena, state in zip(compiled.mediated, states, strict=True):
            move_front(arena, state, model, rng)
    return log.build(settlement, settlement_day)
