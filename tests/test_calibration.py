"""Calibration as code: the likelihood of a recorded history, the posterior, reproduction."""

from __future__ import annotations

import copy
import datetime as dt

import numpy as np
import pytest
from process_scenarios import A, build, cycle_dict
from typer.testing import CliRunner

from detente.analysis.calibration import (
    calibrate,
    persistence_likelihood,
    persistence_window_likelihood,
    posterior_range,
    record_likelihood,
    renewal_likelihood,
    window_record_likelihood,
)
from detente.cli.main import app
from detente.process import EventKind, EventLog
from detente.scenario import load_scenario
from detente.scenario.errors import ScenarioErrors
from detente.scenario.structure import CalibrationTarget

K = EventKind


def _target(texts: int, rejected: int) -> CalibrationTarget:
    return CalibrationTarget(
        id="t",
        record="test record",
        parameter="dynamics.resolve.GAIN",
        arena="talks",
        actor="GAIN",
        texts=texts,
        rejected=rejected,
        assumption=A,
    )


def _log(rows: list[tuple[int, int, int, int]]) -> EventLog:
    """rows: (run, day, kind, actor); arena 0 = talks; actor 1 = GAIN."""
    return EventLog.from_events(
        [(r, d, k, 0, a, -1, np.nan) for r, d, k, a in rows],
        n_runs=4,
        as_of=dt.date(2025, 1, 1),
        round_days=14,
        actor_ids=("WEAK", "GAIN"),
        issue_ids=("x",),
        arena_ids=("talks",),
    )


def test_record_likelihood_by_hand():
    d, rej, acc = int(K.TEXT_DRAFTED), int(K.REJECTED), int(K.ACCEPTED)
    log = _log(
        [
            # run 0: two texts, GAIN rejects both -> the record (2 of 2) holds
            (0, 14, d, -1),
            (0, 14, rej, 1),
            (0, 28, d, -1),
            (0, 28, rej, 1),
            # run 1: two texts, GAIN accepts the second -> the record fails
            (1, 14, d, -1),
            (1, 14, rej, 1),
            (1, 28, d, -1),
            (1, 28, acc, 1),
            # run 2: one text, rejected, then nothing: censored (says nothing)
            (2, 14, d, -1),
            (2, 14, rej, 1),
            # run 3: one text, accepted: fails even though fewer than two texts
            (3, 14, d, -1),
            (3, 14, acc, 1),
        ]
    )
    p, used = record_likelihood(log, _target(2, 2))
    assert used == 3 and p == pytest.approx(1 / 3)


def test_persistence_likelihood_by_hand():
    d, ab, med = int(K.TEXT_DRAFTED), int(K.ABANDONED), 0
    log = _log(
        [
            # run 0: two texts, never abandons -> kept on
            (0, 14, d, -1),
            (0, 28, d, -1),
            # run 1: one text, then walks away -> gave up first
            (1, 14, d, -1),
            (1, 20, ab, med),
            # run 2: one text, then nothing (a deal, or the horizon): censored
            (2, 14, d, -1),
            # run 3: two texts, abandons after the second -> kept on through the record
            (3, 14, d, -1),
            (3, 28, d, -1),
            (3, 42, ab, med),
        ]
    )
    assert persistence_likelihood(log, "talks", 2, 0) == (pytest.approx(2 / 3), 3)
    assert persistence_likelihood(log, "talks", 2, 1) == (pytest.approx(1 / 3), 3)


def _window_target(days: int, accepted: int) -> CalibrationTarget:
    start = dt.date(2024, 1, 1)
    return CalibrationTarget(
        id="t",
        record="GAIN took nothing in the window",
        parameter="dynamics.resolve.GAIN",
        arena="talks",
        actor="GAIN",
        window={"start": start, "end": start + dt.timedelta(days=days)},
        accepted=accepted,
        assumption=A,
    )


def test_window_record_likelihood_by_hand():
    """The window reads days, not texts: a run counts whatever its cadence of texts."""
    d, rej, acc = int(K.TEXT_DRAFTED), int(K.REJECTED), int(K.ACCEPTED)
    log = _log(
        [
            # run 0: three texts in the window, all rejected -> the record holds
            (0, 14, d, -1),
            (0, 14, rej, 1),
            (0, 28, d, -1),
            (0, 28, rej, 1),
            (0, 42, d, -1),
            (0, 42, rej, 1),
            # run 1: accepts the second text, on day 28, inside a 30-day window -> fails
            (1, 14, d, -1),
            (1, 14, rej, 1),
            (1, 28, d, -1),
            (1, 28, acc, 1),
            # run 2: no text at all (the mediator never convened) -> holds
            # run 3: accepts only on day 56, after the window -> holds
            (3, 56, d, -1),
            (3, 56, acc, 1),
        ]
    )
    assert window_record_likelihood(log, _window_target(30, 0)) == (pytest.approx(3 / 4), 4)
    assert window_record_likelihood(log, _window_target(30, 1)) == (pytest.approx(1 / 4), 4)
    # a longer window takes run 3's acceptance in: two runs hold
    assert window_record_likelihood(log, _window_target(60, 0))[0] == pytest.approx(2 / 4)


