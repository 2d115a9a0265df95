"""Exchange model (equal gain) and Nash / Kalai-Smorodinsky bargaining."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.solvers.bargaining import kalai_smorodinsky, nash_bargaining, utility
from detente.solvers.exchange import exchange_model
from detente.solvers.validation import SolverInputError


def two_by_two() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # A cares about issue 0 (80 vs 20), B about issue 1; they disagree on both
    x = np.array([[0.0, 0.0], [100.0, 100.0]])
    s = np.array([[80.0, 20.0], [20.0, 80.0]])
    c = np.array([1.0, 1.0])
    return x, s, c


def test_exchange_moves_each_outcome_towards_who_cares_more() -> None:
    x, s, c = two_by_two()
    r = exchange_model(x, s, c)
    np.testing.assert_allclose(r.initial, [20.0, 80.0])  # weighted means: 80*0+20*100 / 100
    assert r.exchanges == 1
    assert r.outcome[0] < r.initial[0] and r.outcome[1] > r.initial[1]


def test_exchange_gains_are_equal() -> None:
    x, s, c = two_by_two()
    r = exchange_model(x, s, c)
    shift = np.abs(r.outcome - r.initial)
    sal = s / 100
    gain_a = sal[0, 0] * shift[0] - sal[0, 1] * shift[1]
    gain_b = sal[1, 1] * shift[1] - sal[1, 0] * shift[0]
    assert gain_a > 0
    assert gain_a == pytest.approx(gain_b)


def test_no_exchange_when_priorities_agree() -> None:
    x, s, c = two_by_two()
    s = np.array([[80.0, 20.0], [80.0, 20.0]])
    r = exchange_model(x, s, c)
    assert r.exchanges == 0
    np.testing.assert_allclose(r.outcome, r.initial)


def test_exchange_batch_and_single_issue_error() -> None:
    x, s, c = two_by_two()
    batch = exchange_model(np.stack([x, x]), np.stack([s, s]), np.stack([c, c]))
    np.testing.assert_allclose(batch.outcome[0], exchange_model(x, s, c).outcome)
    with pytest.raises(SolverInputError, match="two issues"):
        exchange_model(x[:, :1], s[:, :1], c)


def test_nash_matches_the_analytic_asymmetric_solution() -> None:
    # 1-D, positions 0 and 100, powers 3:1, d = 0: maximise 3 log(1 - o^2) + log(1 - (1-o)^2)
    # on o in [0, 1]; a fine grid puts the maximum at o = 0.34183
    x = np.array([[0.0], [100.0]])
    s = np.array([[50.0], [50.0]])
    r = nash_bargaining(x, s, np.array([3.0, 1.0]))
    assert r.outcome[0] == pytest.approx(34.183, abs=0.01)
    assert nash_bargaining(x, s, np.array([1.0, 1.0])).outcome[0] == pytest.approx(50.0)


def test_kalai_smorodinsky_equalises_shares_of_possible_gain() -> None:
    # two actors: the frontier is continuous, so KS gives both the same share of the
    # gain from d to their utopia (u = 1 at their own position)
    x = np.array([[0.0, 0.0], [100.0, 20.0]])
    s = np.array([[50.0, 50.0], [80.0, 20.0]])
    q = np.array([100.0, 100.0])
    r = kalai_smorodinsky(x, s, np.array([1.0, 5.0]), disagreement=q)
    d = utility(q, x, s / s.sum(-1, keepdims=True))
    share = (r.utility - d) / (1 - d)
    assert r.agreement
    assert share[0] == pytest.approx(share[1], abs=2e-3)


def test_disagreement_point_that_is_already_pareto_optimal() -> None:
    x = np.array([[0.0], [100.0]])
    s = np.array([[50.0], [50.0]])
    r = nash_bargaining(x, s, np.ones(2), disagreement=np.array([40.0]))
    assert not r.agreement  # on a line any move hurts someone
    assert r.outcome[0] == 40.0


@settings(max_examples=30, deadline=None)
@given(
    st.integers(2, 5).flatmap(
        lambda n: st.tuples(
            st.lists(st.floats(0, 100), min_size=2 * n, max_size=2 * n),
            st.lists(st.floats(1, 100), min_size=2 * n, max_size=2 * n),
            st.lists(st.floats(0.5, 10), min_size=n, max_size=n),
        )
    ),
    st.floats(0.1, 100),
)
def test_bargaining_properties(data, factor) -> None:
    x, s, c = (np.array(v) for v in data)
    n = len(c)
    x, s = x.reshape(n, 2), s.reshape(n, 2)
    for solve in (nash_bargaining, kalai_smorodinsky):
        out = solve(x, s, c).outcome
        assert np.all(out >= x.min(0) - 1e-6) and np.all(out <= x.max(0) + 1e-6)
    np.testing.assert_allclose(
        nash_bargaining(x, s, c * factor).outcome, nash_bargaining(x, s, c).outcome, atol=1e-6
    )
