"""How long a decider's shock lasts (``dynamics.shock_persistence_days``).

Each round a side's mood keeps rho = exp(-round_days / T) of the last round's and takes
sqrt(1 - rho^2) of a fresh draw, so its spread stays ``decision_noise`` while a good or
bad day lasts about T days. T = 0 (or none) is a fresh shock for every decision.
"""

from __future__ import annotations

import math
from itertools import pairwise
from types import SimpleNamespace

import numpy as np
import pytest
from process_scenarios import cycle_scenario

from detente.analysis.outcomes import agreement_indicator
from detente.process import EventKind, compile_scenario, simulate
from detente.process.tracks import _carry_moods, _mood_kept
from detente.scenario import ScenarioError

RUNS = 1500
# the cycle scenario with both sides' resolve raised so that most deals need a good day
MARGINAL = {"decision_noise": 5.0, "resolve.GAIN": 10.0, "resolve.WEAK": 10.0}


def _moods(days: float, rounds: int, n: int = 200_000, round_days: int = 14) -> list:
    """The mood after each of ``rounds`` rounds, for ``n`` runs, from one seeded stream."""
    model = SimpleNamespace(
        dynamic=lambda name, default=0.0: np.full(n, days),
        compiled=SimpleNamespace(round_days=round_days),
    )
    state = SimpleNamespace(mood=None, implementer_mood=None)
    rng = np.random.default_rng(7)
    out = []
    for _ in range(rounds):
        draws, imp = rng.standard_normal((n, 1)), rng.standard_normal((n, 1))
        mood, _ = _carry_moods(state, _mood_kept(model), draws, imp)
        out.append(mood[:, 0].copy())
    return out


def test_a_lasting_mood_keeps_its_spread_and_carries_exp_minus_round_days_over_t() -> None:
    moods = _moods(days=28.0, rounds=12)
    rho = math.exp(-14 / 28)  # by hand: 0.607
    for later in moods:
        assert abs(later.std() - 1.0) < 0.01  # the spread is decision_noise's
    for before, after in pairwise(moods[5:]):
        assert abs(np.corrcoef(before, after)[0, 1] - rho) < 0.01
    # two rounds apart it keeps rho^2
    assert abs(np.corrcoef(moods[4], moods[6])[0, 1] - rho**2) < 0.01


def test_zero_days_is_a_fresh_shock_each_round() -> None:
    moods = _moods(days=0.0, rounds=3, n=50_000)
    assert abs(np.corrcoef(moods[0], moods[1])[0, 1]) < 0.02


def _log(**dynamics: float):
    return simulate(compile_scenario(cycle_scenario(**MARGINAL, **dynamics)), runs=RUNS, seed=3)


def test_zero_is_the_default_and_a_lasting_mood_gives_fewer_draws_of_luck() -> None:
    undeclared, at_zero = _log(), _log(shock_persistence_days=0.0)
    for column in ("run", "day", "kind", "value"):
        assert np.array_equal(getattr(undeclared, column), getattr(at_zero, column), equal_nan=True)
    lasting = _log(shock_persistence_days=3650.0)
    # the first round's shock is the same draw in both worlds: the same runs agree in it
    first_day = at_zero.round_days

    def agreed_in_round_one(log) -> np.ndarray:
        hit = (log.kind == EventKind.AGREEMENT) & (log.day == first_day)
        return np.unique(log.run[hit])

    assert agreed_in_round_one(at_zero).size > 100
    assert np.array_equal(agreed_in_round_one(at_zero), agreed_in_round_one(lasting))
    # after it, a side that turned the text down stays in much the same mood, so fewer
    # runs are opened by a later good day
    year = 365
    fresh = agreement_indicator(at_zero, year).mean()
    kept = agreement_indicator(lasting, year).mean()
    assert kept < fresh - 0.1


def test_a_negative_persistence_is_refused() -> None:
    with pytest.raises(ScenarioError, match="shock_persistence_days"):
        cycle_scenario(shock_persistence_days=-5.0)


def test_a_barely_lasting_mood_is_learnt_as_a_fresh_one() -> None:
    """A mood of one day keeps exp(-round_days) of itself (about 1e-6 for fortnightly
    rounds): the simulator then takes the joint path (belief over offset and mood,
    ``tracks._learn``), which must reduce to the fresh-shock update. Learning that read
    the answers as free of the mood (its spread dropped) moved 25 of 1,393 agreeing runs
    when tried; here the same runs agree."""
    fresh, barely = _log(shock_persistence_days=0.0), _log(shock_persistence_days=1.0)

    def agreed(log) -> np.ndarray:
        return np.flatnonzero(agreement_indicator(log, 365))

    same = np.intersect1d(agreed(fresh), agreed(barely)).size
    assert agreed(fresh).size > 300
    assert same >= 0.99 * max(agreed(fresh).size, agreed(barely).size)
