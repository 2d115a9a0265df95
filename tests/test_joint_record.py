"""A window record read into every number at once: the joint reading of its likelihood."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from process_scenarios import A, build, cycle_dict
from typer.testing import CliRunner

from detente.analysis.diagnostics import carried_by_shock
from detente.analysis.joint_record import joint_reading
from detente.cli.main import app
from detente.forecast.question_file import parse_questions_text
from detente.process import EventKind, EventLog, compile_scenario


def _scenario(window: dict[str, str], accepted: int = 0):
    data = copy.deepcopy(cycle_dict())
    data["dynamics"]["resolve.GAIN"] = {
        "value": {"low": 0, "mode": 10, "high": 20},
        "assumption": A,
    }
    data["calibration"] = [
        {
            "id": "held_out",
            "record": "GAIN accepted none of the texts put to it",
            "parameter": "dynamics.resolve.GAIN",
            "arena": "talks",
            "actor": "GAIN",
            "window": window,
            "accepted": accepted,
            "prior": {"low": 0, "mode": 10, "high": 20},
            "assumption": A,
        }
    ]
    scenario = build(data)
    return compile_scenario(scenario), scenario.calibration[0]


LONG = {"start": "2025-03-01", "end": "2025-12-01"}


def test_the_record_disfavours_the_runs_that_agree_and_raises_the_resolve():
    compiled, target = _scenario(LONG)
    reading = joint_reading(compiled, target, runs=1500, replays=4, seed=3)
    assert 0 < reading.record_probability < 1
    assert reading.agreement_prior > 0.1  # the test world agrees often enough to tell
    # a run whose numbers make a deal likely made one in its replays too
    assert reading.agreement_joint < reading.agreement_prior - 0.05
    assert reading.posterior[1] > 10  # the prior's mode: refusals point to more resolve
    assert 0 < reading.effective_sample <= 1500
    assert all(m.shift_sd >= 0 for m in reading.moved)
    assert [m.shift_sd for m in reading.moved] == sorted(
        (m.shift_sd for m in reading.moved), reverse=True
    )


def test_replaying_only_the_last_days_asks_less_of_the_runs():
    """A record's last days alone (those lived in today's state) hold in more replays and
    leave more of the agreeing runs than its whole window."""
    compiled, target = _scenario(LONG)
    whole = joint_reading(compiled, target, runs=1500, replays=4, seed=3)
    last = joint_reading(compiled, target, runs=1500, replays=4, seed=3, days=14)
    assert whole.days == target.span_days == 275 and last.days == 14
    assert last.record_probability > whole.record_probability + 0.1
    assert last.agreement_joint > whole.agreement_joint + 0.1
    assert last.agreement_prior == whole.agreement_prior  # the same runs' own forecasts
    longer = joint_reading(compiled, target, runs=200, replays=1, seed=3, days=10_000)
    assert longer.days == 275  # never beyond the record's window
    with pytest.raises(ValueError, match="at least 1"):
        joint_reading(compiled, target, runs=200, replays=1, seed=3, days=0)


def test_a_first_deal_carried_by_a_shock_by_hand():
    k = EventKind
    rows = [
        (0, 28, int(k.SHOCK_CARRIED)),  # run 0: the deal of day 28 only a shock carried
        (0, 28, int(k.AGREEMENT)),
        (1, 14, int(k.SHOCK_CARRIED)),  # run 1: a shock carried an earlier accept only
        (1, 28, int(k.AGREEMENT)),
        (2, 14, int(k.SHOCK_CARRIED)),  # run 2: no deal at all
    ]
    log = EventLog.from_events(
        [(r, d, kind, 0, -1, -1, float("nan")) for r, d, kind in rows],
        n_runs=3,
        as_of=dt.date(2025, 1, 1),
        round_days=14,
        actor_ids=("A", "B"),
        issue_ids=("x",),
        arena_ids=("talks",),
    )
    assert carried_by_shock(log).tolist() == [True, False, False]


def test_the_joint_reading_says_how_the_deals_left_come():
    compiled, target = _scenario(LONG)
    reading = joint_reading(compiled, target, runs=1500, replays=4, seed=3)
    assert 0 <= reading.luck_prior <= 1 and 0 <= reading.luck_joint <= 1
    assert 0 < reading.median_day_prior <= 365 and 0 < reading.median_day_joint <= 365
    # the record takes away the early deals the bargaining produced: those left come
    # later and mostly on a shock (here 24% -> 95%, day 28 -> 98)
    assert reading.luck_joint > reading.luck_prior + 0.3
    assert reading.median_day_joint > reading.median_day_prior + 28


def test_the_whole_forecast_is_weighed_the_same_way():
    """Each report date's outcome classes add up to one under both readings, and a
    question asking for an agreement within a year is the agreement share computed the
    other way (the same runs, the same weights)."""
    compiled, target = _scenario(LONG)
    questions = parse_questions_text(
        "- id: deal_12m\n  text: A deal within a year?\n"
        "  question: agreement() by 2026-12-04\n"
        "- id: no_deal_12m\n  text: No deal within a year?\n"
        "  question: not agreement() by 2026-12-04\n"
    )
    reading = joint_reading(compiled, target, runs=1500, replays=4, seed=3, questions=questions)
    whens = {o.when for o in reading.outcomes}
    assert whens == {"3 months", "6 months", "12 months"}  # all inside the horizon
    for when in whens:
        at = [o for o in reading.outcomes if o.when == when]
        assert sum(o.carried for o in at) == pytest.approx(1.0)
        assert sum(o.joint for o in at) == pytest.approx(1.0)
    deal, no_deal = reading.questions
    assert deal.name == "deal_12m"
    assert deal.carried == pytest.approx(reading.agreement_carried)
    assert deal.joint == pytest.approx(reading.agreement_joint)
    assert deal.joint + no_deal.joint == pytest.approx(1.0)
    # the record takes deals away at every date, so 'fighting while talking' grows
    fighting = {o.when: o for o in reading.outcomes if o.name == "fighting_while_talking"}
    assert fighting["12 months"].joint > fighting["12 months"].carried


def test_a_record_of_the_track_kept_on_is_read_in_the_same_replays():
    """A replay holds when both records do, so with the same seeds no run weighs more
    than with the refusals alone, and the record's probability can only fall."""
    compiled, target = _scenario(LONG)
    kept = target.model_copy(update={"id": "kept", "actor": None, "accepted": None, "abandoned": 0})
    alone = joint_reading(compiled, target, runs=800, replays=3, seed=4)
    both = joint_reading(compiled, target, runs=800, replays=3, seed=4, kept_on=(kept,))
    assert both.kept_on == ("kept",) and alone.kept_on == ()
    assert both.record_probability <= alone.record_probability
    # the test world's mediator walks away in some replays, so here it falls (0.050 -> 0.014)
    assert both.record_probability < alone.record_probability - 0.02
    assert both.agreement_carried == alone.agreement_carried  # the carried runs are the same
    with pytest.raises(ValueError, match="not a dated record of a track kept on"):
        joint_reading(compiled, target, runs=100, replays=1, kept_on=(target,))


