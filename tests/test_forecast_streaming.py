"""The streaming forecast summary: the same figures as the whole-log computation, memory
that does not grow with --runs, and a per-chunk filter hook."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest

from detente.analysis.diagnostics import shock_gap_values
from detente.analysis.drivers import spearman_drivers
from detente.analysis.forecast_stream import SettlementReservoir, driver_quotas
from detente.analysis.forecast_summary import forecast_summary, forecast_summary_with_runs
from detente.analysis.outcomes import agreement_indicator, month_points
from detente.analysis.question_answers import answer_default_questions
from detente.analysis.runs import select_runs, simulate_with_parameters
from detente.forecast.summaries import outcome_probabilities, settlement_summary
from detente.process import EventLog, compile_scenario, simulate
from detente.process.engine import iter_chunks
from detente.scenario import load_scenario

NAME = "ukraine-2025-12"
RUNS, CHUNK, SEED = 3000, 700, 11  # five chunks, the last one short


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(NAME)


@pytest.fixture(scope="module")
def streamed(scenario):
    return forecast_summary(scenario, runs=RUNS, seed=SEED, question_set=NAME, chunk_size=CHUNK)


def _same(a: float | None, b: float) -> bool:
    return (a is None and math.isnan(b)) or a == b


def test_streaming_summary_equals_the_whole_log_computation(scenario, streamed) -> None:
    sampled = simulate_with_parameters(
        compile_scenario(scenario), runs=RUNS, seed=SEED, chunk_size=CHUNK
    )
    log = sampled.log
    points = month_points(scenario.as_of, (3, 6, 12))
    whole = outcome_probabilities(log, [p.date for p in points])
    for k, row in enumerate(streamed.outcomes):
        for key, (shares, errors) in whole.items():
            assert row.probabilities[key] == shares[k]
            assert row.standard_errors[key] == errors[k]
        assert row.agreement == np.count_nonzero(agreement_indicator(log, points[k].day)) / RUNS
    settled = settlement_summary(log)
    for row in streamed.settlement:
        ref = settled[row.issue]
        assert row.share_settled == ref.share_settled
        for field in ("mean", "p10", "p50", "p90"):
            assert _same(getattr(row, field), getattr(ref, field)), (row.issue, field)
    horizon = (scenario.horizon - scenario.as_of).days
    drivers = spearman_drivers(
        sampled.theta, sampled.space.names, agreement_indicator(log, horizon), top=5
    )
    assert streamed.drivers == drivers and drivers
    answers, _ = answer_default_questions(scenario, log, NAME)
    assert streamed.questions == answers and answers
    # the gaps the shocks closed, streamed chunk by chunk, are the whole log's
    gaps = shock_gap_values(log)
    assert gaps.size > 20 and streamed.shock_gap is not None
    assert streamed.shock_gap == pytest.approx(tuple(np.percentile(gaps, [10, 50, 90])))
    assert "uniform sample" not in streamed.driver_method  # every run was used


def test_keeping_the_runs_gives_the_same_summary_and_the_same_log(scenario, streamed) -> None:
    kept = forecast_summary_with_runs(
        scenario, runs=RUNS, seed=SEED, question_set=NAME, chunk_size=CHUNK
    )
    assert kept.summary == streamed
    joined = simulate(scenario, runs=RUNS, seed=SEED, chunk_size=CHUNK)
    assert kept.sampled is not None
    np.testing.assert_array_equal(kept.sampled.log.kind, joined.kind)
    np.testing.assert_array_equal(kept.sampled.log.settlement_day, joined.settlement_day)


def test_iter_chunks_joined_is_simulate(scenario) -> None:
    compiled = compile_scenario(scenario)
    chunks = list(iter_chunks(compiled, runs=1500, seed=3, chunk_size=600))
    assert [c.n_runs for c in chunks] == [600, 600, 300]
    joined = EventLog.concat(chunks)
    whole = simulate(compiled, runs=1500, seed=3, chunk_size=600)
    for name in ("run", "day", "kind", "actor", "value", "settlement_day"):
        np.testing.assert_array_equal(getattr(joined, name), getattr(whole, name))


def test_chunk_filter_is_applied_before_counting(scenario, streamed) -> None:
    horizon = (scenario.horizon - scenario.as_of).days
    agreed_only = forecast_summary(
        scenario,
        runs=RUNS,
        seed=SEED,
        question_set=NAME,
        chunk_size=CHUNK,
        chunk_filter=lambda log: agreement_indicator(log, horizon),
    )
    assert agreed_only.agreement_by_horizon == 1.0
    assert agreed_only.agreement_by_horizon_se == 0.0
    # agreement by the horizon no longer varies: the drivers rank how soon instead
    assert agreed_only.driver_date < scenario.horizon.isoformat()
    assert "the median run's first agreement" in agreed_only.driver_method
    keep_all = forecast_summary(
        scenario,
        runs=RUNS,
        seed=SEED,
        question_set=NAME,
        chunk_size=CHUNK,
        chunk_filter=lambda log: np.ones(log.n_runs, dtype=bool),
    )
    assert keep_all == streamed


def test_select_runs_renumbers_and_keeps_the_parameters(scenario) -> None:
    sampled = simulate_with_parameters(compile_scenario(scenario), runs=50, seed=2)
    keep = np.zeros(50, dtype=bool)
    keep[[3, 17, 40]] = True
    chosen = select_runs(sampled, keep)
    assert chosen.log.n_runs == 3 and set(np.unique(chosen.log.run)) <= {0, 1, 2}
    np.testing.assert_array_equal(chosen.theta, sampled.theta[[3, 17, 40]])
    assert np.count_nonzero(chosen.log.run == 1) == np.count_nonzero(sampled.log.run == 17)


def test_driver_quotas_take_every_run_up_to_the_sample_size_then_a_proportional_share() -> None:
    assert driver_quotas([700, 700, 300], sample=20_000) == [700, 700, 300]
    quotas = driver_quotas([10_000] * 9 + [5_000], sample=20_000)
    assert sum(quotas) == 20_000
    # cumulative floor(20000 * 10000 k / 95000): 2105, 4210, 6315, 8421, ...
    assert quotas == [2105, 2105, 2105, 2106, 2105, 2105, 2105, 2106, 2105, 1053]


def test_settlement_reservoir_is_exact_below_capacity_and_uniform_above() -> None:
    rng = np.random.default_rng(0)
    exact = SettlementReservoir(100, rng)
    exact.add(np.arange(60, dtype=np.float32))
    exact.add(np.arange(60, 100, dtype=np.float32))
    np.testing.assert_array_equal(exact.values(), np.arange(100.0))
    sampled = SettlementReservoir(2000, np.random.default_rng(1))
    for start in range(0, 200_000, 7_000):
        sampled.add(np.arange(start, min(start + 7_000, 200_000), dtype=np.float32))
    values = sampled.values()
    assert values.size == 2000 and np.unique(values).size == 2000
    assert sampled.mean() == pytest.approx(99_999.5)  # exact, from the running sum
    # a uniform sample of 0..199999: its median within 5 SE (SE about 2,200)
    assert abs(np.median(values) - 100_000) < 11_000
    assert abs(np.mean(values < 50_000) - 0.25) < 0.05


MEMORY_PROBE = """
import resource, sys
from detente.analysis.forecast_summary import forecast_summary
from detente.scenario import load_scenario
s = load_scenario("ukraine-2025-12")
forecast_summary(s, runs=2000, seed=1, chunk_size=2000)  # imports and first chunk
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
forecast_summary(s, runs=int(sys.argv[1]), seed=1, chunk_size=2000)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base)
"""


def test_forecast_memory_does_not_grow_with_runs() -> None:
    """Peak memory above the first chunk's, for 22,000 vs 88,000 runs (both above the
    driver sample of 20,000 runs, a fixed cost): before streaming it grew about 8.9 KB a
    run (590 MB here); now it is bounded by the chunk size."""

    def growth_kb(runs: int) -> int:
        out = subprocess.run(
            [sys.executable, "-c", MEMORY_PROBE, str(runs)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert out.returncode == 0, out.stderr
        return int(out.stdout.strip())

    small, large = growth_kb(22_000), growth_kb(88_000)
    assert large - small < 30_000, (small, large)  # KB: under 30 MB for 66,000 more runs


def test_worker_processes_do_not_change_the_forecast():
    from detente.analysis.forecast_summary import forecast_summary
    from detente.scenario import load_scenario

    scenario = load_scenario("drc-m23-2025")
    one = forecast_summary(scenario, runs=3000, seed=4, chunk_size=1000, workers=1)
    two = forecast_summary(scenario, runs=3000, seed=4, chunk_size=1000, workers=2)
    assert one.to_dict() == two.to_dict()
    assert one.runs == 3000
