"""The Dask engine gives the local engine's numbers, bit for bit, and stays on loopback.

One LocalCluster (2 worker processes, 127.0.0.1 only) serves the whole module. The
reference numbers are those of the plain in-memory path: process.simulate with the
same seed and chunk size, answered by forecast.forecast_questions.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from process_scenarios import build, cycle_dict
from typer.testing import CliRunner

from detente.cli.main import app
from detente.distributed import MonteCarloJob, dask_client, run_local
from detente.distributed.engines import run_on_client
from detente.distributed.results import run_indicators
from detente.forecast.evaluate import predicate_holds
from detente.forecast.forecasts import forecast_questions
from detente.forecast.question_file import load_questions
from detente.forecast.summaries import outcome_probabilities
from detente.process import compile_scenario, simulate
from detente.scenario.errors import DetenteError
from detente.store import open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
QUESTIONS = FIXTURES / "backtest_questions.yaml"
RUNS, SEED, CHUNK = 2000, 11, 600  # 3 full chunks and a partial one


@pytest.fixture(scope="module")
def client():
    with dask_client(workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def scenario():
    return build(cycle_dict())


@pytest.fixture(scope="module")
def job(scenario):
    return MonteCarloJob(
        compiled=compile_scenario(scenario),
        questions=load_questions(QUESTIONS),
        runs=RUNS,
        seed=SEED,
        chunk_size=CHUNK,
    )


@pytest.fixture(scope="module")
def reference(job):
    return simulate(job.compiled, runs=RUNS, seed=SEED, chunk_size=CHUNK)


def test_the_cluster_listens_on_loopback_only(client):
    info = client.scheduler_info()
    assert info["address"].startswith("tcp://127.0.0.1:")
    assert len(info["workers"]) == 2
    for address, worker in info["workers"].items():
        assert address.startswith("tcp://127.0.0.1:")
        assert worker["nanny"].startswith("tcp://127.0.0.1:")


def test_dask_forecasts_equal_the_local_simulation(client, job, reference, tmp_path):
    result = run_on_client(job, tmp_path / "out", client)
    expected = forecast_questions(job.questions, reference)
    assert result.forecasts() == expected  # probabilities, errors, status quo: exactly equal
    assert len(result.chunks) == 4 and sum(c["runs"] for c in result.chunks) == RUNS
    assert len(list((tmp_path / "out" / "setting=0").glob("chunk-*.parquet"))) == 4
    # not only the shares: every run's answer is the same, in run order
    per_run = run_indicators(result)
    for spec in job.questions:
        holds = predicate_holds(spec.tree, reference, text=spec.expression)
        assert np.array_equal(per_run[spec.id], holds), spec.id
    dates = job.class_dates()
    shares = outcome_probabilities(reference, dates)
    from_parquet = result.outcome_probabilities()
    for k, date in enumerate(dates):
        for name, (probs, _) in shares.items():
            assert from_parquet[date.isoformat()][name] == probs[k]


def test_local_engine_writes_the_same_results(job, reference, tmp_path):
    result = run_local(job, tmp_path / "local")
    assert result.forecasts() == forecast_questions(job.questions, reference)


def test_a_sweep_setting_equals_simulate_with_overrides(client, job, tmp_path):
    override = {"dynamics.mediator_attention": 0.3}
    sweep_job = MonteCarloJob(
        compiled=job.compiled,
        questions=job.questions,
        runs=1200,
        seed=SEED,
        chunk_size=CHUNK,
        settings=({}, override),
    )
    result = run_on_client(sweep_job, tmp_path / "sweep", client)
    for setting, overrides in enumerate(sweep_job.settings):
        log = simulate(
            job.compiled, runs=1200, seed=SEED, chunk_size=CHUNK, overrides=overrides or None
        )
        assert result.forecasts(setting) == forecast_questions(job.questions, log)
    assert result.forecasts(0) != result.forecasts(1)  # the override changed something


def test_results_never_mix_with_a_foreign_folder(job, tmp_path):
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("not ours")
    with pytest.raises(DetenteError, match="not empty"):
        run_local(job, folder)


def test_sweep_command_on_the_cluster_records_its_runs(client, scenario, tmp_path):
    path = tmp_path / "cycle.yaml"
    path.write_text(yaml.safe_dump(cycle_dict(), sort_keys=False))
    store = tmp_path / "runs.duckdb"
    scheduler = client.scheduler.address
    args = ["sweep", str(path), "--questions", str(QUESTIONS), "--runs", "1500"]
    args += ["--chunk-size", "500", "--seed", "4", "--vary", "dynamics.mediator_attention=0.3"]
    args += ["--engine", "dask", "--scheduler", scheduler, "--store", str(store), "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    baseline, what_if = doc["settings"]
    log = simulate(scenario, runs=1500, seed=4, chunk_size=500)
    expected = forecast_questions(load_questions(QUESTIONS), log)
    assert [f["probability"] for f in baseline["forecasts"]["forecasts"]] == [
        f.probability for f in expected
    ]
    assert what_if["overrides"] == {"dynamics.mediator_attention": 0.3}
    with open_store(store, read_only=True) as opened:
        runs = opened.list_runs()
        assert [r["run_id"] for r in runs] == [baseline["run_id"], what_if["run_id"]]
        assert [r["engine"] for r in runs] == ["dask", "dask"]
        assert [r["label"] for r in runs] == [None, "what-if"]
        # history shows the scenario as written unless what-ifs are asked for
        assert len(opened.history("deal_by_jun")) == 1
        assert len(opened.history("deal_by_jun", include_what_if=True)) == 2


def test_engine_errors_are_one_line(tmp_path):
    args = ["sweep", "x.yaml", "--engine", "local", "--scheduler", "tcp://127.0.0.1:1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2


def test_backtest_on_the_cluster_equals_the_local_backtest(client, tmp_path):
    from detente.backtest import backtest

    path = tmp_path / "cycle.yaml"
    path.write_text(yaml.safe_dump(cycle_dict(), sort_keys=False))
    resolutions = FIXTURES / "backtest_resolutions.yaml"
    options = {"runs": 800, "seed": 6, "chunk_size": 300, "questions": QUESTIONS}
    local = backtest([path], resolutions, **options)
    remote = backtest(
        [path], resolutions, engine="dask", scheduler=client.scheduler.address, **options
    )
    assert remote.snapshots[0].document == local.snapshots[0].document
    assert remote.pooled == local.pooled
