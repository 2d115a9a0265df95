"""Talks under a ceasefire: a phased peace, the ceasefire first and the settlement later.

A ceasefire package that says ``talks_continue`` keeps its track at the table while it
holds. At ``mediator_text_share`` of the rounds the mediator convenes
(``mediator_attention``; the others count as failed rounds), it tables, among the
candidate texts of the track's comprehensive packages that can be tabled by then, the one
most likely to be taken by all under its beliefs; each signatory takes it when the text is
worth more to it than the ceasefire in force, plus its private leaning (both valued alike:
the deferred issues where they stand, each text's chance of breaking down within the
look-ahead included), and each implementer consents when its margin, plus its leaning, is
at least 0 (one that acts only at delivery is not asked: it withholds what leaves it
worse off, as under any full text). All take it: the full text replaces the ceasefire
(class COMPREHENSIVE, its commitment terms now set the breakdown hazard).

Each side's leaning is drawn once a run, at its first answer here, with the size of the
per-round shock (``decision_noise``), and kept: the mediator starts from N(0, tau^2) and
reads every answer (the probit update of ``beliefs.update``), so a side that turned a text
down turns it down again, and the mediator's next text is the one its beliefs now favour.

The mediator gives these talks up, and the ceasefire stands as a frozen conflict, once the
best text's chance of being taken times what the settlement adds for it to the ceasefire it
already has falls to or below what another round costs it, the same cost that wears its
patience in war (``mediator_round_cost`` x texts turned down under this ceasefire /
``mediator_patience_rounds``). What it adds: its own gain on the issues, and the war's end
(``mediator_deal_value``) times how much less likely the settlement is to break down within
the look-ahead; the war's end itself it has already. Talks without a mediator go on while
the ceasefire holds.

Why: ceasefires are often followed by talks on what they deferred (the single negotiating
text goes on, Raiffa), and a ceasefire that cannot become a peace except by breaking down
first decides by construction how often an armistice turns into a settlement. Why a
leaning that lasts, not a fresh shock each round: under a ceasefire the front is frozen and
nothing the sides weigh moves from one round to the next, so a fresh draw per decision
would let a mediator table until a good day carried a text no better than the ceasefire
(measured on a test war with free rounds and no breakdowns: 9.3% of runs settled by day
182 and 13.1% by day 1092, still rising; with the leaning kept, 4.1% and 4.3%). What
each side would give up for the settlement is private (Fearon), and its answers reveal
it. The sides' resolve in war does not enter: the alternative to the text is the ceasefire,
not fighting. Why the mediator may give up: talks under an armistice often lapse (Korea
after 1953, Cyprus), and a mediator pays for every round it convenes.
"""

from __future__ import annotations

import numpy as np

from detente.process.beliefs import accept_probability, update
from detente.process.breakdown import commitment_score, hazard
from detente.process.compiled import CEASEFIRE, MediatedArena
from detente.process.drafting import DraftingRule
from detente.process.eventlog import TEXT_COMPREHENSIVE, EventKind, OutcomeClass
from detente.process.implementation import take_effect
from detente.process.implementers import selective
from detente.process.logbuilder import LogBuilder
from detente.process.state import AGREED, Model, WarState
from detente.process.tracks import (
    ACTIVE,
    TrackState,
    _drafts,
    _mediator_view,
    _Worth,
    convenes_and_tables,
    delivered_agreement,
    next_round_cost,
)
from detente.process.valuation import TrackValues


