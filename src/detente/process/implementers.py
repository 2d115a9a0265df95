"""Implementers: actors outside the signatories whose consent a comprehensive text needs.

Why: a full settlement contains components that only a third party can deliver (EU
sanctions relief, frozen assets held in its jurisdiction, its troops on the ground,
its guarantees). Such an actor cannot shape the text, but it can refuse to implement
it, which fails the round like a rejection. It has no say over a ceasefire text (the
issues it would implement are deferred).

Over its head. A deal the mediator imposes after a lever that bypasses the influencers
is signed without the implementer's consent, but its parts still need the implementer,
and it can deliver some and withhold others: it delivers each of its issues on which the
text leaves it no worse off than the status quo (its per-issue margin, below, at least
0) and withholds the rest (WITHHELD, one event per issue), which stay at the status quo
in the deal in force. So Europe can guarantee Ukraine's security under a deal it did not
shape while refusing to lift its sanctions. Withheld guarantees count for nothing in the
breakdown hazard (the third-party commitment problem). Delivery is a policy taken after
signature, not a round's decision, so it has no shock, and the signatories and the
mediator, who know the margins, value an imposed text by what will be delivered
(``delivered_texts``). An issue two implementers share is delivered only if both deliver.

At delivery only. An implementer the scenario declares ``acts_at: delivery`` (a spoiler
not at the table) is never asked to consent: every comprehensive text is signed without
it, and it treats each as it treats an imposed one, delivering and withholding issue by
issue. Which runs and implementers act at delivery is the mask ``selective`` (r, e): the
imposed runs for every implementer, every run for those without a veto.

Consent. Implementer e (with a veto) consents when
    u_e(text) - u_e(status quo) + ``implementer_tolerance`` + shock >= 0,
with u_e the signatories' utility form over e's own issues only, loss-averse relative
to the status quo (it has no war to continue). The mediator knows this margin up to the
per-round shock and drafts with it in view. The utility is a sum over issues, so the
margin splits into per-issue margins (the tolerance shared by the issues' weights) that
add up to it: those decide delivery.
"""

from __future__ import annotations

import numpy as np

from detente.process.beliefs import accept_probability
from detente.process.compiled import MediatedArena
from detente.process.state import Model
from detente.process.utility import (
    compiled_pays,
    concession_distance,
    text_utilities,
    utility,
)


