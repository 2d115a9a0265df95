"""PCE voting rules and KTAB's SMP, checked against KTAB's own reference run logs."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.scenario.importers.ktab import read_ktab_arrays
from detente.solvers.pce import (
    coalition_strengths,
    conditional_pce,
    markov_incentive_pce,
    markov_uniform_pce,
    victory_probability,
    vote,
)
from detente.solvers.smp import SMPSettings, all_challenges, assess_state, spatial_model
from detente.solvers.validation import SolverInputError

KTAB = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "ktab"
CASES = ["SOE-Pol-Comp", "dummyData_3Dim"]


def read_ktab_csv(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return read_ktab_arrays(KTAB / f"{name}.csv")


@cache
def reference(name: str) -> dict:
    """Numbers KTAB printed in its 2017-05-30 reference log of this case."""
    text = (KTAB / f"20170530_ref-{name}.txt").read_text()
    block = text.split("Inferred risk attitudes:")[1].split("Risk-aware")[0]
    risk = np.array([float(v) for v in block.split()])
    first_turn = text.split("Starting Model::run iteration 2")[0]
    challenges = {
        (int(i), int(j)): float(p)
        for h, p, i, j in re.findall(
            r"Est by\s+(\d+) of prob ([\d.]+) that \[\s*(\d+)>\s*(\d+)\], with expected gain to"
            r"\s+\1 ",
            first_turn,
        )
        if h == i
    }
    pos = text.split("History of actor positions over time")[1].split("History of actors")[0]
    rows = [
        line for line in pos.splitlines() if ":" in line and len(line.split(":")[1].split()) > 1
    ]
    history = np.array([[float(v) for v in line.split(":")[1].split()] for line in rows])
    win_block = text.split("History of actors' winning probabilities")[1]
    win = np.array(
        [
            [float(v) for v in line.split(":")[1].split()]
            for line in win_block.splitlines()
            if "prob :" in line
        ]
    )
    return {"risk": risk, "challenges": challenges, "history": history, "win": win}


@cache
def run_case(name: str):
    x, s, c = read_ktab_csv(name)
    return spatial_model(x, s, c)


@pytest.mark.parametrize("name", CASES)
def test_first_turn_matches_ktab_to_three_decimals(name: str) -> None:
    x, s, c = read_ktab_csv(name)
    ref = reference(name)
    state = assess_state(x / 100, s / 100, c, SMPSettings())
    np.testing.assert_allclose(state.risk, ref["risk"], atol=5e-4)
    np.testing.assert_allclose(state.win_probability, ref["win"][:, 0], atol=5e-4)
    total = (s / 100).sum(-1)
    prob, gain = all_challenges(state, c * total, total, SMPSettings())
    gain[np.arange(len(c)), np.arange(len(c))] = -np.inf
    assert ref["challenges"], "the log lists first-turn challenges"
    for (i, j), p in ref["challenges"].items():
        assert int(np.argmax(gain[i])) == j  # i's most advantageous target, as in KTAB
        assert prob[i, j] == pytest.approx(p, abs=5e-4)


@pytest.mark.parametrize("name", CASES)
def test_trajectory_and_win_probabilities_match_ktab(name: str) -> None:
    ref = reference(name)
    result = run_case(name)
    n, _, m = result.history.shape[1], None, result.history.shape[2]
    ktab = ref["history"].reshape(n, m, -1)  # (actor, dim, turn), printed to 0.1
    assert result.history.shape[0] == ktab.shape[-1]  # same number of turns
    deviation = np.abs(np.moveaxis(result.history, 0, -1) - ktab)
    assert deviation.max() <= 0.05 + 1e-9  # only KTAB's print rounding
    np.testing.assert_allclose(result.win_probability.T, ref["win"], atol=5e-4)


def test_numpy_and_numba_paths_agree() -> None:
    x, s, c = read_ktab_csv("SOE-Pol-Comp")
    fast = spatial_model(x, s, c, SMPSettings(max_turns=4, numba_from_actors=0))
    slow = spatial_model(x, s, c, SMPSettings(max_turns=4, use_numba=False))
    np.testing.assert_allclose(fast.history, slow.history, atol=1e-12)


def test_stochastic_transitions_match_pce_odds_in_distribution() -> None:
    # KTAB's log, turn 0: actor 0's queue is (status quo, bargain 1006) with PCE odds
    # 0.5458 / 0.4542; with stochastic transitions actor 0 keeps its position that often.
    x, s, c = read_ktab_csv("SOE-Pol-Comp")
    cfg = SMPSettings(max_turns=1, state_transition="stochastic")
    runs = 400
    xb = np.broadcast_to(x, (runs, *x.shape))
    sb = np.broadcast_to(s, (runs, *s.shape))
    cb = np.broadcast_to(c, (runs, *c.shape))
    result = spatial_model(xb, sb, cb, cfg, np.random.default_rng(7))
    stayed = np.all(np.abs(result.history[:, 1, 0] - x[0]) < 1e-9, axis=-1).mean()
    assert abs(stayed - 0.5458) < 4 * np.sqrt(0.25 / runs)
    again = spatial_model(xb[:5], sb[:5], cb[:5], cfg, np.random.default_rng(7))
    np.testing.assert_array_equal(again.history, result.history[:5])


def test_voting_rules_by_hand() -> None:
    du = np.array([-0.5, 0.0, 0.5])
    np.testing.assert_allclose(vote("proportional", 2.0, du), [-1.0, 0.0, 1.0])
    np.testing.assert_allclose(vote("binary", 2.0, du), [-2.0, 0.0, 2.0])
    np.testing.assert_allclose(vote("proportional-binary", 2.0, du), [-1.2, 0.0, 1.2])
    np.testing.assert_allclose(vote("cubic", 2.0, du), [-0.25, 0.0, 0.25])
    np.testing.assert_allclose(vote("proportional-cubic", 2.0, du), [-0.625, 0.0, 0.625])
    np.testing.assert_allclose(vote("asymmetric-prospect", 3.0, du), [-1.5, 0.0, 1.0])
    with pytest.raises(SolverInputError):
        vote("plurality", 1.0, du)


def test_pce_models_on_a_small_case() -> None:
    # two voters (weights 1 and 3) over three options; utilities by hand
    u = np.array([[1.0, 0.5, 0.0], [0.0, 0.5, 1.0]])
    w = np.array([1.0, 3.0])
    c = coalition_strengths(u, w)
    assert c[2, 0] == pytest.approx(3.0, abs=1e-7)  # voter 2 prefers option 2 by 1.0, x3
    assert c[0, 2] == pytest.approx(1.0, abs=1e-7)
    p = victory_probability(c)
    assert p[2, 0] == pytest.approx(0.75, abs=1e-7)
    np.testing.assert_allclose(p + p.T, 1.0)
    for dist in (conditional_pce(p), markov_uniform_pce(p), markov_incentive_pce(c, p)):
        assert dist.sum() == pytest.approx(1.0)
        assert int(np.argmax(dist)) == 2  # the stronger voter's favourite


def test_batch_axis_runs_each_draw() -> None:
    x, s, c = read_ktab_csv("SOE-Pol-Comp")
    batch = spatial_model(np.stack([x, x[::-1]]), np.stack([s, s[::-1]]), np.stack([c, c[::-1]]))
    single = run_case("SOE-Pol-Comp")
    turns = single.history.shape[0]
    np.testing.assert_allclose(batch.history[0, :turns], single.history)
    assert batch.outcome.shape == (2, 2)


one_dim_cases = st.integers(2, 6).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 20), min_size=n, max_size=n, unique=True).map(
            lambda v: [5.0 * k for k in v]
        ),
        st.lists(st.floats(5, 100), min_size=n, max_size=n),
        st.lists(st.floats(1, 100), min_size=n, max_size=n),
    )
)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(one_dim_cases, st.floats(0.1, 50))
def test_smp_properties_hull_and_capability_scale(data, factor) -> None:
    x, s, c = (np.array(v) for v in data)
    x, s = x[:, None], s[:, None]
    result = spatial_model(x, s, c, SMPSettings(max_turns=10))
    assert np.all(result.history >= x.min() - 1e-6)
    assert np.all(result.history <= x.max() + 1e-6)
    assert x.min() - 1e-6 <= result.outcome[0] <= x.max() + 1e-6
    scaled = spatial_model(x, s, c * factor, SMPSettings(max_turns=10))
    # KTAB's tiny floor constants (1e-8, 1e-10) are the only scale-dependent terms; they
    # can only tip exact ties between bargains, which move positions by < 0.5 here
    np.testing.assert_allclose(scaled.outcome, result.outcome, atol=0.5)


@settings(max_examples=20, deadline=None, derandomize=True)
@given(st.floats(0, 45), st.floats(5, 100), st.floats(1, 100))
def test_smp_symmetric_actors_give_symmetric_results(left, sal, cap) -> None:
    x = np.array([[left], [100 - left]])
    s = np.array([[sal], [sal]])
    c = np.array([cap, cap])
    result = spatial_model(x, s, c)
    final = result.history[-1, :, 0]
    assert final[0] - 50 == pytest.approx(50 - final[1], abs=1e-6)
    assert result.outcome[0] == pytest.approx(50.0, abs=1e-6)


separated_cases = st.integers(2, 6).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 10), min_size=n, max_size=n, unique=True).map(
            lambda v: [10.0 * k for k in v]
        ),
        st.lists(st.floats(20, 100), min_size=n, max_size=n),
        st.lists(st.floats(1, 100), min_size=n, max_size=n),
    )
)


@settings(max_examples=20, deadline=None, derandomize=True)
@given(separated_cases)
def test_smp_mirrored_inputs_give_mirrored_outcome(data) -> None:
    # mirror symmetry holds up to KTAB's 4-decimal rounding of bargains, which can tip
    # an exact tie between two bargains; well separated positions avoid such ties
    x, s, c = (np.array(v) for v in data)
    x, s = x[:, None], s[:, None]
    result = spatial_model(x, s, c)
    mirrored = spatial_model(100 - x, s, c)
    np.testing.assert_allclose(mirrored.outcome, 100 - result.outcome, atol=0.5)


@pytest.mark.parametrize(
    ("x", "s", "c", "words"),
    [
        ([[120.0], [10.0]], [[50.0], [50.0]], [1.0, 1.0], "outside the 0..100"),
        ([[50.0]], [[50.0]], [1.0], "at least two actors"),
        ([[np.nan], [10.0]], [[50.0], [50.0]], [1.0, 1.0], "NaN"),
        ([[50.0], [10.0]], [[50.0], [50.0]], [0.0, 0.0], "capabilities are 0"),
        ([[50.0], [10.0]], [[0.0], [0.0]], [1.0, 1.0], "zero total weight"),
        ([[50.0], [10.0]], [[50.0], [0.0]], [1.0, 1.0], "all saliences 0"),
    ],
)
def test_bad_input_named_with_a_fix(x, s, c, words) -> None:
    with pytest.raises(SolverInputError) as err:
        spatial_model(np.array(x), np.array(s), np.array(c))
    assert words in str(err.value)
    assert err.value.hint


def test_unknown_setting_is_rejected() -> None:
    x, s, c = read_ktab_csv("SOE-Pol-Comp")
    with pytest.raises(SolverInputError, match="risk_range"):
        spatial_model(x, s, c, SMPSettings(risk_range="huge"))
    with pytest.raises(SolverInputError, match="random generator"):
        spatial_model(x, s, c, SMPSettings(state_transition="stochastic"))


@pytest.mark.parametrize(
    "option",
    [
        {"voting_rule": rule}
        for rule in (
            "binary",
            "proportional-binary",
            "cubic",
            "proportional-cubic",
            "asymmetric-prospect",
        )
    ]
    + [{"pce_model": "markov-uniform"}, {"pce_model": "markov-incentive"}]
    + [{"risk_range": "min"}, {"risk_range": "max"}, {"risk_adjust": "full"}]
    + [{"third_party": "full"}, {"third_party": "none"}, {"victory_exponent": 2.0}]
    + [{"interpolation": "S1P1"}, {"interpolation": "S2PMax"}]
    + [{"bargain_model": "init-receiver"}, {"bargain_model": "pw-compromise"}],
)
def test_every_ktab_setting_runs_and_stays_in_the_hull(option) -> None:
    x, s, c = read_ktab_csv("dummyData_3Dim")
    fast = spatial_model(x, s, c, SMPSettings(max_turns=4, numba_from_actors=0, **option))
    slow = spatial_model(x, s, c, SMPSettings(max_turns=4, use_numba=False, **option))
    np.testing.assert_allclose(fast.history, slow.history, atol=1e-9)
    assert np.all(fast.history >= x.min(0) - 1e-6) and np.all(fast.history <= x.max(0) + 1e-6)
    np.testing.assert_allclose(fast.win_probability.max(-1) <= 1.0, True)
