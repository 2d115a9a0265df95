"""Vote arenas that behave like institutions (e.g. the EU Council), one round at a time.

Each arena votes on *decisions* (``VoteArena.decisions``): an act on one issue
with a proposal (declared, or the seated voters' capability x salience weighted
compromise), a reversion point (the issue's value if the act fails or lapses;
undeclared: a failed vote leaves the issue where it is) and maybe a renewal
calendar. Member k votes yes when the proposal is closer to its ideal than the
alternative, plus noise:
    |alt - ideal_k| - |proposal - ideal_k| + N(0, decision_noise) > 0,
where alt is the reversion point (or the status quo when none is declared).
Seated members without a position on the issue (salience 0) abstain.
Under unanimity a no is a veto, and a veto costs the member (isolation, withheld funds,
linkage; see ``scenario.institutions``): the decision's ``veto_cost`` is added to every
voter's margin, so a member blocks only an act that costs it more than blocking does.
Under the other rules a no blocks nothing alone and no cost applies.

Rules (a run's rule can change, see ``VoteState.rule``), with the treaty's thresholds:
- unanimity: every voter says yes; one veto blocks, abstention does not (TFEU 238(4));
- qmv: at least 55% of the seated members say yes AND they hold at least 65% of the
  seated members' population; when the population test fails, it is still
  deemed met unless at least 4 members did not say yes (the blocking minority,
  TEU 16(4), TFEU 238(3)). Abstaining counts as not yes. In an arena of fewer than
  4 members no blocking minority can form, so 55% of the members decide;
- majority: more than half of the voters say yes;
- enhanced: at least 9 members say yes (TEU 20(2)); the act binds only the willing:
  the issue moves toward the proposal by the yes members' share of the seated
  population, and the act's war effects are scaled by that share.

Calendar per decision and run:
- not in force: voted whenever the arena meets; passed -> in force (issue set to the
  proposal, DECISION_PASSED value 1); blocked -> DECISION_BLOCKED (the issue goes to
  the reversion point if one is declared), retried at the next meeting;
- in force: voted only in its renewal rounds (whether or not the arena meets: a
  deadline). Renewal compares the value in force with the reversion point;
  passed -> DECISION_PASSED value 2; blocked -> DECISION_BLOCKED and
  DECISION_LAPSED, the issue reverts and the act is no longer in force (it can be
  adopted again at a later meeting).
Effects on the war (``effects_if_in_force``, ``effects_if_lapsed``) are add or
multiply on dynamics numbers, applied when the state is entered and undone when
it is left (scaled by the bound share under enhanced cooperation). The scenario's
numbers describe the world at as_of, so nothing is applied at the start: an act in
force on as_of is already in them, and its lapse removes its effects.
Rule switches and member replacements fire in a round drawn once per run (like
exogenous events) and are applied before that round's votes.

How the simulator calls this module (once per vote arena):
    state = VoteState.start(vote, model, rng)            # before round 1
    vote_round(vote, state, model, meets, noise_sd, rng, log, day)   # each round
with ``meets`` bool (n,), ``noise_sd`` (n,) = dynamics ``decision_noise`` and
``day = r * round_days``. ``vote_round`` writes issue status quo and dynamics
numbers into ``model.params``; random draws happen only for what the arena
holds, in a fixed order, so an arena without switches or renewals draws exactly
what the first-generation vote did. Of the model it reads only ``n``, ``params``
(numbers x runs) and ``compiled`` (status_quo_col, position_col, salience_col,
capability_col, round_days); the round is ``day // round_days``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from detente.process.eventlog import EventKind
from detente.process.logbuilder import LogBuilder
from detente.process.vote_compiled import (
    OP_ADD,
    RULE_CODE,
    CompiledDecision,
    Effects,
    VoteArena,
)

if TYPE_CHECKING:
    from detente.process.compiled import CompiledScenario
    from detente.process.state import Model

UNANIMITY, QMV, MAJORITY, ENHANCED = (
    RULE_CODE["unanimity"],
    RULE_CODE["qmv"],
    RULE_CODE["majority"],
    RULE_CODE["enhanced"],
)
QMV_MEMBERS_PCT = 55  # TEU 16(4): 55% of the members of the Council ...
QMV_POPULATION = 0.65  # ... representing at least 65% of the population
BLOCKING_MINORITY = 4  # a blocking minority needs at least four members
ENHANCED_MIN = 9  # TEU 20(2): at least nine Member States participate
PASSED_ADOPTED, PASSED_RENEWED = 1.0, 2.0


@dataclass
class VoteState:
    """Per-run state of one vote arena; changes as the runs go on."""

    rule: np.ndarray  # int (n,) code in RULES
    seated: np.ndarray  # bool (n, seats)
    force: np.ndarray  # float (n, decisions): 0 not in force, 1 in force, share if enhanced
    lapsed: np.ndarray  # bool (n, decisions): a renewal was vetoed and not re-adopted
    switch_round: np.ndarray  # int (n, switches): round a switch fires, 0 never

    @classmethod
    def start(cls, vote: VoteArena, model: Model, rng: np.random.Generator) -> VoteState:
        n = model.n
        switch_round = np.zeros((n, len(vote.switches)), dtype=np.int64)
        for k, s in enumerate(vote.switches):  # drawn once, as exogenous events are
            fires = rng.random(n) < model.params[s.probability_col]
            when = rng.integers(s.first_round, s.last_round + 1, size=n)
            switch_round[:, k] = np.where(fires, when, 0)
        return cls(
            rule=np.full(n, vote.rule_code, dtype=np.int64),
            seated=np.repeat(vote.seated[None, :], n, axis=0),
            force=np.repeat(
                np.array([float(d.in_force) for d in vote.decisions])[None, :], n, axis=0
            ),
            lapsed=np.zeros((n, len(vote.decisions)), dtype=bool),
            switch_round=switch_round,
        )


def vote_round(
    vote: VoteArena,
    state: VoteState,
    model: Model,
    meets: np.ndarray,
    noise_sd: np.ndarray,
    rng: np.random.Generator,
    log: LogBuilder,
    day: int,
) -> None:
    """Apply this round's switches, hold due renewals, vote on acts not in force."""
    r = day // model.compiled.round_days
    _switch(vote, state, r, log, day)
    for d, decision in enumerate(vote.decisions):
        renewing = np.zeros(model.n, dtype=bool)
        if decision.renewal_rounds.size and np.any(decision.renewal_rounds == r):
            renewing = state.force[:, d] > 0
            runs = np.flatnonzero(renewing)
            if runs.size:
                _renew(vote, state, model, d, decision, runs, noise_sd, rng, log, day)
        runs = np.flatnonzero(meets & (state.force[:, d] == 0) & ~renewing)
        if runs.size:
            _adopt(vote, state, model, d, decision, runs, noise_sd, rng, log, day)


