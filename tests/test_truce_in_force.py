"""A truce (a limited deal that pauses the fighting) in force, beside the outcome classes:
read from the log by hand, and counted by the forecast on its own runs."""

from __future__ import annotations

import copy

import numpy as np
from hand_logs import NONE, hand_log
from process_scenarios import build, cycle_dict

from detente.analysis.forecast_summary import forecast_summary, forecast_summary_with_runs
from detente.process import EventKind, OutcomeClass

DEAL, ENDED = EventKind.LIMITED_DEAL, EventKind.LIMITED_ENDED


def test_a_deal_is_in_force_from_its_day_until_it_ends_for_the_packages_asked() -> None:
    log = hand_log(
        [
            (0, 14, DEAL, 0, NONE, NONE, 2.0),
            (0, 56, ENDED, 0, NONE, NONE, 2.0),
            (0, 70, DEAL, 0, NONE, NONE, 2.0),
            (1, 14, DEAL, 0, NONE, NONE, 1.0),  # another package
            (2, 28, DEAL, 0, NONE, NONE, 2.0),
            (2, 42, ENDED, 0, NONE, NONE, 2.0),  # ends and is agreed again the same day
            (2, 42, DEAL, 0, NONE, NONE, 2.0),
        ]
    )
    at = {day: log.limited_in_force_at(day, {2}).tolist() for day in (13, 14, 55, 56, 70, 365)}
    assert at == {
        13: [False, False, False, False],
        14: [True, False, False, False],
        55: [True, False, True, False],
        56: [False, False, True, False],
        70: [True, False, True, False],
        365: [True, False, True, False],
    }
    assert log.limited_in_force_at(20, {1, 2}).tolist() == [True, True, False, False]
    assert not log.limited_in_force_at(365, set()).any()


def _pausing_swap() -> dict:
    """The cycle test war with its limited exchange made a 28-day truce that pauses the
    fighting, worth something to both sides."""
    data = copy.deepcopy(cycle_dict())
    swap = next(p for p in data["packages"] if p["id"] == "swap")
    swap.update(pauses_fighting=True, duration_days=28, value={"WEAK": 3, "GAIN": 2})
    return data


def test_the_forecast_counts_runs_under_a_truce_with_no_agreement_in_force() -> None:
    scenario = build(_pausing_swap())
    both = forecast_summary_with_runs(scenario, runs=600, seed=5, months=(1, 3))
    log = both.sampled.log
    for outcome in both.summary.outcomes:
        no_deal = np.isin(
            log.outcome_class_at(outcome.day),
            [OutcomeClass.FIGHTING_WHILE_TALKING, OutcomeClass.ABANDONED, OutcomeClass.COLLAPSED],
        )
        want = (no_deal & log.limited_in_force_at(outcome.day, {2})).mean()
        assert outcome.truce == want > 0
    # the same war without the truce flag: no row (None), however often the deal is made
    plain = forecast_summary(build(cycle_dict()), runs=200, seed=5, months=(1,))
    assert plain.outcomes[0].truce is None and plain.outcomes[0].truce_se is None
