"""A deal only a good day carried is not self-enforcing (``dynamics.breakdown_shortfall``).

The breakdown hazard of an agreement in force grows by exp(k * s), where s is how many
utility points below fighting on its least willing signatory valued it when it signed
(without that round's shock). k = 0 (the default) leaves every run as before.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
from process_scenarios import cycle_scenario

from detente.analysis.diagnostics import durability
from detente.process import EventKind, EventLog, compile_scenario, simulate
from detente.process.breakdown import hazard
from detente.process.engine import chunk_draws
from detente.process.parameters import full_parameters
from detente.process.state import Model

RUNS = 1500
# the cycle scenario with both sides' resolve raised so that most deals need a good day
MARGINAL = {"decision_noise": 5.0, "resolve.GAIN": 10.0, "resolve.WEAK": 10.0}


def _model(**dynamics: float) -> Model:
    compiled = compile_scenario(cycle_scenario(**dynamics))
    _, theta, _ = chunk_draws(compiled, 1, 0, 2)
    return Model(compiled, np.ascontiguousarray(full_parameters(compiled, theta).T))


def test_the_hazard_grows_by_e_to_the_k_per_point_of_shortfall() -> None:
    model = _model(
        breakdown_hazard=0.02,
        commitment_effect=0.5,
        breakdown_temptation=0.3,
        breakdown_shortfall=0.5,
    )
    idx = np.arange(2)
    commitment, drift = np.array([0.0, 0.4]), np.array([1.0, 0.0])
    got = hazard(model, idx, commitment, drift, np.array([2.0, 0.0]))
    # by hand: 0.02 x 1 x e^(0.3 x 1 + 0.5 x 2) and 0.02 x (1 - 0.5 x 0.4) x e^0
    assert np.allclose(got, [0.02 * math.exp(1.3), 0.016])
    # a text being valued (no shortfall known) reads the terms and the war only
    assert np.allclose(hazard(model, idx, commitment, drift), [0.02 * math.exp(0.3), 0.016])


def test_durability_counts_each_agreement_s_first_breakdown_by_the_horizon() -> None:
    agree, lucky, broke = EventKind.AGREEMENT, EventKind.SHOCK_CARRIED, EventKind.BREAKDOWN
    events = [
        (0, 14, lucky, 0, -1, -1, 1.5),
        (0, 14, agree, 0, -1, -1, 1.0),
        (0, 42, broke, 0, -1, -1, 1.0),  # the lucky deal broke down
        (0, 56, agree, 0, -1, -1, 1.0),  # the next one holds
        (1, 28, agree, 0, -1, -1, 1.0),
        (1, 400, broke, 0, -1, -1, 1.0),  # after the horizon: not counted
        (2, 500, agree, 0, -1, -1, 1.0),  # after the horizon: not counted
    ]
    log = EventLog.from_events(
        [(r, d, int(k), a, x, i, v) for r, d, k, a, x, i, v in events],
        n_runs=3,
        as_of=dt.date(2026, 1, 1),
        round_days=14,
        actor_ids=("A",),
        issue_ids=("x",),
        arena_ids=("talks",),
    )
    got = durability(log, 365)
    assert (got.lucky, got.lucky_broke, got.other, got.other_broke) == (1, 1, 2, 0)
    assert got.lucky_rate == 1.0 and got.other_rate == 0.0


def _log(**dynamics: float) -> EventLog:
    return simulate(compile_scenario(cycle_scenario(**MARGINAL, **dynamics)), runs=RUNS, seed=3)


def test_zero_is_the_default_and_a_shortfall_makes_lucky_deals_fragile() -> None:
    undeclared, at_zero = _log(), _log(breakdown_shortfall=0.0)
    for column in ("run", "day", "kind", "value"):
        assert np.array_equal(getattr(undeclared, column), getattr(at_zero, column), equal_nan=True)
    even = durability(at_zero, 10**6)
    assert even.lucky > 500 and even.other > 200  # both kinds of deal are common here
    # at 0 a deal a shock carried breaks down about as often as any other
    assert abs(even.lucky_rate - even.other_rate) < 0.1
    fragile = durability(_log(breakdown_shortfall=2.0), 10**6)
    assert fragile.lucky_rate > even.lucky_rate + 0.3
    assert fragile.lucky_rate > fragile.other_rate + 0.3
    # the shortfall a shock-carried accept records is that of a negative margin
    flagged = at_zero.value[at_zero.kind == EventKind.SHOCK_CARRIED]
    assert (flagged >= 0).all() and (flagged > 0).mean() > 0.9
