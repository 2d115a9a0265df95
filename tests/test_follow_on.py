"""Talks under a ceasefire (``talks_continue``): a phased peace, declared, never assumed.

Found on a Thailand-Cambodia case of our own: the ceasefire of 28 July 2025 was followed,
while it held, by the Kuala Lumpur accord of 26 October, which the model could represent
only as a ceasefire that broke down and a second agreement after it.
"""

from __future__ import annotations

import copy
import re

import numpy as np
import pytest
from process_scenarios import READY, build, cycle_dict, settlement_both_want, with_talks
from web_scenario import in_process_settings

from detente.analysis.diagnostics import settled_under_ceasefire
from detente.process import EventKind, OutcomeClass, compile_scenario, simulate
from detente.scenario.errors import ScenarioErrors

RUNS = 1500


def _log(talks_continue: bool | None, noise: float | None = None, data: dict | None = None):
    data = data if data is not None else settlement_both_want()
    packages = {p["id"]: p for p in data["packages"]}
    packages["full"]["ready_after_days"] = READY
    if talks_continue is not None:
        packages["truce"]["talks_continue"] = talks_continue
    if noise is not None:
        data["dynamics"]["decision_noise"] = {"value": noise, "assumption": "test"}
    return simulate(compile_scenario(build(data)), runs=RUNS, seed=5)


def _upgrades(log) -> np.ndarray:
    """Per run: a settlement under a ceasefire by the log's last day."""
    return settled_under_ceasefire(log, int(log.day.max()))


def test_a_ceasefire_becomes_a_peace_without_breaking_down_only_when_talks_continue() -> None:
    ended, going_on = _log(False), _log(True)
    assert not _upgrades(ended).any()  # the old model: only after a breakdown
    phased = _upgrades(going_on)
    assert phased.sum() > 50
    # where both sides want the settlement, no shock carries it: the same runs settle
    # with every shock drawn but not felt
    unfelt = simulate(
        compile_scenario(build(with_talks(settlement_both_want()))),
        runs=RUNS,
        seed=5,
        shocks_felt=False,
    )
    assert abs(int(_upgrades(unfelt).sum()) - int(phased.sum())) <= 0.02 * phased.sum()
    # the settlement comes no earlier than its text can be tabled, and it is in force after
    days = going_on.day[
        (going_on.kind == EventKind.AGREEMENT)
        & (going_on.value == OutcomeClass.COMPREHENSIVE)
        & phased[going_on.run]
    ]
    assert days.min() >= READY
    late = int(going_on.day.max())
    assert (going_on.agreement_terms_at(late)[phased] == 1).mean() > 0.5
    # fewer armistices stand at the end where their track could turn them into a peace
    standing = [(log.agreement_terms_at(late) == 2).sum() for log in (going_on, ended)]
    assert standing[0] < standing[1]


def test_where_no_settlement_suits_the_sides_the_mediator_does_not_fish_for_a_good_day():
    """The alliance the ceasefire leaves at 30 is one side's wish at 90 and the other's at
    0: no full text beats the ceasefire for both. A mediator for whom the war's end is
    already won stops after a text or two, so few runs settle, and most of those by a
    shock; before, it valued the war's end again and tabled a text until a good day came
    (63% of runs settled, 98% of them by a shock)."""
    opposed = with_talks(copy.deepcopy(cycle_dict()))
    log = simulate(compile_scenario(build(opposed)), runs=RUNS, seed=5)
    assert _upgrades(log).mean() < 0.05


def test_a_side_that_turned_a_text_down_is_not_carried_by_a_later_good_day() -> None:
    """Under a ceasefire each side's leaning is drawn once and kept, and the mediator
    learns it from the answers: where no full text suits both sides and rounds are free,
    the settlements come in the first texts and stop, instead of rising with every round
    a fresh shock is drawn (the fresh-shock model: 9.3% by day 182, 13.1% by day 1092)."""
    data = with_talks(copy.deepcopy(cycle_dict()))
    data["dynamics"]["mediator_round_cost"] = {"value": 0.0, "assumption": "test"}
    data["dynamics"]["breakdown_hazard"] = {"value": 0.0, "assumption": "test"}
    log = simulate(compile_scenario(build(data)), runs=RUNS, seed=5, rounds=78)
    assert not (log.kind == EventKind.BREAKDOWN).any()
    early, late = (settled_under_ceasefire(log, day).mean() for day in (364, 1092))
    assert late - early <= 0.004
    assert late < 0.08


