"""The numba kernels give the numpy path's numbers bit for bit (the simulator's
output must not depend on which path a batch took)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from detente.process import compile_scenario, simulate
from detente.process import utility as utility_module
from detente.process.kernels import pull_texts, text_utilities
from detente.process.utility import utility
from detente.scenario import load_scenario


@pytest.mark.parametrize("issues", [1, 2, 3, 7, 8, 9, 16, 23, 40, 128])
@pytest.mark.parametrize("averse", [True, False])
def test_text_utilities_match_numpy_bit_for_bit(issues: int, averse: bool) -> None:
    rng = np.random.default_rng(issues)
    r, c, a = 37, 11, 2
    ideal = rng.random((r, a, issues)) * 100
    salience = rng.random((r, a, issues))
    weight = salience / salience.sum(axis=-1, keepdims=True)
    texts = rng.random((r, c, issues)) * 100
    reference = rng.random((r, issues)) * 100
    aversion = rng.random(r)
    if averse:
        want = utility(
            ideal[:, None], weight[:, None], texts, reference[:, None], aversion[:, None]
        )
    else:
        want = utility(ideal[:, None], weight[:, None], texts)
    got = text_utilities(ideal, weight, texts, reference, aversion, averse)
    assert got.shape == want.shape
    assert np.array_equal(got, want)  # exact: same operations in numpy's sum order


@pytest.mark.parametrize("issues", [0, 1, 3, 7, 8, 9, 15, 16, 17, 23, 40, 128])
def test_column_sums_match_numpy_bit_for_bit(issues: int) -> None:
    """The column-by-column utilities of ``kernels_columns`` (every pairwise-sum branch)."""
    from detente.process.kernels_columns import _averse_sums, _plain_sums

    rng = np.random.default_rng(issues)
    c = 11
    ideal = rng.random(issues) * 100
    weight = rng.random(issues)
    texts = rng.random((c, issues)) * 100
    reference = rng.random(issues) * 100
    columns = np.ascontiguousarray(texts.T)
    term, acc, got = np.empty((issues, c)), np.empty((8, c)), np.empty(c)
    _averse_sums(columns, ideal, weight, reference, 0.7, term, acc, got)
    want = utility(ideal[None, None], weight[None, None], texts, reference[None], np.array([0.7]))
    assert np.array_equal(-got, want[:, 0])
    _plain_sums(columns, ideal, weight, term, acc, got)
    assert np.array_equal(-got, utility(ideal[None, None], weight[None, None], texts)[:, 0])


def test_pull_texts_match_numpy_bit_for_bit() -> None:
    rng = np.random.default_rng(3)
    texts = rng.random((50, 11, 8)) * 100
    ideal = rng.random((50, 8)) * 100
    cares = rng.random((50, 8)) < 0.5
    share = rng.random(50)
    want = np.where(cares[:, None], texts + share[:, None, None] * (ideal[:, None] - texts), texts)
    assert np.array_equal(pull_texts(texts, ideal, cares, share), want)


def test_simulation_is_the_same_with_and_without_the_kernels(monkeypatch) -> None:
    compiled = compile_scenario(load_scenario("ukraine-2025-12"))
    with_kernels = simulate(compiled, runs=600, seed=5)
    assert utility_module.compiled_pays(np.zeros((600, 11, 8))) is True
    monkeypatch.setattr(utility_module, "USE_KERNELS", False)
    without = simulate(compiled, runs=600, seed=5)
    assert utility_module.compiled_pays(np.zeros((600, 11, 8))) is False
    assert len(with_kernels) > 600
    for name in ("run", "day", "kind", "arena", "actor", "issue", "value", "settlement"):
        assert np.array_equal(getattr(with_kernels, name), getattr(without, name), equal_nan=True)


def _option_inputs(signatories: int, seed: int, implementers: int = 1) -> dict:
    """Random inputs of one mediator option (r runs x 11 candidates)."""
    rng = np.random.default_rng(seed)
    r, c = 300, 11
    return {
        "value": rng.normal(0, 20, (r, c, signatories)),
        "fight": rng.normal(0, 20, (r, signatories)),
        "mean": rng.normal(0, 5, (r, signatories)),
        "var": rng.random((r, signatories)) * 30,
        "tau": rng.random(r) * 4,
        "imp": rng.normal(0, 3, (r, c, implementers)),
        "needs": rng.random(r) < 0.5,
        "gain": rng.normal(10, 5, (r, c)),
        "cost": rng.random(r),
        "usable": rng.random(r) < 0.8,
    }


def _option_values_numpy(a: dict) -> np.ndarray:
    """ev (r, c) of one option's candidates, on numpy (``tracks._option_values``)."""
    from detente.process.beliefs import accept_probability
    from detente.process.implementers import consent_probability

    with np.errstate(invalid="ignore"):  # the NaN cases
        margin = a["value"] - a["fight"][:, None, :]
        p = accept_probability(
            margin, a["mean"][:, None], a["var"][:, None], a["tau"][:, None, None]
        ).prod(-1)
        consent = consent_probability(a["imp"], a["tau"], np.ones(a["imp"].shape[-1], bool))
        p = p * np.where(a["needs"][:, None], consent, 1.0)
        return np.where(a["usable"][:, None], p * a["gain"] - a["cost"][:, None], -np.inf)


