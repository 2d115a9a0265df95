"""The mediator's choice among its options, compiled: per run the best option (a package,
with no lever or one more lever), its best candidate text and that text's value.

Why a kernel of its own: ranking the candidates by P(all accept) x gain - cost called
scipy's ndtr once per candidate and signatory (and implementer, for P(consent)), and
those calls were most of the simulator's time after the text valuations. Only the best
candidate of the best option is used, so this kernel evaluates the candidates of all
options together, best bound first, and stops as soon as no candidate left can reach
the best value found: usually one or two of the sixty or so. P(consent) is computed
here, for those candidates only.

Why the choice is bit-identical to evaluating every candidate (``tracks._option_values``
on numpy, then argmax over the options): a candidate is skipped only when a guaranteed
upper bound of its value is below the best value found (or equal to it at a later
(option, candidate) index, which the two argmaxes would not take either), and every
value computed is computed as before (same factors, same order). The bound: P(all
accept) is a product of factors in [0, 1] rounded to nearest, so it is at most its
smallest factor (P(consent) likewise), and rounding is monotone, so P x gain - cost is
at most bound x gain - cost for a gain >= 0. The bound of the smallest factor ndtr(x) is
a table read (``ndtr_bounds``): ndtr two grid steps above x, plus 1 %, plus 1e-300; it
holds whenever scipy's ndtr is within 0.5 % of the normal CDF (it is within 1e-14).
Options where a value could be NaN or a gain is negative or not finite are evaluated in
full, candidate by candidate, as before.
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


@numba.njit(cache=True)
def best_option(
    values: np.ndarray,
    gains: np.ndarray,
    imps: np.ndarray,
    fights: np.ndarray,
    costs: np.ndarray,
    usable: np.ndarray,
    option_draft: np.ndarray,
    option_lever: np.ndarray,
    consents: np.ndarray,
    mean: np.ndarray,
    var: np.ndarray,
    tau: np.ndarray,
    ndtr: int,
    table: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """Per run the mediator's best option (``tracks._Options``: ev.argmax over options of
    each option's best), the option's best candidate and its value, where option o values
    the candidates of draft ``option_draft[o]`` (``values`` (d, r, c, s), ``gains``
    (d, r, c), implementers' margins ``imps`` (d, r, c, e)) against fighting on with lever
    state ``option_lever[o]`` (``fights`` (l, r, s), ``costs`` (l, r), ``usable`` (l, r)),
    with P(consent) where ``consents`` (o, r). An option's candidate has

    margin = value - fight; P(all accept) = prod_s ndtr((margin - mean) / scale) with
    scale = sqrt(var + tau^2 + 1e-12), times where implementers must consent P(consent) =
    prod_e ndtr(imp / sqrt(tau^2 + 1e-12)) (``implementers.consent_probability``);
    ev = P x gain - cost where the lever state is usable, else -inf.

    The best is argmax over options of each option's best (argmax over its candidates),
    the first maximum in (option, candidate) order: options that may hold a NaN are
    evaluated in full, the others searched together (``_search``).
    """
    n_options = option_draft.shape[0]
    r, c, s = values.shape[1], values.shape[2], values.shape[3]
    e = imps.shape[3]
    pick = np.zeros(r, dtype=np.int64)
    top = np.zeros(r, dtype=np.int64)
    best = np.empty(r)
    scale = np.empty(s)
    x = np.empty((n_options, c, s))
    y = np.empty((n_options, c, e))
    upper = np.empty(n_options * c)
    done = np.empty(n_options * c, dtype=np.bool_)
    ev = np.empty(c)
    option_best = np.empty(n_options)
    option_top = np.zeros(n_options, dtype=np.int64)
    for i in range(r):
        t2 = tau[i] * tau[i]
        for m in range(s):
            scale[m] = np.sqrt(var[i, m] + t2 + 1e-12)
        imp_scale = np.sqrt(0.0 + t2 + 1e-12)
        searching = False
        for o in range(n_options):
            d, lever = option_draft[o], option_lever[o]
            option_top[o] = 0
            for q in range(c):
                done[o * c + q] = True
            if not usable[lever, i]:
                option_best[o] = -np.inf
                continue
            cost = costs[lever, i]
            pruned = np.isfinite(cost)
            for q in range(c):
                lowest = np.inf
                for m in range(s):
                    x[o, q, m] = (values[d, i, q, m] - fights[lever, i, m] - mean[i, m]) / scale[m]
                    if x[o, q, m] != x[o, q, m]:
                        pruned = False
                    elif x[o, q, m] < lowest:
                        lowest = x[o, q, m]
                g = gains[d, i, q]
                bound = _bound(lowest, table)
                if consents[o, i]:
                    lowest = np.inf
                    for m in range(e):
                        y[o, q, m] = (imps[d, i, q, m] - 0.0) / imp_scale
                        if y[o, q, m] != y[o, q, m]:
                            pruned = False
                        elif y[o, q, m] < lowest:
                            lowest = y[o, q, m]
                    bound = bound * _bound(lowest, table)
                if not (np.isfinite(g) and g >= 0.0):
                    pruned = False
                upper[o * c + q] = bound * g - cost
            if not pruned:
                for q in range(c):
                    ev[q] = _value(x[o, q], y[o, q], consents[o, i], gains[d, i, q], cost, ndtr)
                option_top[o], option_best[o] = _argmax(ev)
                continue
            option_best[o] = -np.inf  # unknown until the search; at most its bound
            searching = True
            for q in range(c):
                done[o * c + q] = False
        if searching:
            found, value = _search(
                x,
                y,
                consents[:, i],
                gains[:, i],
                costs[:, i],
                option_draft,
                option_lever,
                upper,
                done,
                ndtr,
            )
            option_top[found // c], option_best[found // c] = found % c, value
        pick[i], best[i] = _argmax(option_best)
        top[i] = option_top[pick[i]]
    return pick, top, best


@numba.njit(cache=True, inline="always")
def _search(
    x: np.ndarray,
    y: np.ndarray,
    consents: np.ndarray,
    gains: np.ndarray,
    costs: np.ndarray,
    option_draft: np.ndarray,
    option_lever: np.ndarray,
    upper: np.ndarray,
    done: np.ndarray,
    ndtr: int,
) -> tuple[int, float]:  # pragma: no cover - compiled
    """The first candidate of highest value among those not ``done`` (numbered option x c
    + candidate), evaluating them in order of their ``upper`` bound until none left can
    beat (or, at a lower index, tie) the best."""
    c = x.shape[1]
    total = upper.shape[0]
    top, best = -1, -np.inf
    while True:
        pick, high = -1, -np.inf
        for q in range(total):
            if not done[q] and (pick < 0 or upper[q] > high):
                pick, high = q, upper[q]
        if pick < 0:
            break
        if top >= 0 and (high < best or (high == best and pick > top)):
            break  # the rest share no more than ``high``, at later indices if equal
        done[pick] = True
        o, q = pick // c, pick % c
        lever = option_lever[o]
        v = _value(x[o, q], y[o, q], consents[o], gains[option_draft[o], q], costs[lever], ndtr)
        if top < 0 or v > best or (v == best and pick < top):
            top, best = pick, v
    return top, best
