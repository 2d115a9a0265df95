"""Drafting rules: how the mediator turns the signatories' positions into one text.

A rule is any static solver ``f(x, s, c) -> (..., issues)`` over positions x
(..., actors, issues), saliences s (same shape) and weights c (..., actors); the
simulator passes the signatories only, with c = capability x the mediator's
attention to each (which grows as a signatory keeps rejecting). Register more
solvers in ``DRAFTING_RULES`` by name, and families of rules whose candidate texts the
mediator weighs together in ``DRAFTING_FAMILIES``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from detente.scenario.errors import DetenteError
from detente.solvers.compromise import influence_weights, median_by_weight

DraftingRule = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def _weighted_mean(x: np.ndarray, s: np.ndarray, c: np.ndarray) -> np.ndarray:
    """solvers.compromise.weighted_mean without the input checks (hot loop; inputs are ours).

    An issue nobody weighs falls back to the plain mean of the positions.
    """
    w = influence_weights(s, c)
    total = w.sum(axis=-2)
    weighted = (w * x).sum(axis=-2)
    plain = x.mean(axis=-2)
    return np.where(total > 0, weighted / np.where(total > 0, total, 1.0), plain)


def _weighted_median(x: np.ndarray, s: np.ndarray, c: np.ndarray) -> np.ndarray:
    """solvers.compromise.weighted_median, tolerant of zero total weight (plain median)."""
    w = influence_weights(s, c)
    w = np.where(w.sum(axis=-2, keepdims=True) > 0, w, 1.0)
    return median_by_weight(x, w)


DRAFTING_RULES: dict[str, DraftingRule] = {
    "compromise": _weighted_mean,
    "weighted_mean": _weighted_mean,
    "weighted_median": _weighted_median,
}


DRAFTING_FAMILIES: dict[str, tuple[str, ...]] = {
    "compromise+median": ("compromise", "weighted_median"),
}
"""Rules whose candidates the mediator weighs together. Why this one: the compromise
splits every issue, the weighted median of two signatories gives each issue to one side
(the trades across issues that salience makes worthwhile), so together they span more of
the contract region than either; ``benchmarks/structural_choices.py`` measures whether
the default (the compromise alone) loses agreements the wider family would find."""


def drafting_rule(name: str) -> tuple[DraftingRule, ...]:
    """The rule, or the family of rules, a name stands for."""
    if name in DRAFTING_FAMILIES:
        return tuple(DRAFTING_RULES[part] for part in DRAFTING_FAMILIES[name])
    try:
        return (DRAFTING_RULES[name],)
    except KeyError:
        raise DetenteError(
            f"unknown drafting rule {name!r}",
            hint=f"choose one of {', '.join(sorted([*DRAFTING_RULES, *DRAFTING_FAMILIES]))}",
        ) from None
