"""Everything ``detente forecast`` shows, assembled once as plain data.

The CLI, the HTML report and the web dashboard all call ``forecast_summary`` and only
format its result; ``ForecastSummary.to_dict`` gives the stable JSON keys (those of
the dataclasses below): scenario, runs, seed, outcomes[{label, months, date, day,
probabilities{class}, standard_errors{class}, agreement, agreement_se}],
agreement_by_horizon(_se), settlement[{issue, name, status_quo, share_settled, mean,
p10, p50, p90}], drivers[{parameter, spearman, direction}], driver_method,
questions[{id, text, question, date, probability, standard_error}], question_set,
open_questions[{path, low, mode, high, relative_width, assumption}],
static_compromise[{issue, name, status_quo, weighted_mean, weighted_median, mean}].
Class keys: fighting_while_talking, comprehensive, armistice, imposed, abandoned.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np

from detente.analysis.compromise_section import CompromiseRow, static_compromise
from detente.analysis.drivers import Driver, spearman_drivers
from detente.analysis.open_questions import OpenQuestion, open_questions
from detente.analysis.outcomes import (
    CLASS_KEYS,
    DEFAULT_MONTHS,
    agreement_indicator,
    month_points,
    rounds_to_cover,
    share,
)
from detente.analysis.question_answers import QuestionAnswer, answer_default_questions
from detente.analysis.runs import DEFAULT_CHUNK, SampledRuns, simulate_with_parameters
from detente.forecast.summaries import outcome_probabilities, settlement_summary
from detente.process import compile_scenario
from detente.process.eventlog import EventLog
from detente.scenario.errors import DetenteError
from detente.scenario.schema import Scenario

DEFAULT_RUNS = 20_000
DEFAULT_SEED = 20251204
DRIVER_METHOD = (
    "Spearman rank correlation between each sampled parameter and the per-run indicator "
    "'agreement of any kind by the horizon' (marginal and monotone; see detente sensitivity)"
)


@dataclass(frozen=True)
class OutcomesAtDate:
    label: str
    months: int
    date: str
    day: int
    probabilities: dict[str, float]  # outcome class -> share of runs (sums to 1)
    standard_errors: dict[str, float]
    agreement: float  # any agreement (comprehensive + armistice + imposed) by the date
    agreement_se: float


@dataclass(frozen=True)
class IssueForecast:
    issue: str
    name: str
    status_quo: float
    share_settled: float  # runs whose agreement settled this issue by the horizon
    mean: float | None  # over those runs
    p10: float | None
    p50: float | None
    p90: float | None


@dataclass(frozen=True)
class ForecastSummary:
    scenario: dict[str, Any]
    runs: int
    seed: int
    outcomes: tuple[OutcomesAtDate, ...]
    agreement_by_horizon: float
    agreement_by_horizon_se: float
    settlement: tuple[IssueForecast, ...]
    drivers: tuple[Driver, ...]
    driver_method: str
    questions: tuple[QuestionAnswer, ...]
    question_set: str | None
    open_questions: tuple[OpenQuestion, ...]
    static_compromise: tuple[CompromiseRow, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO strings, NaN as null."""
        return _clean(asdict(self))


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _number(value: float) -> float | None:
    return None if not math.isfinite(value) else float(value)


@dataclass(frozen=True)
class SummarisedRuns:
    """A forecast summary and the very runs behind it.

    Why: the report also draws per-round series (cycle states, outcome path) from the
    runs; handing them over saves simulating the same runs a second time.
    """

    summary: ForecastSummary
    sampled: SampledRuns  # event log + parameter draws of the runs summarised
    rounds: int | None  # rounds simulated; None = up to the scenario horizon