def _switch(vote: VoteArena, state: VoteState, r: int, log: LogBuilder, day: int) -> None:
    for k, s in enumerate(vote.switches):
        runs = np.flatnonzero(state.switch_round[:, k] == r)
        if runs.size == 0:
            continue
        if s.to_rule >= 0:
            state.rule[runs] = s.to_rule
            log.emit(EventKind.RULE_SWITCHED, runs, day, arena=vote.index, value=float(s.to_rule))
        if s.new_seat >= 0:
            state.seated[runs, s.old_seat] = False
            state.seated[runs, s.new_seat] = True
            log.emit(
                EventKind.MEMBER_REPLACED,
                runs,
                day,
                arena=vote.index,
                actor=int(vote.members[s.new_seat]),
                value=float(vote.members[s.old_seat]),
            )


def _adopt(
    vote: VoteArena,
    state: VoteState,
    model: Model,
    d: int,
    decision: CompiledDecision,
    runs: np.ndarray,
    noise_sd: np.ndarray,
    rng: np.random.Generator,
    log: LogBuilder,
    day: int,
) -> None:
    params = model.params
    sq_col = model.compiled.status_quo_col[decision.issue]
    sq = params[sq_col, runs]
    alt = params[decision.reversion_col, runs] if decision.reversion_col >= 0 else sq
    ballot = _Ballot(vote, state, model, decision, runs, None, alt, noise_sd, rng)
    passed, share = ballot.passed, ballot.bound_share
    moved = alt + share * (ballot.proposal - alt)
    value = np.where(passed & np.isfinite(moved), moved, alt)
    params[sq_col, runs] = value
    _set_force(state, model, d, decision, runs[passed], share[passed])
    _set_lapsed(state, model, d, decision, runs[passed], False)
    log.emit(
        EventKind.DECISION_PASSED,
        runs[passed],
        day,
        arena=vote.index,
        issue=decision.issue,
        value=PASSED_ADOPTED,
    )
    _log_blocked(vote, decision, ballot, runs, log, day)