def _option_choice_matches_numpy(a: dict, *more: dict) -> None:
    """The kernel's best option (``a`` and ``more``, which share a's mean, var and tau),
    its best candidate and the candidate's value are numpy's, bit for bit."""
    from detente.process.kernels import NDTR_ADDRESS
    from detente.process.kernels_options import NDTR_BOUNDS, best_option

    options = [a, *({**o, "mean": a["mean"], "var": a["var"], "tau": a["tau"]} for o in more)]
    ev = [_option_values_numpy(o) for o in options]
    with np.errstate(invalid="ignore"):
        bests = np.stack([e.max(axis=1) for e in ev], axis=1)
    want_pick = bests.argmax(axis=1)
    rows = np.arange(want_pick.size)
    want_top = np.stack([e.argmax(axis=1) for e in ev], axis=1)[rows, want_pick]
    want_best = bests[rows, want_pick]
    n = len(options)
    pick, top, best = best_option(
        np.stack([o["value"] for o in options]),
        np.stack([o["gain"] for o in options]),
        np.stack([o["imp"] for o in options]),
        np.stack([o["fight"] for o in options]),
        np.stack([o["cost"] for o in options]),
        np.stack([o["usable"] for o in options]),
        np.arange(n),
        np.arange(n),
        np.stack([o["needs"] for o in options]),
        a["mean"],
        a["var"],
        a["tau"],
        NDTR_ADDRESS,
        NDTR_BOUNDS,
    )
    assert np.array_equal(pick, want_pick)
    assert np.array_equal(top, want_top)
    assert np.array_equal(best, want_best, equal_nan=True)
    assert np.array_equal(np.signbit(best), np.signbit(want_best))


@pytest.mark.parametrize("signatories", [1, 2, 3])
@pytest.mark.parametrize("implementers", [0, 1, 2])
def test_option_choice_matches_numpy_bit_for_bit(signatories: int, implementers: int) -> None:
    a = _option_inputs(signatories, signatories, implementers)
    _option_choice_matches_numpy(a)
    _option_choice_matches_numpy(a, _option_inputs(signatories, 7, implementers), a)


@pytest.mark.parametrize("seed", range(4))
def test_option_choice_matches_numpy_on_ties_nan_and_odd_gains(seed: int) -> None:
    """Runs the kernel may not prune (NaN, infinite or negative gains, NaN consent
    margins, infinite cost) and ties (equal candidates, zero values of either sign)."""
    a = _option_inputs(2, 10 + seed, 2)
    rng = np.random.default_rng(seed)
    r = a["gain"].shape[0]
    rows = rng.permutation(r)[:120].reshape(12, 10)
    a["value"][rows[0], 3] = np.nan
    a["gain"][rows[1], 5] = np.nan
    a["gain"][rows[2], 2] = -np.inf
    a["gain"][rows[3]] = -a["gain"][rows[3]]  # negative gains: the bound does not hold
    a["imp"][rows[4], 1, 1] = np.nan
    a["imp"][rows[4], 2, 0] = -np.inf
    a["cost"][rows[5]] = np.inf
    a["value"][rows[6]] = a["value"][rows[6], :1]  # every candidate the same
    a["gain"][rows[6]] = a["gain"][rows[6], :1]
    a["gain"][rows[7]] = 0.0  # ev = -cost for all: ties
    a["cost"][rows[7]] = 0.0
    a["gain"][rows[8], ::2] = -0.0
    a["value"][rows[9], 4] = np.inf
    a["mean"][rows[9]] = np.inf  # inf - inf: NaN arguments
    a["value"][rows[10]] = -1e6  # every P(accept) zero: all ties at -cost
    a["value"][rows[11], 7] = 1e6  # certain acceptance of one candidate
    a["needs"][rows[4]] = True
    _option_choice_matches_numpy(a)
    # several options: the same candidates again (ties across options), the candidates
    # of another option, and an option that is never usable
    other = _option_inputs(2, 20 + seed, 2)
    never = {**other, "usable": np.zeros(r, dtype=bool)}
    _option_choice_matches_numpy(a, never, other, a, other)
    _option_choice_matches_numpy(never, a, other)


