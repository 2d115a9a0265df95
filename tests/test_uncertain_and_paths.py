"""Uncertain numbers (beta-PERT), parameter paths for what-if, diffs and evidence pointers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from process_scenarios import build, cycle_dict

from detente.process import EventKind, compile_scenario, simulate
from detente.scenario import parse_scenario_text
from detente.scenario.diff import diff_scenarios
from detente.scenario.errors import DetenteError
from detente.scenario.paths import PathError, apply_setting, parse_path
from detente.scenario.pointers import check_pointers, cite
from detente.scenario.text import normalise_text, span_sha256
from detente.scenario.uncertain import Uncertain, pert_sample
from tests.scenario_text import SMALL_SCENARIO


@pytest.fixture()
def small():
    return parse_scenario_text(SMALL_SCENARIO, "small.yaml")


def test_pert_mean_matches_the_textbook_formula() -> None:
    # The beta-PERT mean is (low + 4 mode + high) / 6 = (10 + 80 + 40) / 6 = 21.667.
    draws = pert_sample(
        np.array(10.0), np.array(20.0), np.array(40.0), np.random.default_rng(1), 200_000
    )
    assert draws.min() >= 10 and draws.max() <= 40
    assert abs(draws.mean() - 130 / 6) < 0.05


def test_pert_is_deterministic_and_exact_when_certain() -> None:
    a = pert_sample(
        np.array([5.0, 1.0]),
        np.array([5.0, 2.0]),
        np.array([5.0, 3.0]),
        np.random.default_rng(7),
        1000,
    )
    b = pert_sample(
        np.array([5.0, 1.0]),
        np.array([5.0, 2.0]),
        np.array([5.0, 3.0]),
        np.random.default_rng(7),
        1000,
    )
    assert np.array_equal(a, b)
    assert np.all(a[:, 0] == 5.0)


def test_uncertain_accepts_scalars_and_rejects_disorder() -> None:
    assert Uncertain.model_validate(3).is_certain
    with pytest.raises(ValueError, match="low <= mode <= high"):
        Uncertain.model_validate({"low": 3, "mode": 1, "high": 5})
    with pytest.raises(ValueError, match="boolean"):
        Uncertain.model_validate(True)


def test_apply_setting_changes_one_number(small) -> None:
    changed = apply_setting(small, "positions.AAA.line.position", 30)
    assert changed.positions[1].position.mode == 30
    assert small.positions[1].position.mode == 10, "the original is untouched"
    shifted = apply_setting(small, "actors.AAA.capability", 10, op="add")
    assert (shifted.actor("AAA").capability.low, shifted.actor("AAA").capability.high) == (50, 70)
    weaker = apply_setting(small, "relations.dependency.AAA.MED.strength", 0)
    assert weaker.relations[0].strength.mode == 0
    drift = apply_setting(small, "dynamics.war_cost.AAA", 5)
    assert drift.dynamics["war_cost.AAA"].value.mode == 5


@pytest.mark.parametrize(
    ("path", "value", "fragment"),
    [
        ("positions.ZZZ.line.position", 3, "no position"),
        ("actors.AAA.wealth", 3, "unknown actor"),
        ("dynamics.not_a_parameter", 1, "unknown dynamics"),
        ("positions.AAA.line.position", 300, "outside"),
        ("arenas.talks.rule", "dictator", "rule must be"),
        ("bogus", 1, "unknown section"),
    ],
)
def test_bad_paths_say_what_is_allowed(small, path, value, fragment) -> None:
    with pytest.raises(PathError, match=fragment):
        apply_setting(small, path, value)


def test_parse_path_ranges(small) -> None:
    assert parse_path("relations.dependency.AAA.MED.strength", small).high == 1
    assert parse_path("dynamics.decision_noise", small).high == 50


def test_diff_reports_position_changes(small) -> None:
    later = apply_setting(small, "positions.BBB.status.position", 80)
    changes = diff_scenarios(small, later)
    assert [(c.section, c.key, c.field, c.before, c.after) for c in changes] == [
        ("positions", "BBB.status", "position", 100.0, 80.0)
    ]


def test_normalisation_and_pointers(tmp_path: Path) -> None:
    raw = "\ufeffFirst line\r\nSecond line mentions Bee.\r\n".encode()
    text = normalise_text(raw)
    assert text == "First line\nSecond line mentions Bee.\n"
    start, end, digest = cite(text, "mentions Bee")
    assert text[start:end] == "mentions Bee" and digest == span_sha256(text, start, end)
    with pytest.raises(DetenteError, match="not found"):
        cite(text, "absent phrase")
    doc = tmp_path / "doc.txt"
    doc.write_bytes(raw)
    scenario_text = (
        SMALL_SCENARIO.replace("published: 2025-12-01,", "published: 2025-12-01, file: doc.txt,")
        .replace("start: 0, end: 10", f"start: {start}, end: {end}")
        .replace("0" * 64, digest)
    )
    scenario = parse_scenario_text(scenario_text, "s.yaml")
    assert [r.ok for r in check_pointers(scenario, tmp_path)] == [True]
    doc.write_bytes(raw.replace(b"First", b"1st"))  # the span shifts by two characters
    result = check_pointers(scenario, tmp_path)[0]
    assert not result.ok and "drifted" in result.problem


def test_diff_reports_implementer_changes() -> None:
    """Dropping Europe's consent on the built-in talks shows up as one arena change."""
    from detente.scenario import load_scenario

    before = load_scenario("ukraine-2025-12")
    arenas = tuple(
        a.model_copy(update={"implementers": ()}) if a.id == "peace_talks" else a
        for a in before.arenas
    )
    changes = diff_scenarios(before, before.model_copy(update={"arenas": arenas}))
    assert [(c.section, c.key, c.field, c.after) for c in changes] == [
        ("arenas", "peace_talks", "implementers", [])
    ]


