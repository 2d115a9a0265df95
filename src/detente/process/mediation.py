"""One round of US-style mediated single-text talks, vectorised over runs.

Utilities. Signatory i values a text y on the arena's issues as
    u_i(y) = -sum_j w_ij |y_j - ideal_ij|,   w_i = saliences normalised over the issues,
so u is in scale points (0 = its ideal on everything, -100 = the opposite end);
the same form (``utility``) values texts for implementers.
Concessions are loss-averse: every point a text (or the projected front) moves
away from i's ideal beyond today's status quo costs (1 + ``concession_aversion``)
points. Why: without it a side that is far from its ideal on many issues takes
almost any compromise; with it, texts that make each side give something up on
political issues are harder to accept than a ceasefire that leaves them at the
status quo, which is the "armistice, not peace" logic of the seeds.

Value of fighting on. V_i = u_i(status quo projected L rounds along the front)
+ resolve_i - war_cost_i * L, with L = ``lookahead_rounds``. Why a fixed
look-ahead rather than discounting to infinity: the parties in the seeds reason
in campaign seasons ("Russia gains ground slowly", "Ukraine prefers to delay"),
and a finite L keeps war cost and drift on the same, readable scale (points per
round x rounds). The front's expected drift includes a support cut and the
escalation while talks are abandoned, so both make the weaker side's V fall.

Decide. Each signatory accepts when u_i(text) + N(0, decision_noise) >= V_i;
all must accept. A comprehensive text of talks not bypassed also needs each of the
arena's *implementers* (actors outside the table who must deliver part of the text,
e.g. Europe's sanctions relief, the frozen assets, its troops and guarantees): e
consents when u_e(text) + N(0, decision_noise) + ``implementer_tolerance`` >=
u_e(status quo), u_e over its own issues only (it has no war to continue). A refusal
fails the round like a rejection (REJECTED, actor = the implementer; consents are not
logged). Why: the seeds' Europe can disrupt a deal (refuse to implement it) but not
shape it, and it cannot stop a ceasefire-only text or a deal made over its head. See
``implementers``.

Draft. The drafting rule (compromise by default) over the signatories with
weights capability x attention; the attention of a signatory grows by
``mediator_adaptation`` each time it rejects (the mediator adjusts its plan
toward whoever blocks). The text is then pulled toward the mediator's ideal by
``mediator_agenda_power`` on issues the mediator cares about, and toward each
influencer's ideal by influence strength x cohesion x ``influencer_pull_scale``
(x ``channel_pull_boost`` once the influencers' channel is open). Each refusal by an
implementer raises its attention the same way; a comprehensive draft not bypassed then
moves toward its ideal on its issues by 1 - 1/attention (nothing until it refuses).

Patience. Each failed round (convened, not all accept) ends the mediator's
patience with probability 1 / ``mediator_patience_rounds`` (a geometric clock,
memoryless, so no counter is kept). It then abandons, bypasses or narrows, with
the weights ``abandon_weight`` / ``bypass_weight`` / ``narrow_weight`` among the
moves still available (bypass and narrow happen once each; narrowing needs both
political and non-political issues). Bypass: no more influencer pull, the
implementers are ignored (the mediator goes over their heads), the
weaker signatory's weight in the draft is cut by its dependency on the mediator,
and its support is cut (SUPPORT_CUT; extra drift = ``support_cut_drift`` x that
dependency, or x 1 without a dependency relation). Narrow: the text covers only
non-political issues; the political ones stay at the status quo (deferred), so it
needs no implementer.
Abandoned talks resume with ``resume_hazard`` per round.

Agreement class: IMPOSED after a bypass, else ARMISTICE when narrowed, else
COMPREHENSIVE. The influencers' own channel (opened with
``channel_open_hazard`` per round) strengthens their pull and, in rounds where
the mediator does not sit (abandoned or not convened), meets with probability
``influencer_cohesion`` to try a ceasefire-only text without the mediator's pull:
success is an ARMISTICE whose AGREEMENT event carries the arena and, as actor,
the first influencer (the route); its own rounds are logged with arena -1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from detente.process.compiled import MediatedArena
from detente.process.drafting import DraftingRule
from detente.process.eventlog import (
    TEXT_CEASEFIRE_ONLY,
    TEXT_COMPREHENSIVE,
    EventKind,
    OutcomeClass,
)
from detente.process.implementers import implementers_decide, pull_toward_implementers
from detente.process.logbuilder import LogBuilder
from detente.process.utility import utility

if TYPE_CHECKING:
    from detente.process.simulator import Model

ACTIVE, ABANDONED, AGREED = 0, 1, 2


@dataclass
class ArenaState:
    """Mutable per-run state of one mediated arena (arrays of length n)."""

    status: np.ndarray  # int8: ACTIVE, ABANDONED, AGREED
    bypassed: np.ndarray
    narrowed: np.ndarray
    channel: np.ndarray
    cut_strength: np.ndarray  # dependency strength withdrawn by a support cut (0: none)
    attention: np.ndarray  # (n, signatories) mediator's attention multipliers
    implementer_attention: np.ndarray  # (n, implementers), grows with each refusal
    text: np.ndarray  # (n, issues) the agreed text, NaN for deferred / none

    @classmethod
    def start(cls, arena: MediatedArena, n: int) -> ArenaState:
        return cls(
            status=np.zeros(n, dtype=np.int8),
            bypassed=np.zeros(n, dtype=bool),
            narrowed=np.zeros(n, dtype=bool),
            channel=np.zeros(n, dtype=bool),
            cut_strength=np.zeros(n),
            attention=np.ones((n, arena.signatories.size)),
            implementer_attention=np.ones((n, arena.implementers.size)),
            text=np.full((n, arena.issues.size), np.nan),
        )


def expected_drift(arena: MediatedArena, state: ArenaState, model: Model) -> np.ndarray:
    """Points per round the front moves toward the gainer, by run (before noise)."""
    drift = model.dynamic("front_drift_per_round")
    drift = drift + model.dynamic("support_cut_drift") * state.cut_strength
    abandoned = state.status == ABANDONED
    return drift + np.where(abandoned, model.dynamic("abandoned_drift"), 0.0)


def move_front(
    arena: MediatedArena, state: ArenaState, model: Model, rng: np.random.Generator
) -> None:
    """Move the front issue's status quo in runs still at war (drift + noise, clipped)."""
    if arena.front < 0 or arena.front_direction == 0:
        return
    n = state.status.size
    shock = rng.standard_normal(n) * model.dynamic("front_noise_per_round")
    delta = arena.front_direction * expected_drift(arena, state, model) + shock
    col = model.compiled.status_quo_col[arena.issues[arena.front]]
    war = state.status != AGREED
    row = model.params[col]
    row[war] = np.clip(row[war] + delta[war], 0.0, 100.0)


