"""Where nearly every run agrees by the horizon, the drivers rank how soon.

Found by a new analyst's Thailand-Cambodia case: agreement by the horizon was 100%, so
the drivers, open questions and sanity panel ranked noise (|rho| under 0.04) and never
named what decided the case: how soon (resolve, look-ahead, attention).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from process_scenarios import build, cycle_dict, with_dynamics

from detente.analysis.forecast_summary import forecast_summary
from detente.analysis.outcomes import SATURATED, ranked_day

HORIZON = 390


def test_ranked_day_is_the_horizon_unless_nearly_every_run_agrees_by_then() -> None:
    # 6 of 10 agree by the horizon: rank agreement by the horizon
    days = np.array([14, 28, 28, 42, 300, 390, -1, -1, -1, -1])
    assert ranked_day(days, HORIZON) == HORIZON
    # every run agrees: the median first agreement (of 14, 14, 28, 28, 42, 70: 28)
    assert ranked_day(np.array([14, 14, 28, 28, 42, 70]), HORIZON) == 28
    # an agreement after the horizon does not count towards saturation
    late = np.array([14] * 19 + [400])
    assert np.mean(late <= HORIZON) <= SATURATED
    assert ranked_day(late, HORIZON) == HORIZON
    assert ranked_day(np.zeros(0, dtype=int), HORIZON) == HORIZON


def test_a_case_where_every_run_agrees_is_ranked_on_its_median_first_agreement() -> None:
    """The test war agrees in every run by the horizon: agreement by then has no
    driver. Ranked by the median first agreement instead, the drivers are there and the
    method names the date."""
    scenario = build(cycle_dict())
    summary = forecast_summary(scenario, runs=3000, seed=2)
    assert summary.agreement_by_horizon == 1.0
    date = dt.date.fromisoformat(summary.driver_date)
    assert scenario.as_of < date < scenario.horizon
    assert f"by {summary.driver_date}, the median run's first agreement" in summary.driver_method
    assert summary.drivers and abs(summary.drivers[0].spearman) > 0.05
    assert summary.open_questions  # ranked by the same effects, not all zero
    assert any(q.effect for q in summary.open_questions)
    # every run agrees by the horizon, so nothing decides whether: how soon, and said so
    assert summary.open_questions_date == summary.driver_date


def test_the_report_splits_its_tornado_on_the_same_date_and_says_so() -> None:
    """The tornado splits the same runs the drivers were ranked on: its overall share is
    agreement by the median first agreement, not the horizon's 100%, and its axis and
    text name that date."""
    from detente.report.data import report_data
    from detente.report.html import render_report

    data = report_data(build(cycle_dict()), runs=1500, seed=2)
    forecast = data["forecast"]
    date = forecast["summary"]["driver_date"]
    assert forecast["summary"]["agreement_by_horizon"] == 1.0
    assert 0.0 < forecast["tornado"]["overall"] < 1.0
    page = render_report(data)
    assert f"P(agreement by {date}) in the runs" in page
    assert f"an agreement by {date} (the median run's first agreement" in page


def test_open_questions_rank_whether_where_the_drivers_rank_how_soon() -> None:
    """A Gaza trial: more than 95% of runs agreed, so the drivers ranked how soon, and so did
    the open questions; the mediator's cadence came first although it moved the year's
    forecast by a point, while Israel's resolve at the top of its range took forty off.
    Here GAIN's resolve (0-2-25) decides whether in a few runs: agreement by the horizon
    is 95-100%, the drivers rank the median first agreement, and the open questions rank
    agreement by the horizon, where resolve's rho is larger."""
    data = with_dynamics(cycle_dict(), **{"resolve.GAIN": {"low": 0, "mode": 2, "high": 25}})
    summary = forecast_summary(build(data), runs=3000, seed=2)
    assert 0.95 < summary.agreement_by_horizon < 1.0
    assert summary.driver_date < build(data).horizon.isoformat()
    assert summary.open_questions_date == ""  # by the horizon
    how_soon = {d.parameter: d.spearman for d in summary.drivers}["dynamics.resolve.GAIN"]
    whether = {q.path: q.effect for q in summary.open_questions}["dynamics.resolve.GAIN"]
    assert whether < how_soon < 0  # a threshold: the top of the range is no deal at all
