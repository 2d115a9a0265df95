"""What each actor believes about a state: utilities, risk, win odds, value of challenges.

KTAB's SMP rests every move on these estimates (distance, risk attitude, each actor's
view of the others' utilities, the PCE win probabilities, and the expected gain of each
possible challenge); they live apart from the bargaining that acts on them. The numba
kernel ``smp_kernel.all_pairs_contest`` computes the same challenge numbers as
``all_challenges`` here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.solvers.pce import coalition_strengths, outcome_distribution, scalar_pce, vote
from detente.solvers.smp_kernel import use_compiled
from detente.solvers.smp_settings import MIN_CHALLENGE_COALITION, RISK_ADJUSTS, SMPSettings


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
    compiled = use_compiled(settings.use_numba, x.shape[0], settings.numba_from_actors)
    strengths = coalition_strengths(neutral, c, settings.voting_rule, use_numba=compiled)
    p, _ = outcome_distribution(strengths, settings.pce_model, settings.victory_exponent)
    r = risk_from_probability(p, settings.risk_range)
    own, other = RISK_ADJUSTS[settings.risk_adjust]
    r_est = own * r[:, None] + other * r[None, :]  # (h, i)
    utility = risky_utility(d[None, :, :], r_est[:, :, None])
    # win probability: each actor's own utilities over the distinct positions
    own_util = risky_utility(d, r[:, None])
    groups = _position_groups(x, settings.position_tolerance)
    # sorted distinct groups, as np.unique (which imports numpy.ma: ~15 ms of a process)
    firsts = np.flatnonzero(np.bincount(groups, minlength=x.shape[0]))
    dist = scalar_pce(
        own_util[:, firsts],
        c,
        "proportional",
        settings.pce_model,
        settings.victory_exponent,
        use_numba=compiled,
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
