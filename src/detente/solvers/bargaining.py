"""Axiomatic bargaining over several issues: asymmetric Nash and Kalai-Smorodinsky.

Actor i's utility for an outcome o (issues on 0-100) is
    u_i(o) = 1 - sum_j w_ij ((o_j - x_ij) / 100)^2,   w_ij = s_ij / sum_j s_ij,
a salience-weighted quadratic loss in [0, 1] (1 at its own position). The
disagreement point d_i is u_i at a disagreement outcome (the status quo, say), or 0.

- Nash (asymmetric, bargaining powers = capabilities): maximise sum_i c_i log(u_i - d_i).
  The first-order condition makes o a weighted mean of positions with weights
  c_i w_ij / (u_i(o) - d_i); we iterate that fixed point (damped), which converges for
  this concave problem.
- Kalai-Smorodinsky: the point that maximises min_i (u_i - d_i) / (1 - d_i), the equal
  share of each actor's possible gain (its utopia is its own position, u = 1). Solved
  as a zero-sum game: multiplicative weights on the actors, a best-response outcome,
  and the average of the iterates.
If some actor cannot gain over its disagreement utility anywhere (e.g. the
disagreement outcome is already Pareto optimal), no agreement is individually rational:
the run reports ``agreement = False`` and the disagreement outcome (NaN without one).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.solvers.validation import SolverInputError, check_inputs


@dataclass(frozen=True)
class BargainingResult:
    """``outcome`` (..., issues), each actor's ``utility`` there and ``agreement`` (bool)."""

    outcome: np.ndarray
    utility: np.ndarray
    agreement: np.ndarray


def salience_weights(s: np.ndarray) -> np.ndarray:
    total = s.sum(-1, keepdims=True)
    if np.any(total <= 0):
        raise SolverInputError(
            "an actor has all saliences 0, so it has no stake to bargain over",
            hint="drop the actor or give it a positive salience",
        )
    return s / total


def utility(o: np.ndarray, x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """u[..., i] for outcome o (..., m)."""
    return 1.0 - (w * ((o[..., None, :] - x) / 100.0) ** 2).sum(-1)


def _weighted_outcome(x: np.ndarray, weights: np.ndarray) -> np.ndarray:
    return (weights * x).sum(-2) / weights.sum(-2)


def _prepare(x, s, c, disagreement):
    x, s, c = (np.asarray(a, dtype=float) for a in (x, s, c))
    check_inputs(x, s, c)
    if x.shape[-2] < 2:
        raise SolverInputError("bargaining needs at least two actors", hint="add an actor")
    w = salience_weights(s)
    if disagreement is None:
        d = np.zeros(x.shape[:-1])
        q = np.full(x.shape[:-2] + x.shape[-1:], np.nan)
    else:
        q = np.broadcast_to(np.asarray(disagreement, dtype=float), x.shape[:-2] + x.shape[-1:])
        d = utility(q, x, w)
    return x, w, c, d, q


def nash_bargaining(
    x: np.ndarray,
    s: np.ndarray,
    c: np.ndarray,
    disagreement: np.ndarray | None = None,
    *,
    iterations: int = 300,
) -> BargainingResult:
    """Asymmetric Nash solution; ``disagreement`` is an outcome (..., issues) or None."""
    x, w, c, d, q = _prepare(x, s, c, disagreement)
    power = c / c.sum(-1, keepdims=True)
    o = _weighted_outcome(x, power[..., None] * w)
    for _ in range(iterations):
        slack = np.maximum(utility(o, x, w) - d, 1e-9)
        target = _weighted_outcome(x, (power / slack)[..., None] * w + 1e-300)
        o = 0.5 * o + 0.5 * target
    u = utility(o, x, w)
    ok = np.all(u > d + 1e-9, axis=-1)
    return BargainingResult(np.where(ok[..., None], o, q), u, ok)


def kalai_smorodinsky(
    x: np.ndarray,
    s: np.ndarray,
    c: np.ndarray,
    disagreement: np.ndarray | None = None,
    *,
    iterations: int = 3000,
    step: float = 2.0,
) -> BargainingResult:
    """Kalai-Smorodinsky solution (capabilities do not enter: the solution is symmetric)."""
    x, w, c, d, q = _prepare(x, s, c, disagreement)
    room = np.maximum(1.0 - d, 1e-12)
    lam = np.full(d.shape, 1.0 / d.shape[-1])
    total = np.zeros(x.shape[:-2] + x.shape[-1:])
    kept = 0
    for t in range(iterations):
        o = _weighted_outcome(x, (lam / room)[..., None] * w + 1e-300)
        share = (utility(o, x, w) - d) / room
        lam = lam * np.exp(-step * (share - share.mean(-1, keepdims=True)))
        lam = lam / lam.sum(-1, keepdims=True)
        if t >= iterations // 2:
            total += o
            kept += 1
    o = total / kept
    u = utility(o, x, w)
    ok = np.all(u > d + 1e-9, axis=-1)
    return BargainingResult(np.where(ok[..., None], o, q), u, ok)
