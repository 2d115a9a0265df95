"""Everything the report and the dashboard show, as one JSON-ready dict.

Why one dict: the HTML report, the chart files, the dashboard pages and their JSON
endpoints all present the same numbers; computing them once here keeps them
identical everywhere. The forecast numbers themselves (class probabilities at 3/6/12
months, settlement intervals, drivers, question answers) come from the analysis
package; this module only adds what is purely presentational: the outcome path at
every round, the cycle states per round, the position map and the evidence table.
"""

from __future__ import annotations

import math
from dataclasses import asdict, is_dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from detente.analysis.drivers import tornado
from detente.analysis.outcomes import DEFAULT_MONTHS, agreement_indicator, summary_ranked_day
from detente.analysis.sanity import sanity_warnings
from detente.report.cycle import cycle_shares, outcome_path
from detente.report.report_stream import ReportSeries
from detente.report.scenario_view import evidence_table, position_map_data, scenario_overview
from detente.report.series import (
    event_path_shares,
    network,
    path_standard_errors,
    settlement_distribution,
)
from detente.scenario.schema import Scenario
from detente.scenario.structure_view import describe_structure

if TYPE_CHECKING:
    from detente.analysis.forecast_summary import ForecastSummary, SummarisedRuns
    from detente.analysis.runs import ChunkFilter


def plain(value: Any) -> Any:
    """Dataclasses, numpy values, dates and NaN made JSON-ready (NaN -> None)."""
    if is_dataclass(value) and not isinstance(value, type):
        return plain(asdict(value))
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, np.generic):
        return plain(value.item())
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _rounds(scenario: Scenario) -> int:
    return max((scenario.horizon - scenario.as_of).days // scenario.round_days, 1)


def forecast_data(
    scenario: Scenario,
    *,
    runs: int,
    seed: int,
    question_set: str | None = None,
    chunk_filter: ChunkFilter | None = None,
    workers: int = 1,
    months: tuple[int, ...] = DEFAULT_MONTHS,
) -> tuple[ForecastSummary, dict[str, Any]]:
    """The forecast summary of ``scenario`` and, with it, the per-round presentation series.

    One Monte Carlo pass, streamed: each chunk of runs feeds the summary and the
    report's series (``report_stream``) and is dropped, so memory does not grow with
    ``runs``.
    """
    from detente.analysis.forecast_summary import forecast_rounds, forecast_summary

    rounds = forecast_rounds(scenario, months)
    series = ReportSeries(scenario, rounds if rounds is not None else _rounds(scenario))
    summary = forecast_summary(
        scenario,
        runs=runs,
        seed=seed,
        months=months,
        question_set=question_set,
        chunk_filter=chunk_filter,
        workers=workers,
        chunk_sink=series.add,
    )
    return summary, series.forecast_data(summary)


def forecast_data_from_runs(scenario: Scenario, summarised: SummarisedRuns) -> dict[str, Any]:
    """The summary plus the per-round series, read off the whole log of kept runs.

    The reference computation that the streamed ``forecast_data`` equals up to
    ``DRIVER_SAMPLE_RUNS`` runs; it holds every run in memory.
    """
    from detente.process import OutcomeClass

    log = summarised.sampled.log
    rounds = summarised.rounds
    n_rounds = rounds if rounds is not None else _rounds(scenario)
    cycle = cycle_shares(log, n_rounds)
    days = np.arange(0, n_rounds + 1) * scenario.round_days
    path = outcome_path(log, days)
    summary = summarised.summary.to_dict()
    sampled = summarised.sampled
    horizon_day = (scenario.horizon - scenario.as_of).days
    return {
        "summary": summary,
        "sanity": [w.to_dict() for w in sanity_warnings(summary)],
        "path": {
            "days": days.tolist(),
            "dates": [log.date_of(int(d)).isoformat() for d in days],
            "horizon": scenario.horizon.isoformat(),
            "classes": [c.name.lower() for c in OutcomeClass],
            "probabilities": path.tolist(),
            "standard_errors": path_standard_errors(path, log.n_runs).tolist(),
            "runs": log.n_runs,
        },
        "tornado": tornado(
            sampled.theta,
            sampled.space.names,
            agreement_indicator(log, summary_ranked_day(summary, scenario.as_of, horizon_day)),
            [d["parameter"] for d in summary["drivers"]],
        ),
        "event_paths": event_path_shares(log),
        "settlement_distribution": settlement_distribution(
            scenario, log, summary["static_compromise"]
        ),
        "cycle": {
            "rounds": cycle.rounds.tolist(),
            "states": list(cycle.states),
            "shares": cycle.shares.tolist(),
        },
    }


def scenario_data(scenario: Scenario) -> dict[str, Any]:
    """The parts that need no simulation: overview, position map, evidence table."""
    return plain(
        {
            "scenario": scenario_overview(scenario),
            "positions": position_map_data(scenario),
            "evidence": evidence_table(scenario),
            "network": network(scenario),
            "structure": describe_structure(scenario),
        }
    )


def report_data(
    scenario: Scenario,
    *,
    runs: int,
    seed: int,
    question_set: str | None = None,
    months: tuple[int, ...] = DEFAULT_MONTHS,
) -> dict[str, Any]:
    """Scenario overview, position map, evidence table and the forecast, all JSON-ready."""
    return forecast_and_report_data(
        scenario, runs=runs, seed=seed, question_set=question_set, months=months
    )[1]


def forecast_and_report_data(
    scenario: Scenario,
    *,
    runs: int,
    seed: int,
    question_set: str | None = None,
    chunk_filter: ChunkFilter | None = None,
    workers: int = 1,
    months: tuple[int, ...] = DEFAULT_MONTHS,
) -> tuple[ForecastSummary, dict[str, Any]]:
    """The forecast summary and ``report_data`` from one streamed Monte Carlo pass
    (``detente forecast --report``)."""
    summary, forecast = forecast_data(
        scenario,
        runs=runs,
        seed=seed,
        question_set=question_set,
        chunk_filter=chunk_filter,
        workers=workers,
        months=months,
    )
    return summary, _assembled(scenario, forecast, summary.runs, seed)


def report_data_from_runs(scenario: Scenario, summarised: SummarisedRuns) -> dict[str, Any]:
    """``report_data`` from the whole log of a forecast's runs (the reference computation)."""
    forecast = forecast_data_from_runs(scenario, summarised)
    return _assembled(scenario, forecast, summarised.summary.runs, summarised.summary.seed)


def _assembled(
    scenario: Scenario, forecast: dict[str, Any], runs: int, seed: int
) -> dict[str, Any]:
    return {
        **scenario_data(scenario),
        "forecast": plain(forecast),
        "runs": runs,
        "seed": seed,
    }
