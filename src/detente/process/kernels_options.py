"""The mediator's choice among the candidate texts of one option, compiled: the public
margins of every candidate, and per run the best candidate and its expected value.

Why a kernel of its own: ranking an option's candidates by P(all accept) x gain - cost
called scipy's ndtr once per candidate and signatory (and implementer, for P(consent)),
and those calls were most of the simulator's time after the text valuations. Only the
best candidate of each run is used, so this kernel evaluates candidates best bound
first and stops as soon as no candidate left can reach the best value found: usually
one or two of the eleven. P(consent) is computed here, for those candidates only.

Why the choice is bit-identical to evaluating every candidate (``tracks._option_values``
on numpy): a candidate is skipped only when a guaranteed upper bound of its value is
below the best value found (or equal to it at a later index, which argmax would not
take either), and every value computed is computed as before (same factors, same
order). The bound: P(all accept) is a product of factors in [0, 1] rounded to nearest,
so it is at most its smallest factor (P(consent) likewise), and rounding is monotone, so
P x gain - cost is at most bound x gain - cost for a gain >= 0. The bound of the
smallest factor ndtr(x) is a table read (``ndtr_bounds``): ndtr two grid steps above x,
plus 1 %, plus 1e-300; it holds whenever scipy's ndtr is within 0.5 % of the normal
CDF (it is within 1e-14). Runs where a value could be NaN or a gain is negative or not
finite are evaluated in full, candidate by candidate, as before.
"""

from __future__ import annotations

# first: sets numba's cache directory (outside the source tree) before numba loads
from detente.process.kernels import _argmax, _call_double

# isort: split
import numba
import numpy as np
from scipy.special import ndtr

BOUND_LOW = -40.0  # ndtr is 0 below about -38.5
BOUND_STEPS = 32  # table entries per unit of x
BOUND_ENTRIES = 50 * BOUND_STEPS  # up to x = 10, where ndtr is 1


def ndtr_bounds() -> np.ndarray:
    """Upper bounds of ndtr on a grid: entry i bounds ndtr(x) for every x below
    BOUND_LOW + (i + 1) / BOUND_STEPS (a step of slack for the index's rounding)."""
    grid = BOUND_LOW + (np.arange(BOUND_ENTRIES) + 2.0) / BOUND_STEPS
    return np.minimum(ndtr(grid) * 1.01 + 1e-300, 1.0)


NDTR_BOUNDS = ndtr_bounds()


@numba.njit(cache=True, inline="always")
def _bound(x: float, table: np.ndarray) -> float:  # pragma: no cover - compiled
    """An upper bound of ndtr(x) for a non-NaN x (``ndtr_bounds``)."""
    k = (x - BOUND_LOW) * BOUND_STEPS
    if k >= table.shape[0] - 1:
        return 1.0
    if k < 0.0:
        return table[0]
    return table[int(k)]


@numba.njit(cache=True, inline="always")
def _value(
    x: np.ndarray, y: np.ndarray, consents: bool, gain: float, cost: float, ndtr: int
) -> float:  # pragma: no cover - compiled
    """P(all accept) x gain - cost of one candidate: the signatories' factors ndtr(x) in
    order, times P(all consent), the implementers' ndtr(y) in order, where it counts."""
    p = 1.0
    for m in range(x.shape[0]):
        p = p * _call_double(ndtr, x[m])
    if consents:
        consent = 1.0
        for m in range(y.shape[0]):
            consent = consent * _call_double(ndtr, y[m])
        p = p * consent
    return p * gain - cost


