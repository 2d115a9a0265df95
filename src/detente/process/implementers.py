"""Implementers: actors outside the signatories whose consent a comprehensive text needs.

Why: a full settlement contains components that only a third party can deliver (EU
sanctions relief, frozen assets held in its jurisdiction, its troops on the ground,
its guarantees). Such an actor cannot shape the text, but it can refuse to implement
it, which ends the round like a rejection. It has no say over a ceasefire-only text
(the political issues it would implement are deferred) nor over a deal the mediator
imposes after bypassing the influencers (the deal goes over its head).

Consent. Implementer e consents when
    u_e(text) + N(0, decision_noise) + ``implementer_tolerance`` >= u_e(status quo),
with u_e the signatories' utility form (``utility``) over e's own issues only,
salience-weighted and loss-averse (``concession_aversion``) relative to the status
quo. It has no war to continue, so the status quo is its only alternative.
Adaptation. Each refusal multiplies e's attention a_e by (1 + ``mediator_adaptation``),
as for a rejecting signatory; the next comprehensive draft then moves toward e's ideal
on e's issues by 1 - 1/a_e, the share e would get as an extra voice of weight a_e - 1
against the draft (0 until e first refuses).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from detente.process.compiled import MediatedArena
from detente.process.eventlog import EventKind
from detente.process.logbuilder import LogBuilder
from detente.process.utility import utility

if TYPE_CHECKING:
    from detente.process.simulator import Model


def _ideals_and_weights(
    arena: MediatedArena, model: Model, idx: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Ideals (r, e, k) and saliences (r, e, k) of the implementers, zero off their issues."""
    x, s = model.view(arena.implementers, arena.issues)
    return x[idx], s[idx] * arena.implementer_issues[None, :, :]


def pull_toward_implementers(
    arena: MediatedArena,
    model: Model,
    idx: np.ndarray,
    text: np.ndarray,
    attention: np.ndarray,
    applies: np.ndarray,
) -> np.ndarray:
    """The draft (r, k) moved toward implementers that refused before, where ``applies``."""
    ideal, salience = _ideals_and_weights(arena, model, idx)
    for e in range(arena.implementers.size):
        share = np.where(applies, 1.0 - 1.0 / attention[:, e], 0.0)
        moves = salience[:, e] > 0
        text = np.where(moves, text + share[:, None] * (ideal[:, e] - text), text)
    return text


def implementers_consent(
    arena: MediatedArena,
    model: Model,
    idx: np.ndarray,
    text: np.ndarray,
    status_quo: np.ndarray,
    noise: np.ndarray,
) -> np.ndarray:
    """Consent mask (r, e) of the implementers to a comprehensive ``text`` (r, k).

    An implementer with no salience on its issues (in a run) has nothing at stake and
    consents.
    """
    ideal, salience = _ideals_and_weights(arena, model, idx)
    total = salience.sum(axis=-1, keepdims=True)
    weight = np.where(total > 0, salience / np.where(total > 0, total, 1.0), 0.0)
    aversion = model.dynamic("concession_aversion", 0.0)[idx]
    value = utility(ideal, weight, text, status_quo, aversion)
    keep = utility(ideal, weight, status_quo)
    sd = model.dynamic("decision_noise")[idx]
    tolerance = model.dynamic("implementer_tolerance", 0.0)[idx]
    consents = value + noise * sd[:, None] + tolerance[:, None] >= keep
    return consents | (total[..., 0] <= 0)


def implementers_decide(
    arena: MediatedArena,
    model: Model,
    idx: np.ndarray,
    needs: np.ndarray,
    text: np.ndarray,
    status_quo: np.ndarray,
    noise: np.ndarray,
    log: LogBuilder,
    day: int,
) -> np.ndarray:
    """Consent (r, e) in the convened runs ``idx``; texts where ``needs`` is False (ceasefire-
    only or imposed) count as consented. ``noise`` is (n, >= e) for the whole batch, drawn
    whatever the state of each run. Refusals are logged as REJECTED, actor = implementer."""
    n_imp = arena.implementers.size
    consent = np.ones((idx.size, n_imp), dtype=bool)
    if n_imp == 0 or not needs.any():
        return consent
    sub = idx[needs]
    consent[needs] = implementers_consent(
        arena, model, sub, text[needs], status_quo[needs], noise[sub, :n_imp]
    )
    for k, actor in enumerate(arena.implementers):
        log.emit(EventKind.REJECTED, idx[~consent[:, k]], day, arena=arena.index, actor=int(actor))
    return consent
