"""Checks every solver runs on its inputs, so bad numbers fail with a clear message."""

from __future__ import annotations

import numpy as np

from detente.scenario.errors import DetenteError


class SolverInputError(DetenteError, ValueError):
    """Inputs a model cannot work with; the message names what and ``hint`` how to fix it."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message, hint=hint)


def check_inputs(x: np.ndarray, s: np.ndarray, c: np.ndarray, *, weights: bool = True) -> None:
    """Shapes, finiteness, signs; with ``weights`` also that every issue has some weight."""
    if x.shape != s.shape:
        raise SolverInputError(
            f"positions {x.shape} and saliences {s.shape} differ in shape",
            hint="give one salience per actor and issue",
        )
    if c.shape != x.shape[:-1]:
        raise SolverInputError(
            f"capabilities {c.shape} must have shape {x.shape[:-1]}",
            hint="give one capability per actor",
        )
    if x.shape[-2] < 1:
        raise SolverInputError("no actors", hint="give at least one actor")
    for name, arr in (("position", x), ("salience", s), ("capability", c)):
        if np.isfinite(arr).all():
            continue
        bad = np.argwhere(~np.isfinite(arr))
        if bad.size:
            raise SolverInputError(
                f"a {name} is NaN or infinite (at index {tuple(int(v) for v in bad[0])})",
                hint="give finite numbers",
            )
    if c.min(initial=0.0) < 0 or s.min(initial=0.0) < 0:
        raise SolverInputError(
            "capabilities and saliences must be >= 0", hint="replace negative values by 0 or more"
        )
    if np.all(c == 0):
        raise SolverInputError(
            "all capabilities are 0", hint="give at least one actor a positive capability"
        )
    if weights:
        check_total_weight(np.einsum("...i,...ij->...j", c, s))


def check_total_weight(total: np.ndarray) -> None:
    """Every issue needs some capability x salience weight."""
    if total.min(initial=np.inf) <= 0:
        raise SolverInputError(
            "an issue has zero total weight (all capabilities or saliences are 0)",
            hint="give some actor a positive capability and salience on every issue",
        )
