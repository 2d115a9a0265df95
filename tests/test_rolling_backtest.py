"""Rolling backtest of the country-free "cycle" test scenario on SYNTHETIC monthly files.

The observed-event files written here and tests/fixtures/backtest_resolutions.yaml are
invented for the test scenario; they claim nothing about real events. The story they
tell: rounds in December, no agreement by early March; the April file then reports an
agreement in late January, which contradicts the February file (a mistake a user can
make), so no run can be kept and that month must be refused.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from process_scenarios import build, cycle_dict
from typer.testing import CliRunner

from detente.backtest.rolling import observed_files, rolling_backtest
from detente.cli.main import app
from detente.forecast.conditioning import consistent_runs
from detente.forecast.forecasts import forecast_questions
from detente.forecast.observed import load_observations
from detente.forecast.question_file import load_questions
from detente.forecast.questions.check import Vocabulary
from detente.forecast.scoring import brier_score
from detente.process import simulate

FIXTURES = Path(__file__).resolve().parent / "fixtures"
QUESTIONS = FIXTURES / "backtest_questions.yaml"
RESOLUTIONS = FIXTURES / "backtest_resolutions.yaml"
RUNS, SEED = 2000, 2
MONTHS = {
    "2026-01.yaml": "as_of: 2026-01-04\nobservations:\n"
    "  - {event: round_held, arena: talks, date: 2025-12-18}\n"
    "  - {event: agreement, arena: talks, by: 2026-01-04, happened: false}\n",
    "2026-02.yaml": "as_of: 2026-02-04\nobservations:\n"
    "  - {event: agreement, arena: talks, by: 2026-02-04, happened: false}\n",
    "2026-03.yaml": "as_of: 2026-03-04\nobservations:\n"
    "  - {event: agreement, arena: talks, by: 2026-03-04, happened: false}\n",
    "2026-04.yaml": "as_of: 2026-04-04\nobservations:\n"
    "  - {event: agreement, arena: talks, from: 2026-01-20, to: 2026-02-01, "
    "tolerance_days: 0}\n",
}


@pytest.fixture(scope="module")
def setup(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("rolling")
    snapshot = folder / "cycle.yaml"
    data = cycle_dict()
    # GAIN's private resolve makes a deal in any month uncertain (about half within a year)
    data["dynamics"]["resolve.GAIN"] = {
        "value": {"low": 8, "mode": 16, "high": 24},
        "assumption": "test",
    }
    snapshot.write_text(yaml.safe_dump(data, sort_keys=False))
    months = folder / "months"
    months.mkdir()
    for name, text in reversed(MONTHS.items()):  # order on disk must not matter
        (months / name).write_text(text)
    (months / "README.txt").write_text("not an observed-events file")
    return snapshot, months


@pytest.fixture(scope="module")
def result(setup):
    snapshot, months = setup
    return rolling_backtest(
        snapshot, [months], RESOLUTIONS, runs=RUNS, seed=SEED, questions=QUESTIONS
    )


def test_one_row_per_month_with_cumulative_observations(result, setup) -> None:
    assert [m.as_of for m in result.months] == [
        "2025-12-04",
        "2026-01-04",
        "2026-02-04",
        "2026-03-04",
        "2026-04-04",
    ]
    assert [m.observations for m in result.months] == [0, 2, 3, 4, 5]
    kept = [m.runs_kept for m in result.months]
    assert kept[0] == RUNS
    assert all(a >= b for a, b in itertools.pairwise(kept))  # events only add up
    assert [Path(f).name for f in observed_files([setup[1]])] == sorted(MONTHS)


def test_each_month_is_the_snapshot_runs_kept_by_the_observations(result, setup) -> None:
    snapshot, months = setup
    scenario = build(yaml.safe_load(snapshot.read_text()))
    log = simulate(scenario, runs=RUNS, seed=SEED)
    specs = [q for q in load_questions(QUESTIONS) if q.tree.date > scenario.as_of]
    vocabulary = Vocabulary.from_scenario(scenario)
    keep = np.ones(RUNS, dtype=bool)
    for row, name in zip(result.months[1:4], sorted(MONTHS)[:3], strict=True):
        mask, _ = consistent_runs(log, load_observations(months / name, vocabulary))
        keep &= mask
        assert row.runs_kept == int(keep.sum())
        expected = {f.id: f.probability for f in forecast_questions(specs, log.select(keep))}
        assert {s["id"]: s["probability"] for s in row.scored} == {
            qid: expected[qid] for qid in (s["id"] for s in row.scored)
        }
        # Brier by hand over the questions scored that month
        p = np.array([s["probability"] for s in row.scored])
        y = np.array([1.0 if s["outcome"] else 0.0 for s in row.scored])
        assert row.scores.model.brier == pytest.approx(brier_score(p, y), abs=1e-12)


def test_questions_close_as_the_months_pass(result) -> None:
    snapshot_row, january, february, march, _ = result.months
    assert snapshot_row.skipped == {"rounds_by_sep": "no resolution"}
    assert january.scores.n == 6
    # council_by_jan is dated 2026-01-31; council_by_apr resolved on 2026-02-01
    assert "not after as-of 2026-02-04" in february.skipped["council_by_jan"]
    assert "resolved on 2026-02-01" in february.skipped["council_by_apr"]
    assert february.scores.n == march.scores.n == 4
    # the snapshot column scores the unconditioned forecast on the same questions
    assert [s["id"] for s in march.scored] == [
        s["id"] for s in snapshot_row.scored if s["id"] in {x["id"] for x in march.scored}
    ]


def test_no_agreement_observed_lowers_the_march_deal_forecast(result) -> None:
    march = result.months[3]
    deal = next(s for s in march.scored if s["id"] == "deal_by_mar")
    assert deal["outcome"] is False
    assert deal["probability"] < deal["snapshot_probability"]
    # so its own squared error falls (the month's total also weighs the other questions,
    # whose direction depends on the model, not on the conditioning)
    assert deal["probability"] ** 2 < deal["snapshot_probability"] ** 2


def test_contradicted_month_is_refused_not_scored(result) -> None:
    april = result.months[4]
    assert april.runs_kept == 0 and april.scores is None
    assert "conditioning collapsed" in april.refused
    assert "2026-04.yaml:3:5" in april.refused or "2026-02.yaml:3:5" in april.refused


def test_rolling_backtest_command(setup) -> None:
    snapshot, months = setup
    base = ["backtest", str(snapshot), "--resolutions", str(RESOLUTIONS)]
    base += ["--questions", str(QUESTIONS), "--runs", "500", "--seed", str(SEED)]
    files = [str(months / name) for name in sorted(MONTHS)[:2]]
    out = CliRunner().invoke(app, [*base, "--observed", files[0], "--observed", files[1]])
    assert out.exit_code == 0, out.output
    assert "rolling backtest of" in out.output and "2026-02-04" in out.output
    out = CliRunner().invoke(app, [*base, "--observed", str(months), "--json"])
    assert out.exit_code == 0, out.output
    document = json.loads(out.stdout)
    assert [m["observations"] for m in document["months"]] == [0, 2, 3, 4, 5]
    assert document["months"][-1]["refused"].startswith("conditioning collapsed")
    assert document["months"][1]["scores"]["n"] == 6
    # two snapshots with --observed: one clear line, exit 2
    out = CliRunner().invoke(app, [*base, str(snapshot), "--observed", str(months)])
    assert out.exit_code == 2 and "takes one snapshot" in out.output
    out = CliRunner().invoke(app, [*base, "--observed", str(months), "--record"])
    assert out.exit_code == 2 and "records nothing" in out.output
    bad = months.parent / "bad.yaml"
    bad.write_text("- {event: round_held, arena: talk, date: 2025-12-18}\n")
    out = CliRunner().invoke(app, [*base, "--observed", str(bad)])
    assert out.exit_code == 2
    assert "bad.yaml:1:30: unknown arena 'talk'" in out.output and "did you mean" in out.output
