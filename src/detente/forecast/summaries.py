"""Whole-log summaries: outcome-class probabilities by date, settlement per issue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from detente.process.eventlog import CLASS_ENDS, TALKS_TOGGLES, EventLog, OutcomeClass


def outcome_probabilities(
    log: EventLog, dates: Sequence[dt.date]
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per outcome class (lower-case name, as in ``state(class=...)``): the share of runs
    in that class on each date, and its Monte Carlo standard error; arrays of len(dates)."""
    n = max(int(log.n_runs), 1)
    counts = np.zeros((len(OutcomeClass), len(dates)), dtype=np.float64)
    small = class_events_only(log)
    for column, date in enumerate(dates):  # a handful of dates; runs stay vectorised
        classes = small.outcome_class_at(small.day_of(date))
        counts[:, column] = np.bincount(classes, minlength=len(OutcomeClass))
    shares = counts / n
    errors = np.sqrt(shares * (1.0 - shares) / n)
    return {c.name.lower(): (shares[c.value], errors[c.value]) for c in OutcomeClass}


def class_events_only(log: EventLog) -> EventLog:
    """The same log keeping only the events that decide the outcome class (``CLASS_ENDS``
    and ``TALKS_TOGGLES``, which ``outcome_class_at`` reads): one pass over the big arrays
    instead of one per date."""
    keep = np.isin(log.kind, [*CLASS_ENDS, *TALKS_TOGGLES])
    columns = ("run", "day", "kind", "arena", "actor", "issue", "value")
    return replace(log, **{name: getattr(log, name)[keep] for name in columns})


# Fewer runs than this that settle an issue give no settlement figures in the forecast,
# the report or a what-if, only their count: an 80% interval (p10-p90) needs at least
# two runs beyond each of its ends, and one run's value read as "the median" misled a new
# analyst (Ethiopia: disarmament "settled at 10, 80% interval 10-10" from 1 run of 4,000).
MIN_SETTLED_RUNS = 20


@dataclass(frozen=True)
class IssueSettlement:
    """Where an issue settled, over the runs whose agreement settled it (NaN if none did)."""

    issue: str
    share_settled: float
    n_settled: int
    mean: float
    p10: float
    p50: float
    p90: float


def settlement_summary(log: EventLog) -> dict[str, IssueSettlement]:
    """Per issue: mean and 10/50/90th percentiles of the agreed value, and the share settled."""
    values = np.asarray(log.settlement, dtype=np.float64)
    n = max(int(log.n_runs), 1)
    out: dict[str, IssueSettlement] = {}
    settled = ~np.isnan(values)
    counts = settled.sum(axis=0)
    for column, issue in enumerate(log.issue_ids):
        chosen = values[settled[:, column], column]
        if chosen.size:
            p10, p50, p90 = np.percentile(chosen, [10, 50, 90])
            mean = float(chosen.mean())
        else:
            mean = p10 = p50 = p90 = float("nan")
        out[issue] = IssueSettlement(
            issue=issue,
            share_settled=float(counts[column]) / n,
            n_settled=int(counts[column]),
            mean=mean,
            p10=float(p10),
            p50=float(p50),
            p90=float(p90),
        )
    return out
