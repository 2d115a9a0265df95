"""Compiled kernels for the simulator's widest arrays: text utilities, pulls, each side's
value of fighting on, deferred issues. Each candidate text's worth and the implementers'
margins and delivery are in ``kernels_columns``, the mediator's choice among candidates
(option values) in ``kernels_options``.

Why: valuing every candidate text for every signatory builds (runs, candidates, actors,
issues) arrays; numpy makes five temporaries of that size per call, and the simulator
spent about a third of its time there. One pass in numba makes none. In small batches
(a what-if of 500 runs) the same fused passes replace dozens of small numpy calls a
round, whose fixed cost dominated there.

Why the results are bit-identical to the numpy path: every element is computed with
the same IEEE operations in the same order (fastmath off, so no reordering or fused
multiply-add), P(accept) calls scipy's own ndtr, and the sum over issues repeats numpy's
``add.reduce`` over a contiguous row: its pairwise sum, a plain loop under 8 elements
and eight interleaved partial sums up to 128. More issues go to numpy (numpy recurses
there, and numba's disk cache crashed on a recursive kernel). tests/test_process_kernels
compares both paths bit for bit, so a numpy that sums differently is caught.

The module is imported for batches big enough to pay numba's import (about 0.3 s;
``utility.compiled_pays``), so small runs and start-up stay as they were.
"""

from __future__ import annotations

# first: sets numba's cache directory (outside the source tree) before numba loads
from detente.solvers import smp_numba  # noqa: F401

# isort: split
import numba
import numpy as np
from llvmlite import ir
from numba import types
from numba.extending import get_cython_function_address, intrinsic


@numba.njit(cache=True, inline="always")
def _pairwise(v: np.ndarray, n: int) -> float:  # pragma: no cover - compiled
    """numpy's pairwise_sum of v[:n] for n <= 128 (numpy/_core/src/umath/loops_utils.h)."""
    if n < 8:
        res = -0.0
        for i in range(n):
            res += v[i]
        return res
    r0, r1, r2, r3, r4, r5, r6, r7 = v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]
    i = 8
    stop = n - n % 8
    while i < stop:
        r0 += v[i]
        r1 += v[i + 1]
        r2 += v[i + 2]
        r3 += v[i + 3]
        r4 += v[i + 4]
        r5 += v[i + 5]
        r6 += v[i + 6]
        r7 += v[i + 7]
        i += 8
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < n:
        res += v[i]
        i += 1
    return res


@numba.njit(cache=True)
def text_utilities(
    ideal: np.ndarray,
    weight: np.ndarray,
    texts: np.ndarray,
    reference: np.ndarray,
    aversion: np.ndarray,
    loss_averse: bool,
) -> np.ndarray:  # pragma: no cover - compiled
    """u (r, c, a) of texts (r, c, k) for ideals and weights (r, a, k): ``utility.utility``
    with ideals (r, 1, a, k), reference (r, 1, k) and aversion (r, 1)."""
    r, c, k = texts.shape
    a = ideal.shape[1]
    out = np.empty((r, c, a))
    term = np.empty(k)
    held = np.empty(k)
    for i in range(r):
        for m in range(a):
            if loss_averse:
                _held(ideal[i, m], reference[i], held)
            for q in range(c):
                if loss_averse:
                    out[i, q, m] = _averse_utility(
                        ideal[i, m], weight[i, m], texts[i, q], held, aversion[i], term
                    )
                else:
                    out[i, q, m] = _utility(ideal[i, m], weight[i, m], texts[i, q], term)
    return out


@numba.njit(cache=True, inline="always")
def _held(ideal: np.ndarray, reference: np.ndarray, out: np.ndarray) -> None:  # pragma: no cover
    """|reference - ideal| per issue into ``out`` (k,): read once per run, not per text."""
    for j in range(ideal.shape[0]):
        out[j] = np.abs(reference[j] - ideal[j])


@numba.njit(cache=True, inline="always")
def _utility(
    ideal: np.ndarray, weight: np.ndarray, text: np.ndarray, term: np.ndarray
) -> float:  # pragma: no cover - compiled
    """u = -sum_j w_j |text_j - ideal_j| of one text (k,) for one actor; ``term`` scratch."""
    k = text.shape[0]
    for j in range(k):
        term[j] = weight[j] * np.abs(text[j] - ideal[j])
    return -_pairwise(term, k)


@numba.njit(cache=True, inline="always")
def _averse_utility(
    ideal: np.ndarray,
    weight: np.ndarray,
    text: np.ndarray,
    held: np.ndarray,
    aversion: float,
    term: np.ndarray,
) -> float:  # pragma: no cover - compiled
    """u of one text (k,) for one actor (ideal, weight (k,)), loss-averse beyond a
    reference ``held`` (k,) points from the ideal (``_held``): ``text_utilities``'
    arithmetic for one element, ``term`` scratch."""
    k = text.shape[0]
    for j in range(k):
        d = np.abs(text[j] - ideal[j])
        loss = d - held[j]
        if loss < 0.0:  # np.maximum(loss, 0.0): NaN stays NaN
            loss = 0.0
        term[j] = weight[j] * (d + aversion * loss)
    return -_pairwise(term, k)


@numba.njit(cache=True)
def pull_texts(
    texts: np.ndarray, ideal: np.ndarray, cares: np.ndarray, share: np.ndarray
) -> np.ndarray:  # pragma: no cover - compiled
    """Texts (r, c, k) moved toward ideals (r, k) by share (r,) where cares (r, k)."""
    r, c, k = texts.shape
    out = np.empty((r, c, k))
    for i in range(r):
        for q in range(c):
            for j in range(k):
                t = texts[i, q, j]
                out[i, q, j] = t + share[i] * (ideal[i, j] - t) if cares[i, j] else t
    return out


