"""One SMP turn's moves: challenges become bargains, and each actor votes on its queue.

Separate from the state estimates (``smp_state``) it consumes and from the turn loop
(``smp``) that repeats it: this is where positions change, following KTAB's
``SMPState::doBCN`` (bargain interpolation, bargain models, PCE vote over each queue).
"""

from __future__ import annotations

import numpy as np

from detente.solvers.pce import scalar_pce
from detente.solvers.smp_kernel import all_pairs_contest, use_compiled
from detente.solvers.smp_settings import MIN_GAIN, SMPSettings
from detente.solvers.smp_state import (
    TurnState,
    all_challenges,
    challenge_estimates,
    risky_utility,
    salience_distance,
)


def _round4(v: np.ndarray) -> np.ndarray:
    return np.floor(0.5 + v * 10000.0) / 10000.0


def interpolate_bargain(
    ti: np.ndarray,
    si: np.ndarray,
    pi: np.ndarray,
    tj: np.ndarray,
    sj: np.ndarray,
    pj: np.ndarray,
    method: str,
) -> tuple[np.ndarray, np.ndarray]:
    """KTAB interpolateBrgn: what i and j would adopt; rows are bargains, columns issues."""
    pi, pj = pi[:, None], pj[:, None]
    if method == "S2PMax":
        di = np.clip(pj - pi, 0, None)
        dj = np.clip(pi - pj, 0, None)
        dik = di * sj**2 / (di * sj**2 + 1e-6 + (1 - di) * si**2)
        djk = dj * si**2 / (dj * si**2 + 1e-6 + (1 - dj) * sj**2)
        return ti + dik * (tj - ti), tj + djk * (ti - tj)
    power = 1 if method == "S1P1" else 2
    wi = si**power * pi**power
    wj = sj**power * pj**power
    total = wi + 1e-6 + wj
    bi = _round4(((wi + 1e-6) * ti + wj * tj) / total)
    bj = _round4((wi * ti + (1e-6 + wj) * tj) / total)
    return bi, bj


def smp_turn(
    x: np.ndarray,
    s: np.ndarray,
    c: np.ndarray,
    state: TurnState,
    settings: SMPSettings,
    rng: np.random.Generator | None = None,
) -> np.ndarray:
    """One turn of challenges, bargains and votes; returns the new positions (n, m)."""
    n = x.shape[0]
    total_s = s.sum(-1)
    weight = c * total_s
    if use_compiled(settings.use_numba, n, settings.numba_from_actors):
        prob, gain = all_pairs_contest(
            state.utility, weight, total_s, settings.voting_rule, settings.third_party
        )
    else:
        prob, gain = all_challenges(state, weight, total_s, settings)
        gain = gain.copy()
        gain[np.arange(n), np.arange(n)] = -np.inf
    target = np.argmax(gain, axis=1)
    best = gain[np.arange(n), target]
    init = np.flatnonzero(best > MIN_GAIN)
    rcvr = target[init]
    p_init = prob[init, rcvr]
    bi, bj = interpolate_bargain(
        x[init], s[init], p_init, x[rcvr], s[rcvr], 1 - p_init, settings.interpolation
    )
    inits, rcvrs, pos_init, pos_rcvr = [init], [rcvr], [bi], [bj]
    if settings.bargain_model != "init-only" and init.size:
        _, recv_gain = challenge_estimates(state, weight, total_s, rcvr, init, init, rcvr, settings)
        ri, rj = interpolate_bargain(
            x[init], s[init], recv_gain, x[rcvr], s[rcvr], 1 - recv_gain, settings.interpolation
        )
        if settings.bargain_model == "init-receiver":
            order = np.argsort(np.concatenate([init, init]), kind="stable")
            inits = [np.concatenate([init, init])[order]]
            rcvrs = [np.concatenate([rcvr, rcvr])[order]]
            pos_init = [np.concatenate([bi, ri])[order]]
            pos_rcvr = [np.concatenate([bj, rj])[order]]
        else:
            wi = (c * total_s)[init][:, None]
            wj = (c[init] * total_s[rcvr])[:, None]
            pos_init = [(wi * bi + wj * ri) / (wi + wj)]
            pos_rcvr = [(wi * bj + wj * rj) / (wi + wj)]
    b_init, b_rcvr = inits[0], rcvrs[0]
    b_pos_init, b_pos_rcvr = pos_init[0], pos_rcvr[0]
    return _vote_on_bargains(x, s, c, state, b_init, b_rcvr, b_pos_init, b_pos_rcvr, settings, rng)


def _vote_on_bargains(
    x: np.ndarray,
    s: np.ndarray,
    c: np.ndarray,
    state: TurnState,
    b_init: np.ndarray,
    b_rcvr: np.ndarray,
    b_pos_init: np.ndarray,
    b_pos_rcvr: np.ndarray,
    settings: SMPSettings,
    rng: np.random.Generator | None,
) -> np.ndarray:
    n = x.shape[0]
    new_x = x.copy()
    if b_init.size == 0:
        return new_x
    own = state.utility[np.arange(n), np.arange(n), :]  # (a, position): a's own utility
    total = own.sum(-1)
    r = state.risk
    u_pi = risky_utility(salience_distance(x, b_pos_init, s), r[:, None])  # (a, b)
    u_pr = risky_utility(salience_distance(x, b_pos_rcvr, s), r[:, None])
    u_bargain = (total[:, None] - own[:, b_init] - own[:, b_rcvr] + u_pi + u_pr) / n
    u_sq = total / n
    # queue of each actor: status quo, then bargains it is party to, in creation order.
    # Queues differ in length, so they are padded with a sure loser (utility -1e6 for
    # everyone): it wins no vote and leaves the others' PCE probabilities unchanged.
    actors = np.arange(n)
    party = (b_init[None, :] == actors[:, None]) | (b_rcvr[None, :] == actors[:, None])
    queue = party.sum(1)
    order = np.argsort(~party, axis=1, kind="stable")
    valid = np.take_along_axis(party, order, axis=1)
    pad = b_init.size + 1
    columns = np.concatenate([np.zeros((n, 1), int), np.where(valid, order + 1, pad)], axis=1)
    table = np.concatenate([u_sq[:, None], u_bargain, np.full((n, 1), -1e6)], axis=1)
    # group queues by length rounded up to a power of two: little padding, few calls
    bucket = np.where(queue > 0, 2 ** np.ceil(np.log2(np.maximum(queue + 1, 1))), 0)
    for size in sorted({int(b) for b in bucket[bucket > 0]}):  # np.unique imports numpy.ma
        owners = np.flatnonzero(bucket == size)
        cols = columns[owners, :size]
        u = np.moveaxis(table[:, cols], 0, 1)  # (queue owner, voter, option)
        p = scalar_pce(
            u,
            np.broadcast_to(c, (owners.size, n)),
            settings.voting_rule,
            settings.pce_model,
            settings.victory_exponent,
            use_numba=use_compiled(settings.use_numba, n, settings.numba_from_actors),
        )
        if rng is None:
            choice = np.argmax(p, axis=-1)
        else:  # KTAB's StochasticSTM: draw each queue's bargain with its PCE probability
            draws = rng.random(owners.size)[:, None]
            choice = np.minimum((np.cumsum(p, axis=-1) < draws).sum(-1), size - 1)
        for a, cols_a, m in zip(owners, cols, choice, strict=True):
            if m > 0:
                b = cols_a[m] - 1
                new_x[a] = b_pos_init[b] if b_init[b] == a else b_pos_rcvr[b]
    return new_x
