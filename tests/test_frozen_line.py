"""A ceasefire in place: ``freezes`` settles an issue where it stands on the day of signing.

Found by a new analyst's Thailand-Cambodia case: a ceasefire meant to hold the current
line settled the line like any drafted issue, so the mediator moved it to buy the
holdout's yes (78% of ceasefire texts moved it 3 points or more).
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest
from process_scenarios import READY, build, cycle_dict, with_dynamics

from detente.process import EventKind, OutcomeClass, compile_scenario, simulate
from detente.scenario.errors import DetenteError
from detente.scenario.paths import apply_setting
from detente.scenario.structure_view import describe_structure

STATUS_QUO = 20.0  # the line's status quo in the test war (fixed, so each run starts there)
DRIFT = 1.5  # points the line moves toward the gainer per round of fighting
ROUND_DAYS = 14  # the test war's round


def _war(*, frozen: bool, drift: float) -> dict[str, Any]:
    """The test war with a fixed starting line, no noise on the front, the full text ready
    only after READY days (so the truce is what can be agreed first) and a truce that either
    drafts the line (``settles``) or freezes it where it stands."""
    data = copy.deepcopy(cycle_dict())
    data["issues"][0]["status_quo"] = STATUS_QUO
    packages = {p["id"]: p for p in data["packages"]}
    packages["full"]["ready_after_days"] = READY
    if frozen:
        packages["truce"]["freezes"] = packages["truce"].pop("settles")
    return with_dynamics(data, front_noise_per_round=0, front_drift_per_round=drift)


def _armistice_lines(data: dict[str, Any], runs: int = 2000) -> tuple[np.ndarray, np.ndarray]:
    """The line each armistice agreed (its TERMS on the front issue) and its day."""
    log = simulate(compile_scenario(build(data)), runs=runs, seed=11)
    front = log.issue_ids.index("territory")
    agreed = (log.kind == EventKind.AGREEMENT) & (log.value == float(OutcomeClass.ARMISTICE))
    signed = set(zip(log.run[agreed].tolist(), log.day[agreed].tolist(), strict=True))
    terms = np.flatnonzero((log.kind == EventKind.TERMS) & (log.issue == front))
    rows = [i for i in terms if (int(log.run[i]), int(log.day[i])) in signed]
    return log.value[rows].astype(float), log.day[rows].astype(int)


def _line_by(days: np.ndarray) -> np.ndarray:
    """The most the line can have moved by each day: one round of drift per round begun."""
    return STATUS_QUO + DRIFT * (days // ROUND_DAYS + 1)


def test_a_frozen_line_is_agreed_where_it_stands_and_a_drafted_one_is_moved() -> None:
    """With the front still, every frozen armistice holds the line at its status quo. With
    it drafted, the mediator pulls the line toward its own ideal (40) and the gainer's (70):
    the few armistices agreed before the full text is ready put it well beyond anywhere the
    fighting had taken it."""
    frozen, _ = _armistice_lines(_war(frozen=True, drift=0.0))
    assert frozen.size > 500
    assert np.all(frozen == STATUS_QUO)
    drafted, days = _armistice_lines(_war(frozen=False, drift=DRIFT))
    early = days < READY
    assert np.count_nonzero(early) >= 10
    assert np.all(drafted[early] >= _line_by(days[early]) + 3)


def test_a_frozen_line_is_where_the_fighting_left_it_on_the_day_of_signing() -> None:
    """With the front drifting DRIFT a round toward the gainer (upward) and no noise, the
    line a frozen armistice agrees is STATUS_QUO + DRIFT x the rounds fought before it:
    a whole number of rounds, at most one per round begun by the day of signing, and
    later armistices hold lines further on."""
    lines, days = _armistice_lines(_war(frozen=True, drift=DRIFT))
    rounds = (lines - STATUS_QUO) / DRIFT
    assert np.allclose(rounds, np.round(rounds))
    assert np.all(lines >= STATUS_QUO) and np.all(lines <= _line_by(days))
    early, late = lines[days <= ROUND_DAYS], lines[days >= 4 * ROUND_DAYS]
    assert early.size and late.size and late.mean() > early.mean() + 2 * DRIFT


def test_freezes_belongs_to_a_ceasefire_and_names_each_issue_once() -> None:
    data = cycle_dict()
    full = next(p for p in data["packages"] if p["id"] == "full")
    full["freezes"] = ["territory"]
    with pytest.raises(DetenteError, match="'freezes' belongs to ceasefire packages"):
        build(data)
    data = cycle_dict()
    truce = next(p for p in data["packages"] if p["id"] == "truce")
    truce["freezes"] = ["territory"]
    with pytest.raises(DetenteError, match=r"both freezes and settles \['territory'\]"):
        build(data)
    truce["settles"], truce["freezes"] = [], ["assets"]
    with pytest.raises(DetenteError, match=r"names issues \['assets'\] that are not on track"):
        build(data)


def test_whatif_freezes_moves_an_issue_between_drafted_and_frozen() -> None:
    scenario = build(cycle_dict())
    frozen = apply_setting(scenario, "packages.truce.freezes", "territory")
    truce = next(p for p in frozen.packages if p.id == "truce")
    assert (truce.settles, truce.freezes, truce.defers) == ((), ("territory",), ("alliance",))
    view = describe_structure(frozen)["packages"]
    assert (
        "territory frozen where it stands"
        in next(p for p in view if p["id"] == "truce")["settles_label"]
    )
    back = apply_setting(frozen, "packages.truce.freezes", "none")
    truce = next(p for p in back.packages if p.id == "truce")
    assert (truce.settles, truce.freezes, truce.defers) == (("territory",), (), ("alliance",))
    # naming a frozen issue as settled drafts it again; the others keep their role
    both = apply_setting(frozen, "packages.truce.settles", "alliance")
    truce = next(p for p in both.packages if p.id == "truce")
    assert (truce.settles, truce.freezes, truce.defers) == (("alliance",), ("territory",), ())
    with pytest.raises(DetenteError, match=r"does not cover: \['assets'\].*or none"):
        apply_setting(scenario, "packages.truce.freezes", "assets")
    with pytest.raises(DetenteError, match="its settable fields are 'ready_after_days' \\(fix"):
        apply_setting(scenario, "packages.full.freezes", "territory")
