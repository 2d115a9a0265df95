"""Questions about the front: where it stands on a date, and the lines it reached.

"Will Shire fall by 31 December?" drove the Ethiopia case and could not be asked: the
front moved in every run, but the log kept only agreements. The simulator now records the
front after every round (``EventLog.front``), and ``front()`` / ``front(extreme=low|high)``
read it.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from process_scenarios import build, cycle_dict, scenario_file, steady_war
from typer.testing import CliRunner

from detente.cli.main import app
from detente.forecast.evaluate import predicate_holds
from detente.forecast.questions import QuestionSyntaxError, parse_question
from detente.forecast.reachability import unreachable_terms
from detente.process import EventKind, EventLog, compile_scenario, simulate

AS_OF = dt.date(2025, 12, 4)


def _hand_log() -> EventLog:
    """Two runs, rounds of 14 days: one front falls 50 -> 45 -> 40 -> 42, one rises."""
    log = EventLog.from_events(
        [],
        n_runs=2,
        as_of=AS_OF,
        round_days=14,
        actor_ids=("A", "B"),
        issue_ids=("line",),
        arena_ids=("talks",),
    )
    path = np.array([[50, 45, 40, 42], [50, 55, 60, 58]], dtype=np.float32)
    return dataclasses.replace(log, front=path)


@pytest.mark.parametrize(
    ("day", "extreme", "expected"),
    [
        (0, None, [50, 50]),
        (13, None, [50, 50]),  # no round played yet
        (28, None, [40, 60]),
        (30, "low", [40, 50]),
        (30, "high", [50, 60]),
        (365, None, [42, 58]),  # past the last round: where it last stood
        (365, "low", [40, 50]),
    ],
)
def test_the_front_on_a_day_and_its_extremes_by_hand(day, extreme, expected):
    assert _hand_log().front_by(day, extreme).tolist() == expected


def test_questions_read_the_front():
    log = _hand_log()
    date = (AS_OF + dt.timedelta(days=42)).isoformat()
    falls = parse_question(f"front(extreme=low) <= 40 by {date}")
    assert predicate_holds(falls, log).tolist() == [True, False]
    stands = parse_question(f"front() > 41 on {date}")
    assert predicate_holds(stands, log).tolist() == [True, True]
    # a log with no front (no war) gives no value, and a comparison with none is false
    frontless = dataclasses.replace(log, front=None)
    assert predicate_holds(stands, frontless).tolist() == [False, False]
    assert predicate_holds(parse_question(f"not {stands}"), frontless).tolist() == [True, True]


def test_selecting_and_joining_runs_keeps_their_fronts():
    log = _hand_log()
    assert log.select(np.array([False, True])).front.tolist() == [[50, 55, 60, 58]]
    joined = EventLog.concat([log, log])
    assert joined.front.shape == (4, 4) and np.array_equal(joined.front[2:], log.front)
    assert EventLog.concat([log, dataclasses.replace(log, front=None)]).front is None


def test_the_simulated_front_moves_by_its_drift_while_the_war_is_fought():
    compiled = compile_scenario(build(steady_war()))
    log = simulate(compiled, runs=400, seed=3)
    rounds = log.front.shape[1] - 1
    assert log.front.shape == (400, rounds + 1) and rounds >= 26
    start = log.front[:, 0]
    assert np.all((start >= 15) & (start <= 25))  # the status quo's range
    # runs with no deal of any kind: the front moved 2 points in every round
    dealt = log.events(EventKind.AGREEMENT) | log.events(EventKind.LIMITED_DEAL)
    never = np.setdiff1d(np.arange(log.n_runs), log.run[dealt])
    assert never.size > 20
    expected = np.minimum(100.0, start[never, None] + 2.0 * np.arange(rounds + 1))
    assert np.allclose(log.front[never], expected, atol=1e-3)
    # without noise or a deal (which sets it to the agreed line) the front never moves
    # back: its high is where it stands
    day = rounds * 14
    assert np.array_equal(log.front_by(day, "high")[never], log.front_by(day)[never])


def test_a_front_question_on_a_case_without_a_war_is_flagged():
    data = copy.deepcopy(cycle_dict())
    del data["war"]
    compiled = compile_scenario(build(data))
    (reason,) = unreachable_terms(parse_question("front() >= 50 by 2026-06-01"), compiled)
    assert "front()" in reason and "no front" in reason


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("front(extreme=middle) < 3", "unknown extreme 'middle'"),
        ("front(issue=line) < 3", "an argument of front: extreme"),
        ("front() by 2026-01-01", "a comparison operator"),
    ],
)
def test_malformed_front_terms_say_what_is_wrong(text: str, says: str):
    with pytest.raises(QuestionSyntaxError) as caught:
        parse_question(text)
    assert says in str(caught.value)


def test_front_terms_print_back_to_what_parses_to_them():
    for text in ("front() >= 40 by 2026-01-01", "front(extreme=low) <= 10 by 2026-01-01"):
        assert str(parse_question(text)) == text


def test_ask_answers_a_front_question_end_to_end(tmp_path: Path):
    scenario = scenario_file(tmp_path / "war.yaml", steady_war())
    questions = tmp_path / "front.yaml"
    questions.write_text(
        yaml.safe_dump(
            [
                {"id": "past_30", "question": "front(extreme=high) >= 30 by 2026-06-01"},
                {"id": "back_to_0", "question": "front(extreme=low) <= 0 by 2026-06-01"},
            ]
        ),
        encoding="utf-8",
    )
    args = ["ask", str(scenario), str(questions), "--runs", "400", "--seed", "3", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    answers = {f["id"]: f["probability"] for f in json.loads(result.output)["forecasts"]}
    # the same runs, read here: the share whose front rose past 30
    log = simulate(compile_scenario(build(steady_war())), runs=400, seed=3)
    past = parse_question("front(extreme=high) >= 30 by 2026-06-01")
    assert answers["past_30"] == pytest.approx(predicate_holds(past, log).mean())
    assert answers["past_30"] > 0.5  # moving 2 a round from 15-25, or an agreed line
    assert answers["back_to_0"] == 0.0  # nothing moves it to the weak side's end