def test_ndtr_bounds_hold() -> None:
    """Every table bound is above scipy's ndtr wherever it is read (``_bound``)."""
    from scipy.special import ndtr

    from detente.process.kernels_options import NDTR_BOUNDS, _bound

    rng = np.random.default_rng(0)
    x = np.concatenate(
        [np.linspace(-45, 12, 400_001), rng.normal(-5, 6, 200_000), [-np.inf, np.inf, 0.0]]
    )
    bounds = np.array([_bound(v, NDTR_BOUNDS) for v in x])
    assert (ndtr(x) <= bounds).all()
    assert (bounds <= 1.0).all() and (bounds[x < -8] < 1e-14).all()


def test_weighted_means_match_numpy_bit_for_bit(monkeypatch) -> None:
    from detente.process.drafting_search import _weighted_means, simplex_grid

    rng = np.random.default_rng(4)
    grid = simplex_grid(2)
    capability = rng.random((400, 2))
    ideal = rng.random((400, 2, 8)) * 100
    salience = rng.random((400, 2, 8))
    salience[salience < 0.3] = 0.0  # some issues nobody weighs: the plain mean
    with_kernels = _weighted_means(grid, capability, ideal, salience)
    monkeypatch.setattr(utility_module, "USE_KERNELS", False)
    without = _weighted_means(grid, capability, ideal, salience)
    nobody = (salience == 0).all(axis=1)  # (r, k)
    assert nobody.any()
    assert np.array_equal(with_kernels, without)
    assert np.array_equal(with_kernels[:, 0][nobody], ideal.mean(axis=1)[nobody])


def _track_values(runs: int = 300):
    """A track's values in every other run of a fresh ukraine-2025-12 batch."""
    from detente.process.engine import chunk_draws
    from detente.process.parameters import full_parameters
    from detente.process.state import Model, WarState
    from detente.process.valuation import TrackValues
    from detente.process.war_beliefs import DriftBeliefs

    compiled = compile_scenario(load_scenario("ukraine-2025-12"))
    _, theta, _ = chunk_draws(compiled, 1, 0, runs)
    params = np.ascontiguousarray(full_parameters(compiled, theta).T)
    model = Model(compiled, params)
    war = WarState.start(runs, len(compiled.actor_ids), len(compiled.issue_ids))
    war.beliefs = DriftBeliefs.start(compiled, params)
    war.extra_cost[:] = np.random.default_rng(2).random(war.extra_cost.shape)
    arena = compiled.mediated[0]
    idx = np.arange(0, runs, 2)
    return arena, model, war, idx, TrackValues(arena, model, war, idx)


