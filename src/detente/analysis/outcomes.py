"""Per-run outcome indicators at dates, and Monte Carlo shares with their standard errors.

Why per-run indicators and not only shares: the what-if comparison pairs run i of the
baseline with run i of the intervention (common random numbers) and needs the per-run
differences for a paired standard error; the driver ranking correlates them with the
sampled parameters.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from detente.forecast.summaries import MIN_SETTLED_RUNS
from detente.process.eventlog import EventLog, OutcomeClass
from detente.scenario.errors import DetenteError

if TYPE_CHECKING:
    from detente.scenario.schema import Scenario

AGREEMENT_CLASSES = (OutcomeClass.COMPREHENSIVE, OutcomeClass.ARMISTICE, OutcomeClass.IMPOSED)
DEFAULT_MONTHS = (3, 6, 12)
MAX_REPORT_DATES = 6
MAX_REPORT_MONTHS = 120


def class_key(outcome: OutcomeClass) -> str:
    """Stable lower-case key of an outcome class for JSON ('armistice', ...)."""
    return outcome.name.lower()


CLASS_KEYS = tuple(class_key(c) for c in OutcomeClass)


def add_months(start: dt.date, months: int) -> dt.date:
    """``start`` plus whole calendar months, clipped to the month's end (Jan 31 + 1 -> Feb 28)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class DatePoint:
    """A date the forecast reports on, with its label and its day index in the log."""

    label: str
    date: dt.date
    day: int
    # after the scenario's horizon: the runs carry its dynamics on unchanged past the time
    # it describes, so every table says so beside the figure
    past_horizon: bool = False


def parse_months(text: str) -> tuple[int, ...]:
    """Report dates as whole months after as_of, from ``"1,2,3"`` (sorted, no repeats).

    Why an option: 3/6/12 months suit a war of attrition, not a crisis whose scenario
    ends after a few weeks; dates past the horizon are extrapolations.
    """
    hint = "give whole months after as_of separated by commas, e.g. --months 1,2,3"
    parts = [p.strip() for p in text[:200].split(",")]
    if not text.strip() or any(not p.isdigit() for p in parts):
        raise DetenteError(f"--months: {text[:40]!r} is not a list of whole months", hint=hint)
    months = tuple(sorted({int(p) for p in parts}))
    if months[0] < 1 or months[-1] > MAX_REPORT_MONTHS:
        raise DetenteError(
            f"--months: each must be 1 to {MAX_REPORT_MONTHS}, got {text[:40]!r}", hint=hint
        )
    if len(months) > MAX_REPORT_DATES:
        raise DetenteError(
            f"--months: at most {MAX_REPORT_DATES} dates, got {len(months)}", hint=hint
        )
    return months


def month_points(
    as_of: dt.date, months: tuple[int, ...] = DEFAULT_MONTHS, horizon: dt.date | None = None
) -> tuple[DatePoint, ...]:
    """The report dates ``months`` after ``as_of``; those after ``horizon`` are marked."""
    points = []
    for m in months:
        date = add_months(as_of, m)
        label = "1 month" if m == 1 else f"{m} months"
        past = horizon is not None and date > horizon
        points.append(DatePoint(label, date, (date - as_of).days, past))
    return tuple(points)


def one_month_point(text: str, as_of: dt.date, horizon: dt.date, command: str) -> DatePoint:
    """The one report date of a command that measures a single horizon (``--months 3``);
    a list is refused with one line naming the command."""
    asked = parse_months(text)
    if len(asked) > 1:
        raise DetenteError(
            f"--months: {command} measures one horizon at a time, got {len(asked)}",
            hint=f"run it once per horizon, e.g. --months {asked[0]}",
        )
    return month_points(as_of, asked, horizon)[0]


def rounds_to_cover(as_of: dt.date, horizon: dt.date, round_days: int, last_day: int) -> int | None:
    """Rounds to simulate so that ``last_day`` is inside the run; None keeps the horizon default.

    The simulator stops at the scenario horizon by default; a report date beyond it
    needs more rounds (outcomes after the horizon are then extrapolations).
    """
    default = (horizon - as_of).days // round_days
    needed = last_day // round_days  # round r happens on day r * round_days
    return needed if needed > default else None


def forecast_rounds(scenario: Scenario, months: tuple[int, ...] = DEFAULT_MONTHS) -> int | None:
    """Rounds a forecast or what-if simulates: to the last report date (None: to the
    horizon)."""
    last_day = max(p.day for p in month_points(scenario.as_of, months))
    return rounds_to_cover(scenario.as_of, scenario.horizon, scenario.round_days, last_day)


def class_indicators(log: EventLog, day: int) -> dict[str, np.ndarray]:
    """Per outcome class, a bool array (n_runs,) saying whether each run is in it on ``day``."""
    classes = log.outcome_class_at(day)
    return {class_key(c): classes == int(c) for c in OutcomeClass}