def test_leaving_it_out_is_the_old_model_and_validate_says_so() -> None:
    silent, stated = _log(None), _log(False)
    assert np.array_equal(silent.kind, stated.kind) and np.array_equal(silent.day, stated.day)
    from detente.scenario.crosscheck_structure import ceasefire_talks_warnings

    data = copy.deepcopy(cycle_dict())
    scenario = build(data)
    [warning] = ceasefire_talks_warnings(scenario, lambda where: None)
    assert "truce" in warning.message and "talks_continue" in warning.hint
    data["packages"][1]["talks_continue"] = False
    assert ceasefire_talks_warnings(build(data), lambda where: None) == []


def test_talks_continue_belongs_to_a_ceasefire() -> None:
    data = copy.deepcopy(cycle_dict())
    data["packages"][0]["talks_continue"] = True
    with pytest.raises(ScenarioErrors, match="'talks_continue' belongs to ceasefire packages"):
        build(data)


def test_show_and_the_report_say_whether_talks_go_on_under_a_ceasefire() -> None:
    from detente.scenario.structure_view import describe_structure

    data = copy.deepcopy(cycle_dict())
    labels = {}
    for flag in (True, False):
        data["packages"][1]["talks_continue"] = flag
        view = describe_structure(build(data))
        labels[flag] = {p["id"]: p["defers_label"] for p in view["packages"]}
    assert labels[True] == {"full": "-", "truce": "alliance (talks go on under it)", "swap": "-"}
    assert labels[False]["truce"] == "alliance (no talks under it)"


def _texts_under_standing_ceasefires(log) -> float:
    """Mean number of texts tabled after a run's first agreement, over the runs whose
    ceasefire still stands at the end (no breakdown, no settlement after it)."""
    deals = np.isin(log.kind, [EventKind.AGREEMENT, EventKind.BREAKDOWN])
    per_run = np.bincount(log.run[deals], minlength=log.n_runs)
    standing = per_run == 1
    first = np.full(log.n_runs, np.iinfo(np.int32).max)
    agreed = log.kind == EventKind.AGREEMENT
    np.minimum.at(first, log.run[agreed], log.day[agreed])
    late = (log.kind == EventKind.TEXT_DRAFTED) & (log.day > first[log.run])
    counts = np.bincount(log.run[late], minlength=log.n_runs)
    return float(counts[standing].mean())


def test_the_mediator_gives_up_talks_under_a_ceasefire_that_go_nowhere() -> None:
    """Where every full text costs the gaining side more than the ceasefire it has (the
    alliance it rejects stays at 0 under the ceasefire), a mediator for whom each round
    costs something stops tabling texts; one for whom rounds are free goes on."""
    counts = {}
    for cost in (0.0, 2.0):
        data = copy.deepcopy(cycle_dict())
        data["issues"][1]["status_quo"] = 0
        packages = {p["id"]: p for p in data["packages"]}
        packages["truce"]["talks_continue"] = True
        data["dynamics"]["mediator_round_cost"] = {"value": cost, "assumption": "test"}
        log = simulate(compile_scenario(build(data)), runs=RUNS, seed=5)
        counts[cost] = _texts_under_standing_ceasefires(log)
    assert counts[0.0] > 5 * counts[2.0]


def test_what_if_talks_went_on_under_the_ceasefire(tmp_path) -> None:
    """'packages.ID.talks_continue' is a what-if setting (true or false, a word, 1 or 0, or
    YAML's boolean in an interventions file); it gives the log of the scenario written so,
    and another number, another word or a package that is no ceasefire is refused."""
    from detente.analysis.interventions import load_interventions
    from detente.scenario.paths import PathError, apply_setting

    scenario = build(copy.deepcopy(cycle_dict()))
    changed = apply_setting(scenario, "packages.truce.talks_continue", "true")
    data = copy.deepcopy(cycle_dict())
    data["packages"][1]["talks_continue"] = True
    written = build(data)
    a = simulate(compile_scenario(changed), runs=300, seed=2)
    b = simulate(compile_scenario(written), runs=300, seed=2)
    assert np.array_equal(a.kind, b.kind) and np.array_equal(a.day, b.day)
    for path, value, message in (
        ("packages.truce.talks_continue", 2.0, "is not true or false"),
        ("packages.truce.talks_continue", "maybe", "is not true or false"),
        ("packages.full.talks_continue", "true", "'full' is a comprehensive package"),
        ("packages.swap.ready_after_days", 10, "'swap' is a limited package"),
        ("packages.nope.talks_continue", "true", "no package 'nope'"),
        ("packages.full.ready_after_days", 4000, "outside 0..3650 days"),
        ("packages.full.ready_after_days", "soon", "is not a number"),
    ):
        with pytest.raises(PathError, match=message):
            apply_setting(scenario, path, value)
    # when the full text can first be tabled: a number of days, set, added to or scaled
    later = apply_setting(scenario, "packages.full.ready_after_days", 30)
    assert {p.id: p.ready_after_days for p in later.packages}["full"] == 30
    later = apply_setting(later, "packages.full.ready_after_days", 14.4, op="add")
    assert {p.id: p.ready_after_days for p in later.packages}["full"] == 44
    data = copy.deepcopy(cycle_dict())
    data["packages"][0]["ready_after_days"] = 44
    a = simulate(compile_scenario(later), runs=300, seed=2)
    b = simulate(compile_scenario(build(data)), runs=300, seed=2)
    assert np.array_equal(a.kind, b.kind) and np.array_equal(a.day, b.day)
    file = tmp_path / "talks.yaml"
    file.write_text(
        "interventions:\n  - name: talks\n    set: {packages.truce.talks_continue: true}\n"
    )
    [yes] = load_interventions(file, scenario)
    assert yes.settings == (("packages.truce.talks_continue", "true"),)