def _renew(
    vote: VoteArena,
    state: VoteState,
    model: Model,
    d: int,
    decision: CompiledDecision,
    runs: np.ndarray,
    noise_sd: np.ndarray,
    rng: np.random.Generator,
    log: LogBuilder,
    day: int,
) -> None:
    params = model.params
    sq_col = model.compiled.status_quo_col[decision.issue]
    in_force = params[sq_col, runs]
    alt = params[decision.reversion_col, runs]  # a renewable act always declares one
    ballot = _Ballot(vote, state, model, decision, runs, in_force, alt, noise_sd, rng)
    passed = ballot.passed
    keep = runs[passed]
    _set_force(state, model, d, decision, keep, ballot.bound_share[passed])
    log.emit(
        EventKind.DECISION_PASSED,
        keep,
        day,
        arena=vote.index,
        issue=decision.issue,
        value=PASSED_RENEWED,
    )
    lapse = runs[~passed]
    params[sq_col, lapse] = alt[~passed]
    _set_force(state, model, d, decision, lapse, np.zeros(lapse.size))
    _set_lapsed(state, model, d, decision, lapse, True)
    _log_blocked(vote, decision, ballot, runs, log, day)
    log.emit(
        EventKind.DECISION_LAPSED,
        lapse,
        day,
        arena=vote.index,
        actor=ballot.blocker[~passed],
        issue=decision.issue,
    )


class _Ballot:
    """One vote of the seated members on ``proposal`` against ``alt`` in ``runs``."""

    def __init__(
        self,
        vote: VoteArena,
        state: VoteState,
        model: Model,
        decision: CompiledDecision,
        runs: np.ndarray,
        proposal: np.ndarray | None,
        alt: np.ndarray,
        noise_sd: np.ndarray,
        rng: np.random.Generator,
    ) -> None:
        params = model.params
        members = vote.members
        m = members.size
        has, cols = model.memo(
            ("ballot", vote.index, decision.issue),
            partial(_ballot_columns, model.compiled, members, decision.issue),
        )
        rows = params[cols[:, None], runs].T  # (r, 3m): only what this vote reads
        ideal, salience, cap = rows[:, :m], rows[:, m : 2 * m], rows[:, 2 * m :]
        seated = state.seated[runs]
        weight = np.where(has & seated, cap * salience, 0.0)
        voting = weight > 0
        if proposal is None:
            if decision.proposal_col >= 0:
                proposal = params[decision.proposal_col, runs]
            else:
                total = weight.sum(axis=1)
                safe = np.where(total > 0, total, 1.0)
                proposal = np.where(total > 0, (weight * ideal).sum(axis=1) / safe, np.nan)
        self.proposal = proposal
        margin = np.abs(alt[:, None] - ideal) - np.abs(proposal[:, None] - ideal)
        if decision.veto_cost_col >= 0:  # the consensus norm: a veto has a price
            veto = state.rule[runs] == UNANIMITY
            margin = margin + np.where(veto, params[decision.veto_cost_col, runs], 0.0)[:, None]
        # Draw for every run, then select: the stream must not depend on who votes, or
        # common random numbers break between a baseline and an intervention.
        shocks = rng.standard_normal((model.n, m))[runs]
        if not model.shocks_felt:  # the luck diagnostic: drawn, not felt
            shocks = np.zeros_like(shocks)
        margin = margin + shocks * noise_sd[runs, None]
        yes = voting & (margin > 0)
        self.passed, self.bound_share = _rule_outcome(
            state.rule[runs], yes, voting, seated, vote.population
        )
        self.passed &= np.isfinite(proposal)
        # the blocking member is the voter most opposed to the proposal
        opposition = np.where(voting & ~yes, margin, np.inf)
        first = np.argmin(opposition, axis=1)
        self.blocker = np.where(np.isfinite(opposition.min(axis=1)), members[first], -1)


