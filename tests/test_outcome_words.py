"""A case without a war names its outcome classes in its own words: the same states of the
model (no agreement; a text that defers issues; an agreement that broke down), read
from the scenario's ``war:`` block, in the terminal, the what-if and the report."""

from __future__ import annotations

import copy
import re

import yaml
from process_scenarios import build, cycle_dict
from typer.testing import CliRunner

from detente.cli.main import app
from detente.report.data import report_data
from detente.report.html import render_report

WAR_WORDS = ("fighting while talking", "agreement collapsed, war resumed")
PEACE_WORDS = ("no agreement yet, talks go on", "interim agreement (issues deferred)")
WAR, PEACE = ([re.sub(r"[^a-z]", "", w) for w in words] for words in (WAR_WORDS, PEACE_WORDS))


def _without_war() -> dict:
    data = copy.deepcopy(cycle_dict())
    data.pop("war")
    data["id"] = "treaty_talks"
    return data


def _output(tmp_path, data: dict, *command: str) -> str:
    path = tmp_path / f"{data['id']}.yaml"  # one file per scenario: loads are cached by path
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    result = CliRunner().invoke(
        app, [*command, str(path), "--runs", "200", "--seed", "1"], env={"COLUMNS": "250"}
    )
    assert result.exit_code == 0, result.output
    return _letters(result.output)


def _letters(text: str) -> str:
    """Letters only: a label rich wraps inside its table cell still reads whole."""
    return re.sub(r"[^a-z]", "", text.lower())


def test_the_terminal_forecast_speaks_of_a_war_only_where_one_is_declared(tmp_path) -> None:
    at_war = _output(tmp_path, cycle_dict(), "forecast")
    assert all(w in at_war for w in WAR)
    assert not any(w in at_war for w in PEACE)
    without = _output(tmp_path, _without_war(), "forecast")
    assert all(w in without for w in PEACE)
    assert not any(w in without for w in ("fightingwhiletalking", "warresumed", "armistice"))


def test_the_whatif_table_names_the_classes_as_the_forecast_does(tmp_path) -> None:
    without = _output(
        tmp_path, _without_war(), "whatif", "--set", "dynamics.decision_noise=5", "--months", "3"
    )
    assert PEACE[0] in without and WAR[0] not in without
    assert "victory" not in without  # no front, no victory: no row, as in the forecast
    at_war = _output(
        tmp_path, cycle_dict(), "whatif", "--set", "dynamics.decision_noise=5", "--months", "3"
    )
    assert "militaryvictory" in at_war and WAR[0] in at_war


def test_the_report_names_its_rows_and_says_no_war_was_declared() -> None:
    html = render_report(report_data(build(_without_war()), runs=40, seed=1))
    assert '<th scope="row">no agreement yet, talks go on</th>' in html
    assert "fighting while talking" not in html
    assert "victory" not in html  # no front, no victory: no row, no legend, no cycle state
    html = render_report(report_data(build(cycle_dict()), runs=40, seed=1))
    assert '<th scope="row">fighting while talking</th>' in html
    assert '<th scope="row">military victory (a decisive line reached)</th>' in html


def test_outcome_rows_are_the_case_s_rows_in_its_words() -> None:
    """One rule for the what-if's terminal table, the dashboard's table and chart and the
    report: without a war no victory row; the total row named as the forecast names it."""
    from detente.analysis.outcome_words import outcome_rows

    keys = ["fighting_while_talking", "victory", "agreement"]
    assert outcome_rows(keys, at_war=False, in_force=True) == [
        (0, "no agreement yet, talks go on"),
        (2, "a new agreement reached (one was in force on as_of)"),
    ]
    assert outcome_rows(keys, at_war=True, in_force=False) == [
        (0, "fighting while talking"),
        (1, "military victory (a decisive line reached)"),
        (2, "any agreement"),
    ]
