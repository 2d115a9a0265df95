"""What-if interventions: direction of known effects, exact zero for no-ops, paired errors,
located file errors and one-line CLI errors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from analysis_scenario_text import COUNCIL, HARD_TALKS
from typer.testing import CliRunner

from detente.analysis.interventions import (
    Intervention,
    load_interventions,
    parse_set_options,
)
from detente.analysis.outcomes import paired_difference
from detente.analysis.runs import simulate_with_parameters
from detente.analysis.whatif import compare_interventions
from detente.cli.main import app
from detente.forecast.question_file import parse_questions_text
from detente.process import compile_scenario, simulate
from detente.scenario import parse_scenario_text
from detente.scenario.errors import DetenteError, ScenarioError

RUNS = 3000


@pytest.fixture(scope="module")
def hard_talks():
    return parse_scenario_text(HARD_TALKS, "hard-talks.yaml")


def by_outcome(comparison, label: str) -> dict:
    date = next(d for d in comparison.dates if d.label == label)
    return {row.outcome: row for row in date.outcomes}


def test_identical_positions_raise_agreement(hard_talks) -> None:
    # AAA takes BBB's positions on both issues (line 90, status 100): the drafted
    # text then sits at both signatories' ideals, so fighting on can only be worth
    # less than accepting and agreement becomes far more likely.
    same = parse_set_options(
        ["positions.AAA.line.position=90", "positions.AAA.status.position=100"]
    )
    result = compare_interventions(hard_talks, [same], runs=RUNS, seed=11)
    rows = by_outcome(result.comparisons[0], "12 months")
    agreement = rows["agreement"]
    assert agreement.baseline < 0.9
    assert agreement.difference > 0.1
    assert agreement.difference > 5 * agreement.difference_se
    assert agreement.difference == pytest.approx(agreement.intervention - agreement.baseline)


def test_zero_effect_intervention_gives_exactly_zero(hard_talks) -> None:
    # 0.5 is the registry default of breakdown_temptation, which the scenario does not
    # set: the intervened scenario compiles to the same numbers, and with common random
    # numbers every run is identical.
    noop = parse_set_options(["dynamics.breakdown_temptation=0.5"])
    result = compare_interventions(hard_talks, [noop], runs=RUNS, seed=5)
    for date in result.comparisons[0].dates:
        for row in date.outcomes:
            assert row.difference == 0.0
            # no run changed: not a certain zero, but Agresti-Min's 1/(n + 2)
            assert row.difference_se == pytest.approx(1 / (RUNS + 2))
            assert row.baseline == row.intervention
    for row in result.comparisons[0].settlement:
        assert row.baseline == row.intervention


def test_paired_error_by_hand() -> None:
    # 10 runs: 2 lost the outcome (1 -> 0), 1 gained it (0 -> 1), 7 unchanged.
    base = np.array([1, 1, 0, 1, 0, 0, 1, 0, 1, 0], dtype=bool)
    alt = np.array([0, 0, 1, 1, 0, 0, 1, 0, 1, 0], dtype=bool)
    difference, se = paired_difference(base, alt)
    assert difference == pytest.approx(-0.1)
    # half a run in each cell: b = 2.5, c = 1.5, n = 12
    assert se == pytest.approx(np.sqrt(4.0 - 1.0**2 / 12) / 12)
    # many changed runs: the plain sd(d)/sqrt(n) within a few per cent
    rng = np.random.default_rng(0)
    base, alt = rng.random(20_000) < 0.3, rng.random(20_000) < 0.4
    d = alt.astype(float) - base
    assert paired_difference(base, alt)[1] == pytest.approx(d.std() / np.sqrt(d.size), rel=0.01)


def test_paired_error_is_smaller_than_unpaired(hard_talks) -> None:
    small = parse_set_options(["dynamics.decision_noise=7"])
    result = compare_interventions(hard_talks, [small], runs=RUNS, seed=3)
    row = by_outcome(result.comparisons[0], "12 months")["agreement"]
    unpaired = (row.baseline_se**2 + row.intervention_se**2) ** 0.5
    assert 0 < row.difference_se < unpaired


def test_qmv_lets_the_council_decide_over_one_veto() -> None:
    # Four members want the assets used (60-95), HUN wants them returned (0). Under
    # unanimity HUN's veto blocks; under qmv 4 of 5 voters (80% >= 55%) holding 90%
    # of the capability (>= 65%) pass it.
    council = parse_scenario_text(COUNCIL, "council.yaml")
    questions = parse_questions_text(
        "- id: assets\n"
        "  question: decision(arena=eu_council, issue=assets, passes=true) by 2026-06-30\n"
    )
    qmv = Intervention("qmv", "drop the veto", (("arenas.eu_council.rule", "qmv"),))
    result = compare_interventions(council, [qmv], runs=500, seed=2, questions=questions)
    change = result.comparisons[0].questions[0]
    assert change.baseline < 0.2
    assert change.intervention > 0.8
    assert change.difference > 5 * max(change.difference_se, 1e-9)


def test_baseline_equals_process_simulate(hard_talks) -> None:
    # The chunk seeding of PROCESS_API.md: our runs with theta are simulate()'s runs.
    compiled = compile_scenario(hard_talks)
    ours = simulate_with_parameters(compiled, runs=700, seed=9, chunk_size=300)
    theirs = simulate(compiled, runs=700, seed=9, chunk_size=300)
    assert np.array_equal(ours.log.settlement_day, theirs.settlement_day)
    assert np.array_equal(ours.log.kind, theirs.kind)
    assert ours.theta.shape == (700, 2)


def test_interventions_file_errors_are_located(tmp_path: Path, hard_talks) -> None:
    path = tmp_path / "x.interventions.yaml"
    path.write_text(
        "interventions:\n"
        "  - name: ok\n"
        "    set: {dynamics.decision_noise: 3}\n"
        "  - name: bad\n"
        "    set:\n"
        "      positions.AAA.nowhere.position: 10\n"
    )
    with pytest.raises(ScenarioError) as info:
        load_interventions(path, hard_talks)
    assert f"{path}:6:" in info.value.one_line()
    assert "nowhere" in info.value.one_line()


def test_interventions_file_loads(tmp_path: Path, hard_talks) -> None:
    path = tmp_path / "x.interventions.yaml"
    path.write_text(
        "interventions:\n"
        "  - name: calm\n    description: less noise\n"
        "    set: {dynamics.decision_noise: 3, relations.dependency.AAA.MED.strength: 0}\n"
    )
    (loaded,) = load_interventions(path, hard_talks)
    assert loaded.name == "calm"
    assert loaded.settings == (
        ("dynamics.decision_noise", 3.0),
        ("relations.dependency.AAA.MED.strength", 0.0),
    )


@pytest.mark.parametrize(
    "option",
    ["noequals", "dynamics.nonsense=1", "dynamics.decision_noise=abc", "actors.AAA.capability=500"],
)
def test_bad_set_gives_one_line_and_exit_2(tmp_path: Path, option: str) -> None:
    scenario = tmp_path / "hard.yaml"
    scenario.write_text(HARD_TALKS)
    result = CliRunner().invoke(app, ["whatif", str(scenario), "--set", option, "--runs", "50"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")


def test_set_option_parsing() -> None:
    parsed = parse_set_options(["arenas.eu_council.rule=qmv", "dynamics.decision_noise = 4"])
    assert parsed is not None
    assert parsed.settings == (("arenas.eu_council.rule", "qmv"), ("dynamics.decision_noise", 4.0))
    assert parse_set_options([]) is None
    with pytest.raises(DetenteError):
        parse_set_options(["=3"])


def test_cli_json_is_paired_and_deterministic(tmp_path: Path) -> None:
    scenario = tmp_path / "hard.yaml"
    scenario.write_text(HARD_TALKS)
    args = ["whatif", str(scenario), "--set", "dynamics.decision_noise=12", "--runs", "400"]
    first = CliRunner().invoke(app, [*args, "--json"])
    second = CliRunner().invoke(app, [*args, "--json"])
    assert first.exit_code == 0, first.stderr
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert data["runs"] == 400
    (comparison,) = data["comparisons"]
    assert comparison["settings"] == {"dynamics.decision_noise": 12.0}
    assert [d["label"] for d in comparison["dates"]] == ["3 months", "6 months", "12 months"]
    assert "paired" in data["standard_error"]


def test_builtin_interventions_ship_and_are_not_scenarios() -> None:
    from detente.analysis.interventions import builtin_interventions_path
    from detente.scenario import builtin_names, load_scenario

    assert "ukraine-2025-12" in builtin_names()
    assert not any("." in name for name in builtin_names())
    path = builtin_interventions_path("ukraine-2025-12")
    assert path is not None
    loaded = load_interventions(path, load_scenario("ukraine-2025-12"))
    names = {i.name for i in loaded}
    assert {"us_halts_aid", "europe_united", "no_hungarian_veto", "russia_hurting"} <= names
    united = next(i for i in loaded if i.name == "europe_united")
    assert united.settings == (("dynamics.influencer_cohesion", 0.9),)
    later = load_interventions(
        builtin_interventions_path("ukraine-2026-06"), load_scenario("ukraine-2026-06")
    )
    channel = next(i for i in later if i.name == "europe_own_channel")
    assert channel.settings == (("arenas.european_channel.opens.probability", 1.0),)


def test_whatif_without_intervention_on_a_file_is_a_user_error(tmp_path: Path) -> None:
    scenario = tmp_path / "hard.yaml"
    scenario.write_text(HARD_TALKS)
    result = CliRunner().invoke(app, ["whatif", str(scenario), "--runs", "50"])
    assert result.exit_code == 2
    assert "--set" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_prepared_baseline_gives_the_same_numbers(hard_talks) -> None:
    # The dashboard keeps one baseline and replays each intervention against it.
    from detente.analysis.whatif import compare_with_baseline, prepare_baseline

    first = parse_set_options(["dynamics.decision_noise=9"])
    second = parse_set_options(["positions.AAA.line.position=50"])
    together = compare_interventions(hard_talks, [first, second], runs=800, seed=4)
    kept = prepare_baseline(hard_talks, runs=800, seed=4)
    one_by_one = [compare_with_baseline(kept, [i]).comparisons[0] for i in (first, second)]
    assert tuple(one_by_one) == together.comparisons


def test_sides_in_worker_processes_give_the_same_numbers(hard_talks) -> None:
    # Chunks of 300 over 700 runs: three chunks per side, nine jobs in the pool.
    from detente.analysis.whatif import compare_with_baseline, prepare_baseline

    first = parse_set_options(["dynamics.decision_noise=9"])
    zero = Intervention("nothing", "no change", ())
    options = {"runs": 700, "seed": 6, "chunk_size": 300}
    alone = compare_interventions(hard_talks, [first, zero], workers=1, **options)
    pooled = compare_interventions(hard_talks, [first, zero], workers=2, **options)
    assert pooled == alone
    kept = prepare_baseline(hard_talks, **options)
    assert compare_with_baseline(kept, [first, zero]) == alone
    moved = by_outcome(alone.comparisons[0], "12 months")
    assert any(row.difference != 0 for row in moved.values())  # the intervention did act


def test_an_interventions_file_may_list_the_issues_a_ceasefire_settles(tmp_path: Path) -> None:
    """'settles' as a YAML list of issue ids or as one comma-separated word; an issue the
    package does not cover is an error at its line."""
    from detente.scenario import load_scenario

    scenario = load_scenario("drc-m23-2025")
    [truce] = [p for p in scenario.packages if p.kind == "ceasefire"]
    covered = [*truce.settles, *truce.defers]
    path = tmp_path / "x.interventions.yaml"
    path.write_text(
        "interventions:\n"
        f"  - name: listed\n    set: {{packages.{truce.id}.settles: [{covered[0]}]}}\n"
        f"  - name: worded\n    set: {{packages.{truce.id}.settles: '{','.join(covered)}'}}\n"
    )
    listed, worded = load_interventions(path, scenario)
    assert listed.settings == ((f"packages.{truce.id}.settles", covered[0]),)
    assert worded.settings == ((f"packages.{truce.id}.settles", ",".join(covered)),)
    path.write_text(
        f"interventions:\n  - name: bad\n    set:\n      packages.{truce.id}.settles: [nowhere]\n"
    )
    with pytest.raises(ScenarioError) as info:
        load_interventions(path, scenario)
    assert f"{path}:4:" in info.value.one_line() and "does not cover" in info.value.one_line()