def _ballot_columns(
    compiled: CompiledScenario, members: np.ndarray, issue: int
) -> tuple[np.ndarray, np.ndarray]:
    """Which members hold a position on ``issue``, and the parameter columns a ballot on
    it reads (positions, saliences, capabilities; 0 for a member without a position):
    fixed by the scenario, so built once a batch."""
    has = compiled.position_col[members, issue] >= 0
    pos_cols = np.where(has, compiled.position_col[members, issue], 0)
    sal_cols = np.where(has, compiled.salience_col[members, issue], 0)
    return has, np.concatenate([pos_cols, sal_cols, compiled.capability_col[members]])


def _rule_outcome(
    rule: np.ndarray,
    yes: np.ndarray,
    voting: np.ndarray,
    seated: np.ndarray,
    population: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Whether each run's vote passes under its rule, and the share of population bound."""
    ayes = yes.sum(axis=1)
    passed = np.zeros(ayes.size, dtype=bool)
    bound = np.ones(ayes.size)
    # Only the rules in use are evaluated: most arenas never switch, so one rule holds.
    for code in np.unique(rule).tolist():
        at = rule == code
        a = ayes[at]
        if code == UNANIMITY:
            voters = voting[at].sum(axis=1)
            passed[at] = (a == voters) & (voters > 0)
        elif code == MAJORITY:
            passed[at] = a * 2 > voting[at].sum(axis=1)
        else:
            seats = seated[at].sum(axis=1)
            pop_seated = np.where(seated[at], population, 0.0).sum(axis=1)
            pop_yes = np.where(yes[at], population, 0.0).sum(axis=1)
            share = pop_yes / np.where(pop_seated > 0, pop_seated, 1.0)
            if code == QMV:
                members_ok = a * 100 >= QMV_MEMBERS_PCT * seats  # integers: exact at 55%
                population_ok = share >= QMV_POPULATION - 1e-12
                no_blocking_minority = seats - a < BLOCKING_MINORITY
                passed[at] = members_ok & (population_ok | no_blocking_minority) & (a > 0)
            else:  # enhanced cooperation binds only the willing
                passed[at] = a >= ENHANCED_MIN
                bound[at] = share
    return passed, bound


def _log_blocked(
    vote: VoteArena,
    decision: CompiledDecision,
    ballot: _Ballot,
    runs: np.ndarray,
    log: LogBuilder,
    day: int,
) -> None:
    blocked = ~ballot.passed
    log.emit(
        EventKind.DECISION_BLOCKED,
        runs[blocked],
        day,
        arena=vote.index,
        actor=ballot.blocker[blocked],
        issue=decision.issue,
    )


def _set_force(
    state: VoteState,
    model: Model,
    d: int,
    decision: CompiledDecision,
    runs: np.ndarray,
    force: np.ndarray,
) -> None:
    """Move runs' act to ``force`` (0..1), shifting its war effects by the change."""
    if runs.size == 0:
        return
    _shift(model, decision.if_in_force, runs, force - state.force[runs, d])
    state.force[runs, d] = force


def _set_lapsed(
    state: VoteState,
    model: Model,
    d: int,
    decision: CompiledDecision,
    runs: np.ndarray,
    lapsed: bool,
) -> None:
    change = runs[state.lapsed[runs, d] != lapsed]
    if change.size == 0:
        return
    _shift(model, decision.if_lapsed, change, np.full(change.size, 1.0 if lapsed else -1.0))
    state.lapsed[change, d] = lapsed


def _shift(model: Model, effects: Effects, runs: np.ndarray, amount: np.ndarray) -> None:
    """Apply ``amount`` (per run, may be negative) times each effect: add value * amount,
    or multiply by value ** amount, so entering and leaving a state cancel out."""
    params = model.params
    for col, op, value, lo, hi in zip(
        effects.cols, effects.ops, effects.values, effects.low, effects.high, strict=True
    ):
        old = params[col, runs]
        new = old + value * amount if op == OP_ADD else old * value**amount
        params[col, runs] = np.clip(new, lo, hi)
