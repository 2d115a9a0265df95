"""The one utility form every deciding actor uses (signatories and implementers).

Why one function: a signatory weighing a text against fighting on and an implementer
weighing it against today's status quo must read the same text the same way, or
their decisions would not be comparable.
"""

from __future__ import annotations

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
    distance = np.abs(text[..., None, :] - ideal)
    if reference is not None and aversion is not None:
        loss = np.maximum(distance - np.abs(reference[..., None, :] - ideal), 0.0)
        distance = distance + aversion[..., None, None] * loss
    return -(weight * distance).sum(axis=-1)


def salience_weights(salience: np.ndarray) -> np.ndarray:
    """Saliences normalised over the issues (last axis); all zero where none is positive."""
    total = salience.sum(axis=-1, keepdims=True)
    return np.where(total > 0, salience / np.where(total > 0, total, 1.0), 0.0)
