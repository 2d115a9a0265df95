"""Signing conditions: what a signatory needs before it signs a package, that no term pays for.

A side's value of a text is additive over the issues, so a drafter can buy any demand
with other terms. A condition precedent (Baku signs no treaty while Armenia's
constitution keeps its claim) or a red line on the text is not for sale: where it is
unmet, the side's value of the text is ``UNMET``, far below anything fighting on is worth,
so it refuses whatever its shock, and the mediator, who knows the conditions (they are
public), expects the refusal and drafts another package if one can pass.
"""

from __future__ import annotations

import numpy as np

from detente.process.compiled import CompiledPackage

UNMET = -1.0e6  # utility points: below any value of fighting on a scenario can declare
SLACK = 1e-9  # a drafted text at the threshold meets it despite rounding


def with_conditions(
    package: CompiledPackage, texts: np.ndarray, status_quo: np.ndarray, value: np.ndarray
) -> np.ndarray:
    """``value`` (r, c, s) of candidate ``texts`` (r, c, k) with each signatory's value set
    to ``UNMET`` where one of its conditions on ``package`` fails: on what the text settles,
    or on the issue's ``status_quo`` (r, k) as it stands this round."""
    if not package.conditions:
        return value
    value = value.copy()
    for condition in package.conditions:
        if condition.on_text:
            at = texts[:, :, condition.issue]
        else:
            at = status_quo[:, condition.issue][:, None]
        if condition.at_least:
            met = at >= condition.threshold - SLACK
        else:
            met = at <= condition.threshold + SLACK
        k = condition.signatory
        value[..., k] = np.where(met, value[..., k], UNMET)
    return value
