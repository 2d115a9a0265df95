"""Report dates: `forecast --months` for a scenario shorter than a year, and dates past the
horizon marked as such (the runs carry the dynamics on unchanged there)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pytest
from scenario_text import SMALL_SCENARIO
from typer.testing import CliRunner
from web_scenario import in_process_settings

from detente.analysis.forecast_summary import forecast_summary
from detente.analysis.outcomes import add_months, parse_months
from detente.analysis.sanity import sanity_warnings
from detente.cli.main import app
from detente.process import simulate
from detente.scenario.errors import DetenteError
from detente.scenario.loader import parse_scenario_text
from detente.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

# A four-month scenario: 3 months lies inside it, 6 and 12 months after it.
SHORT = SMALL_SCENARIO.replace("horizon: 2026-12-31", "horizon: 2026-04-04")


@pytest.fixture(scope="module")
def short_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dates") / "short.yaml"
    path.write_text(SHORT, encoding="utf-8")
    return path


def test_months_are_parsed_sorted_without_repeats() -> None:
    assert parse_months("1,2,3") == (1, 2, 3)
    assert parse_months(" 12, 3 ,3") == (3, 12)


@pytest.mark.parametrize("text", ["", "0", "1,x", "-1", "121", "1,2,3,4,5,6,7", "1.5"])
def test_bad_months_name_the_option_and_the_fix(text: str) -> None:
    with pytest.raises(DetenteError) as caught:
        parse_months(text)
    assert "--months" in caught.value.message and "e.g. --months 1,2,3" in caught.value.hint


def test_dates_after_the_horizon_are_marked_and_warned() -> None:
    scenario = parse_scenario_text(SHORT, "short.yaml")
    summary = forecast_summary(scenario, runs=300, seed=2).to_dict()
    assert [o["past_horizon"] for o in summary["outcomes"]] == [False, True, True]
    [warning] = [w for w in sanity_warnings(summary) if w.check == "past_horizon"]
    assert "6 months, 12 months" in warning.message and "2026-04-04" in warning.message

    inside = forecast_summary(scenario, runs=300, seed=2, months=(1, 2, 4)).to_dict()
    assert [o["label"] for o in inside["outcomes"]] == ["1 month", "2 months", "4 months"]
    assert not any(o["past_horizon"] for o in inside["outcomes"])
    assert not [w for w in sanity_warnings(inside) if w.check == "past_horizon"]


def test_the_figures_at_chosen_dates_are_those_of_the_runs() -> None:
    """Any agreement by each chosen date, counted by hand from the same runs' log."""
    scenario = parse_scenario_text(SHORT, "short.yaml")
    months = (1, 2, 4)
    summary = forecast_summary(scenario, runs=400, seed=5, months=months)
    log = simulate(scenario, runs=400, seed=5)
    for outcome, m in zip(summary.outcomes, months, strict=True):
        day = (add_months(scenario.as_of, m) - scenario.as_of).days
        by_hand = np.mean((log.settlement_day >= 0) & (log.settlement_day <= day))
        assert outcome.day == day and outcome.agreement == pytest.approx(by_hand)


