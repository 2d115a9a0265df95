"""`validate` reads the questions file `forecast` reads beside a scenario: a scenario that
validated while its NAME.questions.yaml named an arena it no longer has passed validate
and stopped forecast (a new analyst's Armenia file, after renaming the template's track)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from detente.cli.main import app


def test_validate_names_each_broken_question_with_its_line(tmp_path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["new", "case", "--dir", str(tmp_path)]).exit_code == 0
    scenario, questions = tmp_path / "case.yaml", tmp_path / "case.questions.yaml"
    assert runner.invoke(app, ["validate", str(scenario)]).exit_code == 0
    text = questions.read_text(encoding="utf-8")
    broken = text.count("arena=talks")
    assert broken >= 1
    questions.write_text(text.replace("arena=talks", "arena=gone"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(scenario), "--json"])
    assert result.exit_code == 2
    errors = json.loads(result.stdout)["errors"]
    assert len(errors) == broken
    assert all(e.startswith(f"{questions}:") and "unknown arena 'gone'" in e for e in errors)
    assert runner.invoke(app, ["forecast", str(scenario), "--runs", "20"]).exit_code == 2