NDTR_ADDRESS = get_cython_function_address("scipy.special.cython_special", "__pyx_fuse_1ndtr")
"""scipy's own ndtr (the C function behind ``scipy.special.ndtr``, bit for bit). Passed
to the kernels as an argument: a pointer held in a global would stop numba caching them."""


@intrinsic
def _call_double(typingctx, address, x):  # pragma: no cover - compiled
    """Call the C function ``double f(double)`` at ``address``."""
    sig = types.float64(types.intp, types.float64)

    def codegen(context, builder, signature, args):
        fnty = ir.FunctionType(ir.DoubleType(), [ir.DoubleType()])
        return builder.call(builder.inttoptr(args[0], fnty.as_pointer()), [args[1]])

    return sig, codegen


@numba.njit(cache=True, inline="always")
def _argmax(row: np.ndarray) -> tuple[int, float]:  # pragma: no cover - compiled
    """numpy's argmax and max of a row: the first maximum, or the first NaN if any."""
    top, best = 0, row[0]
    for q in range(1, row.shape[0]):
        if best != best:  # NaN wins, as in np.max and np.argmax
            break
        v = row[q]
        if v != v or v > best:
            top, best = q, v
    return top, best


@numba.njit(cache=True)
def divide_or_plain(
    weighted: np.ndarray, total: np.ndarray, plain: np.ndarray
) -> np.ndarray:  # pragma: no cover - compiled
    """weighted / total (r, c, k) where total > 0, else the plain mean (r, k) of the issue:
    the last step of ``drafting_search._weighted_means`` in one pass."""
    r, c, k = weighted.shape
    out = np.empty((r, c, k))
    for i in range(r):
        for q in range(c):
            for j in range(k):
                t = total[i, q, j]
                out[i, q, j] = weighted[i, q, j] / t if t > 0 else plain[i, j]
    return out


@numba.njit(cache=True)
def fight_values(
    ideal: np.ndarray,
    weight: np.ndarray,
    status_quo: np.ndarray,
    aversion: np.ndarray,
    lookahead: np.ndarray,
    drift: np.ndarray,
    extra_drift: np.ndarray,
    gap: np.ndarray,
    use_gap: bool,
    front: int,
    direction: float,
    sides: np.ndarray,
    cost: np.ndarray,
    extra_cost: np.ndarray,
    resolve: np.ndarray,
) -> np.ndarray:  # pragma: no cover - compiled
    """F (1 or 2, r, s) of ``valuation.TrackValues.fight_on`` in one pass: each signatory's
    value of fighting on, the front projected along drift + extra_drift for ``lookahead``
    rounds (``front`` < 0: no projection), and where ``use_gap`` a second time along the
    trend each side believes (its ``gap`` (r, s) added); a signatory that does not fight
    keeps today's status quo."""
    r, s, k = ideal.shape
    variants = 2 if use_gap else 1
    out = np.empty((variants, r, s))
    text = np.empty(k)
    term = np.empty(k)
    held = np.empty(k)
    for i in range(r):
        for m in range(s):
            _held(ideal[i, m], status_quo[i], held)
            total = cost[i, m] + extra_cost[i, m] * (1.0 if sides[m] else 0.0)
            for v in range(variants):
                for j in range(k):
                    text[j] = status_quo[i, j]
                if sides[m] and front >= 0:
                    extra = extra_drift[i] + gap[i, m] if v == 1 else extra_drift[i]
                    moved = status_quo[i, front] + direction * (drift[i] + extra) * lookahead[i]
                    if moved < 0.0:  # np.clip(moved, 0.0, 100.0)
                        moved = 0.0
                    elif moved > 100.0:
                        moved = 100.0
                    text[front] = moved
                u = _averse_utility(ideal[i, m], weight[i, m], text, held, aversion[i], term)
                out[v, i, m] = u + resolve[i, m] - total * lookahead[i]
    return out


@numba.njit(cache=True)
def defer_issues(
    texts: np.ndarray, settles: np.ndarray, status_quo: np.ndarray
) -> np.ndarray:  # pragma: no cover - compiled
    """Texts (r, c, k) with the issues a package does not settle at the status quo (r, k):
    ``np.where(settles, texts, status_quo[:, None])`` in one pass."""
    r, c, k = texts.shape
    out = np.empty((r, c, k))
    for i in range(r):
        for q in range(c):
            for j in range(k):
                out[i, q, j] = texts[i, q, j] if settles[j] else status_quo[i, j]
    return out


@numba.njit(cache=True)
def order_by_run(run: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """``np.argsort(run, kind="stable")`` for run indices >= 0, as a counting sort: one
    pass to count each run's events, one to place them. numpy sorts int32 keys stably
    by merging, about four times slower on a chunk's million events."""
    n = 0
    for e in range(run.shape[0]):
        n = max(n, run[e] + 1)
    start = np.zeros(n + 1, dtype=np.int64)
    for e in range(run.shape[0]):
        start[run[e] + 1] += 1
    for i in range(n):
        start[i + 1] += start[i]
    order = np.empty(run.shape[0], dtype=np.int64)
    for e in range(run.shape[0]):
        order[start[run[e]]] = e
        start[run[e]] += 1
    return order
