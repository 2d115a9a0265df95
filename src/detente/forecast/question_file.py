"""Question files (YAML): a list of {id, text, question, resolution_date?}.

Read with the located YAML reader so every problem names file:line:col; a parse
error inside a question string is mapped back to the file position of the
offending character (exact for plain, quoted and block strings without escapes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from detente.forecast.questions import ast
from detente.forecast.questions.check import Vocabulary, check_question
from detente.forecast.questions.parser import parse_question
from detente.forecast.questions.tokens import QuestionSyntaxError
from detente.scenario.errors import DetenteError, Location, ScenarioError, others_by_place
from detente.scenario.yaml_source import LocatedYaml, parse_located_yaml, read_text_file

if TYPE_CHECKING:
    import numpy as np

    from detente.process.eventlog import EventLog

BUILTIN_PACKAGE = "detente.scenario.builtin"
FIELDS = ("id", "text", "question", "resolution_date")
MAX_QUESTIONS = 10_000


@dataclass(frozen=True)
class QuestionSpec:
    """One question of a file: its tree always carries a date (from 'by'/'on' or the file)."""

    id: str
    text: str
    expression: str
    tree: ast.Question
    resolution_date: dt.date
    location: Location

    def holds(self, log: EventLog) -> np.ndarray:
        """Bool (n_runs,): whether the question holds in each run of ``log``."""
        from detente.forecast.evaluate import predicate_holds

        return predicate_holds(self.tree, log, text=self.expression)


def builtin_questions_path(scenario_name: str) -> Path | None:
    """The default question set shipped with a built-in scenario, if there is one."""
    path = Path(str(resources.files(BUILTIN_PACKAGE).joinpath(f"{scenario_name}.questions.yaml")))
    return path if path.is_file() else None


def load_questions(
    path: str | Path, vocabulary: Vocabulary | None = None
) -> tuple[QuestionSpec, ...]:
    """Read, parse and (with a vocabulary) check every question; all problems are reported."""
    path = Path(path)
    text = read_text_file(path)
    return parse_questions_text(text, str(path), vocabulary)


def parse_questions_text(
    text: str, file: str = "<questions>", vocabulary: Vocabulary | None = None
) -> tuple[QuestionSpec, ...]:
    located = parse_located_yaml(text, file)
    items = located.data
    if isinstance(items, dict) and "questions" in items and len(items) > 1:
        other = next(key for key in items if key != "questions")
        raise ScenarioError(
            f"unknown top-level key {other!r} in a question file (only 'questions' may sit "
            "beside the list)",
            location=located.locate((other,)),
            hint="move it onto each question (resolution_date: is a field of a question) "
            "or remove it",
        )
    if isinstance(items, dict) and set(items) == {"questions"}:
        items, prefix = items["questions"], ("questions",)
    else:
        prefix = ()
    if not isinstance(items, list) or not items:
        raise ScenarioError(
            "a question file is a non-empty list of questions",
            location=located.locate(prefix),
            hint="write '- id: ...\\n  text: ...\\n  question: agreement(...) by 2026-06-30'",
        )
    if len(items) > MAX_QUESTIONS:
        raise ScenarioError(
            f"more than {MAX_QUESTIONS} questions",
            location=Location(file),
            hint="split the questions into several files",
        )
    problems: list[DetenteError] = []
    specs: list[QuestionSpec] = []
    seen: dict[str, Location] = {}
    for index, item in enumerate(items):
        try:
            spec = _one_question(item, (*prefix, index), located, text, vocabulary)
        except (ScenarioError, QuestionSyntaxError) as exc:
            problems.append(exc)
            continue
        if spec.id in seen:
            problems.append(
                ScenarioError(
                    f"duplicate question id {spec.id!r} (first at {seen[spec.id]})",
                    location=located.locate((*prefix, index, "id")),
                    hint="give every question its own id",
                )
            )
            continue
        seen[spec.id] = spec.location
        specs.append(spec)
    if problems:
        if len(problems) == 1:
            raise problems[0]
        raise QuestionFileErrors(problems)
    return tuple(specs)


class QuestionFileErrors(DetenteError):
    """Several problems in one question file: the first in full, the others by place."""

    def __init__(self, errors: list[DetenteError]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(first.message, location=first.location, hint=first.hint)

    def one_line(self) -> str:
        errors = getattr(self, "errors", [])
        head = errors[0].one_line() if errors else super().one_line()
        return head + others_by_place(errors)


def _one_question(
    item: object,
    path: tuple,
    located: LocatedYaml,
    raw: str,
    vocabulary: Vocabulary | None,
) -> QuestionSpec:
    where = located.locate(path)
    if not isinstance(item, dict):
        raise ScenarioError(
            "each question is a mapping with id, text, question",
            location=where,
            hint="start the entry with 'id:'",
        )
    for key in item:
        if key not in FIELDS:
            raise ScenarioError(
                f"unknown field {key!r} in a question",
                location=located.locate((*path, key)),
                hint=f"allowed fields: {', '.join(FIELDS)}",
            )
    for key in ("id", "question"):
        if key not in item:
            raise ScenarioError(
                f"question is missing {key!r}", location=where, hint=f"add '{key}: ...'"
            )
    for key in ("id", "text", "question"):
        if key in item and not isinstance(item[key], str):
            raise ScenarioError(
                f"{key} must be text, got {type(item[key]).__name__} {item[key]!r}",
                location=located.locate((*path, key)),
                hint="quote it",
            )
    question_id = item["id"]
    expression = item["question"]
    resolution = item.get("resolution_date")
    if resolution is not None and not (
        isinstance(resolution, dt.date) and not isinstance(resolution, dt.datetime)
    ):
        raise ScenarioError(
            f"resolution_date must be a date like 2026-06-30, got {resolution!r}",
            location=located.locate((*path, "resolution_date")),
            hint="write an unquoted YYYY-MM-DD date",
        )
    try:
        tree = parse_question(expression)
        if tree.date is None and resolution is not None:
            tree = tree.with_date(resolution)
        if vocabulary is not None:
            check_question(tree, vocabulary, expression)
    except QuestionSyntaxError as exc:
        line, column = _file_position(
            raw, located.marks[(*path, "question")], expression, exc.offset
        )
        raise exc.relocated(Location(located.file, line, column), question_id) from None
    if tree.date is None:
        raise ScenarioError(
            f"question {question_id!r} has no date",
            location=located.locate((*path, "question")),
            hint="end the question with 'by YYYY-MM-DD' or add 'resolution_date: YYYY-MM-DD'",
        )
    if resolution is not None and resolution < tree.date:
        raise ScenarioError(
            f"resolution_date {resolution} is before the question's date {tree.date}",
            location=located.locate((*path, "resolution_date")),
            hint="a question cannot be resolved before the date it asks about",
        )
    return QuestionSpec(
        id=question_id,
        text=item.get("text", "") or expression,
        expression=expression,
        tree=tree,
        resolution_date=resolution or tree.date,
        location=where,
    )


def _file_position(
    raw: str, mark: tuple[int, int], expression: str, offset: int
) -> tuple[int, int]:
    """File line/column of character ``offset`` of a YAML string that starts at ``mark``.

    Walk the raw file from the string's start and match the expression's
    non-blank characters in order (quotes, block indicators and indentation are
    skipped because they do not match); at the end of the string, point just past
    the last matched character.
    """
    lines = raw.split("\n")
    position = sum(len(line) + 1 for line in lines[: mark[0] - 1]) + mark[1] - 1
    last = position
    for ch in expression[:offset]:
        if ch.isspace():
            continue
        found = raw.find(ch, position)
        if found < 0:
            break
        position = found + 1
        last = position
    if offset < len(expression) and not expression[offset].isspace():
        found = raw.find(expression[offset], position)
        target = found if found >= 0 else last
    else:
        target = last
    line = raw.count("\n", 0, target) + 1
    column = target - (raw.rfind("\n", 0, target) + 1) + 1
    return line, column
