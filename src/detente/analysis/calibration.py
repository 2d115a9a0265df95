"""Calibration as code: how likely is a scenario's recorded history at each value of a number.

A calibration target (``calibration:`` in the scenario) states a record up to as_of,
e.g. "of the first 4 texts drafted on the peace talks, Russia rejected 4", and names
the number it informs (``dynamics.resolve.RUS``). ``calibrate`` scans that number over
its allowed range, simulates with it fixed (common random numbers across the grid),
and reports the likelihood of the record at each value: the share of runs, among those
that drafted at least that many texts, in which the actor rejected exactly that many of
the first ones. The scenario's own range can then be read against the likelihood
interval (the values whose likelihood is at least half the best), and the posterior
(the scenario's range as a beta-PERT prior times the likelihood) gives the range a
snapshot should carry. Nothing here changes the scenario: it makes the calibration
reproducible and visible.

A persistence record ("the US drafted four texts, all rejected, and never abandoned the
talks") is scored as the share of runs, among those in which the mediator either drafted
that many texts or abandoned the track first, in which it drafted them without abandoning.
Runs with neither (an agreement came first, or the horizon) are censored. It informs what
the mediator's giving up turns on (the cost of walking away and the value of a deal against
the cost of another round); the record pins their balance, not each number, so only one of
them is calibrated.

A record may give its dates (``window``) instead of a count of texts: "Russia accepted
none of the US texts between 12 Feb and 2 Dec 2025". Its likelihood reads a span as long
from as_of: the share of runs in which the actor accepted that many texts within it (a
persistence record: among the runs that reached no agreement within it, the share in
which the mediator kept the track). Why: how many distinct texts a history held is a
judgement, and the forecast asks the sides as often as the model's cadence says; read
over the dates, the calibration counts the decisions the way the forecast does.

A renewal record ("of 21 six-monthly renewals of the sanctions since 2014, none was
vetoed") is scored on the first renewal after as_of: its simulated lapse rate q (the
share of runs in which it lapsed) stands for the chance that any one past renewal
failed, and the record's likelihood is the binomial C(n, k) q^k (1 - q)^(n - k). That
treats past renewals as independent draws of today's Council (today's positions, its
uncertainty and the threats the scenario declares). Pooling the runs' uncertainty
before raising to the n-th power makes a clean record harder to explain than holding
each run's members fixed through history would (Jensen), so the posterior errs towards a
higher veto cost. Today's Council is also more hostile to the sanctions than that of
2015-2021, which errs the same way. ``benchmarks/renewal_record.py`` measures the other
readings (each run's Council held fixed; the record conditioning every number jointly).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from detente.analysis.outcomes import agreement_indicator
from detente.process import (
    CompiledScenario,
    EventKind,
    EventLog,
    compile_scenario,
    parameter_space,
    run_batch,
)
from detente.process.engine import chunk_draws, chunk_sizes
from detente.process.voting import PASSED_RENEWED
from detente.scenario.schema import Scenario
from detente.scenario.structure import CalibrationTarget


@dataclass(frozen=True)
class CalibrationResult:
    target: CalibrationTarget
    values: np.ndarray  # grid of the parameter
    likelihood: np.ndarray  # P(record | value), per grid point
    runs_used: np.ndarray  # runs that drafted enough texts, per grid point
    scenario_range: tuple[float, float, float]  # the scenario's low, mode, high
    prior: tuple[float, float, float]  # the judgement range before the record

    @property
    def posterior(self) -> tuple[float, float, float]:
        """5%, 50%, 95% points of the prior x the likelihood."""
        return posterior_range(self.values, self.likelihood, *self.prior)

    @property
    def reproduced(self) -> bool:
        """The scenario carries the posterior (each point within 5% of the prior's width)."""
        tolerance = 0.05 * max(self.prior[2] - self.prior[0], 1e-9)
        return all(
            abs(a - b) <= tolerance
            for a, b in zip(self.scenario_range, self.posterior, strict=True)
        )

    @property
    def best(self) -> float:
        return float(self.values[int(np.argmax(self.likelihood))])

    @property
    def interval(self) -> tuple[float, float]:
        """Values whose likelihood is at least half the best (a likelihood interval)."""
        keep = self.likelihood >= 0.5 * self.likelihood.max()
        return float(self.values[keep].min()), float(self.values[keep].max())

    @property
    def verdict(self) -> str:
        low, _mode, high = self.scenario_range
        lo, hi = self.interval
        if self.likelihood.max() <= 0:
            return "the record never occurs in the simulation at any value"
        if high < lo or low > hi:
            return "the scenario's range lies outside the likelihood interval"
        if lo <= low and high <= hi:
            return "the scenario's range lies inside the likelihood interval"
        return "the scenario's range overlaps the likelihood interval"


def record_likelihood(log: EventLog, target: CalibrationTarget) -> tuple[float, int]:
    """P(of the first ``texts`` texts on the arena, ``actor`` rejected ``rejected``)."""
    if target.actor is None or target.texts is None or target.rejected is None:
        raise ValueError(f"calibration target {target.id!r} is not a record of texts")
    arena = log.arena_ids.index(target.arena)
    actor = log.actor_ids.index(target.actor)
    drafted = (log.kind == EventKind.TEXT_DRAFTED) & (log.arena == arena)
    runs, days = log.run[drafted], log.day[drafted]
    first = _rank_in_run(runs) < target.texts
    enough = np.bincount(runs, minlength=log.n_runs) >= target.texts
    key_first = runs[first].astype(np.int64) * 100_000 + days[first]
    rejected = (log.kind == EventKind.REJECTED) & (log.arena == arena) & (log.actor == actor)
    key_rej = log.run[rejected].astype(np.int64) * 100_000 + log.day[rejected]
    hits = np.isin(key_rej, key_first)
    count = np.bincount(log.run[rejected][hits], minlength=log.n_runs)
    accepted = (log.kind == EventKind.ACCEPTED) & (log.arena == arena) & (log.actor == actor)
    key_acc = log.run[accepted].astype(np.int64) * 100_000 + log.day[accepted]
    took = np.bincount(log.run[accepted][np.isin(key_acc, key_first)], minlength=log.n_runs)
    # A run that drafted too few texts and in which the actor accepted none of them is
    # censored (it says nothing about the record); one where it accepted counts against.
    used = enough | (took > 0)
    if not used.any():
        return 0.0, 0
    match = enough & (count == target.rejected)
    return float(match[used].mean()), int(used.sum())


def window_holds(log: EventLog, target: CalibrationTarget, days: int | None = None) -> np.ndarray:
    """Per run: did ``actor`` accept ``accepted`` texts on the arena within the record's
    span of days from as_of (or its last ``days``)? (A run the mediator left early
    accepted none.)"""
    if target.actor is None or target.span_days is None or target.accepted is None:
        raise ValueError(f"calibration target {target.id!r} is not a record of a window")
    arena = log.arena_ids.index(target.arena)
    actor = log.actor_ids.index(target.actor)
    span = target.span_days if days is None else min(days, target.span_days)
    took = log.events(EventKind.ACCEPTED, arena=arena, actor=actor) & (log.day <= span)
    return np.bincount(log.run[took], minlength=log.n_runs) == target.accepted


def window_record_likelihood(log: EventLog, target: CalibrationTarget) -> tuple[float, int]:
    """P(the window record holds): the share of all runs in which it held."""
    return float(window_holds(log, target).mean()), log.n_runs


def persistence_window_likelihood(
    log: EventLog, arena: str, days: int, abandoned: int
) -> tuple[float, int]:
    """P(the mediator kept ``arena`` through ``days`` days from as_of) (with ``abandoned``
    1, P(it abandoned the track within them)), among the runs that reached no agreement
    within them (an agreement ends the record: censored)."""
    a = log.arena_ids.index(arena)
    first_abandon = log.first_day(log.events(EventKind.ABANDONED, arena=a))
    settled = agreement_indicator(log, days)
    quit_first = (first_abandon >= 0) & (first_abandon <= days)
    quit_first &= ~settled | (first_abandon < log.settlement_day)
    decided = quit_first | ~settled
    if not decided.any():
        return 0.0, 0
    hit = quit_first if abandoned else ~quit_first
    return float(hit[decided].mean()), int(decided.sum())


def _rank_in_run(runs: np.ndarray) -> np.ndarray:
    """0, 1, 2, ... for each event within its run (events sorted by run, then day)."""
    return np.arange(runs.size) - np.searchsorted(runs, runs, side="left")


def renewal_likelihood(
    log: EventLog, arena: str, issue: str, renewals: int, lapsed: int
) -> tuple[float, int]:
    """P(``lapsed`` of ``renewals`` renewals lapsed) at the first renewal's simulated
    lapse rate; the second number is the runs that held that renewal."""
    a, i = log.arena_ids.index(arena), log.issue_ids.index(issue)
    here = (log.arena == a) & (log.issue == i)
    renewed = here & (log.kind == EventKind.DECISION_PASSED) & (log.value == PASSED_RENEWED)
    gone = here & (log.kind == EventKind.DECISION_LAPSED)
    days = log.day[renewed | gone]
    if days.size == 0:
        return 0.0, 0
    first = days.min()  # an act in force on as_of: every run renews it on the same day
    held = int(np.unique(log.run[(renewed | gone) & (log.day == first)]).size)
    q = int(np.unique(log.run[gone & (log.day == first)]).size) / held
    return math.comb(renewals, lapsed) * q**lapsed * (1 - q) ** (renewals - lapsed), held


def persistence_likelihood(
    log: EventLog, arena: str, texts: int, abandoned: int
) -> tuple[float, int]:
    """P(the mediator drafted ``texts`` texts on ``arena`` without abandoning it first)
    (or, with ``abandoned`` 1, P(it abandoned before)); the second number is the runs
    that decided it."""
    a = log.arena_ids.index(arena)
    drafted = np.flatnonzero(log.events(EventKind.TEXT_DRAFTED, arena=a))
    nth = drafted[_rank_in_run(log.run[drafted]) == texts - 1]
    nth_day = np.full(log.n_runs, -1)
    nth_day[log.run[nth]] = log.day[nth]
    first_abandon = log.first_day(log.events(EventKind.ABANDONED, arena=a))
    quit_first = (first_abandon >= 0) & ((nth_day < 0) | (first_abandon < nth_day))
    kept_on = (nth_day >= 0) & ~quit_first
    decided = quit_first | kept_on
    if not decided.any():
        return 0.0, 0
    hit = quit_first if abandoned else kept_on
    return float(hit[decided].mean()), int(decided.sum())


def posterior_range(
    values: np.ndarray, likelihood: np.ndarray, low: float, mode: float, high: float
) -> tuple[float, float, float]:
    """5%, 50% and 95% points of prior (beta-PERT) x likelihood on the grid."""
    if high <= low:
        return (low, mode, high)
    fine = np.linspace(values.min(), values.max(), 2001)
    like = np.interp(fine, values, likelihood)
    a = 1 + 4 * (mode - low) / (high - low)
    b = 1 + 4 * (high - mode) / (high - low)
    z = np.clip((fine - low) / (high - low), 0.0, 1.0)
    prior = np.where((fine >= low) & (fine <= high), z ** (a - 1) * (1 - z) ** (b - 1), 0.0)
    post = prior * like
    if post.sum() <= 0:
        return (float("nan"),) * 3
    cdf = np.cumsum(post) / post.sum()
    return tuple(float(np.interp(q, cdf, fine)) for q in (0.05, 0.5, 0.95))


def _with_true_value(
    compiled: CompiledScenario, column: int, value: float, *, runs: int, seed: int
) -> EventLog:
    """Runs in which the number at ``column`` truly is ``value``.

    Not an override: an override would also make the number public (its range collapses
    to the value), so the mediator would know a side's private resolve. Here the draws
    are fixed and the scenario's range stays the mediator's prior.
    """
    where = np.flatnonzero(parameter_space(compiled).columns == column)
    logs = []
    for k, size in enumerate(chunk_sizes(runs, 10_000)):
        _space, theta, rng = chunk_draws(compiled, seed, k, size)
        if where.size:
            theta[:, where[0]] = value
        logs.append(run_batch(compiled, theta, rng))
    return logs[0] if len(logs) == 1 else EventLog.concat(logs)


def calibrate(
    scenario: Scenario, *, runs: int = 2000, seed: int = 1, points: int = 9
) -> list[CalibrationResult]:
    """Likelihood of each calibration record over a grid of its parameter.

    With a declared ``prior`` the mediator holds that prior in the runs and the posterior
    is taken from it; without one the scenario's own range plays both parts.
    """
    compiled = compile_scenario(scenario)
    results = []
    for target in scenario.calibration:
        col = compiled.column(target.parameter)
        lo, hi = float(compiled.bound_low[col]), float(compiled.bound_high[col])
        scenario_range = declared_range(compiled, col)
        prior = record_prior(compiled, target)
        believed = _with_range(compiled, col, prior)
        low, mode, high = prior
        width = max(high - low, abs(mode) * 0.5, 1.0)
        grid = np.linspace(max(lo, low - width), min(hi, high + width), points)
        grid = np.unique(np.concatenate([grid, np.linspace(low, high, points)]))
        likelihood, used = [], []
        for value in grid:
            log = _with_true_value(believed, col, float(value), runs=runs, seed=seed)
            p, n = _likelihood(scenario, log, target)
            likelihood.append(p)
            used.append(n)
        results.append(
            CalibrationResult(
                target=target,
                values=grid,
                likelihood=np.array(likelihood),
                runs_used=np.array(used),
                scenario_range=scenario_range,
                prior=prior,
            )
        )
    return results


def _likelihood(scenario: Scenario, log: EventLog, target: CalibrationTarget) -> tuple[float, int]:
    if target.is_persistence_record and target.span_days is not None:
        return persistence_window_likelihood(
            log, target.arena, target.span_days, target.abandoned or 0
        )
    if target.is_persistence_record:
        return persistence_likelihood(log, target.arena, target.texts or 1, target.abandoned or 0)
    if target.span_days is not None:
        return window_record_likelihood(log, target)
    if target.decision is None:
        return record_likelihood(log, target)
    arena = next(a for a in scenario.arenas if a.id == target.arena)
    issue = next(d.issue for d in arena.decisions if d.id == target.decision)
    return renewal_likelihood(log, target.arena, issue, target.renewals or 0, target.lapsed or 0)


def record_prior(
    compiled: CompiledScenario, target: CalibrationTarget
) -> tuple[float, float, float]:
    """The judgement range before the record: its declared ``prior``, else the scenario's
    own range for the number (which then plays both parts)."""
    if target.prior is not None:
        return (target.prior.low, target.prior.mode, target.prior.high)
    return declared_range(compiled, compiled.column(target.parameter))


def declared_range(compiled: CompiledScenario, column: int) -> tuple[float, float, float]:
    """A number's declared (low, mode, high)."""
    return (
        float(compiled.low[column]),
        float(compiled.mode[column]),
        float(compiled.high[column]),
    )


def _with_range(
    compiled: CompiledScenario, column: int, prior: tuple[float, float, float]
) -> CompiledScenario:
    """The compiled scenario with one number's range replaced (the mediator's prior)."""
    low, mode, high = compiled.low.copy(), compiled.mode.copy(), compiled.high.copy()
    low[column], mode[column], high[column] = prior
    return replace(compiled, low=low, mode=mode, high=high)
