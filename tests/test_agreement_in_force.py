"""A snapshot taken under an agreement: ``war: in_force`` starts every run under it.

A Gaza trial: after the October 2025 deal, `update` wrote a snapshot that still had the war
on and no way to say "phase one in force, phase two under negotiation". The test war is
the cycle war under its ceasefire ('truce': the line settled at 40, the alliance deferred),
signed before as_of.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest
import yaml
from process_scenarios import A, build, cycle_dict, scenario_file, with_dynamics
from typer.testing import CliRunner
from web_scenario import in_process_settings

from detente.cli.main import app
from detente.forecast.evaluate import predicate_holds
from detente.forecast.questions import parse_question
from detente.process import EventKind, OutcomeClass, compile_scenario, simulate
from detente.scenario.errors import ScenarioError
from detente.scenario.loader import parse_scenario_text

K = EventKind
DEAL = {"track": "talks", "package": "truce", "signed": "2025-12-01", "terms": {"territory": 40}}


def under_truce(**dynamics: float) -> dict:
    data = copy.deepcopy(cycle_dict())
    data["war"]["in_force"] = {**DEAL, "assumption": A}
    return with_dynamics(data, **dynamics) if dynamics else data


def _holds(log, text: str) -> np.ndarray:
    return predicate_holds(parse_question(text), log)


def test_every_run_starts_under_the_agreement_and_no_deal_is_counted_reached():
    log = simulate(compile_scenario(build(under_truce(breakdown_hazard=0))), runs=300, seed=1)
    assert np.all(log.outcome_class_at(0) == OutcomeClass.ARMISTICE)
    assert np.all(log.front[:, 0] == 40.0)  # the agreed line is the line of control
    assert np.all(log.front == 40.0)  # and it holds: nothing breaks it, nobody fights
    assert not log.events(K.AGREEMENT).any() and np.all(log.settlement_day == -1)
    assert not log.events(K.ROUND_HELD).any()  # the talks ended with it (no talks_continue)
    assert _holds(log, "state(terms=ceasefire) on 2026-06-01").all()
    assert not _holds(log, "agreement() by 2026-06-01").any()  # none reached after as_of
    assert _holds(log, "outcome(issue=territory) == 40 by 2025-12-04").all()


def test_it_breaks_down_like_any_agreement_and_the_war_resumes_from_its_line():
    log = simulate(compile_scenario(build(under_truce())), runs=600, seed=2)
    broke = log.first_day(log.events(K.BREAKDOWN))
    assert (broke > 0).sum() > 50
    for run in np.flatnonzero(broke > 0)[:40]:
        r = broke[run] // 14
        assert np.all(log.front[run, :r] == 40.0)  # held until the round it broke
    reached = log.settlement_day >= 0  # a deal reached after as_of is a new one
    assert reached.any() and np.all(log.settlement_day[reached] > 0)
    assert np.all((broke[reached] > 0) & (broke[reached] <= log.settlement_day[reached]))


def test_a_phased_deal_keeps_its_track_talking():
    data = under_truce(breakdown_hazard=0)
    next(p for p in data["packages"] if p["id"] == "truce")["talks_continue"] = True
    log = simulate(compile_scenario(build(data)), runs=300, seed=3)
    assert log.events(K.ROUND_HELD).any()
    full = log.events(K.AGREEMENT) & (log.value == OutcomeClass.COMPREHENSIVE)
    assert full.any()  # the settlement replaces the ceasefire in some runs


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"signed": "2025-12-20"}, "after as_of"),
        ({"track": "council"}, "no track on which every side of the war signs"),
        ({"package": "swap"}, "no comprehensive or ceasefire package"),
        ({"terms": {"alliance": 50}}, "missing ['territory']"),
        ({"terms": {"territory": 140}}, "0..100"),
    ],
)
def test_a_bad_agreement_in_force_is_one_clear_error(change: dict, says: str):
    data = under_truce()
    data["war"]["in_force"].update(change)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario_text(yaml.safe_dump(data, sort_keys=False), "under.yaml")
    assert says in str(caught.value) and "under.yaml:" in str(caught.value)


def test_show_says_every_run_starts_under_it(tmp_path):
    path = scenario_file(tmp_path / "under.yaml", under_truce())
    result = CliRunner().invoke(app, ["show", str(path)], terminal_width=250)
    assert result.exit_code == 0, result.output
    assert "in force on as_of: truce on talks, signed 2025-12-01 (territory 40)" in result.output


def test_the_forecast_counts_new_agreements_and_says_so(tmp_path):
    path = scenario_file(tmp_path / "under.yaml", under_truce())
    result = CliRunner().invoke(
        app, ["forecast", str(path), "--runs", "300", "--seed", "2"], terminal_width=200
    )
    assert result.exit_code == 0, result.output
    letters = "".join(c for c in result.output.lower() if c.isalpha())  # rich wraps cells
    assert "anewagreementreachedonewasinforceonasof" in letters
    assert "anyagreement" not in letters


def test_the_report_s_headline_and_total_row_count_new_agreements_and_say_so(tmp_path):
    """The headline read 'Any agreement by the horizon: 37%' on a Thailand-Cambodia file
    whose accord was in force in 89% of runs: it counts only agreements reached after."""
    import html

    path = scenario_file(tmp_path / "under.yaml", under_truce())
    out = tmp_path / "under.html"
    result = CliRunner().invoke(
        app, ["report", str(path), "--runs", "200", "--seed", "2", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    page = html.unescape(out.read_text(encoding="utf-8"))
    assert "A new agreement reached (one was in force on as_of) by the horizon" in page
    assert "Any agreement by the horizon" not in page
    assert ">a new agreement reached (one was in force on as_of)</th>" in page


def test_the_whatif_tables_say_what_their_total_row_counts(tmp_path):
    """The what-if table read 'any agreement 37.2 -> 2.1' on the Thailand-Cambodia file,
    whose accord was in force in every run: it counts only agreements reached after as_of,
    in the terminal and on the dashboard alike."""
    import re

    from fastapi.testclient import TestClient

    from detente.web.app import create_app
    from detente.web.sliders import scenario_sliders

    path = scenario_file(tmp_path / "under.yaml", under_truce())
    args = ["whatif", str(path), "--set", "dynamics.breakdown_hazard=0", "--months", "3"]
    result = CliRunner().invoke(app, [*args, "--runs", "200"], terminal_width=250)
    assert result.exit_code == 0, result.output
    letters = "".join(c for c in result.output.lower() if c.isalpha())
    assert "anewagreementreachedonewasinforceonasof" in letters
    assert "anyagreement" not in letters
    settings = in_process_settings(path, runs=200)
    slider = scenario_sliders(build(under_truce()))[0]
    client = TestClient(create_app(settings))
    answer = client.post(
        f"/scenarios/{under_truce()['id']}/whatif/run", data={slider.path: str(slider.high)}
    )
    assert answer.status_code == 200, answer.text
    rows = re.findall(r'<th scope="row">([^<]+)</th>', answer.text)
    assert "a new agreement reached (one was in force on as_of)" in rows
    assert "agreement" not in rows and "fighting while talking" in rows
    # the chart above the table names the same rows in the same order (it read
    # 'agreement' and the classes' short keys)
    chart = answer.text.split('<svg id="whatif-chart"')[1].split("</svg>")[0]
    names = re.findall(r'data-name="([^"]+)"', chart)
    assert names == rows[: len(names)] and len(names) == len(
        re.findall(
            r'<tr><th scope="row">', answer.text.split('id="whatif-table"')[1].split("</table>")[0]
        )
    )


def test_diff_shows_a_deal_put_in_force():
    from detente.scenario.diff import diff_scenarios

    before = build(copy.deepcopy(cycle_dict()))
    after = build(under_truce())
    (change,) = [c for c in diff_scenarios(before, after) if c.section == "war"]
    assert change.field == "in_force" and "truce" in str(change.after)
