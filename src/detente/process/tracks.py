"""One round of one track (mediated or bilateral talks with a single text), vectorised.

Per round, where the track is open, the war is being fought and the mediator convenes:
1. Limited deals on offer (``limited``) are tried first; they never end the war.
2. The mediator values every option by expected payoff under its beliefs: for each
   package on offer (comprehensive, ceasefire) the best candidate text
   (``drafting_search``) by P(all accept) x (deal value + its own gain on the text),
   with no new lever or with one more lever pulled (minus the lever's cost over the
   look-ahead). Another round costs it ``mediator_round_cost`` x failed rounds /
   ``mediator_patience_rounds``: an eager mediator tries for free, and patience wears
   out with every failure. Walking away costs it ``mediator_abandon_cost`` (the audience
   cost of a public effort given up). If no option plus that cost is worth another
   round, it abandons the track
   (abandoned tracks resume with ``resume_hazard`` per round); otherwise it takes the
   best option. No random weights choose between abandon, bypass and narrow.
   It puts the text (and pulls the lever) only at ``mediator_text_share`` of the rounds
   it convenes; at the others the text is discussed and revised, with no answer, no
   shock and no learning (Raiffa's single negotiating text is tabled for a yes or no
   far less often than it is talked over), and the round counts as a failed one.
3. Each signatory accepts when value(text) - (public reservation + private offset) +
   shock >= 0, shock ~ N(0, decision_noise), fresh for each decision or, with
   ``shock_persistence_days``, a mood that lasts (``_carry_moods``); a side that
   believes the war goes better for it than it does (``war_beliefs``) adds that
   belief to its reservation;
   implementers must consent to a comprehensive text the mediator did not impose, and
   withhold the parts of an imposed one that leave them worse off (``implementers``).
   The mediator updates its beliefs from every accept and reject (``beliefs``). An
   answer is public news: every other track's mediator that meets the same side reads
   it too (``share_public_answers``), so co-mediators and rival channels hold one
   belief about each side's resolve instead of each starting from the prior.
4. All accept: on a track where every side of the war signs, an agreement that stops
   the war on every track (IMPOSED after a bypassing lever, ARMISTICE for a ceasefire
   package, else COMPREHENSIVE); on a track that lacks a side, an UNDERSTANDING.
An agreement that some decider accepted only because of its shock (its margin without
the shock was negative) is flagged SHOCK_CARRIED: the luck diagnostic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

import numpy as np

from detente.process.beliefs import (
    DispositionAnswer,
    accept_probability,
    answer_under_mood,
    believed_disposition,
    carry_to_other_table,
    pert_mean_var,
    predict_mood,
    read_answer,
    start_mood,
    update,
)
from detente.process.breakdown import commitment_score, commitment_terms, hazard
from detente.process.compiled import CEASEFIRE, CompiledPackage, MediatedArena
from detente.process.conditions import with_conditions
from detente.process.drafting import DraftingRule
from detente.process.drafting_search import influenced_texts, mediator_drafts, package_texts
from detente.process.eventlog import (
    TEXT_CEASEFIRE_ONLY,
    TEXT_COMPREHENSIVE,
    EventKind,
    OutcomeClass,
)
from detente.process.implementation import take_effect
from detente.process.implementers import (
    consent_probability,
    delivered_texts,
    margins_and_delivery,
    selective,
)
from detente.process.limited import LimitedDeals, try_limited_deals
from detente.process.logbuilder import LogBuilder
from detente.process.state import AGREED, FIGHTING, Model, WarState
from detente.process.utility import compiled_pays, text_utilities, utility
from detente.process.valuation import TrackValues

ACTIVE, ABANDONED, CLOSED, DONE = 0, 1, 2, 3


@dataclass
class TrackState:
    """Per-run state of one track (arrays of length n, or (n, signatories))."""

    status: np.ndarray  # int8 ACTIVE / ABANDONED / CLOSED / DONE
    failed: np.ndarray  # failed rounds since the track (re)started
    open_round: np.ndarray  # round in which a closed track opens, 0: never
    private: np.ndarray  # (n, s) each signatory's private offset (persistent per run)
    belief_mean: np.ndarray  # (n, s) the mediator's belief about the offsets
    belief_var: np.ndarray
    levers: np.ndarray  # (n, L) bool: levers pulled
    bypassed: np.ndarray
    offered_ceasefire: np.ndarray
    limited: LimitedDeals
    # each signatory's and implementer's shock carried from the round before (None before
    # the first round): a side's mood at this table, which outlasts one round when the
    # scenario gives ``shock_persistence_days``
    mood: np.ndarray | None = None
    implementer_mood: np.ndarray | None = None
    # the mediator's belief about the signatories' lasting mood (mean, var, covariance with
    # the offset; (n, s) each), and how much of it each run's mood keeps a round (rho, n):
    # None while no run's mood lasts, so a scenario without persistence is as before
    mood_belief: tuple | None = None
    mood_rho: np.ndarray | None = None
    # per signatory column, the (track, column) elsewhere where the same side answers
    # with the same private offset: they read this track's answers (``share_public_answers``)
    peers: list[list[tuple[TrackState, int]]] = field(default_factory=list)

    @classmethod
    def start(
        cls, arena: MediatedArena, model: Model, rng: np.random.Generator, n: int
    ) -> TrackState:
        private, prior_var = _private_offsets(arena, model)
        open_round = np.zeros(n, dtype=np.int64)
        status = np.full(n, ACTIVE, dtype=np.int8)
        if arena.open_first_round > 0:
            opens = rng.random(n) < model.params[arena.open_probability_col]
            when = rng.integers(arena.open_first_round, arena.open_last_round + 1, size=n)
            open_round = np.where(opens, when, 0)
            status[:] = CLOSED
        return cls(
            status=status,
            failed=np.zeros(n),
            open_round=open_round,
            private=private,
            belief_mean=np.zeros_like(private),
            belief_var=prior_var,
            levers=np.zeros((n, len(arena.levers)), dtype=bool),
            bypassed=np.zeros(n, dtype=bool),
            offered_ceasefire=np.zeros(n, dtype=bool),
            limited=LimitedDeals.start(arena, n),
        )


def share_public_answers(arenas: list[MediatedArena], states: list[TrackState]) -> None:
    """Link the tracks where one side answers with one private offset: a side of the war
    on both, or on neither (its offset then has the same parts, ``_private_offsets``).

    A rejection is public and costly, which is what makes it informative (Fearon); a
    mediator who read only the answers given at its own table would meet a side that had
    just turned down a rival channel's text with its first prior, and expect too much.
    """
    for arena, state in zip(arenas, states, strict=True):
        state.peers = [
            [
                (other_state, j)
                for other, other_state in zip(arenas, states, strict=True)
                if other is not arena
                for j, other_actor in enumerate(other.signatories)
                if other_actor == actor and bool(other.sides[j]) == bool(arena.sides[k])
            ]
            for k, actor in enumerate(arena.signatories)
        ]


def _private_offsets(arena: MediatedArena, model: Model) -> tuple[np.ndarray, np.ndarray]:
    """Each signatory's private offset of its reservation value and the prior variance.

    offset = (resolve - its mean) - L * (war cost - its mean) for a side of the war;
    the mediator knows the scenario's ranges (hence the prior), not the run's draw.
    """
    c = model.compiled
    ids = c.actor_ids
    lookahead = model.dynamic("lookahead_rounds", 6.0)
    offsets, variances = [], []
    for k, actor in enumerate(arena.signatories):
        offset = np.zeros(model.n)
        variance = np.zeros(model.n)
        parts = [(f"resolve.{ids[actor]}", 1.0)]
        if arena.sides[k]:
            parts.append((f"war_cost.{ids[actor]}", -1.0))
        for name, sign in parts:
            col = c.dynamic(name)
            if col < 0:
                continue
            mean, var = pert_mean_var(c.low[col], c.mode[col], c.high[col])
            scale = 1.0 if sign > 0 else lookahead
            offset = offset + sign * scale * (model.params[col] - mean)
            variance = variance + scale**2 * var
        offsets.append(offset)
        variances.append(variance)
    return np.stack(offsets, axis=1), np.stack(variances, axis=1)


class _Mediator(NamedTuple):
    """What the mediator's gain from a text depends on in runs ``idx``: read once a round."""

    ideal: np.ndarray  # (r, 1, k): one actor
    weight: np.ndarray  # (r, 1, k)
    keep: np.ndarray  # (r,) its utility of the status quo
    deal: np.ndarray  # (r,) its value of any deal