def test_a_levers_numbers_are_what_if_paths() -> None:
    """A lever's cost, and what it adds to the target's war cost and the front's drift, can
    be set by what-if (a Sudan trial could not test its levers). A lever that costs the
    mediator 50 points a round is pulled in fewer runs than the declared one; an unknown
    lever names the track's levers."""
    scenario = build(cycle_dict())
    dear = apply_setting(scenario, "arenas.talks.leverage.press.cost", 50)
    [lever] = next(a for a in dear.arenas if a.id == "talks").leverage
    assert (lever.cost.low, lever.cost.mode, lever.cost.high) == (50, 50, 50)
    assert lever.war_cost_add == scenario.arenas[0].leverage[0].war_cost_add
    assert parse_path("arenas.talks.leverage.press.front_drift_add", scenario).low == -10

    def pulled(s) -> int:
        log = simulate(compile_scenario(s), runs=1000, seed=4)
        return int(np.unique(log.run[log.kind == int(EventKind.LEVERAGE)]).size)

    assert pulled(scenario) > 100 and pulled(dear) < pulled(scenario) / 4
    with pytest.raises(PathError, match="levers of 'talks': press"):
        apply_setting(scenario, "arenas.talks.leverage.squeeze.cost", 1)
    with pytest.raises(PathError, match=r"outside 0\.\.50"):
        apply_setting(scenario, "arenas.talks.leverage.press.cost", 51)


def test_what_a_ceasefire_settles_is_a_what_if_path() -> None:
    """Which issues the armistice settles is a structural choice the scenario declares;
    what-if can set it, the rest of the package's issues deferred. On the built-in Ukraine
    snapshot Russia turns down a ceasefire that defers NATO membership: settling NATO too
    makes armistices come, in the same runs (common random numbers)."""
    from detente.scenario import load_scenario

    scenario = load_scenario("ukraine-2025-12")
    wider = "territory,force_caps,security_guarantees,european_force,nato_membership"
    changed = apply_setting(scenario, "packages.armistice.settles", wider)
    [before] = [p for p in scenario.packages if p.id == "armistice"]
    [after] = [p for p in changed.packages if p.id == "armistice"]
    assert set(after.settles) == set(wider.split(","))
    assert set(after.defers) == set(before.settles + before.defers) - set(wider.split(","))

    def armistices(s) -> int:
        log = simulate(compile_scenario(s), runs=3000, seed=2)
        agreed = log.kind == int(EventKind.AGREEMENT)
        return int((log.value[agreed] == 2).sum())  # OutcomeClass.ARMISTICE

    assert armistices(changed) > armistices(scenario) + 10
    with pytest.raises(PathError, match="does not cover"):
        apply_setting(scenario, "packages.armistice.settles", "territory,sanctions")
    with pytest.raises(PathError, match="no issue"):
        apply_setting(scenario, "packages.armistice.settles", " , ")
