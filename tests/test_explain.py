"""detente explain: paths to yes, drivers and dated stories, from the runs behind a number
(real simulator on a small country-free scenario)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from process_scenarios import build, cycle_dict
from typer.testing import CliRunner

from detente.analysis.explain import contrast_paths, example_runs, explain_question
from detente.analysis.run_story import run_story
from detente.cli.main import app
from detente.forecast import evaluate_question, load_questions
from detente.forecast.questions.check import Vocabulary
from detente.process import EventKind, compile_scenario, simulate
from detente.scenario import load_scenario

QUESTIONS = """\
- id: deal_soon
  text: Agreement in the talks by the end of 2025?
  question: agreement(arena=talks) by 2025-12-31
- id: rounds
  question: count(event(kind=round_held, arena=talks)) >= 3
  resolution_date: 2026-01-31
"""
RUNS, SEED = 600, 5
runner = CliRunner()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("explain")
    scenario = folder / "cycle.yaml"
    scenario.write_text(yaml.safe_dump(cycle_dict(), sort_keys=False))
    questions = folder / "cycle.questions.yaml"  # the default set, found next to the scenario
    questions.write_text(QUESTIONS)
    return {"scenario": scenario, "questions": questions}


@pytest.fixture(scope="module")
def explanation(files):
    scenario = load_scenario(files["scenario"])
    return explain_question(
        scenario, "deal_soon", source=str(files["scenario"]), runs=RUNS, seed=SEED
    )


def test_the_number_explained_is_the_forecasts_number(files, explanation):
    from detente.analysis.forecast_summary import forecast_summary

    scenario = load_scenario(files["scenario"])
    summary = forecast_summary(scenario, runs=RUNS, seed=SEED, question_set=str(files["scenario"]))
    answer = next(q for q in summary.questions if q.id == "deal_soon")
    assert explanation.probability == answer.probability


def test_probability_is_the_question_answer_on_the_same_runs(files, explanation):
    scenario = load_scenario(files["scenario"])
    spec = load_questions(files["questions"], Vocabulary.from_scenario(scenario))[0]
    log = simulate(scenario, runs=RUNS, seed=SEED)
    assert explanation.probability == evaluate_question(spec.tree, log).probability
    assert explanation.question_file == "cycle.questions.yaml"


def test_paths_partition_the_yes_and_no_runs(explanation):
    e = explanation
    yes_runs = round(e.probability * e.runs)
    assert 0 < yes_runs < e.runs  # the small scenario answers both ways
    assert sum(p.yes_runs for p in e.paths) <= yes_runs
    assert sum(p.share_of_yes for p in e.paths) <= 1 + 1e-9
    for p in e.paths:
        assert p.probability_yes == pytest.approx(p.yes_runs / (p.yes_runs + p.no_runs))
        assert p.share_of_yes == pytest.approx(p.yes_runs / yes_runs)
    # sorted by the number of yes-runs
    assert [p.yes_runs for p in e.paths] == sorted((p.yes_runs for p in e.paths), reverse=True)


def test_examples_are_dated_stories_of_yes_and_no_runs(files, explanation):
    as_of = load_scenario(files["scenario"]).as_of
    examples = explanation.examples
    assert len(examples) == 3
    assert [x.answer for x in examples] == [True, True, False]
    for x in examples:
        dates = [dt.date.fromisoformat(d.date) for d in x.story]
        assert dates == sorted(dates) and dates[0] >= as_of
        assert all(d.text for d in x.story)
    assert any("agreement reached" in d.text for d in examples[0].story)


def test_contrast_and_examples_by_hand():
    paths = ["a", "a", "b", "b", "b", "c"]
    yes = np.array([True, True, True, False, False, False])
    rows = contrast_paths(paths, yes)
    assert [(r.path, r.yes_runs, r.no_runs) for r in rows] == [
        ("a", 2, 0),
        ("b", 1, 2),
        ("c", 0, 1),
    ]
    assert rows[1].probability_yes == pytest.approx(1 / 3)
    assert rows[1].share_of_no == pytest.approx(2 / 3)
    # first run of each yes-path (a, then b), then the first run of the top no-path (b)
    assert example_runs(yes, paths) == [0, 2, 3]


def test_cli_json_and_text(files):
    args = ["explain", str(files["scenario"]), "deal_soon", "--runs", "300", "--seed", "1"]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["question"] == "deal_soon" and doc["runs"] == 300
    assert {"paths", "drivers", "examples"} <= set(doc)
    text = runner.invoke(app, args)
    assert text.exit_code == 0
    assert "which paths lead to yes" in text.stdout and "run " in text.stdout


def test_cli_unknown_question_is_one_line(files):
    result = runner.invoke(app, ["explain", str(files["scenario"]), "nope", "--runs", "50"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "nope" in lines[0] and "deal_soon" in lines[0]


def test_a_story_says_who_pulled_a_lever_on_whom_and_what_narrowing_is():
    """A lever event's actor is its target: 'Weak side leverage' read as if the weak side
    pulled it (a Sudan trial). The story names the lever and its target, and says what
    the mediator narrowed its text to."""
    scenario = build(cycle_dict())
    log = simulate(compile_scenario(scenario), runs=400, seed=2)
    pulled = np.flatnonzero(log.kind == int(EventKind.LEVERAGE))
    narrowed = np.flatnonzero(log.kind == int(EventKind.NARROWED))
    assert pulled.size and narrowed.size
    text = " ".join(d.text for d in run_story(log, int(log.run[pulled[0]]), scenario))
    assert "lever press pulled on Weak side in talks" in text
    assert "Weak side leverage" not in text
    text = " ".join(d.text for d in run_story(log, int(log.run[narrowed[0]]), scenario))
    assert "Mediator narrowed the text to a ceasefire in talks" in text
    # a track without a mediator narrows its own text: no actor, never 'None' (an
    # India-Pakistan trial's bilateral hotline)
    log.actor[narrowed[0]] = -1
    text = " ".join(d.text for d in run_story(log, int(log.run[narrowed[0]]), scenario))
    assert "the sides narrowed the text to a ceasefire in talks" in text and "None" not in text


def test_a_story_runs_to_the_settlement_that_replaced_a_ceasefire():
    """On the phased test war (talks under the ceasefire, the full text ready on day 84) a
    run that signs a ceasefire and later a settlement is told up to the settlement: the
    story a question about the settlement needs (it stopped at the first agreement)."""
    from process_scenarios import settlement_both_want, with_talks

    scenario = build(with_talks(settlement_both_want()))
    log = simulate(compile_scenario(scenario), runs=400, seed=2)
    agreements = log.kind == int(EventKind.AGREEMENT)
    runs, counts = np.unique(log.run[agreements], return_counts=True)
    twice = runs[counts >= 2]
    assert twice.size
    run = int(twice[0])
    days = log.day[agreements & (log.run == run)]
    story = run_story(log, run, scenario)
    assert story[-1].date == log.date_of(int(days.max())).isoformat()
    assert story[-1].date > log.date_of(int(days.min())).isoformat()
