"""Stokman & Van Oosten's exchange model: vote trading with equal gain, many issues.

Outcomes are the capability x salience weighted mean of positions (the compromise
model). Two actors i and k who stand on opposite sides of the outcome on two issues
a and b, and who weigh them differently (s_ia / s_ib > s_ka / s_kb), can trade: k
moves its position on a towards i (which i cares about more), i moves its position on
b towards k. Utilities are salience-weighted linear distances to the outcome, so the
gains are G_i = s_ia da - s_ib db and G_k = s_kb db - s_ka da, where da, db are the
shifts of the two outcomes. Equal gain (Stokman & Van Oosten 1994) fixes
db = da (s_ia + s_ka) / (s_ib + s_kb); the size is the largest that neither actor
moves past the other's position. All offers are valued at the initial outcome;
they are realised in order of gain, and an actor takes part in at most one exchange
per issue; exchanges under ``min_gain`` are dropped.

Simplification (named in the report): one round, no re-valuation of the remaining
offers after each realised exchange and no re-runs of the model on the new positions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.solvers.compromise import weighted_mean
from detente.solvers.validation import SolverInputError, check_inputs


@dataclass(frozen=True)
class ExchangeResult:
    """``outcome`` (..., issues) after exchanges, ``initial`` before; ``positions`` the
    actors' final (shifted) positions; ``exchanges`` how many were realised per run."""

    outcome: np.ndarray
    initial: np.ndarray
    positions: np.ndarray
    exchanges: np.ndarray


def _best_exchange(x: np.ndarray, s: np.ndarray, c: np.ndarray):
    """Gain and shifts of the best exchange per run; arrays over (batch, i, k, a, b)."""
    w = c[:, :, None] * s  # (B, n, m)
    total = w.sum(1)  # (B, m)
    o = (w * x).sum(1) / total  # (B, m)
    side = np.sign(x - o[:, None, :])  # (B, n, m)
    # opposite sides on an issue: (B, i, k, m)
    opposite = side[:, :, None, :] * side[:, None, :, :] < 0
    s_i = s[:, :, None, :, None]  # s_ia  (B, i, 1, a, 1)
    s_ib = s[:, :, None, None, :]
    s_ka = s[:, None, :, :, None]
    s_kb = s[:, None, :, None, :]
    ok = (
        opposite[:, :, :, :, None]
        & opposite[:, :, :, None, :]
        & (s_i * s_kb > s_ka * s_ib)
        & ~np.eye(x.shape[-1], dtype=bool)[None, None, None]
    )
    ratio = (s_i + s_ka) / np.where(s_ib + s_kb > 0, s_ib + s_kb, np.inf)  # db / da
    # k's largest move on a: to i's position; outcome shift per unit of that move
    gap_a = np.abs(x[:, :, None, :] - x[:, None, :, :])  # (B, i, k, m)
    da_max = (w[:, None, :, :] * gap_a / total[:, None, None, :])[..., :, None]  # k on a
    db_max = (w[:, :, None, :] * gap_a / total[:, None, None, :])[..., None, :]  # i on b
    da = np.minimum(
        da_max, np.divide(db_max, ratio, out=np.zeros_like(db_max * ratio), where=ratio > 0)
    )
    db = da * ratio
    gain = np.where(ok, s_i * da - s_ib * db, -np.inf)
    return gain, da, db, o


def exchange_model(
    x: np.ndarray,
    s: np.ndarray,
    c: np.ndarray,
    *,
    min_gain: float = 1e-6,
    max_exchanges: int = 500,
) -> ExchangeResult:
    """Outcome per issue after equal-gain exchanges; x (..., n, m) 0-100, s 0-100, c >= 0."""
    x, s, c = (np.asarray(a, dtype=float) for a in (x, s, c))
    check_inputs(x, s, c)
    if x.shape[-1] < 2:
        raise SolverInputError(
            "the exchange model needs at least two issues to trade across",
            hint="use the compromise model for a single issue",
        )
    batch, (n, m) = x.shape[:-2], x.shape[-2:]
    xs = x.reshape(-1, n, m).copy()
    ss = s.reshape(-1, n, m) / 100.0
    cs = c.reshape(-1, n)
    initial = weighted_mean(xs, ss, cs)
    gain, da, db, _ = _best_exchange(xs, ss, cs)
    runs_all = np.arange(xs.shape[0])
    w = cs[:, :, None] * ss
    total = w.sum(1)
    used = np.zeros((xs.shape[0], n, m), dtype=bool)
    count = np.zeros(xs.shape[0], dtype=int)
    start = xs.copy()
    for _ in range(min(max_exchanges, n * m)):
        # an actor takes part in at most one exchange per issue (Stokman & Van Oosten)
        free_ia = ~used[:, :, None, :, None]
        free_ib = ~used[:, :, None, None, :]
        free_ka = ~used[:, None, :, :, None]
        free_kb = ~used[:, None, :, None, :]
        open_gain = np.where(free_ia & free_ib & free_ka & free_kb, gain, -np.inf)
        flat = open_gain.reshape(xs.shape[0], -1)
        best = np.argmax(flat, axis=1)
        go = flat[runs_all, best] > min_gain
        if not go.any():
            break
        runs = runs_all[go]
        i, k, a, b = np.unravel_index(best[go], (n, n, m, m))
        da_v = da.reshape(xs.shape[0], -1)[runs, best[go]]
        db_v = db.reshape(xs.shape[0], -1)[runs, best[go]]
        # translate outcome shifts back into position moves towards the partner
        move_k = da_v * total[runs, a] / w[runs, k, a]
        move_i = db_v * total[runs, b] / w[runs, i, b]
        xs[runs, k, a] += np.sign(start[runs, i, a] - start[runs, k, a]) * move_k
        xs[runs, i, b] += np.sign(start[runs, k, b] - start[runs, i, b]) * move_i
        used[runs, i, a] = used[runs, i, b] = used[runs, k, a] = used[runs, k, b] = True
        count[runs] += 1
    outcome = weighted_mean(xs, ss, cs)
    return ExchangeResult(
        outcome=outcome.reshape(*batch, m),
        initial=initial.reshape(*batch, m),
        positions=xs.reshape(*batch, n, m),
        exchanges=count.reshape(batch),
    )
