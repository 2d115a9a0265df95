"""What a limited deal does when signed, and keeps done (``at_signing``): an exchange made.

A Gaza trial: the August partial exchange (ten hostages) could not show anywhere, since a
limited deal settled no issue. The test war is ``steady_war`` (the front moves exactly 2
points a round toward the gainer); its limited exchange 'swap' here also hands over 5
points of ground each time it is signed, so the front's path can be said by hand.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest
import yaml
from process_scenarios import build, steady_war

from detente.process import EventKind, compile_scenario, simulate
from detente.scenario.errors import ScenarioError
from detente.scenario.loader import parse_scenario_text

K = EventKind
GROUND = {"path": "issues.territory.status_quo", "op": "add", "value": 5}


def _handing_over(effect: dict = GROUND) -> dict:
    data = copy.deepcopy(steady_war())
    next(p for p in data["packages"] if p["id"] == "swap")["at_signing"] = [effect]
    return data


def test_each_exchange_moves_the_front_by_what_it_hands_over():
    log = simulate(compile_scenario(build(_handing_over())), runs=2000, seed=6)
    swapped = log.events(K.LIMITED_DEAL)
    deals = log.events(K.AGREEMENT)
    assert swapped.sum() > 50
    checked = 0
    for run in np.unique(log.run[swapped]):
        first_deal = log.first_day(deals)[run]
        days = log.day[swapped & (log.run == run)]
        for day in days:
            r = day // 14
            if first_deal >= 0 and day >= first_deal:
                continue  # under an agreement the front does not move by fighting
            step = log.front[run, r] - log.front[run, r - 1]
            if log.front[run, r] < 100:
                assert step == pytest.approx(2.0 + 5.0 * np.count_nonzero(days == day), abs=1e-3)
                checked += 1
    assert checked > 30


def test_without_it_the_front_moves_by_the_drift_alone():
    log = simulate(compile_scenario(build(steady_war())), runs=2000, seed=6)
    swapped = log.events(K.LIMITED_DEAL)
    first_deal = log.first_day(log.events(K.AGREEMENT))
    run, day = log.run[swapped], log.day[swapped]
    fighting = (first_deal[run] < 0) | (day < first_deal[run])
    step = log.front[run, day // 14] - log.front[run, day // 14 - 1]
    assert fighting.sum() > 30
    assert np.allclose(step[fighting], 2.0, atol=1e-3)


@pytest.mark.parametrize(
    ("effect", "says"),
    [
        ({"path": "dynamics.war_cost.WEAK", "op": "add", "value": 1}, "issues.ID.status_quo"),
        ({"path": "issues.nowhere.status_quo", "op": "set", "value": 1}, "unknown issue"),
    ],
)
def test_a_bad_change_at_signing_is_one_clear_error(effect: dict, says: str):
    text = yaml.safe_dump(_handing_over(effect), sort_keys=False)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario_text(text, "swap.yaml")
    assert says in str(caught.value) and "swap.yaml:" in str(caught.value)
