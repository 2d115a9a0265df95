"""The built-in EU Council: the sanctions rollover on its calendar, the cost of a veto.

Hand reasoning behind the bounds: the regime stands at 20 on the sanctions scale and a
lapse reverts it to 55-75. Hungary's ideal (45-75) lies at or above most reversion
points, so renewing costs it 35-55 points; with no veto cost it vetoes every renewal
(decision_noise is 1-3 points), with the calibrated cost (43-55) only where the cost
drawn falls below the loss.
"""

from __future__ import annotations

import numpy as np
import pytest

from detente.forecast.evaluate import evaluate_question
from detente.forecast.questions import parse_question
from detente.process import compile_scenario, simulate
from detente.process.logbuilder import LogBuilder
from detente.process.parameters import full_parameters, parameter_space, sample_parameters
from detente.process.simulator import Model
from detente.process.voting import VoteState, vote_round
from detente.scenario import load_scenario
from detente.scenario.paths import apply_setting

RUNS = 3000
COST = "arenas.eu_council.decisions.sanctions_rollover.veto_cost"


def _lapse_within_a_year(name: str, scenario=None) -> float:
    s = scenario or load_scenario(name)
    log = simulate(s, runs=RUNS, seed=1)
    day = s.as_of.replace(year=s.as_of.year + 1).isoformat()
    question = parse_question(
        f"event(kind=decision_lapsed, arena=eu_council, issue=sanctions_relief) by {day}"
    )
    return evaluate_question(question, log).probability


@pytest.mark.parametrize("name", ["ukraine-2025-12", "ukraine-2026-06"])
def test_the_rollover_is_declared_in_force_on_a_six_monthly_calendar(name):
    s = load_scenario(name)
    council = next(a for a in s.arenas if a.id == "eu_council")
    rollover = next(d for d in council.decisions if d.id == "sanctions_rollover")
    assert rollover.in_force and rollover.renewal.every_days == 182
    assert rollover.renewal.first.month in (1, 7) and rollover.renewal.first.day == 31
    assert rollover.reversion.low > 50  # a lapse is relief for Russia
    assert rollover.veto_cost is not None and rollover.veto_cost.low > 0
    loan = next(d for d in council.decisions if d.id == "reparations_loan")
    assert not loan.in_force and loan.veto_cost is None


@pytest.mark.parametrize("name", ["ukraine-2025-12", "ukraine-2026-06"])
def test_the_rollover_rarely_lapses_within_a_year_but_can(name):
    with_cost = _lapse_within_a_year(name)
    assert 0.005 < with_cost < 0.15, with_cost
    no_cost = _lapse_within_a_year(name, apply_setting(load_scenario(name), COST, 0))
    assert no_cost > 0.95, no_cost


def _council_alone(veto_cost: float, runs: int = 400) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The Council alone, round by round as the simulator calls it, up to the first renewal
    (31 Jan 2026 is day 58: the round held on or after it is day 70). Returns which runs
    lapsed and the change of war_cost.RUS and front_drift_per_round in each run."""
    s = apply_setting(load_scenario("ukraine-2025-12"), COST, veto_cost)
    compiled = compile_scenario(s)
    rng = np.random.default_rng(5)
    theta = sample_parameters(parameter_space(compiled), rng, runs)
    model = Model(compiled, np.ascontiguousarray(full_parameters(compiled, theta).T))
    cols = [compiled.dynamic("war_cost.RUS"), compiled.dynamic("front_drift_per_round")]
    before = model.params[cols].copy()
    log = LogBuilder(compiled, runs)
    (vote,) = compiled.votes
    state = VoteState.start(vote, model, rng)
    for r in range(1, 6):
        vote_round(vote, state, model, np.ones(runs, bool), np.zeros(runs), rng, log, r * 14)
    d = next(k for k, x in enumerate(vote.decisions) if x.in_force)
    change = model.params[cols] - before
    return state.lapsed[:, d], change[0], change[1]


def test_a_lapse_gives_russia_back_what_the_sanctions_cost_it():
    # no veto cost: Hungary or Slovakia vetoes unless both sit nearer the regime (20) than
    # the reversion point (55-75), which is rare
    lapsed, cost, drift = _council_alone(0)
    assert lapsed.mean() > 0.9
    assert np.allclose(cost[lapsed], -0.4) and np.allclose(drift[lapsed], 0.05)
    assert np.all(cost[~lapsed] == 0) and np.all(drift[~lapsed] == 0)
    # a veto dearer than any loss (100 > 55): renewed everywhere, the war unchanged
    lapsed, cost, drift = _council_alone(100)
    assert not lapsed.any() and np.all(cost == 0) and np.all(drift == 0)


def test_same_seed_same_council():
    s = load_scenario("ukraine-2025-12")
    one, two = simulate(s, runs=500, seed=4), simulate(s, runs=500, seed=4)
    for name in ("run", "day", "kind", "arena", "actor", "issue", "value"):
        assert np.array_equal(getattr(one, name), getattr(two, name), equal_nan=True)
