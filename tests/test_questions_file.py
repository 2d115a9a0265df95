"""Question files: located errors (file:line:col), dates, duplicates, vocabulary checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.forecast.question_file import (
    QuestionFileErrors,
    load_questions,
    parse_questions_text,
)
from detente.forecast.questions import QuestionSyntaxError
from detente.forecast.questions.check import Vocabulary
from detente.scenario.errors import DetenteError, ScenarioError

VOCABULARY = Vocabulary(
    actor_ids=("US", "RUS", "UKR", "EUR"),
    issue_ids=("territory", "frozen_assets"),
    arena_ids=("peace_talks", "eu_council"),
    as_of=dt.date(2025, 12, 4),
    vote_arenas=("eu_council",),
    horizon=dt.date(2026, 12, 31),
)

GOOD = """\
# questions as of 2025-12-04
- id: deal_6m
  text: Agreement by mid-2026?
  question: agreement(arena=peace_talks) by 2026-06-30
- id: rounds
  question: "count(event(kind=round_held, arena=peace_talks)) >= 3"
  resolution_date: 2026-01-31
- id: line
  question: |
    outcome(issue=territory) >= 75
      and agreement(arena=peace_talks)
    by 2026-12-31
"""


def test_good_file_loads_with_dates() -> None:
    specs = parse_questions_text(GOOD, "q.yaml", VOCABULARY)
    assert [s.id for s in specs] == ["deal_6m", "rounds", "line"]
    assert specs[1].tree.date == dt.date(2026, 1, 31)  # from resolution_date
    assert str(specs[1].tree).endswith("by 2026-01-31")
    assert specs[2].resolution_date == dt.date(2026, 12, 31)
    assert specs[1].text == specs[1].expression  # text defaults to the expression


def error_of(text: str) -> DetenteError:
    with pytest.raises((ScenarioError, QuestionSyntaxError, QuestionFileErrors)) as info:
        parse_questions_text(text, "q.yaml", VOCABULARY)
    return info.value


@pytest.mark.parametrize(
    ("replace", "by", "where", "words"),
    [
        # plain scalar: column of 'peace_talk' in the file line "  question: agreement(arena=..."
        (
            "arena=peace_talks) by 2026-06-30",
            "arena=peace_talk) by 2026-06-30",
            "q.yaml:4:29",
            "unknown arena 'peace_talk'; known arenas: peace_talks, eu_council",
        ),
        # double-quoted: '  question: "' is 13 columns, then 35 characters before 'talks'
        (
            "kind=round_held, arena=peace_talks",
            "kind=round_held, arena=talks",
            "q.yaml:6:49",
            "unknown arena 'talks'",
        ),
        # block scalar: second line of the question, indented by 6 in the file
        (
            "  and agreement(arena=peace_talks)",
            "  and agreement(arena=peace_talks, kind=x)",
            "q.yaml:11:45",
            "line 2, column 41: unknown kind 'x'",
        ),
        ("by 2026-12-31\n", "by 2026-13-31\n", "q.yaml:12:8", "not a calendar date"),
        ("outcome(issue=territory)", "outcome(issue=land)", "q.yaml:10:19", "unknown issue"),
        # 12 + len("agreement(arena=peace_talks) by ") = 12 + 32: the date is at column 45
        ("by 2026-06-30", "by 2025-06-30", "q.yaml:4:45", "before the scenario's as-of"),
        ("by 2026-06-30", "by 2027-01-01", "q.yaml:4:45", "after the scenario's horizon"),
    ],
)
def test_errors_point_into_the_file(replace: str, by: str, where: str, words: str) -> None:
    assert replace in GOOD
    error = error_of(GOOD.replace(replace, by, 1))
    assert str(error).startswith(where), str(error)
    assert words in str(error)


def test_structural_errors() -> None:
    assert "missing 'question'" in str(error_of("- id: a\n  text: x\n"))
    assert "q.yaml:2:13" in str(error_of("- id: a\n  question: 3\n"))
    assert "unknown field 'when'" in str(error_of("- id: a\n  question: 'true'\n  when: 1\n"))
    assert "has no date" in str(error_of("- id: a\n  question: agreement()\n"))
    dup = "- id: a\n  question: true by 2026-01-01\n- id: a\n  question: true by 2026-01-01\n"
    assert "q.yaml:3:7: duplicate question id 'a'" in str(error_of(dup))
    assert "non-empty list" in str(error_of("id: a\n"))
    beside = "resolution_date: 2026-11-10\nquestions:\n  - id: a\n    question: 'true'\n"
    message = str(error_of(beside))
    assert "q.yaml:1:18: unknown top-level key 'resolution_date'" in message
    assert "a field of a question" in message
    late = "- id: a\n  question: true by 2026-01-01\n  resolution_date: 2025-12-31\n"
    assert "before the question's date" in str(error_of(late))
    assert "must be a date" in str(
        error_of("- id: a\n  question: 'true'\n  resolution_date: soon\n")
    )


def test_all_problems_are_collected() -> None:
    text = "- id: a\n  question: agreement(\n- id: b\n  question: event()\n"
    error = error_of(text)
    assert isinstance(error, QuestionFileErrors) and len(error.errors) == 2
    assert str(error.errors[1]).startswith("q.yaml:4:13: question 'b'")
    assert error.one_line().endswith("[+1 more problem(s): q.yaml:4:13]")


def test_decision_needs_a_vote_arena() -> None:
    text = "- id: a\n  question: decision(arena=peace_talks) by 2026-01-01\n"
    assert "needs a vote arena" in str(error_of(text))


def test_load_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "questions.yaml"
    path.write_text(GOOD)
    assert len(load_questions(path, VOCABULARY)) == 3
    with pytest.raises(ScenarioError, match="no such file"):
        load_questions(tmp_path / "missing.yaml")