class _Round:
    """Arrays of one arena for a subset of runs ``idx``, shared by drafting and deciding."""

    def __init__(
        self, arena: MediatedArena, state: ArenaState, model: Model, idx: np.ndarray
    ) -> None:
        self.arena, self.state, self.model, self.idx = arena, state, model, idx
        sig, iss = arena.signatories, arena.issues
        x, s = model.view(sig, iss)
        self.ideal = x[idx]
        self.salience = s[idx]
        total = self.salience.sum(axis=-1, keepdims=True)
        self.weight = np.where(total > 0, self.salience / np.where(total > 0, total, 1.0), 0.0)
        self.status_quo = model.status_quo_of(idx, iss)

    def _pull(self, text: np.ndarray, actor: int, share: np.ndarray) -> np.ndarray:
        x, s = self.model.view(np.array([actor]), self.arena.issues)
        ideal = x[self.idx, 0]
        cares = s[self.idx, 0] > 0
        return np.where(cares, text + share[:, None] * (ideal - text), text)

    def draft(
        self, rule: DraftingRule, ceasefire_only: np.ndarray, channel_route: bool
    ) -> np.ndarray:
        arena, state, model, idx = self.arena, self.state, self.model, self.idx
        weight = model.c[np.ix_(idx, arena.signatories)] * state.attention[idx]
        pressed = state.bypassed[idx] & (not channel_route)
        weight[:, arena.weaker] *= np.where(pressed, 1.0 - state.cut_strength[idx], 1.0)
        text = rule(self.ideal, self.salience, weight)
        if arena.mediator >= 0 and not channel_route:
            agenda = model.dynamic("mediator_agenda_power")[idx]
            text = self._pull(text, arena.mediator, agenda)
        if arena.influencers.size:
            cohesion = model.dynamic("influencer_cohesion")[idx]
            scale = model.dynamic("influencer_pull_scale")[idx]
            boost = np.where(state.channel[idx], model.dynamic("channel_pull_boost")[idx], 1.0)
            for actor, col in zip(arena.influencers, arena.influence_cols, strict=True):
                strength = model.params[col, idx] if col >= 0 else np.zeros(idx.size)
                share = np.clip(strength * cohesion * scale * boost, 0.0, 1.0)
                if not channel_route:
                    share = np.where(state.bypassed[idx], 0.0, share)
                text = self._pull(text, int(actor), share)
        if arena.implementers.size and not channel_route:
            applies = ~ceasefire_only & ~state.bypassed[idx]
            attention = state.implementer_attention[idx]
            text = pull_toward_implementers(arena, model, idx, text, attention, applies)
        deferred = ceasefire_only[:, None] & arena.political[None, :]
        return np.where(deferred, self.status_quo, text)

    def decide(self, text: np.ndarray, noise: np.ndarray) -> np.ndarray:
        """Accept mask (r, s): u(text) + noise >= value of fighting on."""
        arena, model, idx = self.arena, self.model, self.idx
        lookahead = model.dynamic("lookahead_rounds", 6.0)[idx]
        projected = self.status_quo.copy()
        if arena.front >= 0 and arena.front_direction != 0:
            drift = expected_drift(arena, self.state, model)[idx]
            moved = projected[:, arena.front] + arena.front_direction * drift * lookahead
            projected[:, arena.front] = np.clip(moved, 0.0, 100.0)
        ids = model.compiled.actor_ids
        cost = np.stack(
            [model.dynamic(f"war_cost.{ids[a]}", 2.0)[idx] for a in arena.signatories], axis=1
        )
        resolve = np.stack(
            [model.dynamic(f"resolve.{ids[a]}", 0.0)[idx] for a in arena.signatories], axis=1
        )
        aversion = model.dynamic("concession_aversion", 0.0)[idx]
        fight_on = (
            utility(self.ideal, self.weight, projected, self.status_quo, aversion)
            + resolve
            - cost * lookahead[:, None]
        )
        sd = model.dynamic("decision_noise")[idx]
        value = utility(self.ideal, self.weight, text, self.status_quo, aversion)
        return value + noise * sd[:, None] >= fight_on