def test_one_replay_weights_are_zero_or_one():
    """With one replay a run weighs 1 (the record held) or 0, so the effective sample is
    the number of runs in which it held: P(record) x runs."""
    compiled, target = _scenario(LONG)
    reading = joint_reading(compiled, target, runs=800, replays=1, seed=5)
    assert reading.effective_sample == pytest.approx(reading.record_probability * 800)


def test_same_seed_same_reading():
    compiled, target = _scenario(LONG)
    one = joint_reading(compiled, target, runs=500, replays=2, seed=9)
    two = joint_reading(compiled, target, runs=500, replays=2, seed=9)
    assert one == two


def test_a_record_that_never_holds_and_a_record_of_counts_are_refused():
    compiled, target = _scenario({"start": "2025-11-30", "end": "2025-12-01"}, accepted=5)
    with pytest.raises(ValueError, match="held in no replay"):
        joint_reading(compiled, target, runs=200, replays=2, seed=1)
    counted = target.model_copy(update={"window": None, "accepted": None, "texts": 2})
    with pytest.raises(ValueError, match="not a window record"):
        joint_reading(compiled, counted, runs=200, replays=2, seed=1)


def _calibrate_joint(scenario: str, joint_runs: int, replays: int):
    """`detente calibrate SCENARIO --joint --json` with a small grid, as a user runs it."""
    args = ["calibrate", scenario, "--runs", "100", "--points", "3", "--joint"]
    args += ["--joint-runs", str(joint_runs), "--replays", str(replays), "--json"]
    return CliRunner().invoke(app, args)


