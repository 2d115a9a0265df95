"""Wars end by victory too: a declared decisive line on the front (``war: decisive:``).

The test war is the cycle war with a front that moves exactly 2 points a round toward the
gainer GAIN (no noise, no lever), from a status quo of 15-25, and talks that meet in a
tenth of the rounds. GAIN's line at 40 is reached, by hand, in the first round r with
start + 2 r >= 40, unless a deal stops the front first.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
import yaml
from process_scenarios import A, build, scenario_file, steady_war
from typer.testing import CliRunner

from detente.cli.main import app
from detente.forecast.evaluate import predicate_holds
from detente.forecast.questions import parse_question
from detente.forecast.reachability import impossible_classes, unreachable_terms
from detente.process import EventKind, OutcomeClass, compile_scenario, simulate
from detente.scenario.errors import ScenarioError
from detente.scenario.loader import parse_scenario_text

K = EventKind


def decisive_war(line: float = 40, side: str = "GAIN") -> dict:
    data = steady_war()
    data["war"]["decisive"] = [{"side": side, "front": line, "assumption": A}]
    return data


@pytest.fixture(scope="module")
def decided():
    compiled = compile_scenario(build(decisive_war()))
    return compiled, simulate(compiled, runs=600, seed=5)


def test_the_war_ends_in_the_round_the_front_reaches_the_line(decided):
    _, log = decided
    won = log.events(K.VICTORY)
    assert won.sum() > 50
    gain = log.actor_ids.index("GAIN")
    assert np.all(log.actor[won] == gain) and np.all(log.value[won] >= 40)
    runs, rounds = log.run[won], log.day[won] // log.round_days
    assert np.all(log.front[runs, rounds] >= 40)
    # in runs with no deal of any kind (an agreed line can lie past the line: a war that
    # resumes there is decided at once), the front stood below 40 a round before, and it
    # is the first round with start + 2 r >= 40
    dealt = log.events(K.AGREEMENT) | log.events(K.LIMITED_DEAL)
    plain = ~np.isin(runs, log.run[dealt])
    assert np.all(log.front[runs[plain], rounds[plain] - 1] < 40)
    start = log.front[runs[plain], 0].astype(float)
    assert plain.sum() > 20
    assert np.array_equal(rounds[plain], np.ceil((40 - start) / 2 - 1e-9).astype(int))


def test_nothing_is_negotiated_after_a_victory_and_the_class_stays(decided):
    _, log = decided
    won = log.events(K.VICTORY)
    first = log.first_day(won)
    after = (first[log.run] >= 0) & (log.day > first[log.run])
    talks = log.events(K.ROUND_HELD) | log.events(K.AGREEMENT) | log.events(K.BREAKDOWN)
    assert not (after & talks).any()
    horizon = int(log.day.max())
    classes = log.outcome_class_at(horizon)
    assert np.array_equal(classes == OutcomeClass.VICTORY, first >= 0)
    end = (dt.date(2025, 12, 4) + dt.timedelta(days=horizon)).isoformat()
    asked = parse_question(f"state(class=victory) on {end}")
    assert np.array_equal(predicate_holds(asked, log), first >= 0)
    by_gain = parse_question(f"event(kind=victory, actor=GAIN) by {end}")
    assert predicate_holds(by_gain, log).mean() == pytest.approx((first >= 0).mean())


def test_the_report_cycle_counts_victories(decided):
    from detente.report.cycle import CYCLE_STATES, cycle_counts

    _, log = decided
    counts = cycle_counts(log, int(log.day.max()) // log.round_days)
    row = CYCLE_STATES.index("military victory")
    won = log.first_day(log.events(K.VICTORY))
    assert counts[row, -1] == np.count_nonzero(won >= 0)


def test_without_a_line_no_run_is_decided_and_the_class_says_why():
    data = decisive_war()
    del data["war"]["decisive"]
    compiled = compile_scenario(build(data))
    log = simulate(compiled, runs=300, seed=5)
    assert not log.events(K.VICTORY).any()
    assert "decisive line" in impossible_classes(compiled)["victory"]
    (reason,) = unreachable_terms(parse_question("state(class=victory) by 2026-06-01"), compiled)
    assert "no decisive line" in reason
    (reason,) = unreachable_terms(parse_question("event(kind=victory) by 2026-06-01"), compiled)
    assert "decisive line" in reason


@pytest.mark.parametrize(
    ("line", "side", "says"),
    [
        (20, "GAIN", "within the front's status quo"),
        (40, "MED", "not a side of the war"),
        (5, "GAIN", "away from GAIN's ideal"),
    ],
)
def test_an_impossible_line_is_refused_with_its_place(line, side, says):
    text = yaml.safe_dump(decisive_war(line, side), sort_keys=False)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario_text(text, "war.yaml")
    message = str(caught.value)
    assert says in message and "war.yaml:" in message and "decisive" in message


def test_show_prints_the_lines(tmp_path):
    path = scenario_file(tmp_path / "war.yaml", decisive_war())
    result = CliRunner().invoke(app, ["show", str(path)], terminal_width=250)
    assert result.exit_code == 0, result.output
    assert "decisive lines: GAIN wins at 40" in result.output


def test_the_forecast_reports_victories_as_the_log_has_them(tmp_path):
    import json

    path = scenario_file(tmp_path / "war.yaml", decisive_war())
    args = ["forecast", str(path), "--runs", "600", "--seed", "5", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    last = json.loads(result.output)["outcomes"][-1]
    log = simulate(compile_scenario(build(decisive_war())), runs=600, seed=5)
    asked = parse_question(f"state(class=victory) on {last['date']}")
    share = predicate_holds(asked, log).mean()
    assert share > 0.05
    assert last["probabilities"]["victory"] == pytest.approx(share)
