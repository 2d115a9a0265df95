"""Expected-utility challenge model against Scholz, Calbert & Smith (2011), EC emissions."""

from __future__ import annotations

import math

import numpy as np
import pytest
from bdm_data import ec_case

from detente.solvers.expected_utility import (
    ExpectedUtilitySettings,
    expected_utility,
)
from detente.solvers.validation import SolverInputError

# Scholz et al. 2011 round medians for the EC case (data README), one decimal
SCHOLZ_MEDIANS = [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6]


def truncate(value: float) -> float:
    """The paper prints medians cut to one decimal (9.96 -> 9.9, 7.47 -> 7.4)."""
    return math.floor(value * 10 + 1e-9) / 10


def test_round_medians_reproduce_scholz_except_round_two() -> None:
    x, s, c = ec_case()
    result = expected_utility(x, s, c)
    medians = [truncate(v) for v in result.median[1:, 0]]
    assert result.median[0, 0] == 7.0  # round 0: the weighted (Condorcet) median
    # rounds 1 and 3-8 equal the paper; round 2 gives 9.6 (Belgium reaches 9.61 a
    # round before it reaches 9.96), the paper 9.9 - see the module docstring/report
    assert medians[0] == SCHOLZ_MEDIANS[0]
    assert medians[2:] == SCHOLZ_MEDIANS[2:]
    assert medians[1] == 9.6


def test_settings_change_the_path() -> None:
    x, s, c = ec_case()
    pair = expected_utility(x, s, c, ExpectedUtilitySettings(probability_denominator="pair"))
    # with P(i>j) + P(j>i) = 1 every actor confronts and no one moves off 7.0
    assert np.all(pair.median[:, 0] == 7.0)
    least = expected_utility(x, s, c, ExpectedUtilitySettings(compromise_choice="least-move"))
    assert not np.allclose(least.median, expected_utility(x, s, c).median)


def test_batched_and_multi_issue_runs_match_single_runs() -> None:
    x, s, c = ec_case()
    # issues are solved independently: a second issue does not disturb the first
    other = np.linspace(0, 100, len(x))[:, None]
    two = expected_utility(np.concatenate([x, other], 1), np.concatenate([s, s[::-1]], 1), c)
    one = expected_utility(x, s, c)
    np.testing.assert_allclose(two.median[:, 0], one.median[:, 0])
    batch = expected_utility(np.stack([x, x]), np.stack([s, s]), np.stack([c, 2 * c]))
    np.testing.assert_allclose(batch.median[0], one.median)
    np.testing.assert_allclose(batch.median[1], one.median)  # capability scale cancels


def test_outcome_stays_in_hull_of_positions() -> None:
    rng = np.random.default_rng(3)
    x = rng.uniform(0, 100, (20, 7, 2))
    s = rng.uniform(10, 100, (20, 7, 2))
    c = rng.uniform(1, 10, (20, 7))
    out = expected_utility(x, s, c).outcome
    assert np.all(out >= x.min(-2) - 1e-9)
    assert np.all(out <= x.max(-2) + 1e-9)


def test_bad_input() -> None:
    x, s, c = ec_case()
    with pytest.raises(SolverInputError, match="two actors"):
        expected_utility(x[:1], s[:1], c[:1])
    with pytest.raises(SolverInputError, match="above 100"):
        expected_utility(x, s * 10, c)
    with pytest.raises(SolverInputError, match="compromise_choice"):
        expected_utility(x, s, c, ExpectedUtilitySettings(compromise_choice="best"))