def follow_on_round(
    arena: MediatedArena,
    state: TrackState,
    war: WarState,
    model: Model,
    rule: tuple[DraftingRule, ...],
    rng: np.random.Generator,
    log: LogBuilder,
    day: int,
    talks_on: np.ndarray,
) -> None:
    """One round of talks on the full settlement where this track's ceasefire holds and
    ``talks_on`` (the runs whose ceasefire was in force before this round)."""
    n = war.status.size
    n_sig, n_imp = arena.signatories.size, arena.implementers.size
    # fixed-size draws every round, so one run's stream does not depend on the others'
    u_convene = rng.random(n)
    shocks = rng.standard_normal((n, n_sig))
    imp_shocks = rng.standard_normal((n, max(n_imp, 1)))
    if not model.shocks_felt:
        shocks, imp_shocks = np.zeros_like(shocks), np.zeros_like(imp_shocks)
    under = (
        talks_on
        & war.talks_on
        & (war.status == AGREED)
        & (war.track == arena.index)
        & (state.status == ACTIVE)
    )
    mediator = int(arena.mediator)
    meets, tables = convenes_and_tables(model, arena, u_convene)
    under &= meets
    packages = [p for p in arena.packages if p.kind != CEASEFIRE and p.ready_day <= day]
    idx = np.flatnonzero(under)
    if idx.size == 0 or not packages:
        return
    log.emit(EventKind.ROUND_HELD, idx, day, arena=arena.index)
    values = TrackValues(arena, model, war, idx)
    worth = _Worth(
        arena,
        model,
        idx,
        values,
        _mediator_view(arena, model, idx, values.status_quo),
        war.expected_drift(model)[idx],
    )
    unbypassed = np.zeros(idx.size, dtype=bool)  # no lever: nobody is fighting
    drafts = _drafts(arena, model, rule, idx, values, unbypassed, {False}, worth, packages)
    in_force = war.text[np.ix_(idx, arena.issues)]
    in_force = np.where(np.isnan(in_force), values.status_quo, in_force)
    kept, kept_gain = worth(in_force[:, None, :])
    keep = kept[:, 0, :]  # (r, s) the ceasefire's worth to each signatory
    tau = model.dynamic("decision_noise")[idx]
    veto = arena.implementer_veto  # only these answer; the others act at delivery
    vetoing = arena.implementers[veto]
    sides = np.concatenate([arena.signatories, vetoing]).astype(np.int64)
    draws = np.concatenate([shocks[idx], imp_shocks[idx, :n_imp][:, veto]], axis=1)
    offset, mean, var = _leanings(war, idx, sides, draws, tau)
    best_p, text, margin, imp_margin, gain = _most_acceptable(
        drafts.values(), keep, mean, var, n_sig, veto
    )
    if mediator >= 0:
        added = _added_for_mediator(model, arena, war, mediator, idx, values, in_force, text)
        added += gain - kept_gain[:, 0]
        # giving up where what tabling the best text is worth to it (its chance times what
        # the settlement adds) is no more than what another round costs it
        gives_up = best_p * added <= next_round_cost(model, mediator, idx, war.talks_failed[idx])
        war.talks_on[idx[gives_up]] = False
        war.talks_failed[idx[~gives_up & ~tables[idx]]] += 1.0  # only talked over
        on = ~gives_up & tables[idx]
        idx, text, margin, imp_margin = idx[on], text[on], margin[on], imp_margin[on]
        offset, mean, var = offset[on], mean[on], var[on]
        if idx.size == 0:
            return
    log.emit(EventKind.TEXT_DRAFTED, idx, day, arena=arena.index, value=TEXT_COMPREHENSIVE)
    margins = np.concatenate([margin, imp_margin], axis=1)  # (r, signatories + implementers)
    taken = margins - offset >= 0
    accept, consent = taken[:, :n_sig], taken[:, n_sig:]
    expected = accept_probability(margin, mean[:, :n_sig], var[:, :n_sig], 0.0)
    log.emit_answers(idx, day, arena.index, arena.signatories, accept, expected)
    for k, actor in enumerate(vetoing):
        log.emit(EventKind.REJECTED, idx[~consent[:, k]], day, arena=arena.index, actor=int(actor))
    # every answer is public: the mediator reads what each side's leaning must be
    cells = np.ix_(idx, sides)
    war.settle_mean[cells], war.settle_var[cells] = update(mean, var, margins, taken, 0.0)
    everyone = taken.all(axis=1)
    lucky = everyone & (margins < 0).any(axis=1)
    shortfall = np.maximum(0.0, -margin.min(axis=1))
    log.emit(EventKind.SHOCK_CARRIED, idx[lucky], day, arena=arena.index, value=shortfall[lucky])
    war.talks_failed[idx[~everyone]] += 1.0
    win = idx[everyone]
    if win.size == 0:
        return
    acting = selective(arena, np.zeros(win.size, dtype=bool))  # no lever here: none imposed
    agreed = delivered_agreement(arena, model, win, text[everyone], acting, log, day)
    war.klass[win] = float(OutcomeClass.COMPREHENSIVE)
    war.inherited[win] = False
    war.commitment[win] = commitment_score(model.compiled, agreed, arena.issues)
    war.shortfall[win] = shortfall[everyone]
    war.talks_on[win] = False
    war.text[np.ix_(win, arena.issues)] = agreed
    take_effect(model, win, arena.issues, agreed)
    log.emit_agreement(
        win, day, arena.index, mediator, float(OutcomeClass.COMPREHENSIVE), arena.issues, agreed
    )


