"""A package's text tabled only after ``ready_after_days`` (a full text takes time to draft).

Found on an India-Pakistan case of our own: with every package on offer from the first
round, a crisis of three-day rounds settled four issues in days, where the real one
ended in a stop to the firing. The delay is declared per package, never assumed.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest
from process_scenarios import build, cycle_dict

from detente.process import EventKind, compile_scenario, simulate
from detente.scenario.errors import ScenarioErrors

RUNS = 1500
READY = 120  # days


def _log(ready_after_days: int):
    data = copy.deepcopy(cycle_dict())
    full = next(p for p in data["packages"] if p["id"] == "full")
    full["ready_after_days"] = ready_after_days
    return simulate(compile_scenario(build(data)), runs=RUNS, seed=4)


def _days(log, kind: EventKind, values: tuple[int, ...]) -> np.ndarray:
    return log.day[(log.kind == kind) & np.isin(log.value, values)]


def test_no_full_text_is_tabled_or_agreed_before_it_is_ready() -> None:
    waited, at_once = _log(READY), _log(0)
    before = READY - 1
    # at once: full texts are tabled and in force inside the first 120 days
    assert (_days(at_once, EventKind.TEXT_DRAFTED, (1,)) < READY).sum() > 100
    assert (at_once.agreement_terms_at(before) == 1).sum() > 50
    # waiting: none before the day, ceasefire texts in their place, full texts after it
    assert not (_days(waited, EventKind.TEXT_DRAFTED, (1,)) < READY).any()
    assert not (waited.agreement_terms_at(before) == 1).any()
    assert (waited.agreement_terms_at(before) == 2).sum() > 50
    assert (_days(waited, EventKind.TEXT_DRAFTED, (1,)) >= READY).any()


def test_a_track_needs_a_text_it_can_table_at_once() -> None:
    data = copy.deepcopy(cycle_dict())
    for package in data["packages"]:
        if package["kind"] != "limited":
            package["ready_after_days"] = 30
    with pytest.raises(ScenarioErrors, match="no text it can table at once"):
        build(data)
    data["packages"][2]["ready_after_days"] = 30  # the limited swap
    with pytest.raises(ScenarioErrors, match="'ready_after_days' belongs to comprehensive"):
        build(data)


def test_show_and_the_report_say_when_each_text_can_be_tabled() -> None:
    from detente.scenario.structure_view import describe_structure

    data = copy.deepcopy(cycle_dict())
    data["packages"][0]["ready_after_days"] = READY
    labels = {p["id"]: p["ready_label"] for p in describe_structure(build(data))["packages"]}
    assert labels == {"full": "after 120 days", "truce": "at once", "swap": "-"}
