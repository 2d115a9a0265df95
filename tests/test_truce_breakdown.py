"""A truce that pauses the fighting can break down before its end, with the hazard of an
agreement without commitment terms; other limited deals run their course."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from process_scenarios import build, cycle_dict, with_dynamics

from detente.forecast.evaluate import evaluate_question
from detente.forecast.questions import parse_question
from detente.process import EventKind, compile_scenario, simulate

RUNS = 4000


def _truce_war(hazard: float, *, pauses: bool = True) -> dict:
    """The cycle test war whose exchange is a truce of two rounds (28 days) that both sides
    always take, with a fixed breakdown hazard, no temptation (its growth 0) and no
    commitment terms in a truce: each truce faces the hazard once, in the round after it
    is signed, before it ends. GAIN never takes a text that would end the war (under an
    agreement a truce is moot and does not break)."""
    data = copy.deepcopy(cycle_dict())
    swap = next(p for p in data["packages"] if p["id"] == "swap")
    swap.update(pauses_fighting=pauses, duration_days=28, value={"WEAK": 50, "GAIN": 50})
    return with_dynamics(
        data, breakdown_hazard=hazard, breakdown_temptation=0, **{"resolve.GAIN": 100}
    )


def _log(data: dict):
    return simulate(compile_scenario(build(data)), runs=RUNS, seed=7)


def _broken_share(log) -> tuple[int, float]:
    """(truces that faced the hazard, the share of them that broke down): a truce signed on
    day d faces it on d + 14 and breaks then or expires on d + 28; those signed less than
    two rounds before the runs end are left out (their end is not in the log)."""
    last = int(log.day.max())
    made = (log.kind == EventKind.LIMITED_DEAL) & (log.day <= last - 28)
    key = log.run.astype(np.int64) * 100_000 + log.day
    broke = np.isin(key[made] + 14, key[log.kind == EventKind.TRUCE_BROKEN])
    return int(made.sum()), float(broke.mean())


@pytest.mark.parametrize("hazard", [0.1, 0.3])
def test_a_truce_breaks_down_at_its_hazard_once_per_round_in_force(hazard: float) -> None:
    """By hand: a two-round truce is in force before one round only (the one after it is
    signed), so the share that break down is the hazard itself."""
    faced, share = _broken_share(_log(_truce_war(hazard)))
    assert faced > 1000
    assert abs(share - hazard) < 3 * np.sqrt(hazard * (1 - hazard) / faced)


def test_without_a_hazard_or_a_pause_no_deal_breaks_down() -> None:
    for data in (_truce_war(0.0), _truce_war(0.3, pauses=False)):
        log = _log(data)
        assert (log.kind == EventKind.LIMITED_DEAL).sum() > 1000
        assert not (log.kind == EventKind.TRUCE_BROKEN).any()


def test_the_question_language_names_a_broken_truce() -> None:
    """At a hazard of 1 every truce breaks the round after it is signed: the share of runs
    with a broken truce by a date is the share with a truce signed a round before it."""
    log = simulate(compile_scenario(build(_truce_war(1.0))), runs=300, seed=3)
    broke = evaluate_question(parse_question("event(kind=truce_broken) by 2026-03-01"), log)
    made = evaluate_question(parse_question("event(kind=limited_deal) by 2026-02-15"), log)
    assert broke.probability == made.probability > 0.3
