"""KTAB's spatial model of politics (SMP): turns of challenges, bargains and votes.

A re-implementation over numpy of KTAB's ``SMPState::doBCN`` (lsyaseen/KTAB,
examples/smp/libsrc/smp.cpp, smpbcn.cpp, kmodel.cpp). Positions arrive on 0-100 and
are scaled to [0, 1]; saliences arrive on 0-100 and become fractions; an actor whose
saliences sum to more than 100 is rescaled to sum to exactly 1 (KTAB requires <= 1).

One turn, as in KTAB:
1. distance d_ij = sqrt(sum_k (s_ik (x_ik - x_jk))^2 / sum_k s_ik^2), value 1 - d_ij;
2. risk attitudes r_i from the risk-neutral PCE over the actors' positions (weights =
   capabilities), mapped to [-1, 1] by the risk range; utility (1 - d)(1 + d r);
   actor h's estimate of i's r is adjusted towards h's own (risk adjust);
3. each actor i picks the target j with the largest expected gain of a challenge
   (third parties join little contests, third-party commitment), if the gain > 1e-5;
4. the pair's bargain interpolates positions weighted by salience^a x probability^b;
5. every actor votes (PCE) over its queue: status quo plus bargains it is party to,
   and adopts the most probable (deterministic state transition).
It stops when the total movement of a turn falls under ``min_delta_ratio`` of the
first turn's (after ``min_turns``), or at ``max_turns``.

Defaults are KTAB smpc's defaults (log of 2017-05-30): victory model Linear (exponent
1), voting rule Prop, PCE Conditional, deterministic transitions, BigRRange Mid,
BigRAdjust OneThird, ThirdPartyCommit SemiCommit, InterVecBrgn S2P2, bargain model
InitOnlyInterp, stop after >= 2 turns when the change is < 2% of the first (max 100).

Departures / choices (also in the report):
- KTAB processes actors in a thread-dependent order, so its bargain queues are in
  that order; here they are in actor order. This only matters for exact ties.
- Equal positions for the win-probability PCE are grouped within a Euclidean distance
  of 1e-3 on [0, 1]; this value reproduces every turn of KTAB's reference logs.
- The O(n^3) steps (challenges, coalition strengths) run in numba kernels
  (``smp_kernel``); the pure numpy path (``use_numba=False``) gives the same numbers,
  which a test cross-checks.
- Batches (Monte Carlo draws) are run one draw after another: each run stops at its
  own turn, and shorter histories are padded with their final state.
- KTAB's receiver-perspective bargain (used by the init-receiver and pw-compromise
  bargain models) passes the receiver's *expected gain* where a probability belongs,
  and weights it with the initiator's capability; both quirks are kept for fidelity.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.solvers.pce import (
    PCE_MODELS,
    VOTING_RULES,
    coalition_strengths,
    outcome_distribution,
    scalar_pce,
    vote,
)
from detente.solvers.validation import SolverInputError, check_inputs

RISK_RANGES = ("min", "mid", "max")
RISK_ADJUSTS = {
    "full": (0.0, 1.0),
    "two-thirds": (1 / 3, 2 / 3),
    "half": (0.5, 0.5),
    "one-third": (2 / 3, 1 / 3),
    "none": (1.0, 0.0),
}  # (weight of own r, of other's)
THIRD_PARTY = ("full", "semi", "none")
INTERPOLATIONS = ("S1P1", "S2P2", "S2PMax")
BARGAIN_MODELS = ("init-only", "init-receiver", "pw-compromise")
MIN_GAIN = 1e-5  # KTAB's minSigEDU
MIN_CHALLENGE_COALITION = 1e-10  # KTAB's minCltn


@dataclass(frozen=True)
class SMPSettings:
    """KTAB's options for the SMP, with KTAB's defaults."""

    voting_rule: str = "proportional"
    victory_exponent: float = 1.0
    pce_model: str = "conditional"
    risk_range: str = "mid"
    risk_adjust: str = "one-third"
    third_party: str = "semi"
    interpolation: str = "S2P2"
    bargain_model: str = "init-only"
    min_turns: int = 2
    max_turns: int = 100
    min_delta_ratio: float = 0.02
    min_sig_delta: float = 1e-4
    position_tolerance: float = 1e-3
    state_transition: str = "deterministic"  # or "stochastic": draw the bargain by its PCE odds
    use_numba: bool = True  # the O(n^3) challenge step compiled; False = pure numpy

    def check(self) -> None:
        choices = {
            "voting_rule": VOTING_RULES,
            "pce_model": PCE_MODELS,
            "risk_range": RISK_RANGES,
            "risk_adjust": tuple(RISK_ADJUSTS),
            "third_party": THIRD_PARTY,
            "interpolation": INTERPOLATIONS,
            "bargain_model": BARGAIN_MODELS,
            "state_transition": ("deterministic", "stochastic"),
        }
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise SolverInputError(
                    f"SMP setting {name}={getattr(self, name)!r} is unknown",
                    hint=f"choose one of {', '.join(allowed)}",
                )
        if self.max_turns < 1 or self.min_turns < 1:
            raise SolverInputError(
                "SMP min_turns and max_turns must be at least 1", hint="e.g. max_turns=100"
            )


@dataclass(frozen=True)
class SMPResult:
    """Positions per turn (0-100) and each actor's win probability per turn.

    ``history`` has shape (..., turns + 1, actors, issues), ``win_probability``
    (..., turns + 1, actors), ``risk_attitude`` the same; runs in a batch that stop
    early repeat their last state. ``outcome`` is the win-probability weighted mean of
    the final positions, ``turns`` the number of turns each run took.
    """

    outcome: np.ndarray
    history: np.ndarray
    win_probability: np.ndarray
    risk_attitude: np.ndarray
    turns: np.ndarray


@dataclass(frozen=True)
class TurnState:
    """Everything computed about one state before actors move (positions in [0, 1])."""

    distance: np.ndarray  # (n, n): d_ij with i's saliences
    risk: np.ndarray  # (n,)
    utility: np.ndarray  # (h, i, j): h's estimate of i's utility for j's position
    win_probability: np.ndarray  # (n,)


def salience_distance(x: np.ndarray, p: np.ndarray, s: np.ndarray) -> np.ndarray:
    """d[i, j] between x_i (ideal) and positions p_j, with i's saliences (KTAB bvDiff)."""
    diff = (x[:, None, :] - p[None, :, :]) * s[:, None, :]
    return np.sqrt((diff**2).sum(-1) / (s**2).sum(-1)[:, None])