def _mediator_view(
    arena: MediatedArena, model: Model, idx: np.ndarray, status_quo: np.ndarray
) -> _Mediator | None:
    """The mediator's ideal, weights, status-quo utility and deal value (None: no mediator)."""
    if arena.mediator < 0:
        return None
    actors = np.array([arena.mediator])
    ideal, weight = (
        model.view(actors, arena.issues)[0][idx],
        model.weights(actors, arena.issues)[idx],
    )
    keep = utility(ideal, weight, status_quo)[:, 0]
    deal = model.for_actor("mediator_deal_value", arena.mediator)[idx]
    return _Mediator(ideal, weight, keep, deal)


def _mediator_gain(mediator: _Mediator | None, texts: np.ndarray) -> np.ndarray:
    """The mediator's gain (r, c) from an agreement on each candidate text."""
    if mediator is None:
        return np.ones(texts.shape[:2])
    u = text_utilities(mediator.ideal, mediator.weight, texts)[..., 0]
    return mediator.deal[:, None] + u - mediator.keep[:, None]


class _Worth:
    """What candidate texts are worth in runs ``idx``: each signatory's value (r, c, s) of
    texts (r, c, k) and the mediator's gain (r, c) (``__call__``).

    Every draft of a round is valued against the same runs, so the compiled kernel's
    per-run arguments are read once, at the first draft, not once per draft.
    """

    def __init__(
        self,
        arena: MediatedArena,
        model: Model,
        idx: np.ndarray,
        values: TrackValues,
        mediator: _Mediator | None,
        drift: np.ndarray,
    ) -> None:
        self.arena, self.model, self.idx, self.values = arena, model, idx, values
        self.mediator, self.drift = mediator, drift
        self._terms: tuple | None = None

    def __call__(self, texts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if compiled_pays(texts):
            from detente.process.kernels_columns import text_worth

            if self._terms is None:
                self._terms = self._compiled_terms()
            return text_worth(np.ascontiguousarray(texts, dtype=float), *self._terms)
        arena, model, idx, values = self.arena, self.model, self.idx, self.values
        if arena.ends_war:
            score = commitment_score(model.compiled, texts, arena.issues)
            hazards = hazard(model, idx, score, self.drift)
            relapse = np.minimum(1.0, hazards * values.lookahead[:, None])
        else:
            relapse = np.zeros(texts.shape[:2])
        gain = _mediator_gain(self.mediator, texts)
        return values.text_value(texts, relapse), gain

    def _compiled_terms(self) -> tuple:
        """The arguments of ``kernels_columns.text_worth`` after the texts: the same
        numbers as the numpy path, the hazard's exp computed here (per run), everything
        per candidate text in the kernel."""
        arena, model, idx, values = self.arena, self.model, self.idx, self.values
        mediator = self.mediator
        cols, toward, weights = model.memo(
            ("commitment_terms", arena.index),
            partial(commitment_terms, model.compiled, arena.issues),
        )
        base = model.dynamic("breakdown_hazard")[idx]
        effect = model.dynamic("commitment_effect")[idx]
        temptation = model.dynamic("breakdown_temptation")[idx]
        growth = np.exp(temptation * np.maximum(self.drift, 0.0))
        r, k = values.status_quo.shape
        has = mediator is not None
        return (
            *values.kernel_arrays(),
            np.ascontiguousarray(values.cost, dtype=float),
            bool(arena.ends_war),
            cols,
            toward,
            weights,
            np.ascontiguousarray(base, dtype=float),
            np.ascontiguousarray(effect, dtype=float),
            np.ascontiguousarray(growth, dtype=float),
            has,
            np.ascontiguousarray(mediator.ideal[:, 0] if has else np.zeros((r, k)), dtype=float),
            np.ascontiguousarray(mediator.weight[:, 0] if has else np.zeros((r, k)), dtype=float),
            np.ascontiguousarray(mediator.deal if has else np.zeros(r), dtype=float),
            np.ascontiguousarray(mediator.keep if has else np.zeros(r), dtype=float),
        )


class _Draft(NamedTuple):
    """The candidate texts of one package (bypassing or not) and what they are worth."""

    package: CompiledPackage
    texts: np.ndarray  # (r, c, k)
    value: np.ndarray  # (r, c, s) to each signatory
    imp: np.ndarray | None  # (r, c, e) implementers' consent margins
    gain: np.ndarray  # (r, c) the mediator's gain from an agreement on it


class _Fight(NamedTuple):
    """The sides' values of fighting on with no new lever or with one more lever pulled."""

    public: np.ndarray  # (r, s) each signatory's public value; margin = value - public
    cost: np.ndarray  # (r,) the lever's cost to the mediator over the look-ahead
    usable: np.ndarray  # (r,) the lever is not pulled yet
    bypass: np.ndarray  # (r,) the influencers are bypassed
    optimism: np.ndarray | None  # (r, s) what the sides' own beliefs add to fighting on


class _Choice(NamedTuple):
    """The option the mediator takes in some runs: its text and each decider's margin."""

    lever: np.ndarray  # (m,) index into ``_Options.levers``
    text: np.ndarray  # (m, k)
    margin: np.ndarray  # (m, s) each signatory's public margin
    imp_margin: np.ndarray  # (m, e) the implementers' consent margins (0: none drafted)
    needs: np.ndarray  # (m,) the implementers must consent
    bypass: np.ndarray  # (m,)
    ceasefire: np.ndarray  # (m,)
    settles: np.ndarray  # (m, k) the issues the package settles
    optimism: np.ndarray  # (m, s) the sides' beliefs about the war's trend (0: none)
    talks_continue: np.ndarray  # (m,) a ceasefire under which the track keeps talking


def _option_values(value, fight, mean, var, tau, imp, veto, needs, gain, cost, usable):
    """Per run the best candidate of one option and its expected value: P(all accept)
    under the mediator's beliefs (x P(consent) at the margins ``imp`` of the implementers
    with a ``veto``, where needed) x gain - lever cost, from the public margins value -
    fight. The numpy path; ``kernels_options.best_option`` finds the same best of all
    options at once."""
    margin = value - fight[:, None, :]
    p = accept_probability(margin, mean, var, tau[:, None, None]).prod(axis=-1)
    if imp is not None:
        p = p * np.where(needs[:, None], consent_probability(imp, tau, veto), 1.0)
    ev = np.where(usable[:, None], p * gain - cost[:, None], -np.inf)
    return ev.argmax(axis=1), ev.max(axis=1)


def _fight(arena, state, model, idx, values: TrackValues, gap, private, lever) -> _Fight:
    """Fighting on in runs ``idx`` with ``lever`` pulled as well (None: no new lever)."""
    bypassed = state.bypassed[idx]
    extra_cost = np.zeros((idx.size, arena.signatories.size))
    extra_drift = np.zeros(idx.size)
    cost = np.zeros(idx.size)
    usable = np.ones(idx.size, dtype=bool)
    bypass = bypassed
    if lever is not None:
        spec = arena.levers[lever]
        usable = ~state.levers[idx, lever]
        extra_cost[:, spec.target] = model.params[spec.war_cost_col, idx]
        extra_drift = model.params[spec.drift_col, idx]
        cost = model.params[spec.cost_col, idx] * values.lookahead
        bypass = bypassed | spec.bypasses_influencers
    public, believed = values.fight_on_believed(extra_cost, extra_drift, gap)
    # private, like the offsets: the mediator learns of it only from rejections
    optimism = None if believed is None else believed - public
    return _Fight(public - private, cost, usable, bypass, optimism)


def _drafts(arena, model, rule, idx, values: TrackValues, bypassed, flags, worth, packages) -> dict:
    """The candidate texts of every package in ``packages`` for each bypass flag in
    ``flags`` and what they are worth, keyed by (package index, kind, flag)."""
    drafts = {}
    drafted = {}  # bypass flag -> candidate texts before any package defers an issue
    base = mediator_drafts(arena, model, idx, rule, values.ideal, values.salience)
    for package in packages:
        for flag in flags:
            if flag not in drafted:
                bypass = np.full(idx.size, flag) | bypassed
                drafted[flag] = influenced_texts(arena, model, idx, base, (~bypass).astype(float))
            texts = package_texts(drafted[flag], package, values.status_quo)
            imp = None
            # implementers consent to a comprehensive text the mediator did not impose
            # (``needs`` below); over their heads they deliver only the parts that
            # leave them no worse off, and an imposed text is worth what is delivered
            delivered = texts
            if arena.implementers.size and package.kind != CEASEFIRE:
                imp, delivered = margins_and_delivery(
                    arena, model, idx, texts, values.status_quo, bypassed | flag
                )
            valued = _with_deferral_expectation(
                arena, model, idx, package, delivered, drafted[flag]
            )
            value, gain = worth(valued)
            value = with_conditions(package, texts, values.status_quo, value)
            drafts[(package.index, package.kind, flag)] = _Draft(package, texts, value, imp, gain)
    return drafts


def _with_deferral_expectation(
    arena: MediatedArena,
    model: Model,
    idx: np.ndarray,
    package: CompiledPackage,
    delivered: np.ndarray,
    full: np.ndarray,
) -> np.ndarray:
    """The texts (r, c, k) as the parties value them: each issue the package defers moved
    ``deferral_expectation`` of the way from where it stands to where the full text
    ``full`` would settle it, so at 1 a ceasefire is worth the settlement it leads to
    (its durability included: the hazard the sides expect reads the same texts; the
    ceasefire in force still breaks down on its own terms). At 0, the default, the texts
    themselves: what a ceasefire defers stays as it is."""
    if package.settles.all():
        return delivered
    share = model.dynamic("deferral_expectation")[idx]
    if not share.any():
        return delivered
    step = np.where(package.settles[None, None, :], 0.0, full - delivered)
    return delivered + share[:, None, None] * step


class _Options:
    """Every option the mediator weighs in runs ``idx``: packages x (no lever | a lever).

    Texts depend only on the package and on whether the influencers are bypassed, so
    they are drafted once per (package, bypass) and each lever only moves the sides'
    values of fighting on (and adds its cost). Option o weighs draft ``option_draft[o]``
    against fighting on with lever ``levers[option_lever[o]]``; the drafts' values and
    the fights are stacked once, for the choice and for reading what each run chose.
    """

    def __init__(self, arena, state, war, model, rule, idx, values: TrackValues, tau, day):
        drift = war.expected_drift(model)[idx]
        bypassed = state.bypassed[idx]
        gap = None if war.beliefs is None else war.beliefs.gap[np.ix_(idx, arena.signatories)]
        private = state.private[idx]
        self.levers = [None, *range(len(arena.levers))]
        fights = [
            _fight(arena, state, model, idx, values, gap, private, lever) for lever in self.levers
        ]
        # Every option's bypass is either each run's own (no lever, or one that keeps the
        # influencers) or all runs (a lever that bypasses them): two drafts at most, the
        # first with each run's own influencers (none where they were bypassed before).
        flags = {False} | {True for f in fights if f.bypass.all() and not bypassed.all()}
        mediator = _mediator_view(arena, model, idx, values.status_quo)
        worth = _Worth(arena, model, idx, values, mediator, drift)
        # the packages whose text can be tabled by now ('ready_after_days')
        packages = [p for p in arena.packages if p.ready_day <= day]
        drafts = _drafts(arena, model, rule, idx, values, bypassed, flags, worth, packages)
        keys = list(drafts)
        self.drafts = list(drafts.values())
        self.n_imp = arena.implementers.size
        self.veto = arena.implementer_veto
        option_draft, option_lever, needs = [], [], []
        for package in packages:
            for k, fight in enumerate(fights):
                if self.third_party(arena, k):
                    continue  # another actor's to pull (``_third_party_levers``)
                flag = True in flags and bool(fight.bypass.all())
                option_draft.append(keys.index((package.index, package.kind, flag)))
                option_lever.append(k)
                needs.append((package.kind != CEASEFIRE) & ~fight.bypass)
        self.option_draft = np.array(option_draft, dtype=np.int64)
        self.option_lever = np.array(option_lever, dtype=np.int64)
        self._stack(fights)
        mean, var = _beliefs(state, idx, tau)
        if compiled_pays(self.drafts[0].value):
            consents = [
                (self.drafts[d].imp is not None) & n
                for d, n in zip(self.option_draft, needs, strict=True)
            ]
            self.pick, self.top, self.best_ev = self._best_compiled(consents, mean, var, tau)
        else:
            self.pick, self.top, self.best_ev = self._best(needs, mean, var, tau)

    def third_party(self, arena: MediatedArena, k: int) -> bool:
        """Lever option ``k`` is pulled by an actor other than the mediator."""
        lever = self.levers[k]
        return lever is not None and arena.levers[lever].owner >= 0

    def _stack(self, fights: list[_Fight]) -> None:
        """The drafts' values (d, r, c, s), gains (d, r, c) and implementers' margins
        (d, r, c, e; 0 where a draft has none) and the fights' values (l, r, s), costs,
        usable and bypass (l, r) and optimism (l, r, s; None without beliefs)."""
        shared = self.drafts
        e = max((d.imp.shape[2] for d in shared if d.imp is not None), default=0)
        imps = [d.imp if d.imp is not None else np.zeros((*d.gain.shape, e)) for d in shared]
        self.value = np.stack([d.value for d in shared]).astype(float, copy=False)
        self.gain = np.stack([d.gain for d in shared]).astype(float, copy=False)
        self.imp = np.stack(imps).astype(float, copy=False)
        self.fight = np.stack([f.public for f in fights]).astype(float, copy=False)
        self.cost = np.stack([f.cost for f in fights]).astype(float, copy=False)
        self.usable = np.stack([f.usable for f in fights])
        self.bypass = np.stack([f.bypass for f in fights])
        self.optimism = (
            None if fights[0].optimism is None else np.stack([f.optimism for f in fights])
        )

    def _best(self, needs, mean, var, tau):
        """Per run the best option, its best candidate and its value, option by option
        on numpy (``_option_values``)."""
        tops, bests = [], []
        for o, (d, k) in enumerate(zip(self.option_draft, self.option_lever, strict=True)):
            top, best = _option_values(
                self.value[d],
                self.fight[k],
                mean[:, None, :],
                var[:, None, :],
                tau,
                self.drafts[d].imp,
                self.veto,
                needs[o],
                self.gain[d],
                self.cost[k],
                self.usable[k],
            )
            tops.append(top)
            bests.append(best)
        ev = np.stack(bests, axis=1)  # (r, options)
        pick = ev.argmax(axis=1)
        rows = np.arange(pick.size)
        return pick, np.stack(tops, axis=1)[rows, pick], ev[rows, pick]

    def _best_compiled(self, consents, mean, var, tau):
        """``_best`` in one numba pass (``kernels_options.best_option``): the drafts and
        fights the options share are passed once each; ``consents`` (o, r): where an
        option's implementers with a veto must consent to a text drafted with their
        margins (the kernel sees theirs only)."""
        from detente.process.kernels import NDTR_ADDRESS
        from detente.process.kernels_options import NDTR_BOUNDS, best_option

        vetoing = self.imp
        if vetoing.shape[3] and not self.veto.all():
            vetoing = np.ascontiguousarray(vetoing[..., self.veto])
        return best_option(
            self.value,
            self.gain,
            vetoing,
            self.fight,
            self.cost,
            self.usable,
            self.option_draft,
            self.option_lever,
            np.stack(consents),
            np.ascontiguousarray(mean, dtype=float),
            np.ascontiguousarray(var, dtype=float),
            np.ascontiguousarray(tau, dtype=float),
            NDTR_ADDRESS,
            NDTR_BOUNDS,
        )

    def chosen(self, rows: np.ndarray) -> _Choice:
        """What the best option is in runs ``idx[rows]``."""
        option, top = self.pick[rows], self.top[rows]
        draft, lever = self.option_draft[option], self.option_lever[option]
        m, n_sig = rows.size, self.fight.shape[2]
        text = np.empty((m, self.drafts[0].texts.shape[2]))
        for d, found in enumerate(self.drafts):
            at = np.flatnonzero(draft == d)
            text[at] = found.texts[rows[at], top[at]]
        ceasefire = np.array([d.package.kind == CEASEFIRE for d in self.drafts])[draft]
        bypass = self.bypass[lever, rows]
        return _Choice(
            lever=lever,
            text=text,
            margin=self.value[draft, rows, top] - self.fight[lever, rows],
            imp_margin=(
                self.imp[draft, rows, top] if self.imp.shape[3] else np.zeros((m, self.n_imp))
            ),
            needs=~ceasefire & ~bypass,
            bypass=bypass,
            ceasefire=ceasefire,
            settles=np.stack([d.package.settles for d in self.drafts])[draft],
            optimism=np.zeros((m, n_sig)) if self.optimism is None else self.optimism[lever, rows],
            talks_continue=np.array([d.package.talks_continue for d in self.drafts])[draft],
        )


def _carry_moods(
    state: TrackState, rho: np.ndarray, shocks: np.ndarray, imp_shocks: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each side's shock this round: the round's fresh draw, or with
    ``shock_persistence_days`` T an AR(1) mood that keeps rho = exp(-round_days / T) of
    the last round's (``_mood_kept``), mood' = rho * mood + sqrt(1 - rho^2) * draw. Its spread stays
    ``decision_noise``; only how long a good or bad day lasts changes, so a side that
    turned a text down is still in much the same mood a round later. T = 0 (or none)
    is a fresh shock per decision, as before (the same draws). With a lasting mood the
    mediator's belief follows it too (``_follow_moods``; learning in ``_learn``),
    so repeated refusals in one mood do not count as repeated evidence of resolve."""
    fresh = np.sqrt(1.0 - rho**2)[:, None]
    if state.mood is None:
        state.mood, state.implementer_mood = shocks, imp_shocks
    else:
        state.mood = rho[:, None] * state.mood + fresh * shocks
        state.implementer_mood = rho[:, None] * state.implementer_mood + fresh * imp_shocks
    return state.mood, state.implementer_mood


def _follow_moods(state: TrackState, model: Model, rho: np.ndarray, sides: int) -> None:
    """Where moods last, the mediator knows it: its belief about each side's mood starts
    at N(0, decision_noise^2) and, each round after, fades as the mood does
    (``beliefs.predict_mood``). Nothing to follow where every run's mood is fresh."""
    if not (rho > 0).any():
        return
    tau = model.dynamic("decision_noise")
    if state.mood_belief is None:
        state.mood_belief, state.mood_rho = start_mood(tau, sides), rho
    else:
        state.mood_belief = predict_mood(state.mood_belief, rho, tau)


def _mood_kept(model: Model) -> np.ndarray:
    """Per run, the share of a side's mood that outlasts a round: exp(-round_days / T)
    with ``shock_persistence_days`` T, 0 without it."""
    days = model.dynamic("shock_persistence_days", 0.0)
    return np.where(days > 0, np.exp(-model.compiled.round_days / np.maximum(days, 1e-9)), 0.0)


def _beliefs(state: TrackState, idx: np.ndarray, tau: np.ndarray) -> tuple:
    """The mediator's (mean, var) about runs ``idx``'s sides, to read with ``tau``: about
    the private offset alone where moods are fresh, about offset - mood where they last."""
    mean, var = state.belief_mean[idx], state.belief_var[idx]
    if state.mood_belief is None:
        return mean, var
    mood = tuple(part[idx] for part in state.mood_belief)
    lasting = (state.mood_rho[idx] > 0)[:, None]
    d_mean, d_var = believed_disposition(mean, var, mood, tau)
    return np.where(lasting, d_mean, mean), np.where(lasting, d_var, var)


def _learn(
    state: TrackState, sub: np.ndarray, margin: np.ndarray, accept: np.ndarray, tau: np.ndarray
) -> None:
    """The mediator's update from this round's answers in runs ``sub`` (``beliefs``), and
    every other track's that meets the same side (``share_public_answers``)."""
    mean, var = update(state.belief_mean[sub], state.belief_var[sub], margin, accept, tau[:, None])
    answer, lasting = None, None
    if state.mood_belief is not None:
        mood = tuple(part[sub] for part in state.mood_belief)
        lasting = (state.mood_rho[sub] > 0)[:, None]
        prior = state.belief_mean[sub], state.belief_var[sub]
        answer = answer_under_mood(*prior, mood, margin, accept)
        j_mean, j_var, j_mood = read_answer(*prior, mood, answer)
        mean, var = np.where(lasting, j_mean, mean), np.where(lasting, j_var, var)
        for part, joint in zip(state.mood_belief, j_mood, strict=True):
            part[sub] = np.where(lasting, joint, part[sub])
    state.belief_mean[sub], state.belief_var[sub] = mean, var
    for k, peers in enumerate(state.peers):
        for other, j in peers:
            other.belief_mean[sub, j], other.belief_var[sub, j] = mean[:, k], var[:, k]
            if answer is None or other.mood_belief is None:
                continue
            mine = DispositionAnswer(*(part[:, k] for part in answer))
            theirs = tuple(part[sub, j] for part in other.mood_belief)
            carried = carry_to_other_table(theirs, mine)
            for part, new in zip(other.mood_belief, carried, strict=True):
                part[sub, j] = np.where(lasting[:, 0], new, part[sub, j])


class RoundDraws(NamedTuple):
    """One track's draws for a round, made before any track meets."""

    meets: np.ndarray  # (n,) the mediator convenes
    tables: np.ndarray  # (n,) and puts its text to a yes or no
    shocks: np.ndarray  # (n, s) the signatories' shocks (moods, where they last)
    imp_shocks: np.ndarray  # (n, >= 1) the implementers'
    limited_shocks: np.ndarray  # (n, >= 1, s) for the limited deals


def open_round(
    arena: MediatedArena,
    state: TrackState,
    war: WarState,
    model: Model,
    rng: np.random.Generator,
    log: LogBuilder,
    day: int,
    round_no: int,
) -> RoundDraws:
    """What comes before the tracks meet in a round, in every run: the draws, the moods
    carried, a closed channel that opens, an abandoned track that resumes."""
    n = state.status.size
    n_sig, n_imp = arena.signatories.size, arena.implementers.size
    # Fixed-size draws every round, so one run's stream does not depend on the others'.
    u_resume, u_convene = rng.random((2, n))
    shocks = rng.standard_normal((n, n_sig))
    # at least one column, so a scenario with one implementer draws what one without does
    imp_shocks = rng.standard_normal((n, max(n_imp, 1)))
    limited_shocks = rng.standard_normal((n, max(len(arena.limited), 1), n_sig))
    rho = _mood_kept(model)
    shocks, imp_shocks = _carry_moods(state, rho, shocks, imp_shocks)
    _follow_moods(state, model, rho, n_sig)
    if not model.shocks_felt:  # the luck diagnostic: drawn and expected, not felt
        shocks, imp_shocks, limited_shocks = (
            np.zeros_like(shocks),
            np.zeros_like(imp_shocks),
            np.zeros_like(limited_shocks),
        )
    mediator = int(arena.mediator)

    opens = (state.status == CLOSED) & (state.open_round == round_no)
    state.status[opens] = ACTIVE
    log.emit(
        EventKind.CHANNEL_OPENED, np.flatnonzero(opens), day, arena=arena.index, actor=mediator
    )

    fighting = war.status == FIGHTING
    resumes = (state.status == ABANDONED) & fighting & (u_resume < model.dynamic("resume_hazard"))
    state.status[resumes] = ACTIVE
    state.failed[resumes] = 0.0
    log.emit(EventKind.RESUMED, np.flatnonzero(resumes), day, arena=arena.index, actor=mediator)
    meets, tables = convenes_and_tables(model, arena, u_convene)
    return RoundDraws(meets, tables, shocks, imp_shocks, limited_shocks)


def track_round(
    arena: MediatedArena,
    state: TrackState,
    war: WarState,
    model: Model,
    rule: tuple[DraftingRule, ...],
    draws: RoundDraws,
    log: LogBuilder,
    day: int,
    round_no: int,
    playing: np.ndarray | None = None,
) -> None:
    """Play one round of this track (see the module docstring) in the runs ``playing``
    (all where None) with the round's ``draws`` (``open_round``): where the war is still
    fought when it meets, since another track may have settled it earlier that round."""
    n_imp = arena.implementers.size
    tables, shocks, imp_shocks = draws.tables, draws.shocks, draws.imp_shocks
    mediator = int(arena.mediator)
    convene = (state.status == ACTIVE) & (war.status == FIGHTING) & draws.meets
    if playing is not None:
        convene &= playing
    idx = np.flatnonzero(convene)
    if idx.size == 0:
        return
    log.emit(EventKind.ROUND_HELD, idx, day, arena=arena.index)
    tau = model.dynamic("decision_noise")[idx]
    try_limited_deals(
        arena, state.limited, state, war, model, idx, draws.limited_shocks, tau, log, day, round_no
    )

    values = TrackValues(arena, model, war, idx)
    options = _Options(arena, state, war, model, rule, idx, values, tau, day)
    if mediator >= 0:
        walk_away = model.for_actor("mediator_abandon_cost", mediator)[idx]
        gives_up = options.best_ev + walk_away < next_round_cost(
            model, mediator, idx, state.failed[idx]
        )
        runs = idx[gives_up]
        state.status[runs] = ABANDONED
        log.emit(EventKind.ABANDONED, runs, day, arena=arena.index, actor=mediator)
    else:
        gives_up = np.zeros(idx.size, dtype=bool)

    talked_over = idx[~gives_up & ~tables[idx]]
    state.failed[talked_over] += 1.0
    live = np.flatnonzero(~gives_up & tables[idx])
    sub = idx[live]
    choice = options.chosen(live)
    for k, lever in enumerate(options.levers):
        pulled = sub[choice.lever == k]
        if lever is not None and pulled.size:
            _pull_lever(arena, state, war, model, pulled, lever, log, day)
    if sub.size == 0:
        return
    margin = _third_party_levers(
        arena, state, war, model, options, live, sub, tau[live], choice, log, day
    )
    text, imp_margin = choice.text, choice.imp_margin
    needs, bypass, ceasefire = choice.needs, choice.bypass, choice.ceasefire
    settles, optimism = choice.settles, choice.optimism
    first_narrow = ceasefire & ~state.offered_ceasefire[sub]
    state.offered_ceasefire[sub] |= ceasefire
    log.emit(EventKind.NARROWED, sub[first_narrow], day, arena=arena.index, actor=mediator)
    log.emit(
        EventKind.TEXT_DRAFTED,
        sub,
        day,
        arena=arena.index,
        value=np.where(ceasefire, TEXT_CEASEFIRE_ONLY, TEXT_COMPREHENSIVE),
    )

    true_margin = margin - state.private[sub] - optimism
    tau_s = tau[live]
    accept = true_margin + shocks[sub] * tau_s[:, None] >= 0
    # what the mediator expected of each answer, logged with it: the risk it took in
    # tabling the text, and a check that its beliefs are calibrated (``diagnostics``)
    expected = accept_probability(margin, *_beliefs(state, sub, tau_s), tau_s[:, None])
    log.emit_answers(sub, day, arena.index, arena.signatories, accept, expected)
    # only an implementer with a veto answers; one that acts at delivery is never asked
    asked = needs[:, None] & arena.implementer_veto[None, :]
    consent = ~asked | (imp_margin + imp_shocks[sub, :n_imp] * tau_s[:, None] >= 0)
    for k, actor in enumerate(arena.implementers):
        log.emit(EventKind.REJECTED, sub[~consent[:, k]], day, arena=arena.index, actor=int(actor))
    _learn(state, sub, margin, accept, tau_s)

    everyone = accept.all(axis=1) & consent.all(axis=1)
    lucky = everyone & ((true_margin < 0).any(axis=1) | (asked & (imp_margin < 0)).any(axis=1))
    # how many utility points below fighting on the least willing signatory valued the text
    shortfall = np.maximum(0.0, -true_margin.min(axis=1))
    log.emit(EventKind.SHOCK_CARRIED, sub[lucky], day, arena=arena.index, value=shortfall[lucky])
    state.failed[sub[~everyone]] += 1.0
    win = sub[everyone]
    if win.size == 0:
        return
    if not arena.ends_war:
        state.status[win] = DONE
        log.emit(EventKind.UNDERSTANDING, win, day, arena=arena.index, actor=mediator)
        return
    klass = np.where(
        bypass[everyone],
        OutcomeClass.IMPOSED,
        np.where(ceasefire[everyone], OutcomeClass.ARMISTICE, OutcomeClass.COMPREHENSIVE),
    ).astype(float)
    # over their heads, or where they act only at delivery, the implementers deliver the
    # parts of a full text that leave them no worse off
    acting = selective(arena, bypass[everyone]) & ~ceasefire[everyone, None]
    agreed_text = delivered_agreement(arena, model, win, text[everyone], acting, log, day)
    war.status[win] = AGREED
    war.inherited[win] = False
    war.track[win] = arena.index
    war.klass[win] = klass
    war.commitment[win] = commitment_score(model.compiled, agreed_text, arena.issues)
    war.shortfall[win] = shortfall[everyone]
    war.talks_on[win] = choice.talks_continue[everyone]
    war.talks_failed[win] = 0.0
    settled = np.where(settles[everyone], agreed_text, np.nan)
    war.text[np.ix_(win, arena.issues)] = settled
    take_effect(model, win, arena.issues, settled)
    log.emit_agreement(win, day, arena.index, mediator, klass, arena.issues, settled)


def delivered_agreement(
    arena: MediatedArena,
    model: Model,
    win: np.ndarray,
    agreed: np.ndarray,
    acting: np.ndarray,
    log: LogBuilder,
    day: int,
) -> np.ndarray:
    """The texts (m, k) agreed in runs ``win`` as delivered: each implementer ``acting``
    at delivery (m, e) withholds the issues that leave it worse off (one WITHHELD event
    each), which stay at the status quo."""
    rows = np.flatnonzero(acting.any(axis=1))
    if rows.size == 0:
        return agreed
    runs = win[rows]
    delivered, withheld = delivered_texts(
        arena,
        model,
        runs,
        agreed[rows, None, :],
        model.status_quo_of(runs, arena.issues),
        acting[rows],
    )
    agreed = agreed.copy()
    agreed[rows] = delivered[:, 0]
    for e, j in zip(*np.nonzero(arena.implementer_issues), strict=True):
        log.emit(
            EventKind.WITHHELD,
            runs[withheld[:, 0, e, j]],
            day,
            arena=arena.index,
            actor=int(arena.implementers[e]),
            issue=int(arena.issues[j]),
        )
    return agreed


def convenes_and_tables(
    model: Model, arena: MediatedArena, u_convene: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per run: does the mediator convene this round (``mediator_attention``), and does it
    put its text to a yes or no there (``mediator_text_share`` of the rounds convened)?
    One uniform draw decides both, so a run's stream is the same whatever the share (1: a
    text at every round convened). Without a mediator the sides meet, and decide, at the
    track's declared share of rounds (``meets``), or every round where it declares none."""
    mediator = int(arena.mediator)
    if mediator < 0:
        if arena.meeting_col < 0:
            every = np.ones(u_convene.size, dtype=bool)
            return every, every
        met = u_convene < model.params[arena.meeting_col]
        return met, met
    attention = model.for_actor("mediator_attention", mediator)
    share = model.for_actor("mediator_text_share", mediator)
    return u_convene < attention, u_convene < attention * share


def next_round_cost(model: Model, mediator: int, idx: np.ndarray, failed: np.ndarray) -> np.ndarray:
    """What convening another round costs the mediator: ``mediator_round_cost`` x rounds
    without an agreement (texts turned down, and rounds where the text was only talked
    over) / ``mediator_patience_rounds`` (an eager mediator tries for free; its patience
    wears with each failure)."""
    patience = np.maximum(model.dynamic("mediator_patience_rounds")[idx], 1.0)
    round_cost = model.for_actor("mediator_round_cost", mediator)[idx]
    return round_cost * failed / patience


def _third_party_levers(
    arena: MediatedArena,
    state: TrackState,
    war: WarState,
    model: Model,
    options: _Options,
    live: np.ndarray,
    runs: np.ndarray,
    tau: np.ndarray,
    choice: _Choice,
    log: LogBuilder,
    day: int,
) -> np.ndarray:
    """The sides' margins (m, s) on the text the mediator tables in ``runs`` (rows
    ``live`` of its options; ``tau`` their shock size), after the third parties' levers
    (``Leverage.by``).

    Each owner, in turn, pulls its lever where it is still unpulled and the lift in the
    chance that every side takes the text (under the mediator's beliefs, which are
    public) times what an agreement on it is worth to the owner (its ``deal_value`` plus
    the text over the status quo on its own positions) exceeds the lever's cost over the
    look-ahead. What the lever does to a side's value of fighting on is
    read as it alone would change it (``_Fight``), added to the margins. Why: a patron's
    or trading partner's pressure is its own choice, made for texts it wants (the US
    pressing both sides of a border war to take a ceasefire), not the mediator's."""
    margin = choice.margin
    third = [k for k in range(len(options.levers)) if options.third_party(arena, k)]
    if not third:
        return margin
    mean, var = _beliefs(state, runs, tau)
    taken = accept_probability(margin, mean, var, tau[:, None]).prod(axis=1)
    status_quo = model.status_quo_of(runs, arena.issues)
    for k in third:
        spec = arena.levers[options.levers[k]]
        actors = np.array([spec.owner])
        ideal = model.view(actors, arena.issues)[0][runs]
        weight = model.weights(actors, arena.issues)[runs]
        positional = utility(ideal, weight, choice.text) - utility(ideal, weight, status_quo)
        worth = model.params[spec.deal_value_col, runs] + positional[:, 0]
        lifted = margin + (options.fight[0, live] - options.fight[k, live])
        taken_with = accept_probability(lifted, mean, var, tau[:, None]).prod(axis=1)
        pull = options.usable[k, live] & ((taken_with - taken) * worth > options.cost[k, live])
        if pull.any():
            _pull_lever(arena, state, war, model, runs[pull], options.levers[k], log, day)
            margin = np.where(pull[:, None], lifted, margin)
            taken = np.where(pull, taken_with, taken)
    return margin


def _pull_lever(arena, state, war, model, runs, lever, log: LogBuilder, day: int) -> None:
    """The mediator, or the lever's third party, pulls ``lever`` in ``runs``: costs and
    drift stay for the rest of the war."""
    spec = arena.levers[lever]
    target = int(arena.signatories[spec.target])
    state.levers[runs, lever] = True
    war.extra_cost[runs, target] += model.params[spec.war_cost_col, runs]
    war.extra_drift[runs] += model.params[spec.drift_col, runs]
    log.emit(EventKind.LEVERAGE, runs, day, arena=arena.index, actor=target, value=float(lever))
    if spec.support_cut:
        puller = spec.owner if spec.owner >= 0 else int(arena.mediator)
        log.emit(EventKind.SUPPORT_CUT, runs, day, arena=arena.index, actor=puller)
    if spec.bypasses_influencers:
        first = runs[~state.bypassed[runs]]
        state.bypassed[runs] = True
        log.emit(EventKind.BYPASSED, first, day, arena=arena.index, actor=int(arena.mediator))
