"""Checks every solver runs on its inputs, so bad numbers fail with a clear message."""

from __future__ import annotations

import numpy as np


class SolverInputError(ValueError):
    """Inputs a model cannot work with; the message names what and how to fix it."""


def check_inputs(x: np.ndarray, s: np.ndarray, c: np.ndarray) -> None:
    if x.shape != s.shape:
        raise SolverInputError(f"positions {x.shape} and saliences {s.shape} differ in shape")
    if c.shape != x.shape[:-1]:
        raise SolverInputError(f"capabilities {c.shape} must have shape {x.shape[:-1]}")
    if x.shape[-2] < 1:
        raise SolverInputError("no actors: give at least one actor")
    for name, arr in (("position", x), ("salience", s), ("capability", c)):
        if not np.all(np.isfinite(arr)):
            raise SolverInputError(f"a {name} is NaN or infinite; give finite numbers")
    if np.any(c < 0) or np.any(s < 0):
        raise SolverInputError("capabilities and saliences must be >= 0")
    if np.any((c[..., :, None] * s).sum(axis=-2) <= 0):
        raise SolverInputError(
            "an issue has zero total weight (all capabilities or saliences are 0); "
            "give some actor a positive capability and salience on every issue"
        )