def test_cli_months_reach_the_json_and_the_report(short_file: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.html"
    args = ["forecast", str(short_file), "--runs", "300", "--months", "2,1", "--json"]
    out = CliRunner().invoke(app, [*args, "--report", str(report)])
    assert out.exit_code == 0, out.stderr
    data = json.loads(out.stdout)
    assert [o["months"] for o in data["outcomes"]] == [1, 2]
    assert "past horizon" not in report.read_text(encoding="utf-8")

    out = CliRunner().invoke(
        app, ["forecast", str(short_file), "--runs", "300", "--report", str(report)]
    )
    assert out.exit_code == 0, out.stderr
    assert out.stdout.count("past horizon") == 2  # the 6- and 12-month column headers
    table = report.read_text(encoding="utf-8").split('id="outcomes-table"')[1].split("</table>")[0]
    assert table.count("past horizon") == 2


def test_cli_bad_months_is_one_line(short_file: Path) -> None:
    out = CliRunner().invoke(app, ["forecast", str(short_file), "--months", "0,3"])
    assert out.exit_code == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "--months" in lines[0] and "fix:" in lines[0]


def test_defaults_per_round_are_flagged_in_a_scenario_of_short_rounds(tmp_path: Path) -> None:
    """A per-round default (a hazard, a drift) was set for fortnightly rounds: in a crisis
    scenario of two-day rounds `validate` says so beside the default it uses."""

    def warnings(text: str) -> list[str]:
        path = tmp_path / "s.yaml"
        path.write_text(text, encoding="utf-8")
        out = CliRunner().invoke(app, ["validate", str(path), "--json"])
        assert out.exit_code == 0, out.stderr
        return json.loads(out.stdout)["warnings"]

    fortnightly = [w for w in warnings(SHORT) if "registry default" in w]
    short = [
        w
        for w in warnings(SHORT.replace("round_days: 14", "round_days: 2"))
        if "registry default" in w
    ]
    assert fortnightly and not any("14-day rounds" in w for w in fortnightly)
    timed = [w for w in short if "converted to this scenario's 2-day rounds" in w]
    assert timed and "in this scenario's rounds" in timed[0]
    # defaults with no time in them are not flagged, though their descriptions speak of
    # rounds: the drafting's pull, a mood's length in days, a one-off cost of walking away,
    # the hazard's growth per point of shortfall (the registry declares which are per round)
    for name in (
        "mediator_agenda_power",
        "shock_persistence_days",
        "mediator_abandon_cost",
        "breakdown_shortfall",
    ):
        assert any(f"dynamics.{name} is not set" in w for w in short), name
        assert not any(f"dynamics.{name} is not set" in w for w in timed), name
    assert any("dynamics.breakdown_hazard is not set" in w for w in timed)
    # a dependency is read by nothing, whatever roles its actors have: the hint says what
    # carries its effect instead of asking for a role (both actors here have one)
    every = warnings(SHORT.replace("round_days: 14", "round_days: 2"))
    [dependency] = [w for w in every if "relations.dependency.AAA.MED.strength" in w]
    assert "lever under the track's leverage" in dependency and "give the actor" not in dependency


def test_whatif_cli_months_and_past_horizon(short_file: Path) -> None:
    """`whatif --months` chooses its dates like `forecast`; dates after the horizon are
    marked in the JSON and the table, and its baseline is the forecast's runs."""
    args = ["whatif", str(short_file), "--runs", "300", "--seed", "5", "--workers", "1"]
    args += ["--set", "positions.AAA.line.position=40"]
    out = CliRunner().invoke(app, [*args, "--json"])
    assert out.exit_code == 0, out.stderr
    dates = json.loads(out.stdout)["comparisons"][0]["dates"]
    assert [(d["label"], d["past_horizon"]) for d in dates] == [
        ("3 months", False),
        ("6 months", True),
        ("12 months", True),
    ]
    out = CliRunner().invoke(app, [*args, "--months", "1,2,4", "--json"])
    assert out.exit_code == 0, out.stderr
    dates = json.loads(out.stdout)["comparisons"][0]["dates"]
    assert [d["label"] for d in dates] == ["1 month", "2 months", "4 months"]
    assert not any(d["past_horizon"] for d in dates)
    scenario = parse_scenario_text(SHORT, "short.yaml")
    summary = forecast_summary(scenario, runs=300, seed=5, months=(1, 2, 4))
    agreement = [next(o for o in d["outcomes"] if o["outcome"] == "agreement") for d in dates]
    assert [a["baseline"] for a in agreement] == pytest.approx(
        [o.agreement for o in summary.outcomes]
    )
    out = CliRunner().invoke(app, args)
    assert out.exit_code == 0, out.stderr
    assert out.stdout.count("past horizon") == 2


def test_dashboard_reports_at_its_months(short_file: Path) -> None:
    """`detente serve --months` (WebSettings.months) sets the dates of the forecast page
    and the what-if answers; with the default dates the what-if table marks the two that
    lie after the horizon."""

    def pages(**months) -> tuple[str, str]:
        settings = in_process_settings(short_file, runs=300, **months)
        app = create_app(settings)
        client = TestClient(app)
        forecast = client.get("/scenarios/small/forecast").text
        form = {"positions.AAA.line.position": "40"}
        whatif = client.post("/scenarios/small/whatif/run", data=form).text
        app.state.dashboard.close()
        return forecast, whatif

    forecast, whatif = pages()
    assert whatif.count("past horizon") == 2 and "12 months" in whatif
    assert "past horizon" in forecast
    forecast, whatif = pages(months=(1, 2, 4))
    assert "past horizon" not in whatif and "4 months" in whatif and "12 months" not in whatif
    assert "past horizon" not in forecast and "4 months" in forecast


def test_serve_bad_months_is_one_line() -> None:
    out = CliRunner().invoke(app, ["serve", "--months", "3,x"])
    assert out.exit_code == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "--months" in lines[0] and "fix:" in lines[0]


def test_per_round_defaults_keep_their_meaning_per_day_in_shorter_rounds() -> None:
    """A default set for fortnightly rounds is converted to the scenario's rounds: a
    hazard of 3% a fortnight is 1 - 0.97^(2/14) a two-day round, a drift of 0.3 points a
    fortnight 0.3 x 2/14, a spread of 0.5 points 0.5 x sqrt(2/14), a look-ahead of 6
    fortnights 42 two-day rounds (worked by hand); a number that is not per round stays."""
    from detente.process import compile_scenario
    from detente.scenario.dynamics import dynamic_spec

    r = 2 / 14
    expected = {
        "breakdown_hazard": 1 - 0.97**r,
        "front_drift_per_round": 0.3 * r,
        "front_noise_per_round": 0.5 * r**0.5,
        "lookahead_rounds": 6 / r,
        "concession_aversion": 1.0,
        "mediator_abandon_cost": 0.0,
    }
    for name, value in expected.items():
        assert dynamic_spec(name).default_for(2) == pytest.approx(value), name
        assert dynamic_spec(name).default_for(14) == dynamic_spec(name).default
    fortnightly = compile_scenario(parse_scenario_text(SHORT, "s.yaml"))
    short = compile_scenario(
        parse_scenario_text(SHORT.replace("round_days: 14", "round_days: 2"), "s.yaml")
    )
    for name, value in expected.items():
        col = short.column(f"dynamics.{name}")
        assert short.mode[col] == pytest.approx(value), name
        assert fortnightly.mode[fortnightly.column(f"dynamics.{name}")] == pytest.approx(
            dynamic_spec(name).default
        )
