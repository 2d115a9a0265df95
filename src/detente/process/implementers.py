"""Implementers: actors outside the signatories whose consent a comprehensive text needs.

Why: a full settlement contains components that only a third party can deliver (EU
sanctions relief, frozen assets held in its jurisdiction, its troops on the ground,
its guarantees). Such an actor cannot shape the text, but it can refuse to implement
it, which fails the round like a rejection. It has no say over a ceasefire text (the
issues it would implement are deferred) nor over a deal the mediator imposes after a
lever that bypasses the influencers (the deal goes over its head).

Consent. Implementer e consents when
    u_e(text) - u_e(status quo) + ``implementer_tolerance`` + shock >= 0,
with u_e the signatories' utility form over e's own issues only, loss-averse relative
to the status quo (it has no war to continue). The mediator knows this margin up to the
per-round shock and drafts with it in view.
"""

from __future__ import annotations

import numpy as np

from detente.process.compiled import MediatedArena
from detente.process.state import Model


def implementer_margins(
    arena: MediatedArena, model: Model, idx: np.ndarray, texts: np.ndarray, status_quo: np.ndarray
) -> np.ndarray:
    """Consent margin (r, c, e) of each implementer for candidate texts (r, c, k)."""
    x, s = model.view(arena.implementers, arena.issues)
    ideal = x[idx]
    salience = s[idx] * arena.implementer_issues[None, :, :]
    total = salience.sum(axis=-1, keepdims=True)
    weight = np.where(total > 0, salience / np.where(total > 0, total, 1.0), 0.0)
    aversion = model.dynamic("concession_aversion", 0.0)[idx]
    tolerance = model.dynamic("implementer_tolerance")[idx]
    held = np.abs(status_quo[:, None, :] - ideal)  # (r, e, k)
    distance = np.abs(texts[:, :, None, :] - ideal[:, None])  # (r, c, e, k)
    distance += aversion[:, None, None, None] * np.maximum(distance - held[:, None], 0.0)
    value = -(distance * weight[:, None]).sum(axis=-1)
    keep = -(held * weight).sum(axis=-1)
    return value - keep[:, None, :] + tolerance[:, None, None]
