"""The report's series streamed chunk by chunk: the same figures as from the whole log of
runs, and a tornado sample that stops growing at the drivers' sample size."""

from __future__ import annotations

import pytest

from detente.analysis.forecast_summary import (
    forecast_rounds,
    forecast_summary,
    forecast_summary_with_runs,
)
from detente.analysis.runs import iter_sampled_chunks
from detente.process import compile_scenario
from detente.report.data import forecast_data_from_runs, plain
from detente.report.report_stream import ReportSeries
from detente.scenario import load_scenario

NAME = "ukraine-2025-12"
RUNS, CHUNK, SEED = 1500, 400, 5  # four chunks, the last one short


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(NAME)


def _series(scenario) -> ReportSeries:
    rounds = forecast_rounds(scenario)
    default = (scenario.horizon - scenario.as_of).days // scenario.round_days
    return ReportSeries(scenario, rounds if rounds is not None else default)


def test_streamed_series_equal_the_whole_log_over_several_chunks(scenario) -> None:
    series = _series(scenario)
    summary = forecast_summary(
        scenario, runs=RUNS, seed=SEED, chunk_size=CHUNK, chunk_sink=series.add
    )
    streamed = plain(series.forecast_data(summary))
    kept = forecast_summary_with_runs(scenario, runs=RUNS, seed=SEED, chunk_size=CHUNK)
    whole = plain(forecast_data_from_runs(scenario, kept))
    assert streamed["path"]["runs"] == RUNS
    assert streamed["event_paths"] and streamed["tornado"]["rows"]
    assert "sample_runs" not in streamed["tornado"]  # every run is in the sample
    assert streamed == whole


def test_tornado_beyond_the_driver_sample_keeps_only_the_sample(scenario) -> None:
    series = _series(scenario)
    chunks = iter_sampled_chunks(compile_scenario(scenario), runs=RUNS, seed=SEED, chunk_size=CHUNK)
    quotas = [30, 30, 30, 10]  # as driver_quotas gives beyond DRIVER_SAMPLE_RUNS runs
    for chunk, quota in zip(chunks, quotas, strict=True):
        series.add(chunk, quota)
    assert sum(t.shape[0] for t in series.theta) == sum(quotas)  # the rest was dropped
    summary = forecast_summary(scenario, runs=RUNS, seed=SEED, chunk_size=CHUNK)
    data = series.forecast_data(summary)
    assert data["tornado"]["sample_runs"] == sum(quotas)
    assert data["path"]["runs"] == RUNS  # the counted series still cover every run
    assert sum(p["runs"] for p in data["event_paths"]) <= RUNS
