"""Compromise family: EC emission standards reference values, batching, properties."""

from __future__ import annotations

import numpy as np
import pytest
from bdm_data import ec_case
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.solvers.compromise import plain_mean, weighted_mean, weighted_median
from detente.solvers.validation import SolverInputError


def test_ec_emission_standards_reference_values() -> None:
    x, s, c = ec_case()
    # published (data README): weighted mean 7.39, weighted median 7.0
    assert weighted_mean(x, s, c)[0] == pytest.approx(7.39, abs=0.005)
    assert weighted_median(x, s, c)[0] == 7.0


def test_batched_equals_one_by_one() -> None:
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 100, (50, 10, 8))
    s = rng.uniform(1, 100, (50, 10, 8))
    c = rng.uniform(1, 100, (50, 10))
    batch_mean, batch_median = weighted_mean(x, s, c), weighted_median(x, s, c)
    assert batch_mean.shape == batch_median.shape == (50, 8)
    for b in range(50):
        np.testing.assert_allclose(batch_mean[b], weighted_mean(x[b], s[b], c[b]))
        np.testing.assert_array_equal(batch_median[b], weighted_median(x[b], s[b], c[b]))


def test_plain_mean_ignores_actors_without_salience() -> None:
    x = np.array([[10.0], [30.0], [90.0]])
    s = np.array([[50.0], [50.0], [0.0]])
    assert plain_mean(x, s)[0] == 20.0  # (10 + 30) / 2, the third does not care


arrays = st.integers(2, 6).flatmap(
    lambda n: st.tuples(
        st.lists(st.floats(0, 100), min_size=n, max_size=n),
        st.lists(st.floats(1, 100), min_size=n, max_size=n),
        st.lists(st.floats(0.1, 100), min_size=n, max_size=n),
    )
)


@settings(max_examples=60, deadline=None)
@given(arrays, st.floats(0.01, 1000))
def test_properties_hull_and_capability_scale(data, factor) -> None:
    x, s, c = (np.array(v) for v in data)
    x, s = x[:, None], s[:, None]
    for solve in (weighted_mean, weighted_median):
        out = solve(x, s, c)[0]
        assert x.min() - 1e-9 <= out <= x.max() + 1e-9
        assert solve(x, s, c * factor)[0] == pytest.approx(out, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.floats(0, 50), st.floats(1, 100), st.floats(0.1, 100))
def test_symmetric_actors_meet_in_the_middle(left, sal, cap) -> None:
    x = np.array([[left], [100 - left]])
    s = np.array([[sal], [sal]])
    c = np.array([cap, cap])
    assert weighted_mean(x, s, c)[0] == pytest.approx(50.0)


@pytest.mark.parametrize(
    ("x", "s", "c", "words"),
    [
        ([[np.nan]], [[50.0]], [1.0], "NaN"),
        ([[10.0], [20.0]], [[50.0], [50.0]], [0.0, 0.0], "capabilities are 0"),
        ([[10.0], [20.0]], [[0.0], [0.0]], [1.0, 1.0], "zero total weight"),
        ([[10.0]], [[50.0], [20.0]], [1.0], "differ in shape"),
    ],
)
def test_bad_input_is_named_with_a_hint(x, s, c, words) -> None:
    with pytest.raises(SolverInputError) as err:
        weighted_mean(np.array(x), np.array(s), np.array(c))
    assert words in str(err.value)
    assert err.value.hint
