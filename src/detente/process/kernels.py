"""Compiled kernels for the simulator's widest arrays: text utilities, pulls, option values.

Why: valuing every candidate text for every signatory builds (runs, candidates, actors,
issues) arrays; numpy makes five temporaries of that size per call, and the simulator
spent about a third of its time there. One pass in numba makes none.

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
    gap = np.empty(k)
    for i in range(r):
        for m in range(a):
            if loss_averse:
                for j in range(k):
                    gap[j] = np.abs(reference[i, j] - ideal[i, m, j])
            for q in range(c):
                for j in range(k):
                    d = np.abs(texts[i, q, j] - ideal[i, m, j])
                    if loss_averse:
                        loss = d - gap[j]
                        if loss < 0.0:  # np.maximum(loss, 0.0): NaN stays NaN
                            loss = 0.0
                        d = d + aversion[i] * loss
                    term[j] = weight[i, m, j] * d
                out[i, q, m] = -_pairwise(term, k)
    return out


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


@numba.njit(cache=True)
def option_values(
    value: np.ndarray,
    fight: np.ndarray,
    mean: np.ndarray,
    var: np.ndarray,
    tau: np.ndarray,
    consent: np.ndarray,
    use_consent: bool,
    needs: np.ndarray,
    gain: np.ndarray,
    cost: np.ndarray,
    usable: np.ndarray,
    ndtr: int,
) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """Public margins (r, c, s) and expected values (r, c) of one mediator option.

    margin = value - fight; P(all accept) = prod_s ndtr((margin - mean) / scale) with
    scale = sqrt(var + tau^2 + 1e-12), times P(consent) where implementers must consent;
    ev = P x gain - cost where the option is usable, else -inf (``tracks._Options``).
    """
    r, c, s = value.shape
    margin = np.empty((r, c, s))
    ev = np.empty((r, c))
    scale = np.empty(s)
    for i in range(r):
        if not usable[i]:  # a lever already pulled: margins only, no probabilities
            for q in range(c):
                ev[i, q] = -np.inf
                for m in range(s):
                    margin[i, q, m] = value[i, q, m] - fight[i, m]
            continue
        t2 = tau[i] * tau[i]
        for m in range(s):
            scale[m] = np.sqrt(var[i, m] + t2 + 1e-12)
        for q in range(c):
            p = 1.0
            for m in range(s):
                d = value[i, q, m] - fight[i, m]
                margin[i, q, m] = d
                p = p * _call_double(ndtr, (d - mean[i, m]) / scale[m])
            if use_consent and needs[i]:
                p = p * consent[i, q]
            ev[i, q] = p * gain[i, q] - cost[i]
    return margin, ev


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
