"""Calibration as code: the likelihood of a recorded history, the posterior, reproduction."""

from __future__ import annotations

import copy
import datetime as dt

import numpy as np
import pytest
from process_scenarios import A, build, cycle_dict
from typer.testing import CliRunner

from detente.analysis.calibration import calibrate, posterior_range, record_likelihood
from detente.cli.main import app
from detente.process import EventKind, EventLog
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

    (target,) = json.loads(out.stdout)
    assert target["parameter"] == "dynamics.resolve.RUS"
    low, mode, high = target["posterior_5_50_95"]
    assert low < mode < high and 12 < mode < 40


def test_calibrate_without_targets_is_one_line():
    out = CliRunner().invoke(app, ["calibrate", "drc-m23-2025"])
    assert out.exit_code == 2
    assert "no calibration targets" in out.output and len(out.output.strip().splitlines()) == 1
