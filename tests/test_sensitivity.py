"""Sobol sensitivity and the cheap Spearman driver ranking."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from analysis_scenario_text import HARD_TALKS
from typer.testing import CliRunner

from detente.analysis.drivers import average_ranks, spearman_drivers
from detente.analysis.sensitivity import (
    NOISE,
    pert_inverse_cdf,
    rare_answer_warning,
    sobol_sensitivity,
)
from detente.cli.main import app
from detente.scenario import parse_scenario_text
from detente.scenario.errors import DetenteError

# Only AAA's resolve (its extra value of fighting on, -30..60 points) moves agreement
# much: the other uncertain numbers (AAA's capability 40-60, BBB's line position 80-95)
# shift the drafted text by a few points at most.
ONE_MATTERS = HARD_TALKS.replace(
    "resolve.AAA: {value: 15,", "resolve.AAA: {value: {low: -30, mode: 0, high: 60},"
)


@pytest.fixture(scope="module")
def one_matters():
    return parse_scenario_text(ONE_MATTERS, "one-matters.yaml")


@pytest.fixture(scope="module")
def result(one_matters):
    return sobol_sensitivity(one_matters, samples=256, seed=4)


def test_the_parameter_that_matters_ranks_first(result) -> None:
    assert result.ranking[0] == "dynamics.resolve.AAA"
    agreement = result.outputs[0]
    assert agreement.output == "agreement"
    top, *rest = agreement.indices
    assert top.ST > 0.3
    assert top.ST - top.ST_conf > max(r.ST + r.ST_conf for r in rest)
    assert NOISE in {r.parameter for r in rest}
    assert NOISE not in result.ranking


def test_process_noise_does_not_inflate_idle_parameters(result) -> None:
    # The shared noise streams keep the (A, AB_i) pair on the same luck, so a parameter
    # that barely matters gets a small total index even though every output is 0/1.
    idle = [r for r in result.outputs[0].indices if r.parameter not in (NOISE, result.ranking[0])]
    assert all(r.ST < 0.25 for r in idle)


def test_shapes_and_confidence(result) -> None:
    assert result.parameters == 3
    # Saltelli design without second order over 3 parameters + the noise factor
    assert result.runs == 256 * (3 + 1 + 2)
    for out in result.outputs:
        assert 0.0 <= out.probability <= 1.0
        for index in out.indices:
            assert np.isfinite([index.S1, index.ST, index.S1_conf, index.ST_conf]).all()
            assert index.S1_conf >= 0 and index.ST_conf >= 0


def test_deterministic_by_seed(one_matters, result) -> None:
    again = sobol_sensitivity(one_matters, samples=256, seed=4)
    assert again.to_dict() == result.to_dict()


def test_samples_must_be_a_power_of_two(one_matters) -> None:
    with pytest.raises(DetenteError, match="power of two"):
        sobol_sensitivity(one_matters, samples=100)


def test_pert_inverse_cdf_matches_the_pert_shape() -> None:
    # PERT(0, 25, 100): alpha = 1 + 4*25/100 = 2, beta = 1 + 4*75/100 = 4; the median of
    # Beta(2, 4) solves I_x(2, 4) = 0.5 at x = 0.3138, so the median maps to 31.38.
    low, mode, high = np.array([0.0]), np.array([25.0]), np.array([100.0])
    assert pert_inverse_cdf(np.array([[0.5]]), low, mode, high)[0, 0] == pytest.approx(
        31.38, abs=0.01
    )
    ends = pert_inverse_cdf(np.array([[0.0], [1.0]]), low, mode, high)[:, 0]
    assert ends.tolist() == [0.0, 100.0]


def test_spearman_drivers_find_sign_and_order() -> None:
    rng = np.random.default_rng(0)
    theta = rng.random((4000, 3))
    # agreement falls with column 2, rises weakly with column 0, ignores column 1
    y = (0.3 * theta[:, 0] - theta[:, 2] + 0.2 * rng.standard_normal(4000)) > -0.35
    drivers = spearman_drivers(theta, ("a", "b", "c"), y, top=2)
    assert [d.parameter for d in drivers] == ["c", "a"]
    assert drivers[0].direction == "lowers" and drivers[0].spearman < -0.5
    assert drivers[1].direction == "raises"
    assert spearman_drivers(theta, ("a", "b", "c"), np.zeros(4000, bool)) == ()


def test_average_ranks_share_ties() -> None:
    assert average_ranks(np.array([3.0, 1.0, 3.0, 2.0])).tolist() == [3.5, 1.0, 3.5, 2.0]


def test_cli_json(tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(ONE_MATTERS)
    out = CliRunner().invoke(app, ["sensitivity", str(path), "--samples", "64", "--json"])
    assert out.exit_code == 0, out.stderr
    data = json.loads(out.stdout)
    assert [o["output"] for o in data["outputs"]] == ["agreement", "armistice", "abandoned"]
    assert set(data["outputs"][0]["indices"][0]) == {"parameter", "S1", "S1_conf", "ST", "ST_conf"}
    bad = CliRunner().invoke(app, ["sensitivity", str(path), "--samples", "60"])
    assert bad.exit_code == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_outputs_read_on_an_earlier_date_count_only_the_runs_agreed_by_then(
    one_matters, result
) -> None:
    """The same design and seed read on day 28: a run agreed by then is agreed by the
    horizon, so the earlier share cannot be larger, and here it is smaller (texts are
    turned down for months first)."""
    early = sobol_sensitivity(one_matters, samples=256, seed=4, day=28, at="2026-01-01")
    assert early.at == "2026-01-01" and result.at == "the horizon"
    assert early.outputs[0].probability < result.outputs[0].probability
    past = sobol_sensitivity(one_matters, samples=256, seed=4, day=10_000)
    assert past.at == "the horizon"
    assert past.outputs[0].probability == result.outputs[0].probability


def test_cli_reads_on_a_date_or_months_after_as_of_but_not_both(tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(ONE_MATTERS)
    run = CliRunner().invoke
    out = run(app, ["sensitivity", str(path), "--samples", "64", "--months", "1", "--json"])
    assert out.exit_code == 0, out.stderr
    assert json.loads(out.stdout)["at"] == "2026-01-04 (1 month)"
    out = run(app, ["sensitivity", str(path), "--samples", "64", "--date", "2026-02-01"])
    assert out.exit_code == 0, out.stderr
    assert "P(agreement at 2026-02-01)" in " ".join(out.stdout.split())
    for args, message in (
        (["--date", "2026-02-01", "--months", "1"], "--months and --date both"),
        (["--date", "2025-12-04"], "is not after as_of 2025-12-04"),
        (["--date", "2027-01-01"], "on or before the horizon 2026-12-31"),
        (["--date", "1 Feb"], "--date '1 Feb' is not a date"),
        (["--months", "1,2"], "sensitivity measures one horizon at a time"),
    ):
        bad = run(app, ["sensitivity", str(path), "--samples", "64", *args])
        assert bad.exit_code != 0 and message in bad.stderr, (args, bad.stderr)
        assert len(bad.stderr.strip().splitlines()) == 1


def test_a_rare_answer_gives_no_ranking_and_the_samples_that_would() -> None:
    """By hand: 3 yes of 256 base runs (N = 128) is under 20; 20 of each answer at a share
    of 3/256 needs 2N >= 20 x 256 / 3 = 1707 runs, so N = 1024 (the next power of two).
    A rare 'no' is as rare as a rare 'yes'; 20 of each is enough."""
    base = np.zeros(256)
    base[:3] = 1
    warning = rare_answer_warning(base, 128)
    assert "holds in only 3 of the 256 base runs" in warning and "--samples 1024" in warning
    assert "fails in only 3" in rare_answer_warning(1 - base, 128)
    base[:20] = 1
    assert rare_answer_warning(base, 128) == ""


def test_the_command_and_the_report_refuse_to_rank_a_rare_outcome(tmp_path: Path) -> None:
    """HARD_TALKS as written (AAA's resolve 15) almost never agrees: no ranked table, and a
    report given those indices says why instead of drawing them."""
    from detente.report.sobol_input import load_sobol

    path = tmp_path / "hard.yaml"
    path.write_text(HARD_TALKS)
    out = CliRunner().invoke(app, ["sensitivity", str(path), "--samples", "64"])
    text = " ".join(out.stdout.split())
    assert out.exit_code == 0 and "no ranking: it holds in only" in text
    assert "ST" not in text.split("P(agreement")[1].split("P(armistice")[0]
    saved = tmp_path / "hard.json"
    saved.write_text(
        CliRunner().invoke(app, ["sensitivity", str(path), "--samples", "64", "--json"]).stdout
    )
    with pytest.raises(DetenteError, match="holds in only"):
        load_sobol(saved, parse_scenario_text(HARD_TALKS, "hard.yaml").id)