def test_calibrate_joint_reports_the_window_record_only():
    out = _calibrate_joint("ukraine-2025-12", 400, 2)
    assert out.exit_code == 0, out.output
    by_id = {r["id"]: r for r in json.loads(out.stdout)}
    joint = by_id["russia_rejected_us_texts"]["joint"]
    assert by_id["us_kept_on"]["joint"] is None  # a persistence record
    assert by_id["sanctions_rollovers_passed"]["joint"] is None
    assert joint["runs"] == 400 and joint["replays"] == 2 and joint["days"] == 293
    assert joint["read_with"] == ["us_kept_on"]  # the same track's record of keeping on
    for key in ("record_probability", "agreement_12m_carried", "agreement_12m_joint"):
        assert 0 <= joint[key] <= 1
    assert 0 < joint["effective_sample"] <= 400
    assert 0 <= joint["shock_carried_share_joint"] <= 1
    assert joint["median_agreement_day_joint"] is None or joint["median_agreement_day_joint"] > 0
    low, mid, high = joint["posterior_5_50_95"]
    assert 12 <= low < mid < high <= 40  # inside the declared prior
    # the whole forecast under both readings: the classes at three dates, the default
    # questions of the built-in set, the 12-month deal question equal to the share above
    assert {o["when"] for o in joint["outcomes"]} == {"3 months", "6 months", "12 months"}
    asked = {q["id"]: q for q in joint["questions"]}
    assert asked["deal_12m"]["joint"] == pytest.approx(joint["agreement_12m_joint"])


def test_calibrate_joint_names_a_record_that_never_holds(tmp_path):
    """A dated record no run can reproduce is one line on stderr, not a traceback."""
    import yaml

    data = copy.deepcopy(cycle_dict())
    data["calibration"] = [
        {
            "id": "impossible",
            "record": "GAIN accepted five texts in a day",
            "parameter": "dynamics.war_cost.GAIN",
            "arena": "talks",
            "actor": "GAIN",
            "window": {"start": "2025-11-30", "end": "2025-12-01"},
            "accepted": 5,
            "assumption": A,
        }
    ]
    path = tmp_path / "impossible.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    out = _calibrate_joint(str(path), 200, 1)
    assert out.exit_code == 2
    assert "--joint: record 'impossible' held in no replay of any run" in out.output
    assert "Traceback" not in out.output


def test_forecast_and_report_say_the_records_are_read_one_number_at_a_time():
    """The structural choice is named where the analyst reads the forecast, not only in
    `calibrate`: the text output, the JSON and the report; a case without dated records
    (the DRC illustration) says nothing."""
    from detente.report.data import report_data
    from detente.report.html import render_report
    from detente.scenario import load_scenario

    out = CliRunner().invoke(app, ["forecast", "ukraine-2025-12", "--runs", "500", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["dated_records"] == ["russia_rejected_us_texts"]
    text = CliRunner().invoke(app, ["forecast", "ukraine-2025-12", "--runs", "500"])
    assert "'detente calibrate ukraine-2025-12 --joint'" in " ".join(text.output.split())
    html = render_report(report_data(load_scenario("ukraine-2025-12"), runs=400, seed=3))
    assert 'id="dated-records"' in html
    assert "detente calibrate ukraine-2025-12 --joint" in " ".join(html.split())
    drc = CliRunner().invoke(app, ["forecast", "drc-m23-2025", "--runs", "500", "--json"])
    assert json.loads(drc.stdout)["dated_records"] == []
