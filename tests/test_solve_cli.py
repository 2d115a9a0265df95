"""detente solve on imported files: one model, options, --compare, --json, errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from detente.cli.main import app
from detente.solvers.registry import MODEL_NAMES

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SOE = str(DATA / "ktab" / "SOE-Pol-Comp.csv")
runner = CliRunner()


def test_solve_weighted_mean_on_bdm_table_json() -> None:
    result = runner.invoke(
        app, ["solve", str(DATA / "bdm/bdm1994_ec_emission_standards.csv"), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    years = 4 + 6 * data["models"]["weighted-mean"]["outcome"][0] / 100
    assert abs(years - 7.39) < 0.005


def test_solve_smp_prints_outcome_and_trajectory() -> None:
    result = runner.invoke(app, ["solve", SOE, "--model", "smp", "--json"])
    assert result.exit_code == 0, result.output
    smp = json.loads(result.stdout)["models"]["smp"]
    assert len(smp["trajectory"]) == 28  # 27 turns, as KTAB
    assert "27 turns" in smp["note"]
    table = runner.invoke(app, ["solve", SOE, "-m", "smp", "-o", "max_turns=3"])
    assert table.exit_code == 0 and "trajectory" in table.output


def test_compare_lists_every_model() -> None:
    result = runner.invoke(app, ["solve", SOE, "--compare", "--json"])
    assert result.exit_code == 0, result.output
    assert list(json.loads(result.stdout)["models"]) == list(MODEL_NAMES)


def test_compare_on_one_issue_marks_the_exchange_model_not_applicable() -> None:
    """Trading needs two issues; the other models still answer on the EC table."""
    ec = str(DATA / "bdm/bdm1994_ec_emission_standards.csv")
    result = runner.invoke(app, ["solve", ec, "--compare", "--json"])
    assert result.exit_code == 0, result.output
    models = json.loads(result.stdout)["models"]
    assert models["exchange"]["outcome"] == [None]
    assert models["exchange"]["note"].startswith("not applicable")
    assert abs(4 + 6 * models["weighted-mean"]["outcome"][0] / 100 - 7.39) < 0.005


def test_bad_options_give_one_line_and_exit_2() -> None:
    for args, words in (
        (["-m", "smp", "-o", "voting_rule=plurality"], "voting_rule"),
        (["-m", "smp", "-o", "nonsense=1"], "no option 'nonsense'"),
        (["-m", "smp", "-o", "max_turns=many"], "not a int"),
        (["-m", "oracle"], "unknown model"),
    ):
        result = runner.invoke(app, ["solve", SOE, *args])
        assert result.exit_code == 2
        assert words in result.output and "Traceback" not in result.output


def test_show_and_solve_accept_foreign_files() -> None:
    for name in ("decide/decide_sample_data.txt", "ktab/dummyData_3Dim.xml"):
        assert runner.invoke(app, ["show", str(DATA / name)]).exit_code == 0
        assert runner.invoke(app, ["solve", str(DATA / name), "-m", "exchange"]).exit_code == 0
