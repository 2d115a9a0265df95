"""detente ask / detente score end to end on a small scenario (real simulator)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from process_scenarios import cycle_dict
from typer.testing import CliRunner

from detente.cli.main import app
from detente.forecast import builtin_questions_path, evaluate_question, load_questions
from detente.forecast.questions.check import Vocabulary
from detente.process import simulate
from detente.scenario import builtin_names, load_scenario

QUESTIONS = """\
- id: deal_6m
  text: Agreement in the talks by mid-2026?
  question: agreement(arena=talks) by 2026-06-30
- id: no_deal
  question: not agreement(arena=talks) by 2026-06-30
- id: council
  question: decision(arena=council, issue=assets) by 2026-03-31
- id: rounds
  question: count(event(kind=round_held, arena=talks)) >= 3
  resolution_date: 2026-01-31
- id: quiet
  question: state(class=fighting_while_talking) on 2026-01-01
"""

runner = CliRunner()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("ask")
    scenario = folder / "cycle.yaml"
    scenario.write_text(yaml.safe_dump(cycle_dict(), sort_keys=False))
    questions = folder / "questions.yaml"
    questions.write_text(QUESTIONS)
    return {"scenario": scenario, "questions": questions, "folder": folder}


def ask_json(files: dict[str, Path], *extra: str) -> dict:
    args = ["ask", str(files["scenario"]), str(files["questions"]), "--runs", "300", "--json"]
    result = runner.invoke(app, [*args, *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ask_writes_the_forecasts_format(files: dict[str, Path]) -> None:
    doc = ask_json(files, "--seed", "7")
    assert {k: doc[k] for k in ("scenario", "as_of", "runs", "seed")} == {
        "scenario": "cycle",
        "as_of": "2025-12-04",
        "runs": 300,
        "seed": 7,
    }
    by_id = {f["id"]: f for f in doc["forecasts"]}
    assert list(by_id) == ["deal_6m", "no_deal", "council", "rounds", "quiet"]
    first = by_id["deal_6m"]
    assert set(first) == {
        "id",
        "text",
        "question",
        "resolution_date",
        "probability",
        "standard_error",
        "status_quo_holds",
    }
    assert by_id["deal_6m"]["probability"] + by_id["no_deal"]["probability"] == pytest.approx(1)
    p = first["probability"]
    assert first["standard_error"] == pytest.approx((p * (1 - p) / 300) ** 0.5)
    assert by_id["rounds"]["resolution_date"] == "2026-01-31"
    # nothing changes: no agreement, no decision, no rounds, still fighting while talking
    assert [f["status_quo_holds"] for f in doc["forecasts"]] == [False, True, False, False, True]


def test_ask_matches_the_library_and_is_reproducible(files: dict[str, Path]) -> None:
    doc = ask_json(files, "--seed", "3")
    assert ask_json(files, "--seed", "3") == doc
    scenario = load_scenario(files["scenario"])
    log = simulate(scenario, runs=300, seed=3)
    specs = load_questions(files["questions"], Vocabulary.from_scenario(scenario))
    expected = [evaluate_question(s.tree, log).probability for s in specs]
    assert [f["probability"] for f in doc["forecasts"]] == expected


def test_ask_then_score(files: dict[str, Path]) -> None:
    forecasts = files["folder"] / "FORECASTS.json"
    forecasts.write_text(json.dumps(ask_json(files)))
    resolutions = files["folder"] / "RESOLUTIONS.yaml"
    resolutions.write_text("- id: deal_6m\n  outcome: false\n- id: quiet\n  outcome: true\n")
    result = runner.invoke(app, ["score", str(forecasts), str(resolutions), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["n_resolved"] == 2
    assert scores["baseline_half"]["brier"] == pytest.approx(0.25)
    # no change: 0 for deal_6m (right), 1 for quiet (right): perfect Brier
    assert scores["baseline_no_change"]["brier"] == 0.0
    doc = json.loads(forecasts.read_text())
    p = {f["id"]: f["probability"] for f in doc["forecasts"]}
    assert scores["model"]["brier"] == pytest.approx(
        (p["deal_6m"] ** 2 + (1 - p["quiet"]) ** 2) / 2
    )
    human = runner.invoke(app, ["score", str(forecasts), str(resolutions)])
    assert human.exit_code == 0 and "baseline_no_change" in human.stdout


def test_ask_reports_question_errors_in_one_line(files: dict[str, Path]) -> None:
    bad = files["folder"] / "bad.yaml"
    bad.write_text("- id: a\n  question: agreement(arena=talk) by 2026-06-30\n")
    result = runner.invoke(app, ["ask", str(files["scenario"]), str(bad), "--runs", "10"])
    assert result.exit_code == 2
    assert "bad.yaml:2:29" in result.output and "known arenas: talks, council" in result.output
    assert "Traceback" not in result.output


def test_ask_says_what_is_wrong_at_every_place_of_a_bad_file(files: dict[str, Path]) -> None:
    """The first line names the first problem and the others' places (one line for a
    script); each further problem follows on a line of its own, for the person fixing it."""
    bad = files["folder"] / "bad3.yaml"
    bad.write_text(
        "- id: a\n  question: agreement(arena=talk) by 2026-06-30\n"
        "- id: b\n  question: agreement(arena=tlks) by 2026-06-30\n"
        "- id: c\n  question: event(kind=terms) by 2026-06-30\n"
    )
    result = runner.invoke(app, ["ask", str(files["scenario"]), str(bad), "--runs", "10"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("error: ") and "[+2 more problem(s): " in lines[0]
    assert lines[1].startswith("  also: ") and "bad3.yaml:4:29" in lines[1]
    assert "unknown arena 'tlks'" in lines[1]
    assert lines[2].startswith("  also: ") and "unknown kind 'terms'" in lines[2]


def test_score_rejects_unknown_ids(files: dict[str, Path]) -> None:
    forecasts = files["folder"] / "F2.json"
    forecasts.write_text(json.dumps(ask_json(files)))
    resolutions = files["folder"] / "R2.yaml"
    resolutions.write_text("- id: deal_6m\n  outcome: true\n- id: nope\n  outcome: true\n")
    result = runner.invoke(app, ["score", str(forecasts), str(resolutions)])
    assert result.exit_code == 2 and "R2.yaml:3:7: unknown question id 'nope'" in result.output


@pytest.mark.parametrize("name", ["ukraine-2025-12", "ukraine-2026-06"])
def test_builtin_question_sets_check_against_their_scenarios(name: str) -> None:
    if name not in builtin_names():
        pytest.skip(f"built-in scenario {name} not present yet")
    path = builtin_questions_path(name)
    assert path is not None, f"no {name}.questions.yaml"
    scenario = load_scenario(name)
    specs = load_questions(path, Vocabulary.from_scenario(scenario))
    assert 8 <= len(specs) <= 12
    assert all(s.resolution_date <= scenario.horizon for s in specs)


def test_the_ask_table_reads_on_an_80_column_terminal(
    files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six columns squeezed the question to one letter a line ('W…', 'a', 'c…'): every
    word of each question's text must reach the page whole, and no line run past 80."""
    questions = tmp_path / "long.yaml"
    text = "Has any agreement broken down (fighting resumed) at some point by 25 January 2026?"
    questions.write_text(
        "- id: ceasefire_terms_holding_long_id\n"
        f"  text: {text}\n"
        "  question: event(kind=breakdown) by 2026-06-30\n"
    )
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, ["ask", str(files["scenario"]), str(questions), "--runs", "50"])
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout
    printed = result.stdout.split()
    assert all(word in printed for word in text.split())
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    # no breakdown if nothing happens: the 'no change' column says so in a word, not '-'
    assert "fails" in printed and "(holds / fails)" in " ".join(printed)


def test_ask_and_forecast_give_the_same_answers_by_default() -> None:
    """One set of Monte Carlo defaults: a user who asks the questions 'forecast' answers
    gets the same probabilities, not a second sample with other runs and another seed."""
    asked = runner.invoke(app, ["ask", "ukraine-2025-12", "--json"])
    told = runner.invoke(app, ["forecast", "ukraine-2025-12", "--json"])
    assert asked.exit_code == 0 and told.exit_code == 0, asked.output + told.output
    asked_p = {f["id"]: f["probability"] for f in json.loads(asked.stdout)["forecasts"]}
    told_p = {q["id"]: q["probability"] for q in json.loads(told.stdout)["questions"]}
    assert asked_p and asked_p == told_p
