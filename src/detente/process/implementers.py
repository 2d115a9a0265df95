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
from detente.process.utility import salience_weights, text_utilities, utility


def implementer_margins(
    arena: MediatedArena, model: Model, idx: np.ndarray, texts: np.ndarray, status_quo: np.ndarray
) -> np.ndarray:
    """Consent margin (r, c, e) of each implementer for candidate texts (r, c, k)."""
    x, s = model.view(arena.implementers, arena.issues)
    ideal = x[idx]
    weight = salience_weights(s[idx] * arena.implementer_issues[None, :, :])
    aversion = model.dynamic("concession_aversion", 0.0)[idx]
    tolerance = model.dynamic("implementer_tolerance")[idx]
    value = text_utilities(ideal, weight, texts, status_quo, aversion)
    keep = utility(ideal, weight, status_quo)
    return value - keep[:, None, :] + tolerance[:, None, None]