def forecast_summary(
    scenario: Scenario,
    *,
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    months: tuple[int, ...] = DEFAULT_MONTHS,
    top_drivers: int = 5,
    top_open_questions: int = 8,
    question_set: str | None = None,
    chunk_size: int = DEFAULT_CHUNK,
) -> ForecastSummary:
    """Simulate ``scenario`` and summarise: outcome classes by date, settlement, drivers,
    the default question set (``question_set``: a built-in name), open questions."""
    return forecast_summary_with_runs(
        scenario,
        runs=runs,
        seed=seed,
        months=months,
        top_drivers=top_drivers,
        top_open_questions=top_open_questions,
        question_set=question_set,
        chunk_size=chunk_size,
    ).summary


def forecast_summary_with_runs(
    scenario: Scenario,
    *,
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    months: tuple[int, ...] = DEFAULT_MONTHS,
    top_drivers: int = 5,
    top_open_questions: int = 8,
    question_set: str | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    keep_runs: Callable[[EventLog], np.ndarray] | None = None,
) -> SummarisedRuns:
    """``forecast_summary``, plus the simulated runs it summarised (one Monte Carlo pass).

    ``keep_runs`` (a bool mask over runs, e.g. forecast.conditioning.RunFilter) limits
    the summary to some runs: those consistent with observed events."""
    if runs < 2:
        raise DetenteError(f"runs must be at least 2, got {runs}", hint="use --runs 20000")
    points = month_points(scenario.as_of, months)
    horizon_day = (scenario.horizon - scenario.as_of).days
    rounds = rounds_to_cover(
        scenario.as_of, scenario.horizon, scenario.round_days, max(p.day for p in points)
    )
    compiled = compile_scenario(scenario)
    sampled = simulate_with_parameters(
        compiled, runs=runs, seed=seed, chunk_size=chunk_size, rounds=rounds
    )
    if keep_runs is not None:
        keep = keep_runs(sampled.log)
        sampled = replace(sampled, log=sampled.log.select(keep), theta=sampled.theta[keep])
    log = sampled.log
    probabilities = outcome_probabilities(log, [p.date for p in points])
    outcomes = []
    for k, (point, m) in enumerate(zip(points, months, strict=True)):
        p_any, se_any = share(agreement_indicator(log, point.day))
        outcomes.append(
            OutcomesAtDate(
                point.label,
                m,
                point.date.isoformat(),
                point.day,
                {c: float(probabilities[c][0][k]) for c in CLASS_KEYS},
                {c: float(probabilities[c][1][k]) for c in CLASS_KEYS},
                p_any,
                se_any,
            )
        )
    agreed = agreement_indicator(log, horizon_day)
    p_horizon, se_horizon = share(agreed)
    settled = settlement_summary(log)
    settlement = tuple(
        IssueForecast(
            issue.id,
            issue.name,
            float(issue.status_quo.mode),
            settled[issue.id].share_settled,
            _number(settled[issue.id].mean),
            _number(settled[issue.id].p10),
            _number(settled[issue.id].p50),
            _number(settled[issue.id].p90),
        )
        for issue in scenario.issues
    )
    drivers = spearman_drivers(sampled.theta, sampled.space.names, agreed, top=top_drivers)
    answers, set_name = answer_default_questions(scenario, log, question_set)
    summary = ForecastSummary(
        scenario={
            "id": scenario.id,
            "title": scenario.title,
            "as_of": scenario.as_of.isoformat(),
            "horizon": scenario.horizon.isoformat(),
            "round_days": scenario.round_days,
            "actors": len(scenario.actors),
            "issues": len(scenario.issues),
            "arenas": len(scenario.arenas),
            "uncertain_parameters": len(sampled.space.names),
        },
        runs=log.n_runs,  # the runs summarised (fewer when conditioned on observations)
        seed=seed,
        outcomes=tuple(outcomes),
        agreement_by_horizon=p_horizon,
        agreement_by_horizon_se=se_horizon,
        settlement=settlement,
        drivers=drivers,
        driver_method=DRIVER_METHOD,
        questions=answers,
        question_set=set_name,
        open_questions=open_questions(scenario, top_open_questions),
        static_compromise=static_compromise(scenario),
    )
    return SummarisedRuns(summary, sampled, rounds)