def risky_utility(d: np.ndarray, r: np.ndarray) -> np.ndarray:
    """KTAB bsUtil: (1 - d)(1 + d r), with d capped at 1 inside the risk term."""
    return (1.0 - d) * (1.0 + np.minimum(d, 1.0) * r)


def risk_from_probability(p: np.ndarray, risk_range: str) -> np.ndarray:
    """KTAB bigRfromProb: the likeliest actor is most risk-accepting (+1)."""
    lo, hi = p.min(), p.max()
    span = hi - lo
    if span <= 0:
        return np.zeros_like(p)
    if risk_range == "min":
        return (p - lo) / span
    if risk_range == "mid":
        return (3 * p - (hi + 2 * lo)) / (2 * span)
    return (2 * p - (hi + lo)) / span


def assess_state(x: np.ndarray, s: np.ndarray, c: np.ndarray, settings: SMPSettings) -> TurnState:
    d = salience_distance(x, x, s)
    neutral = 1.0 - d
    strengths = coalition_strengths(neutral, c, settings.voting_rule, use_numba=settings.use_numba)
    p, _ = outcome_distribution(strengths, settings.pce_model, settings.victory_exponent)
    r = risk_from_probability(p, settings.risk_range)
    own, other = RISK_ADJUSTS[settings.risk_adjust]
    r_est = own * r[:, None] + other * r[None, :]  # (h, i)
    utility = risky_utility(d[None, :, :], r_est[:, :, None])
    # win probability: each actor's own utilities over the distinct positions
    own_util = risky_utility(d, r[:, None])
    groups = _position_groups(x, settings.position_tolerance)
    firsts = np.unique(groups)
    dist = scalar_pce(
        own_util[:, firsts],
        c,
        "proportional",
        settings.pce_model,
        settings.victory_exponent,
        use_numba=settings.use_numba,
    )
    win = dist[np.searchsorted(firsts, groups)]
    return TurnState(d, r, utility, win)


def _position_groups(x: np.ndarray, tol: float) -> np.ndarray:
    """Index of the first actor holding (within tol) the same position as each actor."""
    close = np.linalg.norm(x[:, None, :] - x[None, :, :], axis=-1) < tol
    return np.argmax(close, axis=1)


