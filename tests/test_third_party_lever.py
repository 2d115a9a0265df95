"""A lever a third party pulls (``leverage: [{by: ACTOR}]``), for texts it wants.

Found by a new analyst's Thailand-Cambodia case: only the mediator could pull a lever, so
the US pressing both sides with its trade talks had to be a dated event with a fixed
chance, not a choice the US makes when it pays.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from process_scenarios import A, build, ripening_war

from detente.process import EventKind, compile_scenario, simulate
from detente.scenario.errors import DetenteError

RUNS, SEED = 60, 7
ROUND_DAYS = 14


def _war(lever: dict[str, Any] | None) -> dict[str, Any]:
    """The ripening test war, stationary (``ripening_war(None)``): nothing uncertain, no
    shock, every text at today's status quo; WEAK accepts at once and GAIN refuses for
    ever, its fighting on worth resolve 8 - 6 rounds x cost 1 = 2 > 0. ``lever`` (if any)
    is the influencer INF's, on GAIN; INF's positions are the status quo as well, so a
    text is worth to it only its ``deal_value``."""
    data = ripening_war(None)
    data["arenas"][0]["leverage"] = [] if lever is None else [{**lever, "assumption": A}]
    return data


PRESS = {
    "id": "patron_presses",
    "by": "INF",
    "target": "GAIN",
    "war_cost_add": 3,
    "cost": 0.2,
    "deal_value": 20,
}


def _log(data: dict[str, Any]):
    return simulate(compile_scenario(build(data)), runs=RUNS, seed=SEED)


def test_a_patron_that_wants_a_deal_presses_the_holdout_when_it_pays() -> None:
    """By hand: pressed, GAIN's fighting on is worth 8 - 6 x (1 + 3) = -16 < 0, so it takes
    the text, and without a shock the mediator's beliefs say so: the chance that both take
    it rises from 0 to 1. That is worth 20 x 1 = 20 to INF against a cost of 0.2 x 6 = 1.2
    rounds of look-ahead: INF presses in the first round with a text, and every run agrees
    there, where none agrees without the lever. At a cost of 4 a round (24 > 20) it never
    presses, and nothing changes."""
    pressed = _log(_war(PRESS))
    assert np.all(pressed.settlement_day == ROUND_DAYS)
    levers = pressed.kind == EventKind.LEVERAGE
    assert np.count_nonzero(levers) == RUNS
    assert np.all(pressed.actor[levers] == pressed.actor_ids.index("GAIN"))
    assert np.all(pressed.day[levers] == ROUND_DAYS)
    assert np.all(_log(_war(None)).settlement_day == -1)
    dear = _log(_war({**PRESS, "cost": 4}))
    assert np.all(dear.settlement_day == -1) and not np.any(dear.kind == EventKind.LEVERAGE)


def test_the_mediator_does_not_count_on_a_lever_it_does_not_hold() -> None:
    """A third party's lever it never pays to pull (no deal value, and a text at the
    status quo is worth nothing to INF) leaves every run as it was without it: the
    mediator neither drafts for it nor pulls it."""
    idle = _log(_war({**PRESS, "deal_value": 0}))
    none = _log(_war(None))
    assert not np.any(idle.kind == EventKind.LEVERAGE)
    for name in ("run", "day", "kind", "actor"):
        assert np.array_equal(getattr(idle, name), getattr(none, name)), name
    assert np.array_equal(idle.value, none.value, equal_nan=True)


def test_a_support_cut_by_a_third_party_is_logged_as_its_own() -> None:
    pressed = _log(_war({**PRESS, "support_cut": True}))
    cuts = pressed.kind == EventKind.SUPPORT_CUT
    assert np.count_nonzero(cuts) == RUNS
    assert np.all(pressed.actor[cuts] == pressed.actor_ids.index("INF"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"by": "NOBODY"}, "lever 'patron_presses': unknown actor id 'NOBODY'"),
        ({"by": "GAIN"}, "'GAIN' would press itself"),
        ({"bypasses_influencers": True}, "a third party ('INF') cannot take the mediator's"),
        ({"by": "M1", "deal_value": 0}, "'M1' has no position on any issue of track 'talks'"),
        ({"by": None}, "'deal_value' is what a deal is worth to a third party"),
    ],
)
def test_a_third_party_lever_is_checked_where_it_is_declared(change, message) -> None:
    lever = {**PRESS, **change}
    if lever["by"] is None:
        del lever["by"]
    with pytest.raises(DetenteError, match=message.replace("(", r"\(").replace(")", r"\)")):
        build(_war(lever))


def test_a_third_partys_positions_price_its_lever_and_validate_reads_them() -> None:
    """A patron with no seat at the table (M1, a council member) that owns a lever weighs
    each text by its own positions: validate called them unread and told the analyst to
    remove them (a new analyst's Ethiopia case: the US's positions moved P(agreement) by
    9 points). On the test war, M1's positions at either end of both issues give other
    runs, and validate names neither as unread."""
    from process_scenarios import cycle_dict

    from detente.process.reads import model_warnings
    from detente.scenario.errors import Location

    def patron(at: float) -> dict[str, Any]:
        data = cycle_dict()
        data["arenas"][0]["leverage"] = [
            {**PRESS, "by": "M1", "target": "WEAK", "deal_value": 10, "assumption": A}
        ]
        data["positions"] += [
            {"actor": "M1", "issue": i, "position": at, "salience": 80, "assumption": A}
            for i in ("territory", "alliance")
        ]
        return data

    low, high = build(patron(0)), build(patron(100))
    found = model_warnings(low, lambda _: Location("test.yaml", 1, 1))
    assert not [w for w in found if w.message.startswith("positions.M1.")]
    logs = [simulate(compile_scenario(s), runs=300, seed=SEED) for s in (low, high)]
    pulls = [np.count_nonzero(log.kind == EventKind.LEVERAGE) for log in logs]
    assert pulls[1] > pulls[0] + 20  # a patron that wants what WEAK concedes presses it
