"""The sides' beliefs about the war's trend: a normal prior updated by watching the front."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml
from process_scenarios import A, cycle_dict, cycle_scenario
from typer.testing import CliRunner

from detente.cli.main import app
from detente.process import compile_scenario, simulate
from detente.process.eventlog import EventKind as K
from detente.process.parameters import full_parameters
from detente.process.reads import read_dynamics
from detente.process.war_beliefs import DriftBeliefs


def _beliefs(runs: int, **dynamics: float) -> tuple[DriftBeliefs, int, int]:
    compiled = compile_scenario(cycle_scenario(**dynamics))
    params = full_parameters(compiled, _modes(compiled, runs)).T.copy()
    beliefs = DriftBeliefs.start(compiled, params)
    assert beliefs is not None
    ids = compiled.actor_ids
    return beliefs, ids.index("GAIN"), ids.index("WEAK")


def _modes(compiled, runs: int) -> np.ndarray:
    """theta at every uncertain number's mode."""
    columns = np.flatnonzero(compiled.low < compiled.high)
    return np.repeat(compiled.mode[None, columns], runs, axis=0)


def test_first_beliefs_point_toward_each_side_s_hopes() -> None:
    """Optimism is in each side's favour: the gainer believes it gains faster (gap > 0
    toward the gainer), the other side that it loses slower (gap < 0)."""
    beliefs, gain, weak = _beliefs(3, **{"drift_optimism.GAIN": 2, "drift_optimism.WEAK": 1})
    np.testing.assert_array_equal(beliefs.gap[:, gain], 2.0)
    np.testing.assert_array_equal(beliefs.gap[:, weak], -1.0)
    np.testing.assert_array_equal(beliefs.weight[:, gain], 8.0)  # the registry's n0
    assert sorted(beliefs.learners.tolist()) == sorted([gain, weak])


def test_the_update_is_the_normal_prior_s_by_hand() -> None:
    """gap_k = (n0 * gap_0 + sum of the noise seen) / (n0 + k); a run that is not fighting
    (an agreement in force) sees nothing and keeps its belief."""
    beliefs, gain, _ = _beliefs(2, **{"drift_optimism.GAIN": 2, "drift_belief_rounds": 4})
    seen = [np.array([0.5, 9.0]), np.array([-1.0, 9.0]), np.array([0.25, 9.0])]
    for noise in seen:
        beliefs.observe(noise, np.array([True, False]))
    assert beliefs.gap[0, gain] == pytest.approx((4 * 2 + 0.5 - 1.0 + 0.25) / (4 + 3))
    assert beliefs.weight[0, gain] == 7.0
    assert beliefs.gap[1, gain] == 2.0 and beliefs.weight[1, gain] == 4.0


def test_beliefs_converge_to_the_trend_measured() -> None:
    """Over many runs the gap after k rounds has mean n0 gap_0 / (n0 + k) and standard
    deviation sigma sqrt(k) / (n0 + k): it shrinks toward the trend as fighting goes on."""
    runs, sigma, n0, gap0 = 20_000, 0.5, 4.0, 2.0
    beliefs, gain, _ = _beliefs(runs, **{"drift_optimism.GAIN": gap0, "drift_belief_rounds": n0})
    rng = np.random.default_rng(11)
    errors = []
    for k in range(1, 65):
        beliefs.observe(rng.standard_normal(runs) * sigma, np.ones(runs, dtype=bool))
        if k in (4, 16, 64):
            gap = beliefs.gap[:, gain]
            sd = sigma * np.sqrt(k) / (n0 + k)
            assert gap.mean() == pytest.approx(n0 * gap0 / (n0 + k), abs=4 * sd / np.sqrt(runs))
            assert gap.std() == pytest.approx(sd, rel=0.05)
            errors.append(np.sqrt(np.mean(gap**2)))
    assert errors[0] > errors[1] > errors[2]


def _weak_rejection_rates(**dynamics: float) -> tuple[float, float]:
    """WEAK's share of rejections among its answers in the first three rounds and after
    the tenth (same seed)."""
    log = simulate(cycle_scenario(**dynamics), runs=1500, seed=2)
    weak = log.actor_ids.index("WEAK")
    answers = ((log.kind == K.REJECTED) | (log.kind == K.ACCEPTED)) & (log.actor == weak)
    rejected = answers & (log.kind == K.REJECTED)
    early, late = log.day <= 3 * 14, log.day > 10 * 14
    return (
        rejected[early].sum() / answers[early].sum(),
        rejected[late].sum() / answers[late].sum(),
    )


def test_an_optimistic_side_rejects_more_until_the_war_teaches_it() -> None:
    """WEAK believing it loses 3 points a round less than it does turns down texts it
    would take; a side that learns (n0 = 2) comes back to its informed behaviour, a
    dogmatic one (n0 = 1000) does not: ripeness that comes from the battlefield."""
    informed = _weak_rejection_rates()
    dogmatic = _weak_rejection_rates(**{"drift_optimism.WEAK": 3, "drift_belief_rounds": 1000})
    learner = _weak_rejection_rates(**{"drift_optimism.WEAK": 3, "drift_belief_rounds": 2})
    assert dogmatic[0] > informed[0] + 0.3 and learner[0] > informed[0] + 0.3
    assert dogmatic[1] > learner[1] + 0.1
    assert learner[1] < informed[1] + 0.05


def test_an_optimistic_gainer_breaks_agreements_more_often() -> None:
    """The breakdown hazard reads the drift the gainer believes it would gain by fighting."""

    def breakdowns(**dynamics: float) -> int:
        log = simulate(cycle_scenario(**dynamics), runs=1500, seed=2)
        return int((log.kind == K.BREAKDOWN).sum())

    informed = breakdowns()
    optimistic = breakdowns(**{"drift_optimism.GAIN": 3, "drift_belief_rounds": 1000})
    assert optimistic > 2 * informed


def test_without_optimism_nothing_changes_and_validate_says_what_is_read(
    tmp_path: Path,
) -> None:
    """No side with drift_optimism: every side knows the trend, so drift_belief_rounds
    changes no run (and validate says no part of the model reads it); optimism of an
    actor that does not fight is not read either; declared, n0 falls back to a default."""
    base = simulate(cycle_scenario(), runs=300, seed=4)
    other = simulate(cycle_scenario(drift_belief_rounds=50), runs=300, seed=4)
    for field in ("run", "day", "kind", "actor", "value"):
        np.testing.assert_array_equal(getattr(base, field), getattr(other, field))
    assert "drift_belief_rounds" not in read_dynamics(cycle_scenario(drift_belief_rounds=50))
    assert "drift_optimism.MED" not in read_dynamics(cycle_scenario(**{"drift_optimism.MED": 1}))
    read = read_dynamics(cycle_scenario(**{"drift_optimism.WEAK": 1}))
    assert {"drift_optimism.WEAK", "drift_belief_rounds"} <= read
    data = cycle_dict()
    data["dynamics"]["drift_optimism.MED"] = {"value": 1, "assumption": A}
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "dynamics.drift_optimism.MED: no part of the model reads" in result.output
