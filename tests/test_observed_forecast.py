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
from detente.forecast.conditioning import condition, consistent_runs
from detente.forecast.evaluate import evaluate_question, predicate_holds
from detente.forecast.observed import load_observations
from detente.forecast.questions import parse_question
from detente.forecast.questions.check import Vocabulary
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


def test_an_observed_agreement_makes_a_later_agreement_certain(tmp_path, plain) -> None:
    # agreement by 2026-02-28, matched within one round (14 days): by 2026-03-14 in the run
    path = write(tmp_path, "- {event: agreement, arena: peace_talks, by: 2026-02-28}\n")
    document = ask("--observed", path)
    after = probabilities(document)
    assert after["deal_6m"] == 1.0 and after["deal_12m"] == 1.0
    assert plain["deal_6m"] < 1.0
    observed = document["observed"]
    assert observed["runs_simulated"] == int(RUNS)
    assert document["runs"] == observed["runs_kept"] == observed["effective_sample_size"]
    assert 200 <= observed["runs_kept"] < int(RUNS)
    # the runs kept are exactly those with an agreement by day 86 + 14
    log = simulate(load_scenario(SCENARIO), runs=int(RUNS), seed=int(SEED))
    by_day = log.day_of(dt.date(2026, 2, 28)) + log.round_days
    talks = log.events(EventKind.AGREEMENT, arena=log.arena_ids.index("peace_talks"))
    agreed = log.count_by_run(talks, by_day=by_day) > 0
    assert observed["runs_kept"] == int(agreed.sum())


def test_many_rejections_lower_the_chance_of_agreement(tmp_path, plain) -> None:
    text = "".join(
        f"- {{event: rejected, arena: peace_talks, actor: RUS, date: {day}}}\n"
        for day in ("2025-12-18", "2026-01-08", "2026-01-29")
    )
    document = ask("--observed", write(tmp_path, text))
    after = probabilities(document)
    for question in ("deal_3m", "deal_6m", "deal_12m"):
        assert 0.0 <= after[question] < plain[question], question
    assert document["observed"]["runs_kept"] >= 200


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
        scenario, runs=int(RUNS), seed=int(SEED), keep_runs=keep
    )
    kept = keep.diagnostics.kept
    assert summarised.summary.runs == summarised.sampled.log.n_runs == kept < int(RUNS)
    assert summarised.sampled.theta.shape[0] == kept  # drivers use the kept runs' draws
    # the 3-month class shares are those of the kept runs of the plain simulation
    log = simulate(scenario, runs=int(RUNS), seed=int(SEED))
    mask, _ = consistent_runs(log, observations)
    three = summarised.summary.outcomes[0]
    shares = log.select(mask).outcome_shares(three.day)
    for key, value in three.probabilities.items():
        assert value == pytest.approx(shares[key.upper()], abs=1e-12)


def test_an_observation_every_run_meets_changes_nothing(tmp_path, plain) -> None:
    # rounds fall on days 14, 28, ...: nothing at all can happen by day 5
    path = write(tmp_path, "- {event: agreement, by: 2025-12-09, happened: false}\n")
    document = ask("--observed", path)
    assert document["observed"]["runs_kept"] == int(RUNS)
    assert probabilities(document) == plain
