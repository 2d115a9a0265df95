"""Agreements in force can break down: the commitment problem, as a per-round hazard.

hazard = breakdown_hazard * (1 - commitment_effect * C)
         * exp(breakdown_temptation * d + breakdown_shortfall * s)
where C in 0..1 scores the agreement's commitment terms (the war's declared commitment
issues: guarantees, a force on the ground, caps; 1 at their committed end; a deferred
issue counts at its status quo), d >= 0 is the front drift the gainer would expect by
fighting on, and s >= 0 is how many utility points below fighting on the least willing
signatory valued the deal when it signed, without that round's shock (0 for a deal every
signatory wanted). Why: Fearon's and Powell's commitment problem: a deal without
enforcement is fragile, and the more one side expects to gain by fighting, the likelier
it resumes; a deal that only a good day carried is not self-enforcing (Fearon 1995), the
time-inconsistency Beardsley (2008) finds in mediated agreements. The sides value texts
with s = 0: they do not know which day will carry one.
"""

from __future__ import annotations

import numpy as np

from detente.process.compiled import CompiledScenario
from detente.process.state import Model


def commitment_terms(compiled: CompiledScenario, issues: np.ndarray) -> tuple[np.ndarray, ...]:
    """The war's commitment terms on ``issues`` (k,), in the war's order: the local issue
    index, the committed end and the weight of each (empty without a war or terms)."""
    war = compiled.war
    where = {int(issue): j for j, issue in enumerate(issues)}
    terms = (
        []
        if war is None
        else zip(
            war.commitment_issues.tolist(),
            war.commitment_toward,
            war.commitment_weight,
            strict=True,
        )
    )
    picked = [(where[i], toward, w) for i, toward, w in terms if i in where]
    return (
        np.array([p[0] for p in picked], dtype=np.int64),
        np.array([p[1] for p in picked], dtype=float),
        np.array([p[2] for p in picked], dtype=float),
    )


def commitment_score(
    compiled: CompiledScenario, texts: np.ndarray, issues: np.ndarray
) -> np.ndarray:
    """C (...) in 0..1 of texts (..., k) over ``issues`` (k,): 0 without commitment terms."""
    war = compiled.war
    if war is None or war.commitment_issues.size == 0:
        return np.zeros(texts.shape[:-1])
    score = np.zeros(texts.shape[:-1])
    for j, toward, weight in zip(*commitment_terms(compiled, issues), strict=True):
        score = score + weight * (1.0 - np.abs(texts[..., j] - toward) / 100.0)
    return np.clip(score, 0.0, 1.0)


def hazard(
    model: Model,
    idx: np.ndarray,
    commitment: np.ndarray,
    drift: np.ndarray,
    shortfall: np.ndarray | None = None,
) -> np.ndarray:
    """Per-round breakdown probability of agreements with ``commitment`` (runs idx, ...);
    ``shortfall`` (runs idx) for agreements in force, None for texts being valued."""
    base = model.dynamic("breakdown_hazard")[idx]
    effect = model.dynamic("commitment_effect")[idx]
    temptation = model.dynamic("breakdown_temptation")[idx]
    extra = (
        (1.0 - effect[..., None] * commitment)
        if commitment.ndim > 1
        else (1.0 - effect * commitment)
    )
    exponent = temptation * np.maximum(drift, 0.0)
    if shortfall is not None:
        exponent = exponent + model.dynamic("breakdown_shortfall")[idx] * shortfall
    growth = np.exp(exponent)
    if commitment.ndim > 1:
        return np.clip(base[:, None] * extra * growth[:, None], 0.0, 1.0)
    return np.clip(base * extra * growth, 0.0, 1.0)