def agreement_indicator(log: EventLog, day: int) -> np.ndarray:
    """Bool (n_runs,): an agreement of any kind (comprehensive, armistice, imposed) by ``day``."""
    return (log.settlement_day >= 0) & (log.settlement_day <= day)


SATURATED = 0.95
"""Above this share of runs agreeing by the horizon, the drivers rank how soon instead."""


def ranked_day(settlement_day: np.ndarray, horizon_day: int) -> int:
    """The day the drivers, open questions and tornado rank 'agreement by' on: the horizon,
    unless more than SATURATED of the runs agree by then; then the day by which half of them
    have (the median first agreement).

    Why: where nearly every run agrees, agreement by the horizon hardly varies, its rank
    correlations are noise, and what decides the case is how soon (resolve, look-ahead,
    when a text is ready), which a split at the median sees."""
    agreed = (settlement_day >= 0) & (settlement_day <= horizon_day)
    if agreed.size == 0 or agreed.mean() <= SATURATED:
        return horizon_day
    return int(np.median(settlement_day[agreed]))


def summary_ranked_day(summary: dict[str, Any], as_of: dt.date, horizon_day: int) -> int:
    """The day a forecast summary's drivers ranked agreement by (its ``driver_date``), so a
    chart of the same drivers splits the same runs."""
    date = summary.get("driver_date")
    return (dt.date.fromisoformat(date) - as_of).days if date else horizon_day


RUN_DAYS = 1_000_000  # days a run's key leaves for its day (a run lasts under 10 years)


def run_day_key(log: EventLog, day: np.ndarray | int | None = None) -> np.ndarray:
    """One sortable key per event for its run and day (``day`` instead of the event's),
    so events of one run and round can be matched across kinds; key // RUN_DAYS is the
    run."""
    return log.run.astype(np.int64) * RUN_DAYS + (log.day if day is None else day)


def share(indicator: np.ndarray) -> tuple[float, float]:
    """Monte Carlo estimate of a probability and its standard error sqrt(p(1-p)/n)."""
    n = indicator.shape[0]
    if n == 0:
        return float("nan"), float("nan")
    p = float(np.count_nonzero(indicator)) / n
    return p, float(np.sqrt(p * (1.0 - p) / n))


def paired_difference(base: np.ndarray, alt: np.ndarray) -> tuple[float, float]:
    """Mean of alt - base over paired runs (0/1 indicators) and its paired standard error.

    With common random numbers the two indicators of one run are strongly correlated,
    so the paired SE is far smaller than the unpaired sqrt(se1^2 + se2^2). It comes from
    the runs that changed (b went 1 -> 0, c went 0 -> 1) with Agresti and Min's (2005)
    half a run added to each cell of the 2x2 table: when few or no runs changed, the
    plain sd(d)/sqrt(n) is 0 or nearly so and claims a certainty that a small sample
    does not have (at 125 runs the full answer missed such a "+0.0 ± 0.0" by up to
    1.7 points). With no run changed the SE is 1/(n + 2); with many it is the plain one.
    """
    before, after = base.astype(bool), alt.astype(bool)
    n = before.shape[0]
    if n == 0:
        return float("nan"), float("nan")
    lost = int(np.count_nonzero(before & ~after))
    gained = int(np.count_nonzero(after & ~before))
    cells, total = (lost + 0.5, gained + 0.5), n + 2
    variance = sum(cells) - (cells[1] - cells[0]) ** 2 / total
    return (gained - lost) / n, float(np.sqrt(variance) / total)


@dataclass(frozen=True)
class IssueSpread:
    """Where the agreed text lands on one issue, over the runs that settled it."""

    issue: str
    settled_share: float
    mean: float | None
    standard_error: float | None
    p10: float | None
    p50: float | None
    p90: float | None
    runs_settled: int = 0


def settlement_spread(log: EventLog) -> tuple[IssueSpread, ...]:
    """Per issue: share of runs with a settled value, its mean (SE) and 10/50/90th
    percentiles (none where fewer than ``MIN_SETTLED_RUNS`` runs settle it)."""
    out = []
    for k, issue in enumerate(log.issue_ids):
        values = log.settlement[:, k].astype(np.float64)
        values = values[np.isfinite(values)]
        settled = values.size / max(log.n_runs, 1)
        if values.size < MIN_SETTLED_RUNS:
            out.append(IssueSpread(issue, settled, None, None, None, None, None, values.size))
            continue
        p10, p50, p90 = np.percentile(values, [10, 50, 90])
        se = float(values.std(ddof=1) / np.sqrt(values.size)) if values.size > 1 else None
        out.append(
            IssueSpread(
                issue,
                settled,
                float(values.mean()),
                se,
                float(p10),
                float(p50),
                float(p90),
                values.size,
            )
        )
    return tuple(out)