def test_persistence_window_likelihood_by_hand():
    d, ab, agree, med = int(K.TEXT_DRAFTED), int(K.ABANDONED), int(K.AGREEMENT), 0
    log = _log(
        [
            (0, 14, d, -1),  # run 0: one text, never abandons -> kept on
            (1, 14, d, -1),  # run 1: walks away on day 20, inside 30 days -> gave up
            (1, 20, ab, med),
            (2, 14, d, -1),  # run 2: an agreement on day 14 ends the record: censored
            (2, 14, agree, -1),
            (3, 14, d, -1),  # run 3: walks away on day 42, after 30 days -> kept on
            (3, 42, ab, med),
        ]
    )
    assert persistence_window_likelihood(log, "talks", 30, 0) == (pytest.approx(2 / 3), 3)
    assert persistence_window_likelihood(log, "talks", 30, 1) == (pytest.approx(1 / 3), 3)
    # over 45 days run 3 gave up too
    assert persistence_window_likelihood(log, "talks", 45, 1) == (pytest.approx(2 / 3), 3)


def test_posterior_of_a_flat_likelihood_is_the_prior():
    values = np.linspace(0, 100, 41)
    p5, p50, p95 = posterior_range(values, np.ones_like(values), 20, 50, 80)
    assert p50 == pytest.approx(50, abs=0.5) and p5 < 35 and p95 > 65
    # a likelihood that rules out low values moves the whole posterior up
    q5, q50, q95 = posterior_range(values, (values >= 50).astype(float), 20, 50, 80)
    assert q5 >= 47.5 and q50 > p50 and q95 >= p95 - 1  # 47.5: the grid step below 50


def test_rejections_point_to_a_higher_resolve_and_the_scenario_is_checked():
    data = copy.deepcopy(cycle_dict())
    data["dynamics"]["resolve.GAIN"] = {
        "value": {"low": 0, "mode": 10, "high": 20},
        "assumption": A,
    }
    data["calibration"] = [
        {
            "id": "t",
            "record": "GAIN turned down the first two texts",
            "parameter": "dynamics.resolve.GAIN",
            "arena": "talks",
            "actor": "GAIN",
            "texts": 2,
            "rejected": 2,
            "prior": {"low": 0, "mode": 10, "high": 20},
            "assumption": A,
        }
    ]
    (result,) = calibrate(build(data), runs=600, seed=2, points=5)
    lik = result.likelihood
    assert lik[-1] > lik[0] + 0.3  # the more resolve, the likelier two rejections
    assert result.posterior[1] > 10  # the median moves above the prior's mode
    assert not result.reproduced  # the scenario still carries its prior, not the posterior


def test_builtin_calibration_is_reproduced():
    out = CliRunner().invoke(
        app, ["calibrate", "ukraine-2025-12", "--runs", "800", "--points", "5", "--json"]
    )
    assert out.exit_code == 0, out.output
    import json

    resolve, kept_on, veto = json.loads(out.stdout)
    assert resolve["parameter"] == "dynamics.resolve.RUS"
    # the US kept on through ten months of rejections: next to impossible without a cost
    # of walking away, near certain with one of two points (two rounds' cost)
    assert kept_on["parameter"] == "dynamics.mediator_abandon_cost"
    values, like = np.array(kept_on["values"]), np.array(kept_on["likelihood"])
    assert like[values == 0][0] < 0.1 and like[values >= 2].min() > 0.95
    assert np.all(np.diff(like) >= -0.02)  # a dearer walk-out, a likelier record
    assert kept_on["reproduced"] and kept_on["posterior_5_50_95"][0] >= 0.5
    low, mode, high = resolve["posterior_5_50_95"]
    assert low < mode < high and 12 < mode < 40
    assert veto["parameter"] == "arenas.eu_council.decisions.sanctions_rollover.veto_cost"
    low, mode, high = veto["posterior_5_50_95"]
    # Hungary (ideal 45-75) loses 20 - reversion (55-75) points when the regime at 20 is
    # renewed: 35..55. A clean record of 21 renewals needs a veto cost above most of that.
    assert 35 < low < mode < high <= 60


def _renewal_log(rows: list[tuple[int, int, int, float]]) -> EventLog:
    """rows: (run, day, kind, value); arena 0 = council, issue 0 = sanctions."""
    return EventLog.from_events(
        [(r, d, k, 0, -1, 0, v) for r, d, k, v in rows],
        n_runs=4,
        as_of=dt.date(2025, 1, 1),
        round_days=14,
        actor_ids=("C1",),
        issue_ids=("sanctions",),
        arena_ids=("council",),
    )


