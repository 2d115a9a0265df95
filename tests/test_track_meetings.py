"""How often a bilateral track's sides meet (``arenas[].meets.share``).

Computed by hand on the ripening test war with GAIN's resolve at 0, its talks made direct
(no mediator): nothing is uncertain, no shock, and both sides take the text at the first
round they meet. So the round of the first agreement is the first round met: geometric,
P(agreed in round k) = s (1 - s)^(k - 1) for a share s of rounds met, and every run agrees
in round 1 (day 14) when they meet every round."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest
import yaml
from process_scenarios import build, ripening_war, with_dynamics
from scipy import stats

from detente.process import compile_scenario, simulate
from detente.scenario.errors import ScenarioErrors
from detente.scenario.loader import parse_scenario_text
from detente.scenario.paths import apply_setting
from detente.scenario.structure_view import describe_structure

ROUND = 14


def _direct(share: float | None) -> dict[str, Any]:
    data = copy.deepcopy(with_dynamics(ripening_war(None), **{"resolve.GAIN": 0}))
    talks = data["arenas"][0]
    talks["kind"] = "bilateral"
    talks.pop("mediator")
    talks["influencers"] = []
    if share is not None:
        talks["meets"] = {"share": share, "assumption": "a test cadence"}
    return data


def _first_rounds(share: float | None, runs: int, seed: int = 3) -> np.ndarray:
    log = simulate(compile_scenario(build(_direct(share))), runs=runs, seed=seed)
    return np.where(log.settlement_day >= 0, log.settlement_day // ROUND, 0)


def test_sides_that_meet_every_round_agree_in_round_one_with_or_without_the_field() -> None:
    assert np.all(_first_rounds(None, 50) == 1)
    assert np.all(_first_rounds(1.0, 50) == 1)


def test_sides_that_never_meet_never_agree() -> None:
    assert np.all(_first_rounds(0.0, 50) == 0)


def test_the_first_agreement_comes_at_the_first_round_met_a_geometric_wait() -> None:
    """Share 0.25, 4,000 runs: the first rounds follow the geometric law (chi-square over
    rounds 1-6 and the rest, p > 0.001) and their mean is about 1 / 0.25 = 4 rounds (the
    horizon, 28 rounds, cuts off 0.75^28 = 0.03% of runs)."""
    share, runs = 0.25, 4000
    rounds = _first_rounds(share, runs)
    agreed = rounds[rounds > 0]
    assert agreed.size > runs * 0.99
    observed = [np.sum(agreed == k) for k in range(1, 7)] + [np.sum(agreed > 6)]
    expected = [share * (1 - share) ** (k - 1) for k in range(1, 7)] + [(1 - share) ** 6]
    expected = np.array(expected) * agreed.size
    assert stats.chisquare(observed, expected).pvalue > 0.001
    assert abs(agreed.mean() - 1 / share) < 0.15


def test_a_what_if_sets_the_share_of_a_track_that_declared_none() -> None:
    scenario = build(_direct(None))
    moved = apply_setting(scenario, "arenas.talks.meets.share", 0.5)
    assert moved.arenas[0].meets is not None
    assert moved.arenas[0].meets.share.mode == 0.5
    rounds = simulate(compile_scenario(moved), runs=2000, seed=3).settlement_day // ROUND
    assert 0.45 < np.mean(rounds == 1) < 0.55


def test_show_says_how_often_the_sides_meet_and_on_what_basis() -> None:
    (track,) = describe_structure(build(_direct(0.25)))["tracks"]
    assert "0.25 of the rounds" in track["cadence"] and "a test cadence" in track["cadence"]
    (track,) = describe_structure(build(_direct(None)))["tracks"]
    assert "every round ('meets' not set)" in track["cadence"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"meets": {"share": 1.5, "assumption": "x y z"}}, "share must lie in 0..1"),
        ({"meets": {"share": 0.5}}, "needs 'evidence"),
        (
            {"kind": "mediated", "mediator": "MED", "meets": {"share": 0.5, "assumption": "xyz"}},
            "'meets' belongs to a bilateral track",
        ),
    ],
)
def test_a_bad_share_is_refused_with_its_place(change: dict[str, Any], message: str) -> None:
    data = _direct(None)
    data["arenas"][0].update(change)
    with pytest.raises(ScenarioErrors) as caught:
        parse_scenario_text(yaml.safe_dump(data, sort_keys=False), "direct.yaml")
    line = caught.value.errors[0].one_line()
    assert message in line and "direct.yaml:" in line


def test_an_event_can_restart_talks_that_had_stopped_meeting() -> None:
    """Share 0 until an event certain to fire on 2026-03-01 (87 days after as_of) sets it
    to 1: every run agrees in the first round after it, round 7 (day 98)."""
    data = _direct(0.0)
    data["events"] = [
        {
            "id": "summit",
            "window": {"start": "2026-03-01", "end": "2026-03-01"},
            "probability": 1,
            "assumption": "a test event",
            "effects": [{"path": "arenas.talks.meets.share", "op": "set", "value": 1}],
        }
    ]
    log = simulate(compile_scenario(build(data)), runs=20, seed=3)
    assert np.all(log.settlement_day == 7 * ROUND)


def test_validate_warns_where_a_bilateral_track_says_nothing_of_how_often_it_meets(
    tmp_path,
) -> None:
    import json

    from typer.testing import CliRunner

    from detente.cli.main import app

    def warnings(data: dict) -> list[str]:
        path = tmp_path / "d.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False))
        result = CliRunner().invoke(app, ["validate", str(path), "--json"])
        assert result.exit_code == 0, result.output
        return [w for w in json.loads(result.stdout)["warnings"] if "declares no 'meets'" in w]

    (found,) = warnings(_direct(None))
    assert found.startswith(f"{tmp_path / 'd.yaml'}:") and "track 'talks'" in found
    assert warnings(_direct(0.5)) == []