def _log_votes(
    log: LogBuilder,
    arena: MediatedArena,
    runs: np.ndarray,
    accept: np.ndarray,
    day: int,
    arena_index: int,
) -> None:
    for k, actor in enumerate(arena.signatories):
        log.emit(EventKind.ACCEPTED, runs[accept[:, k]], day, arena=arena_index, actor=int(actor))
        log.emit(EventKind.REJECTED, runs[~accept[:, k]], day, arena=arena_index, actor=int(actor))


def _agree(
    state: ArenaState,
    arena: MediatedArena,
    runs: np.ndarray,
    text: np.ndarray,
    ceasefire_only: np.ndarray,
    klass: np.ndarray | float,
    log: LogBuilder,
    day: int,
    route_actor: int,
) -> None:
    state.status[runs] = AGREED
    deferred = ceasefire_only[:, None] & arena.political[None, :]
    state.text[runs] = np.where(deferred, np.nan, text)
    log.emit(EventKind.AGREEMENT, runs, day, arena=arena.index, actor=route_actor, value=klass)


def mediated_round(
    arena: MediatedArena,
    state: ArenaState,
    model: Model,
    rule: DraftingRule,
    rng: np.random.Generator,
    log: LogBuilder,
    day: int,
) -> np.ndarray:
    """Play one round in every run; return the runs that reached an agreement this round."""
    n = state.status.size
    n_sig = arena.signatories.size
    # Fixed-size draws every round, so one run's stream does not depend on the others'.
    u_channel, u_resume, u_convene, u_patience, u_choice, u_meet = rng.random((6, n))
    noise_talks = rng.standard_normal((n, n_sig))
    # The channel sits only in runs where the talks did not, so in convened runs its noise
    # rows are free: the implementers use them. Scenarios without implementers (or with
    # no more of them than signatories) draw exactly the same numbers.
    noise_channel = rng.standard_normal((n, max(n_sig, arena.implementers.size)))
    mediator = int(arena.mediator)
    live = state.status != AGREED

    if arena.influencers.size:
        opens = live & ~state.channel & (u_channel < model.dynamic("channel_open_hazard"))
        state.channel |= opens
        runs = np.flatnonzero(opens)
        for actor in arena.influencers:
            log.emit(EventKind.CHANNEL_OPENED, runs, day, actor=int(actor))

    resumes = (state.status == ABANDONED) & (u_resume < model.dynamic("resume_hazard"))
    state.status[resumes] = ACTIVE
    log.emit(EventKind.RESUMED, np.flatnonzero(resumes), day, arena=arena.index, actor=mediator)

    convene = state.status == ACTIVE
    if mediator >= 0:
        convene &= u_convene < model.dynamic("mediator_attention")
    agreed_runs: list[np.ndarray] = []
    idx = np.flatnonzero(convene)
    if idx.size:
        log.emit(EventKind.ROUND_HELD, idx, day, arena=arena.index)
        narrow = state.narrowed[idx]
        talks = _Round(arena, state, model, idx)
        text = talks.draft(rule, narrow, channel_route=False)
        log.emit(
            EventKind.TEXT_DRAFTED,
            idx,
            day,
            arena=arena.index,
            value=np.where(narrow, TEXT_CEASEFIRE_ONLY, TEXT_COMPREHENSIVE),
        )
        accept = talks.decide(text, noise_talks[idx])
        _log_votes(log, arena, idx, accept, day, arena.index)
        needs = ~narrow & ~state.bypassed[idx]  # only comprehensive texts not imposed
        consent = implementers_decide(
            arena, model, idx, needs, text, talks.status_quo, noise_channel, log, day
        )
        everyone = accept.all(axis=1) & consent.all(axis=1)
        klass = np.where(
            state.bypassed[idx],
            OutcomeClass.IMPOSED,
            np.where(narrow, OutcomeClass.ARMISTICE, OutcomeClass.COMPREHENSIVE),
        ).astype(float)
        win = idx[everyone]
        _agree(
            state, arena, win, text[everyone], narrow[everyone], klass[everyone], log, day, mediator
        )
        agreed_runs.append(win)
        failed = idx[~everyone]
        rejected = ~accept[~everyone]
        adaptation = model.dynamic("mediator_adaptation")[failed]
        state.attention[failed] *= np.where(rejected, 1.0 + adaptation[:, None], 1.0)
        refused = ~consent[~everyone]
        state.implementer_attention[failed] *= np.where(refused, 1.0 + adaptation[:, None], 1.0)
        if mediator >= 0:
            _patience(arena, state, model, failed, u_patience, u_choice, log, day)

    channel_idx = np.flatnonzero(
        state.channel
        & (state.status != AGREED)
        & ~convene
        & (u_meet < model.dynamic("influencer_cohesion"))
    )
    if channel_idx.size:
        route = int(arena.influencers[0])
        log.emit(EventKind.ROUND_HELD, channel_idx, day, actor=route)
        ceasefire = np.ones(channel_idx.size, dtype=bool)
        talks = _Round(arena, state, model, channel_idx)
        text = talks.draft(rule, ceasefire, channel_route=True)
        log.emit(EventKind.TEXT_DRAFTED, channel_idx, day, actor=route, value=TEXT_CEASEFIRE_ONLY)
        accept = talks.decide(text, noise_channel[channel_idx, :n_sig])
        _log_votes(log, arena, channel_idx, accept, day, -1)
        everyone = accept.all(axis=1)
        win = channel_idx[everyone]
        _agree(
            state,
            arena,
            win,
            text[everyone],
            ceasefire[everyone],
            float(OutcomeClass.ARMISTICE),
            log,
            day,
            route,
        )
        agreed_runs.append(win)
    return np.sort(np.concatenate(agreed_runs)) if agreed_runs else np.zeros(0, np.int64)


