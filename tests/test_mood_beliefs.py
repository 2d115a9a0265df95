"""The mediator's learning when a side's mood lasts (``dynamics.shock_persistence_days``).

With a lasting mood, refusals in one bad spell are one piece of evidence, not several. The
mediator holds a Gaussian belief over the private offset and the mood together
(``beliefs.update_with_mood``) and lets the mood's part fade between rounds
(``beliefs.predict_mood``). Checked here against a simulated side whose true offset and
AR(1) mood are known: the joint belief's 90% interval covers the truth about as often as
it says, where the fresh-shock update, which reads every refusal as new evidence,
covers it far less often.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import norm

from detente.process.beliefs import (
    believed_disposition,
    predict_mood,
    start_mood,
    update,
    update_with_mood,
)

N, ROUNDS, TAU = 20_000, 12, 3.0


def _learn(rho: float, joint: bool, seed: int = 11) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each run's true offset (prior N(0, 25)), and the mediator's belief after ``ROUNDS``
    answers to offers placed at what it believes; the mood keeps ``rho`` a round."""
    rng = np.random.default_rng(seed)
    true = rng.normal(0.0, 5.0, N)
    mood = rng.standard_normal(N)
    mean, var = np.zeros((N, 1)), np.full((N, 1), 25.0)
    tau = np.full(N, TAU)
    belief = start_mood(tau, 1)
    for round_no in range(ROUNDS):
        if round_no:
            mood = rho * mood + np.sqrt(1 - rho**2) * rng.standard_normal(N)
            belief = predict_mood(belief, np.full(N, rho), tau)
        margin = (mean[:, 0] + rng.normal(0.0, 2.0, N))[:, None]
        accepted = (margin[:, 0] - true + TAU * mood >= 0)[:, None]
        if joint:
            mean, var, belief = update_with_mood(mean, var, belief, margin, accepted)
        else:
            mean, var = update(mean, var, margin, accepted, TAU)
    return true, mean[:, 0], var[:, 0]


def _coverage(true, mean, var) -> float:
    half = norm.ppf(0.95) * np.sqrt(var)
    return float((np.abs(true - mean) <= half).mean())


def test_with_a_lasting_mood_the_joint_belief_is_calibrated_and_the_fresh_one_is_not() -> None:
    rho = float(np.exp(-14 / 120))  # a mood of about four months, fortnightly rounds: 0.89
    joint = _coverage(*_learn(rho, joint=True))
    fresh = _coverage(*_learn(rho, joint=False))
    assert joint == pytest.approx(0.90, abs=0.03)
    assert fresh < joint - 0.1  # over-confident: each refusal in one mood counted anew


def test_with_fresh_moods_both_updates_are_one() -> None:
    """rho = 0: the joint update is the fresh-shock update, to rounding."""
    true, mean_j, var_j = _learn(0.0, joint=True)
    _, mean_f, var_f = _learn(0.0, joint=False)
    np.testing.assert_allclose(mean_j, mean_f, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(var_j, var_f, rtol=1e-9, atol=1e-9)
    assert _coverage(true, mean_j, var_j) == pytest.approx(0.90, abs=0.03)


def test_a_second_refusal_in_the_same_mood_teaches_less() -> None:
    """Two refusals of offers at the prior's mean, a round apart: the first moves the offset
    as the fresh-shock update does (the mood is new), and is read partly as a bad mood;
    the second, in a mood that kept 0.89 of itself, moves the offset less than a fresh
    refusal would."""
    tau, rho = np.array([TAU]), np.array([0.89])
    mean, var = np.zeros((1, 1)), np.full((1, 1), 25.0)
    margin, refused = np.zeros((1, 1)), np.zeros((1, 1), dtype=bool)
    fresh_mean, fresh_var = update(mean, var, margin, refused, TAU)
    joint_mean, joint_var, mood = update_with_mood(mean, var, start_mood(tau, 1), margin, refused)
    np.testing.assert_allclose(joint_mean, fresh_mean)
    np.testing.assert_allclose(joint_var, fresh_var)
    assert mood[0][0, 0] < 0  # the refusal says the mood is more likely bad than good
    fresh_again, _ = update(fresh_mean, fresh_var, margin, refused, TAU)
    joint_again, _, _ = update_with_mood(
        joint_mean, joint_var, predict_mood(mood, rho, tau), margin, refused
    )
    assert 0 < joint_again[0, 0] - joint_mean[0, 0] < fresh_again[0, 0] - fresh_mean[0, 0]


def test_the_disposition_read_with_tau_is_the_joint_spread() -> None:
    mean, var = np.array([[2.0]]), np.array([[4.0]])
    mood = (np.array([[-1.0]]), np.array([[9.0]]), np.array([[1.5]]))
    d_mean, d_var = believed_disposition(mean, var, mood, np.array([3.0]))
    assert d_mean[0, 0] == pytest.approx(3.0)  # 2 - (-1)
    # read with tau^2 added back, it is var + mood var - 2 cov
    assert d_var[0, 0] + 9.0 == pytest.approx(4.0 + 9.0 - 2 * 1.5)