def margins_and_delivery(
    arena: MediatedArena,
    model: Model,
    idx: np.ndarray,
    texts: np.ndarray,
    status_quo: np.ndarray,
    imposed: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """What the implementers make of candidate texts (r, c, k): their consent margins
    (r, c, e) and the texts as delivered (r, c, k), which differ only where some
    implementer acts at delivery (``selective``: the ``imposed`` runs (r,), and every run
    for an implementer without a veto). P(consent) follows from the margins
    (``consent_probability``)."""
    acting = selective(arena, imposed)
    if compiled_pays(texts):
        return _margins_and_delivery_compiled(arena, model, idx, texts, status_quo, acting)
    imp = implementer_margins(arena, model, idx, texts, status_quo)
    delivered = texts
    rows = np.flatnonzero(acting.any(axis=1))
    if rows.size:
        delivered = texts.copy()
        delivered[rows] = delivered_texts(
            arena, model, idx[rows], texts[rows], status_quo[rows], acting[rows]
        )[0]
    return imp, delivered


def selective(arena: MediatedArena, imposed: np.ndarray) -> np.ndarray:
    """Which implementers deliver issue by issue (r, e) in runs where the text is
    ``imposed`` (r,) or not: all of them over their heads, else those without a veto."""
    return imposed[:, None] | ~arena.implementer_veto[None, :]


def consent_probability(imp: np.ndarray, tau: np.ndarray, veto: np.ndarray) -> np.ndarray:
    """P(every implementer with a ``veto`` (e,) consents) (r, c) at consent margins
    ``imp`` (r, c, e) under shocks of size ``tau`` (r,); ``kernels_options`` computes the
    same numbers from the vetoing implementers' margins."""
    return accept_probability(imp[..., veto], 0.0, 0.0, tau[:, None, None]).prod(-1)


def _margins_and_delivery_compiled(
    arena: MediatedArena,
    model: Model,
    idx: np.ndarray,
    texts: np.ndarray,
    status_quo: np.ndarray,
    acting: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """``margins_and_delivery`` in one numba pass (``kernels_columns.implementer_terms``),
    same bits."""
    from detente.process.kernels_columns import implementer_terms

    x = model.view(arena.implementers, arena.issues)[0]
    ideal = x[idx]
    weight = model.weights(arena.implementers, arena.issues, arena.implementer_issues)[idx]
    keep = utility(ideal, weight, status_quo)
    return implementer_terms(
        np.ascontiguousarray(texts, dtype=float),
        np.ascontiguousarray(ideal, dtype=float),
        np.ascontiguousarray(weight, dtype=float),
        np.ascontiguousarray(status_quo, dtype=float),
        np.ascontiguousarray(model.dynamic("concession_aversion", 0.0)[idx], dtype=float),
        np.ascontiguousarray(keep, dtype=float),
        np.ascontiguousarray(model.dynamic("implementer_tolerance")[idx], dtype=float),
        np.ascontiguousarray(acting, dtype=bool),
        np.ascontiguousarray(arena.implementer_issues, dtype=bool),
    )


def implementer_margins(
    arena: MediatedArena, model: Model, idx: np.ndarray, texts: np.ndarray, status_quo: np.ndarray
) -> np.ndarray:
    """Consent margin (r, c, e) of each implementer for candidate texts (r, c, k)."""
    x = model.view(arena.implementers, arena.issues)[0]
    ideal = x[idx]
    weight = model.weights(arena.implementers, arena.issues, arena.implementer_issues)[idx]
    aversion = model.dynamic("concession_aversion", 0.0)[idx]
    tolerance = model.dynamic("implementer_tolerance")[idx]
    value = text_utilities(ideal, weight, texts, status_quo, aversion)
    keep = utility(ideal, weight, status_quo)
    return value - keep[:, None, :] + tolerance[:, None, None]


def issue_margins(
    arena: MediatedArena,
    model: Model,
    idx: np.ndarray,
    texts: np.ndarray,
    status_quo: np.ndarray,
    cols: np.ndarray | None = None,
) -> np.ndarray:
    """Per-issue margins (r, c, e, k) of each implementer; 0 on issues it does not implement.

    Summed over the issues they are ``implementer_margins``. With ``cols`` (indices into
    the arena's issues), ``texts`` and ``status_quo`` hold those issues only, and so does
    the result."""
    x = model.view(arena.implementers, arena.issues)[0]
    ideal = x[idx][:, None]  # (r, 1, e, k)
    weight = model.weights(arena.implementers, arena.issues, arena.implementer_issues)[idx][:, None]
    if cols is not None:
        ideal, weight = ideal[..., cols], weight[..., cols]
    aversion = model.dynamic("concession_aversion", 0.0)[idx][:, None, None, None]
    tolerance = model.dynamic("implementer_tolerance")[idx][:, None, None, None]
    reference = status_quo[:, None, None, :]
    distance = concession_distance(ideal, texts[:, :, None, :], reference, aversion)
    return weight * (np.abs(reference - ideal) - distance + tolerance)


def delivered_texts(
    arena: MediatedArena,
    model: Model,
    idx: np.ndarray,
    texts: np.ndarray,
    status_quo: np.ndarray,
    acting: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Texts (r, c, k) as delivered, and which implementer withholds which issue
    (r, c, e, k): an issue an implementer ``acting`` at delivery (r, e) withholds stays
    at the ``status_quo`` (r, k)."""
    cols = np.flatnonzero(arena.implementer_issues.any(axis=0))  # only implemented issues
    margins = issue_margins(arena, model, idx, texts[..., cols], status_quo[:, cols], cols)
    withheld = np.zeros((*texts.shape[:2], *arena.implementer_issues.shape), dtype=bool)
    withheld[..., cols] = (
        (margins < 0) & arena.implementer_issues[:, cols] & acting[:, None, :, None]
    )
    delivered = texts.copy()
    delivered[..., cols] = np.where(
        withheld[..., cols].any(axis=-2), status_quo[:, None, cols], texts[..., cols]
    )
    return delivered, withheld