def _leanings(
    war: WarState, idx: np.ndarray, sides: np.ndarray, draws: np.ndarray, tau: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each side's private leaning against the full settlement under a ceasefire (r, sides;
    it takes a text where its margin over the ceasefire is at least that), and the
    mediator's belief about it (mean, var). Drawn at the side's first answer under a
    ceasefire, from that round's shock (N(0, tau^2)), and kept for the run, whichever
    track it answers at: the belief starts at N(0, tau^2) and each answer moves it."""
    cells = np.ix_(idx, sides)
    offset, mean, var = war.settle_offset[cells], war.settle_mean[cells], war.settle_var[cells]
    new = np.isnan(offset)
    if new.any():
        spread = np.broadcast_to(tau[:, None], offset.shape)
        offset[new] = -draws[new] * spread[new]
        mean[new] = 0.0
        var[new] = np.square(spread[new])
        war.settle_offset[cells], war.settle_mean[cells], war.settle_var[cells] = offset, mean, var
    return offset, mean, var


def _most_acceptable(
    drafts, keep: np.ndarray, mean: np.ndarray, var: np.ndarray, n_sig: int, veto: np.ndarray
) -> tuple:
    """Per run the candidate text most likely to be taken by every signatory (and consented
    to by every implementer with a ``veto`` (e,)) against the ceasefire's worth ``keep``
    (r, s), under the mediator's belief N(mean, var) (r, sides) about each side's leaning:
    its chance, text (r, k), the signatories' margins (r, s), the vetoing implementers'
    and the mediator's gain from it (r,)."""
    best_p = text = margin = imp_margin = gain = None
    n_imp = mean.shape[1] - n_sig
    sig_mean, sig_var = mean[:, None, :n_sig], var[:, None, :n_sig]
    for draft in drafts:
        margins = draft.value - keep[:, None, :]
        p = accept_probability(margins, sig_mean, sig_var, 0.0).prod(axis=-1)
        vetoing = None if draft.imp is None else draft.imp[..., veto]
        if vetoing is not None:
            imp_p = accept_probability(vetoing, mean[:, None, n_sig:], var[:, None, n_sig:], 0.0)
            p = p * imp_p.prod(axis=-1)
        rows, top = np.arange(p.shape[0]), p.argmax(axis=1)
        imp = vetoing[rows, top] if vetoing is not None else np.zeros((p.shape[0], n_imp))
        if best_p is None:
            best_p, text, margin, imp_margin, gain = (
                p[rows, top],
                draft.texts[rows, top],
                margins[rows, top],
                imp,
                draft.gain[rows, top],
            )
            continue
        better = p[rows, top] > best_p
        best_p = np.where(better, p[rows, top], best_p)
        text[better] = draft.texts[rows, top][better]
        margin[better] = margins[rows, top][better]
        imp_margin[better] = imp[better]
        gain = np.where(better, draft.gain[rows, top], gain)
    return best_p, text, margin, imp_margin, gain


def _added_for_mediator(model, arena, war, mediator, idx, values, in_force, text) -> np.ndarray:
    """The war's end (``mediator_deal_value``) times how much less likely the settlement
    ``text`` is to break down within the look-ahead than the ceasefire ``in_force``."""
    drift = war.expected_drift(model)[idx]

    def relapse(texts: np.ndarray) -> np.ndarray:
        score = commitment_score(model.compiled, texts, arena.issues)
        return np.minimum(1.0, hazard(model, idx, score, drift) * values.lookahead)

    deal = model.for_actor("mediator_deal_value", mediator)[idx]
    return deal * (relapse(in_force) - relapse(text))