def _contest(
    uii: np.ndarray,
    uij: np.ndarray,
    uji: np.ndarray,
    ujj: np.ndarray,
    uni: np.ndarray,
    unj: np.ndarray,
    unn: np.ndarray,
    bystander: np.ndarray,
    w_i: np.ndarray,
    w_j: np.ndarray,
    weight: np.ndarray,
    settings: SMPSettings,
) -> np.ndarray:
    """P(i beats j) with third parties n joining little contests (KTAB probEduChlg).

    Pair arrays have shape P; third-party arrays (P..., n); ``bystander`` masks n != i, j.
    """
    rule = settings.voting_rule
    contrib_i = vote(rule, w_i, uii - uij)
    contrib_j = vote(rule, w_j, uji - ujj)
    chij0 = MIN_CHALLENGE_COALITION + np.maximum(contrib_i, 0) + np.maximum(contrib_j, 0)
    chji0 = MIN_CHALLENGE_COALITION + np.maximum(-contrib_i, 0) + np.maximum(-contrib_j, 0)
    little = vote(rule, weight, uni - unj)
    cni = chij0[..., None] + np.maximum(little, 0)
    cnj = chji0[..., None] + np.maximum(-little, 0)
    pin = cni / (cni + cnj)
    pjn = 1.0 - pin
    if settings.third_party == "full":
        u_ik_j = pin * 3 * uni + pjn * 3 * unj
        u_i_jk = pin * 3 * uni + pjn * 3 * unj
    elif settings.third_party == "semi":
        u_ik_j = pin * (2 * uni + unn) + pjn * 3 * unj
        u_i_jk = pin * 3 * uni + pjn * (2 * unj + unn)
    else:
        u_ik_j = pin * (2 * uni + unn) + pjn * (2 * unj + unn)
        u_i_jk = u_ik_j
    third = np.where(bystander, vote(rule, weight, u_ik_j - u_i_jk), 0.0)
    chij = chij0 + np.maximum(third, 0).sum(-1)
    chji = chji0 + np.maximum(-third, 0).sum(-1)
    return chij / (chij + chji)


def _expected_gain(
    phij: np.ndarray, uki: np.ndarray, ukj: np.ndarray, sj: np.ndarray
) -> np.ndarray:
    """k's expected gain of i challenging j versus the status quo (KTAB euChlg - euSQ)."""
    eu_contest = phij * 2 * uki + (1 - phij) * 2 * ukj
    return (1 - sj) * 2 * uki + sj * eu_contest - (uki + ukj)


def all_challenges(
    state: TurnState, weight: np.ndarray, total_salience: np.ndarray, settings: SMPSettings
) -> tuple[np.ndarray, np.ndarray]:
    """For every pair (i, j): i's estimate that i beats j and of i's expected gain."""
    u = state.utility  # (h, a, b)
    n = u.shape[0]
    own = np.diagonal(u, axis1=0, axis2=1).T  # own[h, b] = u[h, h, b]
    uii = np.diagonal(own)[:, None]
    uij = own
    uji = u[np.arange(n)[:, None], np.arange(n)[None, :], np.arange(n)[:, None]]  # u[i, j, i]
    ujj = np.diagonal(u, axis1=1, axis2=2)  # u[i, j, j]
    uni = uji[:, None, :]  # u[i, n, i], same for every j
    unj = np.swapaxes(u, 1, 2)  # (i, j, n) = u[i, n, j]
    unn = ujj[:, None, :]  # u[i, n, n]
    eye = np.eye(n, dtype=bool)
    bystander = ~(eye[:, None, :] | eye[None, :, :])
    phij = _contest(
        uii,
        uij,
        uji,
        ujj,
        uni,
        unj,
        unn,
        bystander,
        weight[:, None],
        weight[None, :],
        weight,
        settings,
    )
    gain = _expected_gain(phij, uii, uij, total_salience[None, :])
    return phij, gain


def challenge_estimates(
    state: TurnState,
    weight: np.ndarray,
    total_salience: np.ndarray,
    h: np.ndarray,
    k: np.ndarray,
    i: np.ndarray,
    j: np.ndarray,
    settings: SMPSettings,
) -> tuple[np.ndarray, np.ndarray]:
    """h's estimate that i beats j and of k's expected gain from i challenging j (probEduChlg).

    All index arrays are 1-d of one length; weight = capability x total salience.
    """
    u = state.utility
    everyone = np.arange(u.shape[-1])[None, :]
    bystander = (everyone != i[:, None]) & (everyone != j[:, None])
    phij = _contest(
        u[h, i, i],
        u[h, i, j],
        u[h, j, i],
        u[h, j, j],
        u[h[:, None], everyone, i[:, None]],
        u[h[:, None], everyone, j[:, None]],
        np.diagonal(u, axis1=-2, axis2=-1)[h],
        bystander,
        weight[i],
        weight[j],
        weight[None, :],
        settings,
    )
    return phij, _expected_gain(phij, u[h, k, i], u[h, k, j], total_salience[j])


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
    if settings.use_numba:
        from detente.solvers.smp_kernel import all_pairs_contest

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
    for size in np.unique(bucket[bucket > 0]).astype(int):
        owners = np.flatnonzero(bucket == size)
        cols = columns[owners, :size]
        u = np.moveaxis(table[:, cols], 0, 1)  # (queue owner, voter, option)
        p = scalar_pce(
            u,
            np.broadcast_to(c, (owners.size, n)),
            settings.voting_rule,
            settings.pce_model,
            settings.victory_exponent,
            use_numba=settings.use_numba,
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


def _state_distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b, axis=-1).sum())


