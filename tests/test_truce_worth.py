"""A truce that pauses the fighting is weighed against the ground it pauses: each side
subtracts the ground it would have gained by fighting on over the truce's length (at most
its look-ahead), and adds what it would have lost. Before, a side took it on its typed
value alone, so the side advancing paused as readily as the side losing ground (a new
analyst's Ethiopia case: Addis took a humanitarian truce in mid-offensive).

By hand, on the ripening test war (nothing uncertain, no shock, saliences 50 on the
track's two issues, so weights 0.5), with the front at 35, GAIN's ideal 100 and WEAK's 0,
and a truce of 28 days (2 rounds) worth V to each side: GAIN's margin is V - 0.5 x (2 x
drift), WEAK's V + 0.5 x 2 x drift (or more, with its aversion to losses). Every run
decides the same way in round 1."""

from __future__ import annotations

from typing import Any

import pytest
from process_scenarios import build, ripening_war, with_dynamics

from detente.process import compile_scenario, simulate
from detente.process.eventlog import EventKind


def _war(drift: float, value: float, pauses: bool = True) -> dict[str, Any]:
    data = with_dynamics(ripening_war(None), front_drift_per_round=drift)
    for position in data["positions"]:
        if position["issue"] == "territory" and position["actor"] in ("GAIN", "WEAK"):
            position["position"] = 100 if position["actor"] == "GAIN" else 0
    for package in data["packages"]:
        if package["id"] == "swap":
            package.update(
                pauses_fighting=pauses, duration_days=28, value={"WEAK": value, "GAIN": value}
            )
    return data


def _truces(data: dict[str, Any]) -> int:
    log = simulate(compile_scenario(build(data)), runs=10, seed=1, rounds=1)
    return int((log.kind == EventKind.LIMITED_DEAL).sum())


@pytest.mark.parametrize(
    ("drift", "value", "taken"),
    [
        (0, 1.0, True),  # a stalemate: the typed value alone
        (0, -0.5, False),
        (0.5, 1.0, True),  # GAIN forgoes 0.5 x 1 = 0.5 points of ground: 1 - 0.5 > 0
        (2, 1.0, False),  # ... and 0.5 x 4 = 2 at four times the pace: 1 - 2 < 0
        (2, 2.5, True),  # worth 2.5 to it, the pause still pays: 2.5 - 2 > 0
    ],
)
def test_a_pausing_truce_is_weighed_against_the_war(drift, value, taken) -> None:
    assert _truces(_war(drift, value)) == (10 if taken else 0)


def test_a_deal_that_pauses_nothing_is_taken_on_its_value_alone() -> None:
    """An exchange (no pause) worth 1 is taken even where a side is winning ground fast."""
    assert _truces(_war(2, 1.0, pauses=False)) == 10
