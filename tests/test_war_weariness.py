"""War weariness (``war_cost_growth``): a side's cost of fighting grows with the war's length,
so a stalemate can ripen; left at 0 the model is stationary, exactly as before."""

from __future__ import annotations

import numpy as np
from process_scenarios import build, cycle_dict, ripening_war, with_dynamics

from detente.process import simulate
from detente.process.eventlog import EventKind

ROUND_DAYS = 14


def test_the_first_agreement_comes_when_the_mounting_cost_covers_the_resolve() -> None:
    """By hand: with growth g = 1 a year, after f rounds fought GAIN weighs a round of its
    next 6 at 1 + g * (14/365) * (f + 3.5) on average, so it refuses while
    6 * (1 + (14/365) * (f + 3.5)) < 8, i.e. f + 3.5 < 365/42 = 8.69: up to f = 5 (7.96),
    and accepts at f = 6 (8.19). Round r decides after r - 1 rounds fought: round 7,
    day 98, in every run. Without growth GAIN's fighting on stays worth 8 - 6 = 2 > 0."""
    log = simulate(build(ripening_war(1.0)), runs=50, seed=2)
    assert np.all(log.settlement_day == 7 * ROUND_DAYS)
    gain = log.actor_ids.index("GAIN")
    assert log.events(EventKind.REJECTED, actor=gain).sum() == 6 * 50
    stationary = simulate(build(ripening_war(0.0)), runs=50, seed=2)
    assert np.all(stationary.settlement_day == -1)
    assert stationary.events(EventKind.REJECTED, actor=gain).sum() > 6 * 50


def test_faster_weariness_ripens_sooner() -> None:
    """g = 2 a year: 6 * (1 + 2 * (14/365) * (f + 3.5)) >= 8 first at f + 3.5 >= 4.35,
    f = 1: round 2, day 28."""
    log = simulate(build(ripening_war(2.0)), runs=50, seed=2)
    assert np.all(log.settlement_day == 2 * ROUND_DAYS)


def test_growth_declared_zero_is_the_stationary_model_run_for_run() -> None:
    """A scenario that declares 0 for every side runs exactly as one that leaves it out
    (uncertain numbers, shocks, levers and events all in play)."""
    silent = simulate(build(cycle_dict()), runs=400, seed=9)
    zero = with_dynamics(cycle_dict(), **{"war_cost_growth.GAIN": 0, "war_cost_growth.WEAK": 0})
    stated = simulate(build(zero), runs=400, seed=9)
    assert np.array_equal(silent.kind, stated.kind) and np.array_equal(silent.day, stated.day)
    assert np.array_equal(silent.settlement_day, stated.settlement_day)


def test_weariness_counts_only_rounds_fought() -> None:
    """A truce that pauses the fighting for its two rounds (agreed in round 1, before any
    text: limited deals come first) adds nothing to the cost: GAIN's six rounds of
    fighting are done two rounds later, and it accepts in round 9, day 126."""
    data = ripening_war(1.0)
    swap = data["packages"][2]
    swap.update(
        value={"WEAK": 3, "GAIN": 3}, duration_days=28, pauses_fighting=True, rounds_between=520
    )
    log = simulate(build(data), runs=20, seed=3)
    truces = log.kind == EventKind.LIMITED_DEAL
    assert np.all(log.day[truces] == ROUND_DAYS) and truces.sum() == 20
    assert np.all(log.settlement_day == 9 * ROUND_DAYS)


def test_validate_warns_where_a_side_leaves_its_growth_out() -> None:
    """Stationarity is a choice: a side of the war without ``war_cost_growth`` gets the
    registry's 0 and a warning saying so; declared, the warning goes."""
    from detente.process.reads import model_warnings

    def growth_warnings(data: dict) -> list[str]:
        found = model_warnings(build(data), lambda where: None)
        return [w.message for w in found if "war_cost_growth" in w.message]

    silent = growth_warnings(cycle_dict())
    assert len(silent) == 2 and all("is not set" in m for m in silent)
    assert any("GAIN" in m for m in silent) and any("WEAK" in m for m in silent)
    stated = with_dynamics(cycle_dict(), **{"war_cost_growth.GAIN": 0, "war_cost_growth.WEAK": 0.1})
    assert growth_warnings(stated) == []


