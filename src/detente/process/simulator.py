"""The negotiation (DESIGN section 6, second generation), simulated for a batch of runs.

One war, several tracks. The war (front, who is fighting, the agreement in force) is
one state (``WarState``) that every track acts on; each track (mediated or bilateral
talks) keeps its own text and patience (``tracks``), and its mediator's beliefs read
every public answer, whichever table it was given at (``share_public_answers``).
Before round 1, an agreement declared in force on as_of (``war: in_force``) is put in
force in every run. Round r = 1..R is held on day r * round_days. Per round, in order:

1. Exogenous events whose (pre-drawn) firing round is r apply their effects; limited
   deals whose time is up end.
2. Vote arenas meet (probability ``vote_attention``) and vote (``voting``).
3. Each track plays a round (``tracks.track_round``), in an order drawn afresh for each
   run and round (``_meeting_order``); the first agreement that every side of the war signs stops
   the fighting on every track.
   Under a ceasefire whose package says ``talks_continue``, its track negotiates the
   full settlement (``follow_on``): a text all sides prefer to the ceasefire replaces it.
   What an agreement settles on the front, and on issues declared irreversible, is done
   at signature (``implementation``).
4. An agreement in force may break down (``breakdown``): the war resumes, talks too.
5. The front moves where the war goes on and no truce pauses it; where it reaches a
   side's decisive line, that side has won and the war ends (VICTORY). Its path is kept
   for questions about the front.

The parameter table (``Model``) holds one row of every scenario number per run, so
events, levers and limited deals edit the same numbers the model reads.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from detente.process.breakdown import commitment_score, hazard
from detente.process.compiled import CEASEFIRE, CompiledScenario, CompiledWar, pausing_packages
from detente.process.drafting import drafting_rule
from detente.process.eventlog import EventKind, EventLog, OutcomeClass
from detente.process.follow_on import follow_on_round
from detente.process.implementation import take_effect
from detente.process.limited import break_truces, expire_limited_deals, truce_until
from detente.process.logbuilder import LogBuilder
from detente.process.parameters import full_parameters
from detente.process.state import AGREED, DECIDED, FIGHTING, Model, WarState
from detente.process.tracks import (
    ABANDONED,
    ACTIVE,
    CLOSED,
    DONE,
    TrackState,
    open_round,
    share_public_answers,
    track_round,
)
from detente.process.voting import VoteState, vote_round
from detente.process.war_beliefs import DriftBeliefs

__all__ = ["Model", "run_batch"]


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
    """Apply the effects of events firing in round ``r``; re-read actors where they changed.

    Actors are re-read once, after every event of the round has applied: nothing reads
    them in between, so one refresh of the union replaces one per event."""
    changed = np.zeros(model.params.shape[1], dtype=bool)
    for k, event in enumerate(compiled.events):
        runs = np.flatnonzero(fire_round[:, k] == r)
        if runs.size == 0:
            continue
        for col, op, value in zip(
            event.effect_cols, event.effect_ops, event.effect_values, strict=True
        ):
            model.apply_effect(col, runs, op, value)
        if model.actor_columns.intersection(event.effect_cols.tolist()):
            changed[runs] = True
        log.emit(EventKind.EXOGENOUS, runs, day, value=float(k))
        if event.log_kind >= 0:
            log.emit(EventKind(event.log_kind), runs, day, actor=event.log_actor)
    if changed.any():
        model.refresh(np.flatnonzero(changed))


def run_batch(
    compiled: CompiledScenario,
    theta: np.ndarray,
    rng: np.random.Generator,
    *,
    rounds: int | None = None,
    drafting: str = "compromise",
    shocks_felt: bool = True,
) -> EventLog:
    """Simulate one negotiation per row of ``theta`` (runs, p) and return their event log.

    ``shocks_felt=False`` (the luck diagnostic): the deciders' per-round shocks are drawn
    and expected as usual but not felt, so each decides on its margin alone."""
    rule = drafting_rule(drafting)
    params = np.ascontiguousarray(full_parameters(compiled, theta).T)
    n = params.shape[1]
    n_rounds = compiled.default_rounds if rounds is None else int(rounds)
    if n_rounds < 0:
        raise ValueError("rounds must be >= 0")
    model = Model(compiled, params, shocks_felt=shocks_felt)
    log = LogBuilder(compiled, n)
    fire_round = _draw_event_rounds(compiled, params, rng)
    war = WarState.start(n, len(compiled.actor_ids), len(compiled.issue_ids))
    war.beliefs = DriftBeliefs.start(compiled, params)
    tracks = [TrackState.start(arena, model, rng, n) for arena in compiled.mediated]
    share_public_answers(compiled.mediated, tracks)
    vote_states = [VoteState.start(vote, model, rng) for vote in compiled.votes]
    settlement_day = np.full(n, -1, dtype=np.int64)
    truces = bool(pausing_packages(compiled))  # no draw for them where there are none
    # the tracks with a ceasefire under which talks go on ('talks_continue')
    phased = [
        (arena, state)
        for arena, state in zip(compiled.mediated, tracks, strict=True)
        if any(p.talks_continue for p in arena.packages)
    ]

    if compiled.war is not None and compiled.war.in_force_track >= 0:
        _start_in_force(compiled, war, model, log)
    front = _front_path(compiled, model, n_rounds)
    for r in range(1, n_rounds + 1):
        day = r * compiled.round_days
        if compiled.events:
            _apply_events(compiled, model, fire_round, r, log, day)
        for arena, state in zip(compiled.mediated, tracks, strict=True):
            expire_limited_deals(arena, state.limited, model, log, day, r)
        if compiled.votes:
            noise = model.dynamic("decision_noise")
            for vote, vote_state in zip(compiled.votes, vote_states, strict=True):
                meets = rng.random(n) < model.dynamic("vote_attention", 1.0)
                vote_round(vote, vote_state, model, meets, noise, rng, log, day)
        _mark_abandoned(war, tracks)
        agreed_before = war.status == AGREED
        truces_before = [state.limited.until > 0 for state in tracks] if truces else None
        talks_under_ceasefire = war.talks_on.copy()  # a ceasefire reached this round waits
        draws = [
            open_round(arena, state, war, model, rng, log, day, r)
            for arena, state in zip(compiled.mediated, tracks, strict=True)
        ]
        for k, playing in _meeting_order(len(tracks), n, rng):
            arena, state = compiled.mediated[k], tracks[k]
            track_round(arena, state, war, model, rule, draws[k], log, day, r, playing)
        for arena, state in phased:
            follow_on_round(arena, state, war, model, rule, rng, log, day, talks_under_ceasefire)
        new = (war.status == AGREED) & ~war.inherited & (settlement_day < 0)
        settlement_day[new] = day
        _breakdowns(compiled, war, tracks, model, rng, agreed_before, log, day)
        if truces_before is not None:
            _break_truces(compiled, war, tracks, model, rng, truces_before, log, day, r)
        _move_front(compiled, war, model, rng, r, log)
        if front is not None:
            front[:, r] = model.params[compiled.status_quo_col[compiled.war.front_issue]]
        war.fought_rounds += (war.status == FIGHTING) & (war.paused_until < r)
    return log.build(war.text, settlement_day, front)


def _start_in_force(
    compiled: CompiledScenario, war: WarState, model: Model, log: LogBuilder
) -> None:
    """Every run starts under the agreement in force on as_of (``war: in_force``): its
    track, class and text, its commitment score, its talks if the package keeps them
    going, and what takes effect (the front at the agreed line). Logged on day 0 as
    IN_FORCE with its terms, not as an agreement reached."""
    spec = compiled.war
    arena = next(a for a in compiled.mediated if a.index == spec.in_force_track)
    package = next(p for p in arena.packages if p.index == spec.in_force_package)
    runs = np.arange(war.status.size)
    klass = float(
        OutcomeClass.ARMISTICE if package.kind == CEASEFIRE else OutcomeClass.COMPREHENSIVE
    )
    terms = np.broadcast_to(spec.in_force_terms[arena.issues], (runs.size, arena.issues.size))
    war.status[:] = AGREED
    war.inherited[:] = True
    war.track[:] = arena.index
    war.klass[:] = klass
    war.text[:] = spec.in_force_terms
    standing = model.status_quo_of(runs, arena.issues)  # a deferred issue counts there
    war.commitment[:] = commitment_score(
        compiled, np.where(np.isnan(terms), standing, terms), arena.issues
    )
    war.talks_on[:] = package.talks_continue
    take_effect(model, runs, arena.issues, terms)
    log.emit(EventKind.IN_FORCE, runs, 0, arena=arena.index, value=klass)
    for j, issue in enumerate(arena.issues):
        log.emit(EventKind.TERMS, runs, 0, arena=arena.index, issue=int(issue), value=terms[:, j])


def _front_path(compiled: CompiledScenario, model: Model, n_rounds: int) -> np.ndarray | None:
    """The front's path (n, rounds + 1), its as_of value filled in: what a question about
    the front reads (the lines it reached, where it stood on a date). None with no front."""
    spec = compiled.war
    if spec is None or spec.front_issue < 0:
        return None
    path = np.empty((model.params.shape[1], n_rounds + 1), dtype=np.float32)
    path[:, 0] = model.params[compiled.status_quo_col[spec.front_issue]]
    return path


def _meeting_order(count: int, n: int, rng: np.random.Generator) -> Iterator[tuple]:
    """(track, runs) in the order the tracks meet this round: in each run an order drawn
    afresh, so each call plays one track in the runs where it comes at that place.

    Within a round the first track to agree stops the war for the others, and a later
    one reads an earlier one's answers, so a fixed order would let the YAML's listing
    decide which track gets the deal (a Sudan trial: a truce track's share of the deals
    moved 4 points when two tracks swapped places). One order for all runs would tie
    every run's first round to one coin. One track: no draw (None: every run), as before.
    """
    if count <= 1:
        yield from ((k, None) for k in range(count))
        return
    place = rng.random((n, count)).argsort(axis=1).argsort(axis=1)  # (n, tracks)
    for p in range(count):
        for k in range(count):
            yield k, place[:, k] == p


def _mark_abandoned(war: WarState, tracks: list[TrackState]) -> None:
    """The war intensifies where no track is active and at least one was abandoned."""
    if not tracks:
        return
    status = np.stack([t.status for t in tracks], axis=1)
    war.all_abandoned = (status != ACTIVE).all(axis=1) & (status == ABANDONED).any(axis=1)


def _breakdowns(
    compiled: CompiledScenario,
    war: WarState,
    tracks: list[TrackState],
    model: Model,
    rng: np.random.Generator,
    agreed_before: np.ndarray,
    log: LogBuilder,
    day: int,
) -> None:
    """Agreements in force before this round may collapse; the war and the talks resume."""
    u = rng.random(war.status.size)
    runs = np.flatnonzero(agreed_before & (war.status == AGREED))
    if runs.size == 0:
        return
    drift = _temptation(compiled, war, model)[runs]
    collapse = u[runs] < hazard(model, runs, war.commitment[runs], drift, war.shortfall[runs])
    out = runs[collapse]
    if out.size == 0:
        return
    for track in np.unique(war.track[out]):
        sel = out[war.track[out] == track]
        log.emit(EventKind.BREAKDOWN, sel, day, arena=int(track), value=war.klass[sel])
    war.status[out] = FIGHTING
    war.talks_on[out] = False
    war.track[out] = -1
    war.text[out] = np.nan
    for state in tracks:
        back = out[(state.status[out] != CLOSED) & (state.status[out] != DONE)]
        state.status[back] = ACTIVE
        state.failed[back] = 0.0


def _temptation(compiled: CompiledScenario, war: WarState, model: Model) -> np.ndarray:
    """(n,) the gainer's temptation: the drift it believes it would gain by fighting on
    (the expected drift where the war names no gainer)."""
    gainer = compiled.war.gainer if compiled.war is not None else -1
    return war.expected_drift(model) if gainer < 0 else war.believed_drift(model, gainer)


def _break_truces(
    compiled: CompiledScenario,
    war: WarState,
    tracks: list[TrackState],
    model: Model,
    rng: np.random.Generator,
    truces_before: list[np.ndarray],
    log: LogBuilder,
    day: int,
    r: int,
) -> None:
    """Truces in force before this round may collapse (``limited.break_truces``); where one
    did, the fighting resumes this round unless a truce on any track still holds."""
    n = war.status.size
    drift = _temptation(compiled, war, model)
    fighting = (war.status == FIGHTING)[:, None]  # under an agreement a truce is moot
    broke = [
        break_truces(
            arena, state.limited, before & fighting, model, drift, rng.random(n), log, day, r
        )
        for arena, state, before in zip(compiled.mediated, tracks, truces_before, strict=True)
    ]
    out = np.unique(np.concatenate(broke))
    if out.size == 0:
        return
    holding = [
        truce_until(a, s.limited, out) for a, s in zip(compiled.mediated, tracks, strict=True)
    ]
    war.paused_until[out] = np.max(holding, axis=0)


def _move_front(
    compiled: CompiledScenario,
    war: WarState,
    model: Model,
    rng: np.random.Generator,
    r: int,
    log: LogBuilder,
) -> None:
    """Move the front issue's status quo where the war goes on (drift + noise, clipped),
    and end the war where it reached a decisive line."""
    n = war.status.size
    shock = rng.standard_normal(n) * model.dynamic("front_noise_per_round")
    spec = compiled.war
    if spec is None or spec.direction == 0:
        return
    delta = spec.direction * war.expected_drift(model) + shock
    fighting = (war.status == FIGHTING) & (war.paused_until < r)
    row = model.params[compiled.status_quo_col[spec.front_issue]]
    row[fighting] = np.clip(row[fighting] + delta[fighting], 0.0, 100.0)
    if war.beliefs is not None:  # the sides watch the front move: the noise teaches them
        war.beliefs.observe(spec.direction * shock, fighting)
    _decide(spec, war, row, fighting, log, r * compiled.round_days)


def _decide(
    spec: CompiledWar,
    war: WarState,
    front: np.ndarray,
    fighting: np.ndarray,
    log: LogBuilder,
    day: int,
) -> None:
    """End the war where the front reached a side's decisive line: that side has won."""
    for side, line, sign in zip(
        spec.decisive_side, spec.decisive_line, spec.decisive_sign, strict=True
    ):
        won = np.flatnonzero(fighting & (sign * (front - line) >= 0) & (war.status == FIGHTING))
        war.status[won] = DECIDED
        log.emit(EventKind.VICTORY, won, day, actor=int(side), value=front[won])
