"""Implementers: actors outside the signatories whose consent a comprehensive text needs.

Why: a full settlement contains components that only a third party can deliver (EU
sanctions relief, frozen assets held in its jurisdiction, its troops on the ground,
its guarantees). Such an actor cannot shape the text, but it can refuse to implement
it, which fails the round like a rejection. It has no say over a ceasefire text (the
issues it would implement are deferred).

Over its head. A deal the mediator imposes after a lever that bypasses the influencers
is signed without the implementer's consent, but its parts still need the implementer:
where the implementer would have refused, it withholds them (WITHHELD) and those issues
stay at the status quo in the deal in force (its guarantees then count for nothing in
the breakdown hazard: the third-party commitment problem). The signatories and the
mediator know this when they weigh an imposed text: they value it by its expected
delivered terms (``expected_over_delivery``). An issue two implementers share is
delivered only if both deliver. Bypassing thus takes away the implementer's veto over
signature, not its control of what only it can deliver.

Consent. Implementer e consents when
    u_e(text) - u_e(status quo) + ``implementer_tolerance`` + shock >= 0,
with u_e the signatories' utility form over e's own issues only, loss-averse relative
to the status quo (it has no war to continue). The mediator knows this margin up to the
per-round shock and drafts with it in view.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

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


def withheld_issues(arena: MediatedArena, refusing: np.ndarray) -> np.ndarray:
    """Issues (..., k) left undelivered when the implementers ``refusing`` (..., e) refuse."""
    return (refusing[..., :, None] & arena.implementer_issues).any(axis=-2)


def expected_over_delivery(
    arena: MediatedArena,
    deliver: np.ndarray,
    texts: np.ndarray,
    status_quo: np.ndarray,
    worth: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
    as_drafted: tuple[np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """Expected ``worth`` (value (r, c, s), gain (r, c)) of imposed texts (r, c, k).

    ``deliver`` (r, c, e): each implementer's chance of delivering its part (independent
    shocks); every combination of refusals is weighed by its chance, its undelivered
    issues at the ``status_quo`` (r, k). ``as_drafted`` is ``worth(texts)``, already known."""
    value = gain = 0.0
    for combo in itertools.product((False, True), repeat=arena.implementers.size):
        refusing = np.array(combo, dtype=bool)
        chance = np.prod(np.where(refusing, 1.0 - deliver, deliver), axis=-1)
        lost = withheld_issues(arena, refusing)
        v, g = worth(np.where(lost, status_quo[:, None, :], texts)) if lost.any() else as_drafted
        value = value + chance[..., None] * v
        gain = gain + chance * g
    return value, gain
