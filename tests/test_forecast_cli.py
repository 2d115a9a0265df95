"""detente forecast: the assembled summary, its JSON contract and its determinism."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from analysis_scenario_text import HARD_TALKS
from test_sensitivity import ONE_MATTERS
from typer.testing import CliRunner

from detente.analysis.forecast_summary import forecast_summary
from detente.analysis.open_questions import open_questions
from detente.analysis.outcomes import add_months, rounds_to_cover
from detente.cli.main import app
from detente.forecast.evaluate import evaluate_question
from detente.forecast.questions import parse_question
from detente.process import simulate
from detente.scenario import parse_scenario_text

RUNS = "2000"


def no_nan(text: str) -> dict:
    def refuse(constant: str) -> None:
        raise AssertionError(f"JSON contains {constant}")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def builtin_json() -> dict:
    out = CliRunner().invoke(app, ["forecast", "--json", "--runs", RUNS])
    assert out.exit_code == 0, out.stderr
    return no_nan(out.stdout)


def test_builtin_class_probabilities_sum_to_one(builtin_json: dict) -> None:
    assert builtin_json["scenario"]["id"] == "ukraine-2025-12"
    assert [o["months"] for o in builtin_json["outcomes"]] == [3, 6, 12]
    for point in builtin_json["outcomes"]:
        assert set(point["probabilities"]) == {
            "fighting_while_talking",
            "comprehensive",
            "armistice",
            "imposed",
            "abandoned",
            "collapsed",
            "victory",
        }
        assert point["probabilities"]["victory"] == 0.0  # no decisive line declared
        assert sum(point["probabilities"].values()) == pytest.approx(1.0, abs=1e-12)
        # an agreement reached by then is in force or has collapsed since
        reached = ("comprehensive", "armistice", "imposed", "collapsed")
        agreed = sum(point["probabilities"][k] for k in reached)
        assert point["agreement"] == pytest.approx(agreed, abs=1e-12)
        for key, p in point["probabilities"].items():
            # the SE is the binomial one, sqrt(p(1-p)/n)
            expected = (p * (1 - p) / int(RUNS)) ** 0.5
            assert point["standard_errors"][key] == pytest.approx(expected)


def test_builtin_intervals_are_ordered(builtin_json: dict) -> None:
    assert len(builtin_json["settlement"]) == 8
    for row in builtin_json["settlement"]:
        if row["mean"] is None:
            continue
        assert 0 <= row["p10"] <= row["p50"] <= row["p90"] <= 100
        # at least 90% of the runs lie at or above p10 (at or below p90) on the 0..100 scale;
        # the mean itself may leave [p10, p90] when most deals sit at one value
        assert 0.9 * row["p10"] - 1e-9 <= row["mean"] <= 0.9 * row["p90"] + 10 + 1e-9


def test_builtin_sections(builtin_json: dict) -> None:
    assert builtin_json["question_set"] == "ukraine-2025-12.questions.yaml"
    assert builtin_json["questions"], "the default question set is answered"
    for q in builtin_json["questions"]:
        assert 0 <= q["probability"] <= 1
    assert 0 < len(builtin_json["drivers"]) <= 5
    assert {d["direction"] for d in builtin_json["drivers"]} <= {"raises", "lowers"}
    assert builtin_json["open_questions"]
    effects = [abs(q["effect"]) for q in builtin_json["open_questions"]]
    assert effects == sorted(effects, reverse=True)
    assert len(builtin_json["static_compromise"]) == 8


def test_same_seed_same_output_other_seed_differs() -> None:
    args = ["forecast", "--json", "--runs", "1500"]
    first = CliRunner().invoke(app, [*args, "--seed", "7"])
    again = CliRunner().invoke(app, [*args, "--seed", "7"])
    other = CliRunner().invoke(app, [*args, "--seed", "8"])
    assert first.exit_code == again.exit_code == other.exit_code == 0
    assert first.stdout == again.stdout
    assert no_nan(first.stdout)["outcomes"] != no_nan(other.stdout)["outcomes"]


def test_summary_matches_simulate_and_answers_sibling_questions(tmp_path: Path) -> None:
    scenario_path = tmp_path / "hard.yaml"
    scenario_path.write_text(HARD_TALKS)
    (tmp_path / "hard.questions.yaml").write_text(
        "- id: deal\n  question: agreement(arena=talks) by 2026-06-04\n"
    )
    scenario = parse_scenario_text(HARD_TALKS, str(scenario_path))
    summary = forecast_summary(scenario, runs=1200, seed=3, question_set=str(scenario_path))
    assert summary.question_set == "hard.questions.yaml"
    log = simulate(scenario, runs=1200, seed=3)  # the same runs (chunk seeding)
    direct = evaluate_question(parse_question("agreement(arena=talks) by 2026-06-04"), log)
    (answer,) = summary.questions
    assert answer.probability == direct.probability
    six = summary.outcomes[1]
    assert six.date == "2026-06-04"
    assert six.agreement == direct.probability  # one mediated arena: the same event


def test_drivers_find_the_parameter_that_matters() -> None:
    scenario = parse_scenario_text(ONE_MATTERS, "one.yaml")
    summary = forecast_summary(scenario, runs=3000, seed=1)
    top = summary.drivers[0]
    # more value on fighting on for AAA -> fewer agreements
    assert top.parameter == "dynamics.resolve.AAA"
    assert top.direction == "lowers" and top.spearman < -0.3


def test_open_questions_rank_relative_width() -> None:
    # resolve.AAA spans 90 of the registry's 200 points (45%), AAA's capability 20 of
    # 100 (20%); BBB's line position cites evidence, so it is not an open question.
    rows = open_questions(parse_scenario_text(ONE_MATTERS, "one.yaml"))
    assert [(q.path, round(q.relative_width, 3)) for q in rows] == [
        ("dynamics.resolve.AAA", 0.45),
        ("actors.AAA.capability", 0.2),
    ]


def test_a_sourced_number_whose_size_is_assumed_is_an_open_question() -> None:
    """Evidence with an assumption beside it gives the direction and leaves the size to
    judgement: such a number is an open question, marked as evidenced, and `show` says
    both where it comes from. (On a Sudan trial the top driver, the army's resolve, was of
    that kind and went unlisted, shown as sourced.)"""
    from detente.scenario.structure_view import _basis

    text = ONE_MATTERS.replace(
        "salience: 70,\n     evidence: [e1]}",
        "salience: 70,\n     evidence: [e1], assumption: the size is a judgement}",
    )
    assert text != ONE_MATTERS
    rows = {q.path: q for q in open_questions(parse_scenario_text(text, "one.yaml"))}
    line = rows["positions.BBB.line.position"]
    assert line.evidenced and line.assumption == "the size is a judgement"
    assert not rows["dynamics.resolve.AAA"].evidenced
    assert "positions.BBB.line.position" not in {
        q.path for q in open_questions(parse_scenario_text(ONE_MATTERS, "one.yaml"))
    }
    position = parse_scenario_text(text, "one.yaml").positions[2]
    assert _basis(position) == "evidence: e1; assumption: the size is a judgement"


def test_the_forecast_marks_an_open_question_whose_direction_is_evidenced(
    builtin_json: dict,
) -> None:
    """The built-in snapshot's calibrated resolve has evidence and a stated prior: it is
    listed, marked evidenced, and the table says so."""
    listed = {q["path"]: q for q in builtin_json["open_questions"]}
    assert listed["dynamics.resolve.RUS"]["evidenced"] is True
    assert all(q["assumption"] for q in listed.values())
    out = subprocess.run(  # its own process: the console reads COLUMNS when it starts
        [sys.executable, "-m", "detente.cli.main", "forecast", "--runs", RUNS],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "1000"},
    )
    assert out.returncode == 0, out.stderr
    table = out.stdout.split("open questions:")[1]
    row = next(line for line in table.splitlines() if "dynamics.resolve.RUS" in line)
    assert "(direction evidenced)" in row


def test_open_questions_rank_by_effect_on_the_forecast_runs() -> None:
    # resolve.AAA narrowed to 0..30 (15% of its registry range) now spans less than AAA's
    # capability (20%), but it decides the talks: with the runs at hand it comes first,
    # with the same rho as among the drivers; without runs the wider number leads.
    text = ONE_MATTERS.replace("{low: -30, mode: 0, high: 60}", "{low: 0, mode: 15, high: 30}")
    scenario = parse_scenario_text(text, "one.yaml")
    assert [q.path for q in open_questions(scenario)][:2] == [
        "actors.AAA.capability",
        "dynamics.resolve.AAA",
    ]
    summary = forecast_summary(scenario, runs=3000, seed=1)
    first, second = summary.open_questions[:2]
    assert first.path == "dynamics.resolve.AAA" and second.path == "actors.AAA.capability"
    driver = next(d for d in summary.drivers if d.parameter == first.path)
    assert first.effect == driver.spearman and first.effect < -0.3
    assert abs(second.effect) < abs(first.effect) / 3


def test_an_effect_within_the_noise_counts_as_none() -> None:
    # Over 10,000 ranked runs a rho of 0 has a standard error of 0.01: |rho| under 0.02 is
    # noise, so the wider number (capability, 20% against resolve's 15%) comes first again.
    text = ONE_MATTERS.replace("{low: -30, mode: 0, high: 60}", "{low: 0, mode: 15, high: 30}")
    scenario = parse_scenario_text(text, "one.yaml")
    effects = {"dynamics.resolve.AAA": -0.019, "actors.AAA.capability": 0.001}
    rows = open_questions(scenario, effects=effects, ranked_runs=10_000)
    assert [(q.path, q.effect) for q in rows] == [
        ("actors.AAA.capability", 0.0),
        ("dynamics.resolve.AAA", 0.0),
    ]
    rows = open_questions(scenario, effects=effects, ranked_runs=100)  # floor 0.2: all noise
    assert rows[0].path == "actors.AAA.capability"
    rows = open_questions(scenario, effects={"dynamics.resolve.AAA": -0.021}, ranked_runs=10_000)
    assert (rows[0].path, rows[0].effect) == ("dynamics.resolve.AAA", -0.021)


def test_month_arithmetic() -> None:
    assert add_months(dt.date(2025, 12, 4), 3) == dt.date(2026, 3, 4)
    assert add_months(dt.date(2025, 12, 4), 12) == dt.date(2026, 12, 4)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    # rounds fall on days 14, 28, ...: the horizon (181 days) gives 12 rounds (day 168),
    # which already covers day 180; day 365 needs 365 // 14 = 26 rounds
    assert rounds_to_cover(dt.date(2026, 1, 1), dt.date(2026, 7, 1), 14, 180) is None
    assert rounds_to_cover(dt.date(2026, 1, 1), dt.date(2026, 7, 1), 14, 365) == 26


@pytest.mark.parametrize("args", [["forecast", "no-such-scenario"], ["forecast", "--runs", "1"]])
def test_user_errors_are_one_line(args: list[str]) -> None:
    out = CliRunner().invoke(app, args)
    assert out.exit_code == 2
    assert len(out.stderr.strip().splitlines()) == 1


def test_text_output_has_every_section() -> None:
    out = CliRunner().invoke(app, ["forecast", "--runs", "500"])
    assert out.exit_code == 0, out.stderr
    for heading in (
        "where the talks stand",
        "settlement per issue",
        "top drivers",
        "default questions",
        "open questions",
        "static compromise model",
    ):
        assert heading in out.stdout


def test_forecast_can_also_write_the_html_report(tmp_path: Path) -> None:
    target = tmp_path / "out" / "forecast.html"
    out = CliRunner().invoke(app, ["forecast", "--json", "--runs", "500", "--report", str(target)])
    assert out.exit_code == 0, out.stderr
    assert no_nan(out.stdout)["report"] == str(target)
    html = target.read_text(encoding="utf-8")
    assert "ukraine-2025-12" in html
    assert 'src="http' not in html and "<script src" not in html


def test_the_suggested_calibrate_command_names_the_file_a_copy_was_loaded_from(
    tmp_path: Path,
) -> None:
    """A copy keeps the built-in's id: 'calibrate <id>' would read the built-in, not it."""
    from detente.scenario.loader import builtin_path

    copy = tmp_path / "my copy.yaml"
    copy.write_text(builtin_path("ukraine-2025-12").read_text(encoding="utf-8"), encoding="utf-8")
    out = CliRunner().invoke(app, ["forecast", str(copy), "--json", "--runs", "200"])
    assert out.exit_code == 0, out.stderr
    scenario = no_nan(out.stdout)["scenario"]
    assert scenario["id"] == "ukraine-2025-12"
    assert scenario["named_as"] == f"'{copy}'"  # quoted for the shell: the path has a space
    wide = {"COLUMNS": "1000"}  # rich would fold a long path inside the token
    text = CliRunner().invoke(app, ["forecast", str(copy), "--runs", "200"], env=wide)
    assert text.exit_code == 0, text.stderr
    flat = " ".join(text.stdout.split())
    assert f"detente calibrate '{copy}' --joint" in flat
    assert "detente calibrate ukraine-2025-12 --joint" not in flat
    page = tmp_path / "report.html"
    written = CliRunner().invoke(app, ["report", str(copy), "--runs", "200", "--output", str(page)])
    assert written.exit_code == 0, written.stderr
    html = page.read_text(encoding="utf-8")
    assert f"detente calibrate &#39;{copy}&#39; --joint" in html  # escaped, the copy's path
