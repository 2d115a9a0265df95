"""Backtests: two snapshots of the test scenario scored on a SYNTHETIC resolutions fixture.

tests/fixtures/backtest_resolutions.yaml is hand-made for the country-free "cycle"
scenario; it claims nothing about real events. Snapshot 1 is the scenario as of
2025-12-04, snapshot 2 the same scenario as of 2026-02-15.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pytest
import yaml
from process_scenarios import build, cycle_dict
from typer.testing import CliRunner

from detente.backtest import backtest
from detente.cli.main import app
from detente.forecast.forecasts import forecast_questions
from detente.forecast.question_file import load_questions
from detente.process import simulate
from detente.store import open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
QUESTIONS = FIXTURES / "backtest_questions.yaml"
RESOLUTIONS = FIXTURES / "backtest_resolutions.yaml"
OUTCOMES = {  # the fixture, read by hand
    "deal_by_mar": False,
    "deal_by_jun": True,
    "council_by_jan": False,
    "council_by_apr": True,
    "armistice_by_dec": False,
    "quiet_jun": True,
}
RUNS, SEED = 1500, 2


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("snapshots")
    early = cycle_dict()
    late = copy.deepcopy(early)
    late["as_of"] = "2026-02-15"
    paths = []
    for name, data in (("early", early), ("late", late)):
        path = folder / f"{name}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False))
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def result(snapshots):
    return backtest(snapshots, RESOLUTIONS, runs=RUNS, seed=SEED, questions=QUESTIONS)


def test_only_real_forecasts_are_scored(result):
    early, late = result.snapshots
    assert early.skipped == {"rounds_by_sep": "no resolution"}
    assert sorted(s["id"] for s in early.scored) == sorted(OUTCOMES)
    assert set(late.skipped) == {"council_by_jan", "council_by_apr", "rounds_by_sep"}
    assert "not after as-of 2026-02-15" in late.skipped["council_by_jan"]
    assert "resolved on 2026-02-01" in late.skipped["council_by_apr"]
    assert [s.scores.n for s in result.snapshots] == [6, 4]
    assert result.pooled.n == 10


def test_forecasts_are_what_the_snapshot_simulates(result, snapshots):
    for snapshot, path in zip(result.snapshots, snapshots, strict=True):
        scenario = build(yaml.safe_load(path.read_text()))
        specs = [q for q in load_questions(QUESTIONS) if q.tree.date > scenario.as_of]
        log = simulate(scenario, runs=RUNS, seed=SEED)
        expected = {f.id: f.probability for f in forecast_questions(specs, log)}
        assert {f["id"]: f["probability"] for f in snapshot.document["forecasts"]} == expected


def test_scores_and_baselines(result):
    for snapshot in result.snapshots:
        scores = snapshot.scores
        # Brier by hand from the scored forecasts and the fixture's outcomes
        squared = [(s["probability"] - OUTCOMES[s["id"]]) ** 2 for s in snapshot.scored]
        assert scores.model.brier == pytest.approx(sum(squared) / len(squared), abs=1e-12)
        # 0.5 for everything: Brier 0.25 and log score ln 0.5 whatever happened
        assert scores.half.brier == 0.25
        assert scores.half.log == pytest.approx(math.log(0.5))
    # "nothing changes" says yes only to quiet_jun (still fighting while talking), which
    # resolved yes; it misses deal_by_jun (both snapshots) and council_by_apr (early only):
    # early 2 misses of 6, late 1 of 4, pooled 3 of 10
    early, late = result.snapshots
    assert early.scores.status_quo.brier == pytest.approx(2 / 6)
    assert late.scores.status_quo.brier == pytest.approx(1 / 4)
    assert result.pooled.status_quo.brier == pytest.approx(3 / 10)
    assert sum(b.count for b in result.pooled.model.calibration) == 10


def test_recorded_backtest_shows_in_history(snapshots, tmp_path):
    store = tmp_path / "bt.duckdb"
    backtest(
        snapshots[::-1],
        RESOLUTIONS,
        runs=300,
        seed=SEED,
        questions=QUESTIONS,
        store=store,
        record=True,
    )
    with open_store(store, read_only=True) as opened:
        rows = opened.history("deal_by_jun")
        assert [str(r["as_of"]) for r in rows] == ["2025-12-04", "2026-02-15"]
        assert {r["label"] for r in rows} == {"backtest"}
        # a question a snapshot could not forecast is not recorded for it
        assert [str(r["as_of"]) for r in opened.history("council_by_jan")] == ["2025-12-04"]


def test_backtest_command(snapshots, tmp_path):
    runner = CliRunner()
    args = ["backtest", *map(str, snapshots), "--resolutions", str(RESOLUTIONS)]
    args += ["--questions", str(QUESTIONS), "--runs", "300", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [s["scores"]["n"] for s in doc["snapshots"]] == [6, 4]
    assert doc["pooled"]["baseline_half"]["brier"] == 0.25

    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: deal_by_jun, outcome: true}\n- {id: nope, outcome: false}\n")
    args = ["backtest", str(snapshots[0]), "--resolutions", str(bad)]
    args += ["--questions", str(QUESTIONS), "--runs", "50"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "bad.yaml:2" in result.output and "unknown question id 'nope'" in result.output


def test_questions_next_to_a_snapshot_are_found(snapshots, tmp_path):
    path = tmp_path / "alone.yaml"
    path.write_text(snapshots[0].read_text())
    (tmp_path / "alone.questions.yaml").write_text(QUESTIONS.read_text())
    out = backtest([path], RESOLUTIONS, runs=100, seed=0)
    assert out.snapshots[0].scores.n == 6