def _run_one(
    x: np.ndarray,
    s: np.ndarray,
    c: np.ndarray,
    settings: SMPSettings,
    rng: np.random.Generator | None,
) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    positions, wins, risks = [x], [], []
    state = assess_state(x, s, c, settings)
    wins.append(state.win_probability)
    risks.append(state.risk)
    first_step = None
    for turn in range(1, settings.max_turns + 1):
        x = smp_turn(x, s, c, state, settings, rng)
        positions.append(x)
        state = assess_state(x, s, c, settings)
        wins.append(state.win_probability)
        risks.append(state.risk)
        if first_step is None:
            first_step = _state_distance(positions[0], positions[1]) + settings.min_sig_delta
        change = _state_distance(positions[-1], positions[-2]) / first_step
        if turn >= settings.min_turns and change < settings.min_delta_ratio:
            break
    return positions, wins, risks


def check_smp_inputs(x: np.ndarray, s: np.ndarray, c: np.ndarray) -> None:
    check_inputs(x, s, c)
    if x.shape[-2] < 2:
        raise SolverInputError(
            "the SMP needs at least two actors", hint="add an actor who takes a position"
        )
    if np.any((x < 0) | (x > 100)):
        raise SolverInputError(
            "a position lies outside the 0..100 scale", hint="rescale positions to 0..100"
        )
    if np.any(c <= 0):
        raise SolverInputError(
            "the SMP needs every capability > 0 (KTAB votes with weight = capability)",
            hint="drop actors with zero capability or give them a small positive one",
        )
    dead = np.flatnonzero((s.sum(-1) <= 0).reshape(-1, x.shape[-2]).any(0))
    if dead.size:
        raise SolverInputError(
            f"actor index {int(dead[0])} has all saliences 0",
            hint="give each actor a positive salience on at least one issue",
        )


def spatial_model(
    x: np.ndarray,
    s: np.ndarray,
    c: np.ndarray,
    settings: SMPSettings | None = None,
    rng: np.random.Generator | None = None,
) -> SMPResult:
    """Run KTAB's SMP on positions x (..., n, m) in 0-100, saliences s (0-100), capabilities c.

    ``rng`` is needed only for ``state_transition="stochastic"``.
    """
    settings = settings or SMPSettings()
    settings.check()
    if settings.state_transition == "stochastic" and rng is None:
        raise SolverInputError(
            "stochastic state transitions need a random generator",
            hint="pass rng=numpy.random.default_rng(seed)",
        )
    draw = rng if settings.state_transition == "stochastic" else None
    x, s, c = (np.asarray(a, dtype=float) for a in (x, s, c))
    check_smp_inputs(x, s, c)
    batch = x.shape[:-2]
    n, m = x.shape[-2:]
    xs = x.reshape(-1, n, m) / 100.0
    sal = s.reshape(-1, n, m) / 100.0
    total = sal.sum(-1, keepdims=True)
    sal = np.where(total > 1.0, sal / total, sal)
    caps = c.reshape(-1, n)
    runs = [_run_one(xs[b], sal[b], caps[b], settings, draw) for b in range(xs.shape[0])]
    length = max(len(r[0]) for r in runs)

    def pad(items: list[np.ndarray]) -> np.ndarray:
        return np.stack(items + [items[-1]] * (length - len(items)))

    history = np.stack([pad(r[0]) for r in runs]) * 100.0
    win = np.stack([pad(r[1]) for r in runs])
    risk = np.stack([pad(r[2]) for r in runs])
    turns = np.array([len(r[0]) - 1 for r in runs])
    final_win = win[:, -1, :]
    weights = final_win / final_win.sum(-1, keepdims=True)
    outcome = (weights[:, :, None] * history[:, -1]).sum(1)
    return SMPResult(
        outcome=outcome.reshape(*batch, m),
        history=history.reshape(*batch, length, n, m),
        win_probability=win.reshape(*batch, length, n),
        risk_attitude=risk.reshape(*batch, length, n),
        turns=turns.reshape(batch),
    )