def _patience(
    arena: MediatedArena,
    state: ArenaState,
    model: Model,
    failed: np.ndarray,
    u_patience: np.ndarray,
    u_choice: np.ndarray,
    log: LogBuilder,
    day: int,
) -> None:
    """Failed rounds may exhaust the mediator's patience: abandon, bypass or narrow."""
    mean_rounds = np.maximum(model.dynamic("mediator_patience_rounds")[failed], 1.0)
    out = failed[u_patience[failed] < 1.0 / mean_rounds]
    if out.size == 0:
        return
    can_narrow = bool(arena.political.any() and (~arena.political).any())
    w_abandon = model.dynamic("abandon_weight")[out]
    w_bypass = np.where(state.bypassed[out], 0.0, model.dynamic("bypass_weight")[out])
    w_narrow = np.where(
        state.narrowed[out] | (not can_narrow), 0.0, model.dynamic("narrow_weight")[out]
    )
    total = w_abandon + w_bypass + w_narrow
    # all weights zero: abandoning is the only move left
    pick = u_choice[out] * np.where(total > 0, total, 1.0)
    abandon = (total <= 0) | (pick < w_abandon)
    bypass = ~abandon & (pick < w_abandon + w_bypass)
    narrow = ~abandon & ~bypass
    mediator = int(arena.mediator)

    runs = out[abandon]
    state.status[runs] = ABANDONED
    log.emit(EventKind.ABANDONED, runs, day, arena=arena.index, actor=mediator)

    runs = out[bypass]
    state.bypassed[runs] = True
    dependency = (
        model.params[arena.dependency_col, runs]
        if arena.dependency_col >= 0
        else np.ones(runs.size)
    )
    state.cut_strength[runs] = dependency
    log.emit(EventKind.BYPASSED, runs, day, arena=arena.index, actor=mediator)
    log.emit(EventKind.SUPPORT_CUT, runs, day, arena=arena.index, actor=mediator)

    runs = out[narrow]
    state.narrowed[runs] = True
    log.emit(EventKind.NARROWED, runs, day, arena=arena.index, actor=mediator)
