"""Answers to the default question set that ships with a scenario snapshot.

Where the set lives: ``<name>.questions.yaml`` next to a built-in scenario
(``forecast.question_file.builtin_questions_path``), or next to a scenario file given by
path (``my.yaml`` -> ``my.questions.yaml``). No file: no questions, not an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from detente.forecast.evaluate import evaluate_question
from detente.forecast.question_file import QuestionSpec, builtin_questions_path, load_questions
from detente.forecast.questions.check import Vocabulary
from detente.forecast.reachability import unreachable_terms
from detente.process import EventLog, compile_scenario
from detente.scenario.schema import Scenario


@dataclass(frozen=True)
class QuestionAnswer:
    id: str
    text: str
    question: str
    date: str
    probability: float
    standard_error: float
    # event(...) terms nothing in the scenario can produce by the date (forecast.reachability)
    unreachable: tuple[str, ...] = ()


def question_set_path(scenario: Scenario, source: str | None) -> Path | None:
    """The default question file for a scenario given by built-in name or path."""
    if source:
        builtin = builtin_questions_path(source)
        if builtin is not None:
            return builtin
        path = Path(source)
        if path.is_file():
            sibling = path.with_name(path.name.removesuffix(".yaml").removesuffix(".yml"))
            sibling = sibling.with_name(sibling.name + ".questions.yaml")
            return sibling if sibling.is_file() else None
    return builtin_questions_path(scenario.id)


def default_question_specs(
    scenario: Scenario, source: str | None
) -> tuple[tuple[QuestionSpec, ...], str | None]:
    """The parsed questions of the scenario's default set, and the file's name (or none)."""
    path = question_set_path(scenario, source)
    if path is None:
        return (), None
    return tuple(load_questions(path, Vocabulary.from_scenario(scenario))), path.name


def answer_default_questions(
    scenario: Scenario, log: EventLog, source: str | None
) -> tuple[tuple[QuestionAnswer, ...], str | None]:
    """Every question of the scenario's default set with its probability; and the file used."""
    specs, name = default_question_specs(scenario, source)
    if name is None:
        return (), None
    compiled = compile_scenario(scenario)
    answers = []
    for spec in specs:
        result = evaluate_question(spec.tree, log, text=spec.expression)
        answers.append(
            QuestionAnswer(
                spec.id,
                spec.text,
                spec.expression,
                spec.tree.date.isoformat() if spec.tree.date else "",
                result.probability,
                result.standard_error,
                unreachable_terms(spec.tree, compiled),
            )
        )
    return tuple(answers), name
