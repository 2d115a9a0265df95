"""detente forecast / ask --observed on the built-in scenario: directions and refusals.

The observations here are hand-written test inputs, not claims about real events.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from detente.cli.main import app
from detente.forecast.conditioning import (
    Conditioning,
    condition,
    consistent_runs,
    require_enough_runs,
)
from detente.forecast.evaluate import evaluate_question, predicate_holds
from detente.forecast.forecasts import forecast_questions
from detente.forecast.observed import load_observations, parse_observations_text
from detente.forecast.question_file import builtin_questions_path, load_questions
from detente.forecast.questions import parse_question
from detente.forecast.questions.check import Vocabulary
from detente.forecast.summaries import outcome_probabilities
from detente.process import simulate
from detente.process.eventlog import EventKind
from detente.scenario import load_scenario

SCENARIO = "ukraine-2025-12"
RUNS, SEED = "2000", "7"
EXAMPLE = (
    Path(__file__).resolve().parents[1]
    / "src/detente/scenario/builtin/ukraine-2025-12.observed-example.yaml"
)


def ask(*extra: str) -> dict:
    result = CliRunner().invoke(
        app, ["ask", SCENARIO, "--runs", RUNS, "--seed", SEED, "--json", *extra]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def probabilities(document: dict) -> dict[str, float]:
    return {f["id"]: f["probability"] for f in document["forecasts"]}


@pytest.fixture(scope="module")
def plain() -> dict[str, float]:
    return probabilities(ask())


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "observed.yaml"
    path.write_text(text)
    return str(path)


@pytest.fixture(scope="module")
def simulated():
    scenario = load_scenario(SCENARIO)
    specs = load_questions(builtin_questions_path(SCENARIO), Vocabulary.from_scenario(scenario))
    return scenario, specs, simulate(scenario, runs=int(RUNS), seed=int(SEED))


def conditioned(simulated, text: str) -> tuple[dict[str, float], Conditioning]:
    """Question probabilities on the kept runs (at least 50 of them: a direction, not a level)."""
    scenario, specs, log = simulated
    observations = parse_observations_text(text, "obs.yaml", Vocabulary.from_scenario(scenario))
    kept, counts = condition(log, observations)
    require_enough_runs(counts, min_runs=50)
    return {f.id: f.probability for f in forecast_questions(specs, kept)}, counts


def test_an_observed_agreement_makes_a_later_agreement_certain(simulated, plain) -> None:
    # agreement by 2026-02-28, matched within one round (14 days): by 2026-03-14 in the run
    after, counts = conditioned(
        simulated, "- {event: agreement, arena: peace_talks, by: 2026-02-28}"
    )
    assert after["deal_6m"] == 1.0 and after["deal_12m"] == 1.0
    assert plain["deal_6m"] < 1.0
    # the runs kept are exactly those with an agreement by day 86 + 14
    log = simulated[2]
    by_day = log.day_of(dt.date(2026, 2, 28)) + log.round_days
    talks = log.events(EventKind.AGREEMENT, arena=log.arena_ids.index("peace_talks"))
    agreed = log.count_by_run(talks, by_day=by_day) > 0
    assert counts.kept == counts.effective_sample_size == int(agreed.sum())


def test_rejections_lower_the_chance_of_agreement(simulated) -> None:
    # Rejections also say the talks went on (rounds held, no walk-out), which by itself can
    # raise the chance of a deal when abandonment is common; so compare like with like:
    # talks going on, with and without Russia rejecting the text in each round.
    dates = ("2025-12-18", "2026-01-08", "2026-01-29")
    talks = "".join(f"- {{event: round_held, arena: peace_talks, date: {d}}}\n" for d in dates)
    talks += "- {event: abandoned, arena: peace_talks, by: 2026-01-31, happened: false}\n"
    rejected = "".join(
        f"- {{event: rejected, arena: peace_talks, actor: RUS, date: {d}}}\n" for d in dates
    )
    going_on, base = conditioned(simulated, talks)
    after, counts = conditioned(simulated, talks + rejected)
    assert counts.kept < base.kept
    for question in ("deal_3m", "deal_6m", "deal_12m"):
        assert 0.0 <= after[question] < going_on[question] <= 1.0, question


def test_negative_observation_rules_out_early_deals(tmp_path, plain) -> None:
    path = write(tmp_path, "- {event: agreement, by: 2026-03-04, happened: false}\n")
    after = probabilities(ask("--observed", path))
    assert after["deal_3m"] == 0.0 < plain["deal_3m"]
    assert after["deal_12m"] < plain["deal_12m"]


def test_conditioned_question_is_the_share_among_kept_runs() -> None:
    scenario = load_scenario(SCENARIO)
    log = simulate(scenario, runs=int(RUNS), seed=int(SEED))
    observations = load_observations(EXAMPLE, Vocabulary.from_scenario(scenario))
    kept, counts = condition(log, observations)
    assert counts.kept == kept.n_runs and counts.runs == int(RUNS)
    question = parse_question("agreement(arena=peace_talks) by 2026-12-04")
    keep, _ = consistent_runs(log, observations)
    holds = predicate_holds(question, log)
    expected = holds[keep].mean()
    assert evaluate_question(question, kept).probability == pytest.approx(expected, abs=1e-12)
    assert np.count_nonzero(keep) == counts.kept


def test_forecast_command_with_the_example_file() -> None:
    result = CliRunner().invoke(
        app, ["forecast", "--runs", RUNS, "--json", "--observed", str(EXAMPLE)]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    observed = document["observed"]
    assert observed["runs_simulated"] == int(RUNS)
    assert 200 <= observed["runs_kept"] <= int(RUNS)
    assert len(observed["observations"]) == 5
    # the example observes no agreement by 2026-01-15: none by the 3-month mark before it
    three = document["outcomes"][0]
    assert sum(three["probabilities"].values()) == pytest.approx(1.0)
    plain = CliRunner().invoke(app, ["forecast", "--runs", RUNS, "--json"])
    assert json.loads(plain.stdout)["observed"] is None
    text = CliRunner().invoke(app, ["forecast", "--runs", RUNS, "--observed", str(EXAMPLE)])
    assert text.exit_code == 0
    assert f"of {int(RUNS):,} runs (effective sample size" in text.output


def test_collapse_is_refused_with_one_line(tmp_path) -> None:
    # an imposed deal within the first round never happens in this scenario's runs
    path = write(
        tmp_path,
        "- {event: agreement, kind: imposed, by: 2025-12-10, tolerance_days: 0}\n",
    )
    for command in ("ask", "forecast"):
        args = [command, SCENARIO, "--runs", RUNS, "--observed", path]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: conditioning collapsed")
        assert "observed.yaml:1:3" in lines[0] and "contradicts the model" in lines[0]
        assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("- {event: round_held, arena: peace_talk, date: 2025-12-20}", "did you mean"),
        ("- {event: round_held, date: 2025-11-20}", "not after the scenario's as-of"),
        ("- {event: round_held, date: [2025-11-20}", "malformed YAML"),
        ("", "file is empty"),
    ],
)
def test_bad_observed_files_exit_2_with_one_line(tmp_path, text: str, words: str) -> None:
    path = write(tmp_path, text)
    result = CliRunner().invoke(app, ["ask", SCENARIO, "--runs", "50", "--observed", path])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and path in lines[0] and words in lines[0], result.output


def test_summary_and_its_runs_are_the_kept_runs() -> None:
    from detente.analysis.forecast_summary import forecast_summary_with_runs
    from detente.forecast.conditioning import RunFilter

    scenario = load_scenario(SCENARIO)
    observations = load_observations(EXAMPLE, Vocabulary.from_scenario(scenario))
    keep = RunFilter(observations, int(RUNS))
    summarised = forecast_summary_with_runs(
        scenario, runs=int(RUNS), seed=int(SEED), chunk_filter=keep
    )
    kept = keep.diagnostics.kept
    assert summarised.summary.runs == summarised.sampled.log.n_runs == kept < int(RUNS)
    assert summarised.sampled.theta.shape[0] == kept  # drivers use the kept runs' draws
    # the 3-month class shares are those of the kept runs of the plain simulation
    log = simulate(scenario, runs=int(RUNS), seed=int(SEED))
    mask, _ = consistent_runs(log, observations)
    three = summarised.summary.outcomes[0]
    shares = outcome_probabilities(log.select(mask), [dt.date.fromisoformat(three.date)])
    for key, value in three.probabilities.items():
        assert value == pytest.approx(float(shares[key][0][0]), abs=1e-12)


def test_an_observation_every_run_meets_changes_nothing(tmp_path, plain) -> None:
    # rounds fall on days 14, 28, ...: nothing at all can happen by day 5
    path = write(tmp_path, "- {event: agreement, by: 2025-12-09, happened: false}\n")
    document = ask("--observed", path)
    assert document["observed"]["runs_kept"] == int(RUNS)
    assert probabilities(document) == plain