def test_renewal_likelihood_by_hand():
    passed, lapsed, blocked = (
        int(K.DECISION_PASSED),
        int(K.DECISION_LAPSED),
        int(K.DECISION_BLOCKED),
    )
    log = _renewal_log(
        [
            (0, 28, passed, 2.0),  # renewed
            (1, 28, passed, 2.0),  # renewed
            (2, 28, passed, 2.0),  # renewed
            (3, 28, blocked, np.nan),  # vetoed: lapsed
            (3, 28, lapsed, np.nan),
            (3, 42, passed, 1.0),  # re-adopted later: not a renewal
            (0, 210, lapsed, np.nan),  # a later renewal: not the first one
        ]
    )
    # first renewal (day 28): q = 1/4 lapsed; 3 renewals, none lapsed: 0.75^3
    p, used = renewal_likelihood(log, "council", "sanctions", 3, 0)
    assert used == 4 and p == pytest.approx(0.75**3)
    # one of 3 lapsed: C(3, 1) 0.25 0.75^2
    assert renewal_likelihood(log, "council", "sanctions", 3, 1)[0] == pytest.approx(
        3 * 0.25 * 0.75**2
    )


def test_the_builtin_veto_cost_is_the_posterior_of_its_record():
    """`detente calibrate ukraine-2025-12` at its defaults reproduces the veto cost."""
    scenario = load_scenario("ukraine-2025-12")
    (target,) = [t for t in scenario.calibration if t.decision == "sanctions_rollover"]
    only = scenario.model_copy(update={"calibration": (target,)})
    (result,) = calibrate(only, runs=2000, seed=1, points=9)
    assert result.target.renewals == 21 and result.target.lapsed == 0
    assert result.prior == (5, 25, 60)
    assert result.reproduced, (result.posterior, result.scenario_range)
    # at no cost Hungary vetoes every renewal: the record is impossible
    assert result.likelihood[result.values == 0][0] == 0.0
    assert result.likelihood[-1] == 1.0  # a cost of 100 outweighs any loss
    assert np.all(np.diff(result.likelihood) >= -0.02)  # dearer vetoes, likelier record


def test_a_record_is_of_one_kind_with_consistent_counts():
    with pytest.raises(ValueError, match="give one record"):
        CalibrationTarget(
            id="t",
            record="both",
            parameter="x.y",
            arena="a",
            actor="B",
            texts=2,
            rejected=1,
            decision="d",
            renewals=3,
            lapsed=0,
            assumption=A,
        )
    with pytest.raises(ValueError, match="give one record"):
        CalibrationTarget(  # a persistence record names no actor
            id="t",
            record="rec",
            parameter="x.y",
            arena="a",
            actor="B",
            texts=2,
            abandoned=0,
            assumption=A,
        )
    with pytest.raises(ValueError, match="give one record"):
        CalibrationTarget(  # a window replaces the count of texts: not both
            id="t",
            record="rec",
            parameter="x.y",
            arena="a",
            actor="B",
            texts=2,
            window={"start": "2025-01-01", "end": "2025-03-01"},
            accepted=0,
            assumption=A,
        )
    with pytest.raises(ValueError, match="window end is before its start"):
        _window_target(-1, 0)
    with pytest.raises(ValueError, match="lapsed cannot exceed renewals"):
        CalibrationTarget(
            id="t",
            record="rec",
            parameter="x.y",
            arena="a",
            decision="d",
            renewals=3,
            lapsed=4,
            assumption=A,
        )


def test_a_window_record_is_history_and_is_read_over_its_dates():
    """A window that ends after as_of is refused at its path; one before it calibrates,
    and a window of a single day asks less of the resolve than a long one."""
    data = copy.deepcopy(cycle_dict())
    data["dynamics"]["resolve.GAIN"] = {
        "value": {"low": 0, "mode": 10, "high": 20},
        "assumption": A,
    }
    record = {
        "id": "t",
        "record": "GAIN took none of the texts put to it",
        "parameter": "dynamics.resolve.GAIN",
        "arena": "talks",
        "actor": "GAIN",
        "window": {"start": "2025-06-01", "end": "2025-12-31"},
        "accepted": 0,
        "assumption": A,
    }
    data["calibration"] = [record]
    with pytest.raises(ScenarioErrors) as caught:
        build(data)
    (problem,) = [e.one_line() for e in caught.value.errors]
    assert problem.startswith("test.yaml:")
    assert "ends on 2025-12-31, after as_of 2025-12-04" in problem
    record["window"] = {"start": "2025-06-01", "end": "2025-12-01"}
    (long,) = calibrate(build(data), runs=400, seed=2, points=5)
    record["window"] = {"start": "2025-11-30", "end": "2025-12-01"}
    (short,) = calibrate(build(data), runs=400, seed=2, points=5)
    assert long.likelihood[0] < short.likelihood[0]  # more days, more texts to refuse
    assert long.posterior[1] > short.posterior[1]


def test_calibrate_without_targets_is_one_line():
    out = CliRunner().invoke(app, ["calibrate", "drc-m23-2025"])
    assert out.exit_code == 2
    assert "no calibration targets" in out.output and len(out.output.strip().splitlines()) == 1