def test_the_forecast_and_its_report_name_a_stationary_war() -> None:
    """Where no side's cost may grow the forecast names the sides and the what-if that
    tests it (CLI, JSON and report read the same field); where one side's may, nothing."""
    from detente.analysis.forecast_summary import forecast_summary
    from detente.report.data import report_data
    from detente.report.html import render_report

    still = build(cycle_dict())
    summary = forecast_summary(still, runs=60, seed=1)
    assert summary.stationary_sides == ("WEAK", "GAIN")
    html = render_report(report_data(still, runs=60, seed=1))
    assert 'id="stationary-war"' in html and "war_cost_growth.GAIN=0.25" in html
    growing = build(
        with_dynamics(
            cycle_dict(), **{"war_cost_growth.GAIN": {"low": 0, "mode": 0.1, "high": 0.3}}
        )
    )
    assert forecast_summary(growing, runs=60, seed=1).stationary_sides == ()
    assert 'id="stationary-war"' not in render_report(report_data(growing, runs=60, seed=1))
    dated = with_dynamics(cycle_dict(), **{"war_cost_growth.GAIN": 0})
    dated["events"][0]["effects"] = [
        {"path": "dynamics.war_cost_growth.GAIN", "op": "set", "value": 0.5}
    ]
    assert forecast_summary(build(dated), runs=60, seed=1).stationary_sides == ()


def test_a_growth_only_an_event_sets_ripens_from_the_event_on() -> None:
    """Left out (0) and set to 1 a year by an event that fires before the first round:
    the side counts the rounds fought since as_of, so it accepts on day 98 as if it had
    been declared 1 (the first test); validate names the event beside the default."""
    from detente.process.reads import model_warnings

    data = ripening_war(None)
    data["events"] = [
        {
            "id": "sanctions_bite",
            "window": {"start": "2025-12-05", "end": "2025-12-06"},
            "probability": 1,
            "assumption": "test",
            "effects": [
                {"path": f"dynamics.war_cost_growth.{side}", "op": "set", "value": 1.0}
                for side in ("GAIN", "WEAK")
            ],
        }
    ]
    log = simulate(build(data), runs=40, seed=4)
    assert np.all(log.settlement_day == 7 * ROUND_DAYS)
    warnings = [w.message for w in model_warnings(build(data), lambda where: None)]
    growth = [m for m in warnings if "war_cost_growth.GAIN is not set" in m]
    assert len(growth) == 1 and "until event sanctions_bite changes it" in growth[0]


def test_the_forecast_and_its_report_name_points_declared_without_evidence() -> None:
    """A point with an assumption alone is named (CLI, JSON and report read one field); the
    same number with a range, or with a pointer, is not, nor a growth the stationary-war
    line already names."""
    from detente.analysis.forecast_summary import forecast_summary
    from detente.report.data import report_data
    from detente.report.html import render_report

    pointed = build(with_dynamics(cycle_dict(), implementer_tolerance=7, deferral_expectation=0))
    summary = forecast_summary(pointed, runs=60, seed=1)
    assert summary.assumed_points == (
        ("dynamics.deferral_expectation", 0.0),
        ("dynamics.implementer_tolerance", 7.0),
    )
    html = render_report(report_data(pointed, runs=60, seed=1))
    assert 'id="assumed-points"' in html and "dynamics.implementer_tolerance = 7" in html
    data = with_dynamics(
        cycle_dict(),
        implementer_tolerance={"low": 0, "mode": 7, "high": 10},
        **{"war_cost_growth.GAIN": 0, "war_cost_growth.WEAK": 0},
    )
    data["sources"] = [{"id": "s1", "title": "a note", "published": "2025-01-01"}]
    data["evidence"] = [
        {"id": "ev_cost", "source": "s1", "start": 0, "end": 4}
        | {"sha256": "0" * 64, "claim": "a cost"}
    ]
    data["dynamics"]["deferral_expectation"] = {"value": 0, "evidence": ["ev_cost"]}
    ranged = build(data)
    assert forecast_summary(ranged, runs=60, seed=1).assumed_points == ()
    assert 'id="assumed-points"' not in render_report(report_data(ranged, runs=60, seed=1))
