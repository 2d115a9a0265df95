"""The forecast's figures accumulated chunk by chunk, so memory does not grow with runs.

Each chunk of runs (an event log plus its parameter draws) is reduced to sufficient
statistics and then dropped:
- outcome classes: counts per class per report date, agreement counts per date;
- settlement: the settled values per issue (4 bytes each), exact up to
  ``EXACT_SETTLEMENT_VALUES`` per issue, beyond that a fixed-size reservoir sample
  drawn with a generator seeded from the forecast seed (quantiles then carry a sampling
  error of about 0.1 percentile points; the mean and the share settled stay exact);
- questions: yes-counts per question;
- drivers: the parameter draws and agreement indicator of at most ``DRIVER_SAMPLE_RUNS``
  runs, the first runs of each chunk in proportion to its size. Runs are i.i.d., so
  these are a uniform sample, and with up to that many runs it is every run.
With up to ``DRIVER_SAMPLE_RUNS`` runs every figure equals the whole-log computation
(``forecast.summaries``, ``drivers.spearman_drivers``, ``evaluate_question``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from detente.analysis.diagnostics import (
    follow_on_luck_counts,
    gap_percentiles,
    luck_counts,
    shock_gap_values,
)
from detente.analysis.drivers import Driver, spearman_drivers
from detente.analysis.outcomes import DatePoint, agreement_indicator, class_key, ranked_day
from detente.analysis.runs import SampledRuns
from detente.forecast.summaries import class_events_only
from detente.process.eventlog import EventLog, OutcomeClass

DRIVER_SAMPLE_RUNS = 20_000
"""Runs behind the driver ranking: the rank correlations' standard error is then about
1/sqrt(20,000) = 0.007, far below the gaps between drivers worth reporting."""
# the classes in which no agreement is in force (a truce may be)
NO_AGREEMENT_IN_FORCE = [
    int(OutcomeClass.FIGHTING_WHILE_TALKING),
    int(OutcomeClass.ABANDONED),
    int(OutcomeClass.COLLAPSED),
    int(OutcomeClass.VICTORY),
]
EXACT_SETTLEMENT_VALUES = 2_000_000
"""Settled values kept per issue before switching to a reservoir (8 MB per issue)."""


def driver_quotas(sizes: list[int], sample: int = DRIVER_SAMPLE_RUNS) -> list[int]:
    """How many of each chunk's first runs go to the driver sample (sums to min(runs, sample)).

    Proportional to the chunk sizes with cumulative rounding, so the total is exact.
    """
    runs = sum(sizes)
    if runs <= sample:
        return list(sizes)
    ends = np.cumsum(sizes)
    cuts = (sample * ends) // runs
    return np.diff(np.concatenate([[0], cuts])).astype(int).tolist()


@dataclass(frozen=True)
class ClassShares:
    """Per outcome class, shares and Monte Carlo SEs at each report date."""

    shares: dict[str, np.ndarray]
    errors: dict[str, np.ndarray]


class SettlementReservoir:
    """The settled values of one issue: all of them up to ``capacity``, then a uniform
    reservoir sample of that size (Algorithm R, vectorised per chunk)."""

    def __init__(self, capacity: int, rng: np.random.Generator) -> None:
        self.capacity = capacity
        self.rng = rng
        self.parts: list[np.ndarray] = []
        self.kept = 0
        self.seen = 0
        self.total = 0.0  # exact running sum for the mean once sampling starts
        self.sample: np.ndarray | None = None

    def add(self, values: np.ndarray) -> None:
        self.total += float(values.astype(np.float64).sum())
        if self.sample is None and self.kept + values.size <= self.capacity:
            self.parts.append(values)
            self.kept += values.size
            self.seen += values.size
            return
        if self.sample is None:
            self.sample = np.concatenate([*self.parts, values[: self.capacity - self.kept]])
            values = values[self.capacity - self.kept :]
            self.seen += self.capacity - self.kept
            self.parts = []
        # value number t (1-based, t > capacity) replaces a random slot with prob capacity/t
        t = self.seen + 1 + np.arange(values.size)
        slots = (self.rng.random(values.size) * t).astype(np.int64)
        chosen = slots < self.capacity
        # later values overwrite earlier ones in the same slot, as in the sequential loop
        self.sample[slots[chosen]] = values[chosen]
        self.seen += values.size

    def values(self) -> np.ndarray:
        if self.sample is not None:
            return self.sample.astype(np.float64)
        if not self.parts:
            return np.empty(0)
        return np.concatenate(self.parts).astype(np.float64)

    def mean(self) -> float:
        if self.seen == 0:
            return float("nan")
        return float(self.values().mean()) if self.sample is None else self.total / self.seen


class CountedQuestion(Protocol):
    """What the accumulator counts: a question file's question or an expectation's."""

    def holds(self, log: EventLog) -> np.ndarray: ...


class ForecastAccumulator:
    """Sufficient statistics of the forecast over the chunks added so far."""

    def __init__(
        self,
        points: tuple[DatePoint, ...],
        horizon_day: int,
        issue_ids: tuple[str, ...],
        questions: tuple[CountedQuestion, ...],
        seed: int,
        truces: frozenset[int] = frozenset(),
    ) -> None:
        self.points = points
        self.truces = truces  # limited deals that pause the fighting (package indices)
        # per date, runs with no agreement in force and such a truce in force
        self.truce_counts = np.zeros(len(points), dtype=np.int64)
        self.horizon_day = horizon_day
        self.issue_ids = issue_ids
        self.questions = questions
        self.runs = 0
        self.class_counts = np.zeros((len(OutcomeClass), len(points)), dtype=np.int64)
        self.agreement_counts = np.zeros(len(points), dtype=np.int64)
        self.horizon_count = 0
        self.question_counts = np.zeros(len(questions), dtype=np.int64)
        self.agreements = 0
        self.lucky_agreements = 0
        self.replacements = 0  # settlements that replaced a ceasefire, and the lucky ones
        self.lucky_replacements = 0
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(2**31 - 1,)))
        self.settled = [SettlementReservoir(EXACT_SETTLEMENT_VALUES, rng) for _ in issue_ids]
        # the gaps a shock closed in the deals it alone carried (its own stream, so the
        # settlement reservoirs draw as before)
        gap_rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(2**31 - 2,)))
        self.gaps = SettlementReservoir(EXACT_SETTLEMENT_VALUES, gap_rng)
        self.driver_theta: list[np.ndarray] = []
        self.driver_days: list[np.ndarray] = []  # each driver run's first agreement (-1: none)

    def add(self, sampled: SampledRuns, driver_quota: int) -> None:
        """Reduce one chunk; its first ``driver_quota`` runs join the driver sample."""
        log = sampled.log
        self.runs += log.n_runs
        small = class_events_only(log)
        for column, point in enumerate(self.points):
            classes = small.outcome_class_at(point.day)
            self.class_counts[:, column] += np.bincount(classes, minlength=len(OutcomeClass))
            self.agreement_counts[column] += np.count_nonzero(agreement_indicator(log, point.day))
            if self.truces:
                no_deal = np.isin(classes, NO_AGREEMENT_IN_FORCE)
                paused = log.limited_in_force_at(point.day, self.truces)
                self.truce_counts[column] += np.count_nonzero(no_deal & paused)
        agreed = agreement_indicator(log, self.horizon_day)
        self.horizon_count += int(np.count_nonzero(agreed))
        for column, reservoir in enumerate(self.settled):
            values = log.settlement[:, column]
            reservoir.add(values[~np.isnan(values)])
        for k, spec in enumerate(self.questions):
            holds = spec.holds(log)
            self.question_counts[k] += int(np.count_nonzero(holds))
        agreements, lucky = luck_counts(log)
        self.agreements += agreements
        self.lucky_agreements += lucky
        replaced, lucky = follow_on_luck_counts(log)
        self.replacements += replaced
        self.lucky_replacements += lucky
        self.gaps.add(shock_gap_values(log))
        # copies: a view would keep the whole chunk's draws alive
        self.driver_theta.append(sampled.theta[:driver_quota].copy())
        self.driver_days.append(log.settlement_day[:driver_quota].copy())

    # ------------------------------------------------------------------ results
    def share(self, count: int) -> tuple[float, float]:
        """As ``outcomes.share``: count / runs and sqrt(p (1 - p) / runs)."""
        if self.runs == 0:
            return float("nan"), float("nan")
        p = float(count) / self.runs
        return p, float(np.sqrt(p * (1.0 - p) / self.runs))

    def class_shares(self) -> ClassShares:
        """As ``summaries.outcome_probabilities``."""
        n = max(self.runs, 1)
        shares = self.class_counts.astype(np.float64) / n
        errors = np.sqrt(shares * (1.0 - shares) / n)
        return ClassShares(
            {class_key(c): shares[c.value] for c in OutcomeClass},
            {class_key(c): errors[c.value] for c in OutcomeClass},
        )

    @property
    def luck_share(self) -> float:
        """Share of agreements that a per-round shock alone carried (analysis.diagnostics)."""
        return self.lucky_agreements / self.agreements if self.agreements else 0.0

    @property
    def shock_gap(self) -> tuple[float, float, float] | None:
        """10/50/90% of the gap a shock closed in the deals it alone carried (utility
        points; analysis.diagnostics.shock_gaps), None without such deals."""
        return gap_percentiles(self.gaps.values())

    def question_share(self, k: int) -> tuple[float, float]:
        """As ``evaluate_question``: share of runs where question k holds, and its SE."""
        return self.share(int(self.question_counts[k]))

    def settlement(self, column: int) -> tuple[float, int, float, float, float, float]:
        """As ``summaries.settlement_summary``: share settled, n settled, mean, p10/p50/p90."""
        reservoir = self.settled[column]
        n = max(self.runs, 1)
        values = reservoir.values()
        if values.size:
            p10, p50, p90 = np.percentile(values, [10, 50, 90])
        else:
            p10 = p50 = p90 = float("nan")
        share = float(reservoir.seen) / n
        return share, reservoir.seen, reservoir.mean(), float(p10), float(p50), float(p90)

    @property
    def driver_day(self) -> int:
        """The day the drivers rank agreement by (``outcomes.ranked_day``)."""
        days = np.concatenate(self.driver_days) if self.driver_days else np.zeros(0, int)
        return ranked_day(days, self.horizon_day)

    def drivers(
        self, names: tuple[str, ...], top: int, day: int | None = None
    ) -> tuple[Driver, ...]:
        """Spearman drivers of agreement by ``day`` (default: ``driver_day``)."""
        if not self.driver_theta:
            return ()
        theta = np.concatenate(self.driver_theta, axis=0)
        days = np.concatenate(self.driver_days)
        agreed = (days >= 0) & (days <= (self.driver_day if day is None else day))
        return spearman_drivers(theta, names, agreed, top=top)

    @property
    def driver_runs(self) -> int:
        return int(sum(a.shape[0] for a in self.driver_days))
