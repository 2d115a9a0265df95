"""Fuzz the scenario and question readers with mutations of the built-in files (in-process).

Every mutated file either loads or raises a DetenteError whose one line names the
file (with line:col where there is one) and a fix; never another exception, and
each example stays under 10 s and 1 GiB.
"""

from __future__ import annotations

from fuzz_mutations import Budget, assert_answer_is_one_clear_line, hostile_file
from hypothesis import HealthCheck, Phase, given, settings

from detente.forecast.question_file import builtin_questions_path, parse_questions_text
from detente.forecast.questions.check import Vocabulary
from detente.scenario import load_scenario
from detente.scenario.errors import DetenteError, ScenarioErrors
from detente.scenario.loader import builtin_path, parse_scenario_text

NAME = "ukraine-2025-12"
SCENARIO = builtin_path(NAME).read_text(encoding="utf-8")
QUESTIONS_PATH = builtin_questions_path(NAME)
assert QUESTIONS_PATH is not None
QUESTIONS = QUESTIONS_PATH.read_text(encoding="utf-8")
VOCABULARY = Vocabulary.from_scenario(load_scenario(NAME))
FUZZ = settings(
    max_examples=60,
    deadline=None,  # Budget asserts the 10 s bound itself
    derandomize=True,  # the same examples on every run
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(text=hostile_file(SCENARIO))
def test_mutated_scenario_loads_or_says_where_and_how_to_fix(text: str) -> None:
    with Budget():
        try:
            parse_scenario_text(text, "fuzz.yaml")
        except DetenteError as exc:
            assert_answer_is_one_clear_line(exc.one_line(), "fuzz.yaml")
            for problem in getattr(exc, "errors", []) if isinstance(exc, ScenarioErrors) else []:
                assert_answer_is_one_clear_line(problem.one_line(), "fuzz.yaml")


@FUZZ
@given(text=hostile_file(QUESTIONS))
def test_mutated_question_file_loads_or_says_where_and_how_to_fix(text: str) -> None:
    with Budget():
        try:
            parse_questions_text(text, "fuzz.questions.yaml", VOCABULARY)
        except DetenteError as exc:
            assert_answer_is_one_clear_line(exc.one_line(), "fuzz.questions.yaml")