def test_the_dashboard_switches_talks_under_a_ceasefire(tmp_path) -> None:
    """The what-if page offers a 0/1 switch per ceasefire of a track that also offers a
    full text; switched on, the armistices turn into settlements (the answer the CLI's
    what-if gives), and a value other than 0 or 1 is refused."""
    import yaml
    from fastapi.testclient import TestClient

    from detente.web.app import create_app
    from detente.web.sliders import STRUCTURE, SettingError, parse_settings, scenario_sliders

    data = settlement_both_want()
    data["packages"][0]["ready_after_days"] = READY
    file = tmp_path / "cycle.yaml"
    file.write_text(yaml.safe_dump(data, sort_keys=False))
    sliders = scenario_sliders(build(data))
    [switch] = [s for s in sliders if s.group == STRUCTURE]
    assert (switch.path, switch.low, switch.high, switch.step, switch.value) == (
        "packages.truce.talks_continue",
        0.0,
        1.0,
        1.0,
        0.0,
    )
    assert parse_settings({switch.path: "1"}, sliders) == {switch.path: 1.0}
    with pytest.raises(SettingError, match="outside"):
        parse_settings({switch.path: "2"}, sliders)
    settings = in_process_settings(file, runs=400)
    client = TestClient(create_app(settings))
    page = client.get("/scenarios/cycle/whatif").text
    assert "talks go on under it" in page
    answer = client.post("/scenarios/cycle/whatif/run", data={switch.path: "1"})
    assert answer.status_code == 200
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", answer.text))
    assert "packages.truce.talks_continue=1" in text
    # the ceasefires (imposed here: the lever bypasses the influencer) become settlements
    found = re.search(
        r"comprehensive settlement 3 months: \S+ pp \S+ \S+ 6 months: ([+-][\d.]+) pp", text
    )
    assert found is not None and float(found.group(1)) > 10


def test_a_sides_leaning_is_drawn_once_and_a_new_side_gets_its_own():
    """Leanings are kept per side for the run: a second ceasefire track with one side the
    first did not have draws that side's leaning (none left undrawn, which would read as a
    refusal of every text) and keeps the other's, with the mediator's belief about it."""
    from detente.process.follow_on import _leanings
    from detente.process.state import WarState

    war = WarState.start(3, 4, 2)
    idx, tau = np.array([0, 2]), np.array([2.0, 1.0])
    first, mean, var = _leanings(war, idx, np.array([0, 1]), np.ones((2, 2)), tau)
    assert np.array_equal(first, [[-2.0, -2.0], [-1.0, -1.0]])
    assert np.array_equal(var, [[4.0, 4.0], [1.0, 1.0]]) and not mean.any()
    war.settle_mean[0, 0] = 0.5  # what an answer taught the mediator
    again, mean, _ = _leanings(war, idx, np.array([0, 3]), np.full((2, 2), 3.0), tau)
    assert np.array_equal(again[:, 0], first[:, 0])  # side 0 keeps its leaning
    assert np.array_equal(again[:, 1], [-6.0, -3.0])  # side 3 draws its own
    assert mean[0, 0] == 0.5 and np.isnan(war.settle_offset[1]).all()  # run 1 never answered


def test_a_ceasefire_that_settles_every_issue_of_its_track_is_named() -> None:
    """It defers nothing, so its texts are full settlements counted as an armistice:
    validate says so, and a ceasefire that leaves an issue open is not named."""
    from detente.scenario.crosscheck_structure import ceasefire_scope_warnings

    data = copy.deepcopy(cycle_dict())
    assert ceasefire_scope_warnings(build(data), lambda where: None) == []
    data["packages"][1]["settles"] = ["territory", "alliance"]
    data["packages"][1]["defers"] = []
    [warning] = ceasefire_scope_warnings(build(data), lambda where: None)
    assert "'truce'" in warning.message and "defers nothing" in warning.message
    assert "'defers'" in warning.hint
