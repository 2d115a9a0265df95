"""The compromise family: where a settlement lands as a weighted average of positions.

All functions take positions ``x`` (..., actors, issues), saliences ``s`` of the
same shape and capabilities ``c`` (..., actors), and return (..., issues). Any
leading axes are a batch (Monte Carlo draws).
"""

from __future__ import annotations

import numpy as np

from detente.solvers.validation import check_inputs, check_total_weight


def influence_weights(s: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Capability times salience, the weight each actor brings to each issue."""
    return c[..., :, None] * s


def weighted_mean(x: np.ndarray, s: np.ndarray, c: np.ndarray) -> np.ndarray:
    """The compromise model: the capability x salience weighted mean per issue."""
    check_inputs(x, s, c, weights=False)
    w = influence_weights(s, c)
    total = w.sum(axis=-2)
    check_total_weight(total)
    return np.einsum("...ij,...ij->...j", w, x) / total


def weighted_median(x: np.ndarray, s: np.ndarray, c: np.ndarray) -> np.ndarray:
    """The position at which half the capability x salience weight lies on either side.

    Ties at exactly half go to the lower position (the first position whose
    cumulative weight reaches half the total), as in the median voter reading.
    """
    check_inputs(x, s, c)
    return median_by_weight(x, influence_weights(s, c))


def median_by_weight(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted median of positions ``x`` under weights ``w`` (both (..., actors, issues)).

    No input checks: ``weighted_median`` checks first, and the simulator's drafting rule
    calls this in its hot loop on inputs it built itself.
    """
    order = np.argsort(x, axis=-2, kind="stable")
    xs = np.take_along_axis(x, order, axis=-2)
    ws = np.take_along_axis(w, order, axis=-2)
    cumulative = np.cumsum(ws, axis=-2)
    half = cumulative[..., -1:, :] / 2.0
    first = np.argmax(cumulative >= half - 1e-12 * np.abs(half), axis=-2)
    return np.take_along_axis(xs, first[..., None, :], axis=-2)[..., 0, :]


def plain_mean(x: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Unweighted mean of the positions of actors that care about the issue at all."""
    present = s > 0
    return np.where(present, x, 0.0).sum(axis=-2) / present.sum(axis=-2)