@pytest.mark.parametrize("believed", [False, True])
def test_fight_values_match_numpy_bit_for_bit(monkeypatch, believed: bool) -> None:
    import detente.process.kernels  # noqa: F401  (loaded: the compiled path is taken)

    arena, _, _, idx, values = _track_values()
    rng = np.random.default_rng(6)
    extra_cost = rng.random((idx.size, arena.signatories.size)) * 3
    extra_drift = rng.normal(0, 2, idx.size)
    gap = rng.normal(0, 3, (idx.size, arena.signatories.size)) if believed else None
    got = values.fight_on(extra_cost, extra_drift, gap)
    plain = values.fight_on(0.0, 0.0, gap)
    public, believed = values.fight_on_believed(extra_cost, extra_drift, gap)
    monkeypatch.setattr(utility_module, "USE_KERNELS", False)
    assert np.array_equal(got, values.fight_on(extra_cost, extra_drift, gap))
    assert np.array_equal(plain, values.fight_on(0.0, 0.0, gap))
    assert np.array_equal(public, values.fight_on(extra_cost, extra_drift))
    assert (believed is None) == (gap is None)
    if believed is not None:
        assert np.array_equal(believed, got)
        assert not np.array_equal(believed, public)


def test_text_worth_matches_numpy_bit_for_bit(monkeypatch) -> None:
    import detente.process.kernels  # noqa: F401
    from detente.process.tracks import _mediator_view, _Worth

    arena, model, war, idx, values = _track_values()
    texts = np.random.default_rng(8).random((idx.size, 11, arena.issues.size)) * 100
    texts[:5, :, :] = np.round(texts[:5, :, :] / 50) * 50  # on the scale's ends and middle
    mediator = _mediator_view(arena, model, idx, values.status_quo)
    drift = war.expected_drift(model)[idx] + np.random.default_rng(9).normal(0, 2, idx.size)
    worth = _Worth(arena, model, idx, values, mediator, drift)
    value, gain = worth(texts)
    monkeypatch.setattr(utility_module, "USE_KERNELS", False)
    want_value, want_gain = worth(texts)
    assert np.array_equal(value, want_value)
    assert np.array_equal(gain, want_gain)
    assert (gain != 1.0).any() and (value != value[:, :1]).any()


def test_margins_and_delivery_match_numpy_bit_for_bit(monkeypatch) -> None:
    import detente.process.kernels  # noqa: F401
    from detente.process.implementers import margins_and_delivery

    arena, model, _, idx, values = _track_values()
    rng = np.random.default_rng(10)
    texts = rng.random((idx.size, 11, arena.issues.size)) * 100
    texts[:5] = values.status_quo[:5, None, :]  # exactly the status quo: zero losses
    imposed = rng.random(idx.size) < 0.5
    got = margins_and_delivery(arena, model, idx, texts, values.status_quo, imposed)
    monkeypatch.setattr(utility_module, "USE_KERNELS", False)
    want = margins_and_delivery(arena, model, idx, texts, values.status_quo, imposed)
    for a, b in zip(got, want, strict=True):
        assert np.array_equal(a, b)
    assert (got[1] != texts).any() and (got[1][~imposed] == texts[~imposed]).all()
    # an implementer that acts only at delivery withholds in every run, imposed or not
    at_delivery = dataclasses.replace(arena, implementer_veto=np.zeros(1, dtype=bool))
    got = margins_and_delivery(at_delivery, model, idx, texts, values.status_quo, imposed)
    monkeypatch.setattr(utility_module, "USE_KERNELS", True)
    want = margins_and_delivery(at_delivery, model, idx, texts, values.status_quo, imposed)
    for a, b in zip(got, want, strict=True):
        assert np.array_equal(a, b)
    assert (got[1][~imposed] != texts[~imposed]).any()


def test_argmax_matches_numpy_with_ties_infinities_and_nan() -> None:
    from detente.process.kernels import _argmax

    rows = [
        [1.0, 3.0, 3.0, 2.0],
        [-np.inf, -np.inf, -np.inf],
        [0.5, np.nan, 9.0, np.nan],
        [np.nan, 1.0],
        [-0.0, 0.0, -1.0],
        [2.0],
    ]
    for row in rows:
        a = np.array(row)
        top, best = _argmax(a)
        assert top == a.argmax()
        assert np.array_equal(np.array(best), np.array(a.max()), equal_nan=True)


def test_order_by_run_is_numpys_stable_argsort() -> None:
    from detente.process.kernels import order_by_run

    rng = np.random.default_rng(5)
    run = np.concatenate([np.sort(rng.choice(500, 300, replace=False)) for _ in range(40)])
    for keys in (run.astype(np.int32), run.astype(np.int64), np.zeros(0, np.int32)):
        assert np.array_equal(order_by_run(keys), np.argsort(keys, kind="stable"))
