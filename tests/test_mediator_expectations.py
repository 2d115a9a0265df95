"""What the mediator expected of each answer: every accept and reject carries the P(accept)
the mediator's beliefs gave the text when it tabled it, and ``diagnostics.expectations``
sets those beside the answers (calibration of its beliefs, texts it knew would fail, how
much of a gamble the accepted ones were)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from process_scenarios import build, cycle_dict, cycle_scenario, with_dynamics
from typer.testing import CliRunner

from detente.analysis.diagnostics import expectations
from detente.cli.main import app
from detente.process import EventKind as K
from detente.process import compile_scenario, simulate
from detente.scenario import load_scenario

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_process_simulator import _certain


def _answers(log, actor: str) -> tuple[np.ndarray, np.ndarray]:
    a = log.actor_ids.index(actor)
    return log.value[log.events(K.ACCEPTED, actor=a)], log.value[log.events(K.REJECTED, actor=a)]


def test_with_nothing_private_and_no_shock_the_mediator_knows_every_answer():
    """Every number at its mode and no shock: the mediator's P is 1 for each accept and 0
    for each reject. GAIN at resolve 100 turns every text down, and the mediator knew."""
    data = with_dynamics(_certain(cycle_dict()), decision_noise=0)
    data["events"] = []
    took, refused = _answers(simulate(compile_scenario(build(data)), runs=200, seed=3), "GAIN")
    assert took.size >= 200 and refused.size == 0  # every run agrees (some again later)
    np.testing.assert_array_equal(took, 1.0)
    data = with_dynamics(_certain(cycle_dict()), decision_noise=0, **{"resolve.GAIN": 100})
    data["events"] = []
    log = simulate(compile_scenario(build(data)), runs=200, seed=3)
    took, refused = _answers(log, "GAIN")
    assert took.size == 0 and refused.size > 200
    np.testing.assert_array_equal(refused, 0.0)
    [weak, gain] = sorted(expectations(log, 10_000), key=lambda e: e.actor, reverse=True)
    assert (gain.actor, gain.expected, gain.accepted, gain.hopeless) == ("GAIN", 0.0, 0.0, 1.0)
    assert gain.expected_of_accepts is None and weak.actor == "WEAK"


def test_the_mediators_beliefs_are_calibrated_answer_by_answer():
    """GAIN's resolve is private (0-25) and shocks have sd 2: the mediator learns from each
    answer. Bayesian beliefs get the average right: over ~12,000 answers the mean P it gave
    equals the share accepted within 3 points, for each side, and the texts GAIN took were
    ones it had given better odds than the average."""
    scenario = cycle_scenario(
        decision_noise=2, **{"resolve.GAIN": {"low": 0, "mode": 10, "high": 25}}
    )
    log = simulate(compile_scenario(scenario), runs=3000, seed=11)
    found = {e.actor: e for e in expectations(log, 10_000)}
    assert set(found) == {"GAIN", "WEAK"}
    gain = found["GAIN"]
    assert gain.answers > 10_000 and 0.2 < gain.accepted < 0.8  # a real test of the odds
    for e in found.values():
        assert abs(e.expected - e.accepted) < 0.03, e
    assert gain.expected_of_accepts > gain.expected


def test_diagnose_reports_the_expectations_of_the_runs_it_made():
    out = CliRunner().invoke(
        app, ["diagnose", "drc-m23-2025", "--runs", "300", "--seed", "1", "--json"]
    )
    assert out.exit_code == 0, out.output
    rows = json.loads(out.stdout)["expectations"]
    log = simulate(compile_scenario(load_scenario("drc-m23-2025")), runs=300, seed=1)
    again = {(e.arena, e.actor): e for e in expectations(log, int(12 * 30.44))}
    assert {(r["arena"], r["actor"]) for r in rows} == set(again)
    for r in rows:
        e = again[(r["arena"], r["actor"])]
        assert r["answers"] == e.answers and r["accepted_share"] == e.accepted
        assert 0.0 <= r["expected_accept_share"] <= 1.0