@numba.njit(cache=True, inline="always")
def _best_bounded(
    x: np.ndarray,
    y: np.ndarray,
    consents: bool,
    gain: np.ndarray,
    cost: float,
    upper: np.ndarray,
    done: np.ndarray,
    ndtr: int,
) -> tuple[int, float]:  # pragma: no cover - compiled
    """The first candidate of highest value, evaluating candidates in order of their
    ``upper`` bound until none left can beat (or, at a lower index, tie) the best."""
    c = upper.shape[0]
    done[:] = False
    top, best = -1, -np.inf
    while True:
        pick, high = -1, -np.inf
        for q in range(c):
            if not done[q] and (pick < 0 or upper[q] > high):
                pick, high = q, upper[q]
        if pick < 0:
            break
        if top >= 0 and (high < best or (high == best and pick > top)):
            break  # the rest share no more than ``high``, at later indices if equal
        done[pick] = True
        v = _value(x[pick], y[pick], consents, gain[pick], cost, ndtr)
        if top < 0 or v > best or (v == best and pick < top):
            top, best = pick, v
    return top, best


@numba.njit(cache=True)
def option_choice(
    value: np.ndarray,
    fight: np.ndarray,
    mean: np.ndarray,
    var: np.ndarray,
    tau: np.ndarray,
    imp: np.ndarray,
    use_consent: bool,
    needs: np.ndarray,
    gain: np.ndarray,
    cost: np.ndarray,
    usable: np.ndarray,
    ndtr: int,
    table: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """Public margins (r, c, s) of one mediator option, and per run the best candidate
    (``ev.argmax(axis=1)``) and its value (``ev.max(axis=1)``), where

    margin = value - fight; P(all accept) = prod_s ndtr((margin - mean) / scale) with
    scale = sqrt(var + tau^2 + 1e-12), times where implementers must consent P(consent) =
    prod_e ndtr(imp / sqrt(tau^2 + 1e-12)) at their margins ``imp`` (r, c, e)
    (``implementers.consent_probability``); ev = P x gain - cost where the option is
    usable, else -inf (``tracks._Options``).
    """
    r, c, s = value.shape
    e = imp.shape[2]
    margin = np.empty((r, c, s))
    top = np.zeros(r, dtype=np.int64)
    best = np.empty(r)
    scale = np.empty(s)
    x = np.empty((c, s))
    y = np.empty((c, e))
    upper = np.empty(c)
    done = np.empty(c, dtype=np.bool_)
    ev = np.empty(c)
    for i in range(r):
        if not usable[i]:  # a lever already pulled: margins only, no probabilities
            for q in range(c):
                for m in range(s):
                    margin[i, q, m] = value[i, q, m] - fight[i, m]
            best[i] = -np.inf
            continue
        t2 = tau[i] * tau[i]
        for m in range(s):
            scale[m] = np.sqrt(var[i, m] + t2 + 1e-12)
        consents = use_consent and needs[i]
        imp_scale = np.sqrt(0.0 + t2 + 1e-12)
        pruned = np.isfinite(cost[i])
        for q in range(c):
            lowest = np.inf
            for m in range(s):
                d = value[i, q, m] - fight[i, m]
                margin[i, q, m] = d
                x[q, m] = (d - mean[i, m]) / scale[m]
                if x[q, m] != x[q, m]:
                    pruned = False
                elif x[q, m] < lowest:
                    lowest = x[q, m]
            g = gain[i, q]
            bound = _bound(lowest, table)
            if consents:
                lowest = np.inf
                for m in range(e):
                    y[q, m] = (imp[i, q, m] - 0.0) / imp_scale
                    if y[q, m] != y[q, m]:
                        pruned = False
                    elif y[q, m] < lowest:
                        lowest = y[q, m]
                bound = bound * _bound(lowest, table)
            if not (np.isfinite(g) and g >= 0.0):
                pruned = False
            upper[q] = bound * g - cost[i]
        if not pruned:
            for q in range(c):
                ev[q] = _value(x[q], y[q], consents, gain[i, q], cost[i], ndtr)
            top[i], best[i] = _argmax(ev)
            continue
        top[i], best[i] = _best_bounded(x, y, consents, gain[i], cost[i], upper, done, ndtr)
    return margin, top, best
