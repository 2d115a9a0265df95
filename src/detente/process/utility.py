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
    """u (r, a) of text (r, k) for actors with ideals and normalised weights (r, a, k).

    u = -sum_j w_j |text_j - ideal_j|, in scale points. With a ``reference`` (the
    status quo, (r, k)) and ``aversion`` (r,), every point a text concedes beyond the
    reference costs (1 + aversion) points (loss aversion).
    """
    distance = np.abs(text[:, None, :] - ideal)
    if reference is not None and aversion is not None:
        loss = np.maximum(distance - np.abs(reference[:, None, :] - ideal), 0.0)
        distance = distance + aversion[:, None, None] * loss
    return -(weight * distance).sum(axis=-1)
