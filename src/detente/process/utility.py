"""The one utility form every deciding actor uses (signatories and implementers).

Why one function: a signatory weighing a text against fighting on and an implementer
weighing it against today's status quo must read the same text the same way, or
their decisions would not be comparable.
"""

from __future__ import annotations

import sys

import numpy as np


def utility(
    ideal: np.ndarray,
    weight: np.ndarray,
    text: np.ndarray,
    reference: np.ndarray | None = None,
    aversion: np.ndarray | None = None,
) -> np.ndarray:
    """u (..., a) of text (..., k) for actors with ideals and normalised weights (..., a, k).

    u = -sum_j w_j |text_j - ideal_j|, in scale points. With a ``reference`` (the
    status quo, (..., k)) and ``aversion`` (...,), every point a text concedes beyond the
    reference costs (1 + aversion) points (loss aversion). Leading axes broadcast, so a
    batch of candidate texts (r, c, k) is valued with ideals (r, 1, a, k) in one call.
    """
    if reference is not None and aversion is not None:
        distance = concession_distance(
            ideal, text[..., None, :], reference[..., None, :], aversion[..., None, None]
        )
    else:
        distance = concession_distance(ideal, text[..., None, :])
    return -(weight * distance).sum(axis=-1)


def concession_distance(
    ideal: np.ndarray,
    text: np.ndarray,
    reference: np.ndarray | None = None,
    aversion: np.ndarray | float | None = None,
) -> np.ndarray:
    """Per-issue distance |text - ideal| in scale points, each point conceded beyond the
    ``reference`` counting (1 + aversion); arrays already broadcast against each other."""
    distance = np.abs(text - ideal)
    if reference is not None and aversion is not None:
        distance = distance + aversion * np.maximum(distance - np.abs(reference - ideal), 0.0)
    return distance


def salience_weights(salience: np.ndarray) -> np.ndarray:
    """Saliences normalised over the issues (last axis); all zero where none is positive."""
    total = salience.sum(axis=-1, keepdims=True)
    return np.where(total > 0, salience / np.where(total > 0, total, 1.0), 0.0)


COMPILED_FROM_ROWS = 2_000
"""Arrays of at least this many (run, candidate) rows are valued by the numba kernels
(``kernels``); smaller ones by numpy, which spares small batches numba's import
(about 0.3 s). Both give the same bits."""
COMPILED_MAX_ISSUES = 128  # the kernels repeat numpy's sum order up to here (one block)
USE_KERNELS: bool | None = None  # False: numpy only (tests compare the two paths)


def compiled_pays(texts: np.ndarray) -> bool:
    """Whether candidate texts (r, c, k) go to the numba kernels: big batches, and any
    batch once numba is loaded (then each small call also saves numpy's overhead)."""
    r, c, k = texts.shape
    return kernels_pay(r * c, k)


def kernels_pay(rows: int, issues: int) -> bool:
    """``compiled_pays`` for ``rows`` texts of ``issues`` issues each."""
    if issues > COMPILED_MAX_ISSUES or USE_KERNELS is False:
        return False
    return rows >= COMPILED_FROM_ROWS or "detente.process.kernels" in sys.modules


def text_utilities(
    ideal: np.ndarray,
    weight: np.ndarray,
    texts: np.ndarray,
    reference: np.ndarray | None = None,
    aversion: np.ndarray | None = None,
) -> np.ndarray:
    """u (r, c, a) of candidate texts (r, c, k) for ideals and weights (r, a, k).

    The same numbers as ``utility(ideal[:, None], weight[:, None], texts,
    reference[:, None], aversion[:, None])``, computed without temporaries of size
    r x c x a x k when the batch is big enough to pay for the compiled kernel.
    """
    averse = reference is not None and aversion is not None
    if not compiled_pays(texts):
        if averse:
            return utility(
                ideal[:, None], weight[:, None], texts, reference[:, None], aversion[:, None]
            )
        return utility(ideal[:, None], weight[:, None], texts)
    from detente.process.kernels import text_utilities as compiled

    r = texts.shape[0]
    return compiled(
        np.ascontiguousarray(ideal, dtype=float),
        np.ascontiguousarray(weight, dtype=float),
        np.ascontiguousarray(texts, dtype=float),
        np.ascontiguousarray(reference, dtype=float) if averse else np.zeros((r, 1)),
        np.ascontiguousarray(aversion, dtype=float) if averse else np.zeros(r),
        averse,
    )


PRELOAD_FROM_RUNS = 1_000


def preload_kernels(largest_batch: int) -> None:
    """Import the numba kernels now, before a pool forks, when batches of
    ``largest_batch`` runs will use them: every worker then inherits numba instead of
    importing it again (about 0.3-0.8 s each). The numbers do not depend on it."""
    if largest_batch >= PRELOAD_FROM_RUNS and USE_KERNELS is not False:
        import detente.process.kernels  # noqa: F401
