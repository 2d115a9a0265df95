"""A source expectation's question is checked by ``validate``, as a questions file's is:
an India-Pakistan trial wrote ``event(kind=levers)`` in one, ``validate`` said ok and only
``forecast`` failed, with no file, line or expectation named."""

from __future__ import annotations

import copy

import yaml
from process_scenarios import cycle_dict
from typer.testing import CliRunner

from detente.cli.main import app

RUNNER = CliRunner()


def _with_expectation(question: str, than: str | None = None) -> dict:
    data = copy.deepcopy(cycle_dict())
    expectation = {
        "id": "mediator_keeps_out",
        "statement": "The mediator does not press either side",
        "question": question,
        "assumption": "test",
    }
    if than is None:
        expectation["at_most"] = 0.5
    else:
        expectation["than"] = than
    data["expectations"] = [expectation]
    return data


def _validate(tmp_path, data: dict):
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path, RUNNER.invoke(app, ["validate", str(path)])


def test_an_unknown_kind_in_an_expectation_is_a_validate_error_with_its_place(tmp_path):
    path, out = _validate(tmp_path, _with_expectation("event(kind=levers, arena=talks)"))
    assert out.exit_code == 2
    [line] = [x for x in out.stderr.splitlines() if "mediator_keeps_out" in x]
    text = path.read_text(encoding="utf-8").splitlines()
    number = int(line.split(f"{path}:")[1].split(":")[0])
    assert "event(kind=levers" in text[number - 1]  # the line of the question itself
    assert "unknown kind 'levers'" in line and "question, column" in line


def test_an_unknown_arena_in_the_rival_question_names_the_rival(tmp_path):
    data = _with_expectation("agreement(arena=talks) by 2026-06-30", "agreement(arena=nowhere)")
    _, out = _validate(tmp_path, data)
    assert out.exit_code == 2
    assert "expectation 'mediator_keeps_out': than" in out.stderr
    assert "nowhere" in out.stderr


def test_a_sound_expectation_validates(tmp_path):
    _, out = _validate(tmp_path, _with_expectation("agreement(arena=talks) by 2026-06-30"))
    assert out.exit_code == 0, out.stderr
