"""Check a parsed question against the ids of a scenario or an event log.

Separate from parsing because the same text is checked against a scenario file
(before simulating, to fail fast) and against the log it is evaluated on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.forecast.questions import ast
from detente.forecast.questions.tokens import QuestionSyntaxError

if TYPE_CHECKING:
    from detente.process.eventlog import EventLog
    from detente.scenario.schema import Scenario

COLUMNS = {"arena": "arena_ids", "actor": "actor_ids", "issue": "issue_ids"}


@dataclass(frozen=True)
class Vocabulary:
    """The ids a question may name, and (when known) which arenas vote."""

    actor_ids: tuple[str, ...]
    issue_ids: tuple[str, ...]
    arena_ids: tuple[str, ...]
    as_of: dt.date | None = None
    vote_arenas: tuple[str, ...] | None = None
    horizon: dt.date | None = None

    @classmethod
    def from_log(cls, log: EventLog) -> Vocabulary:
        return cls(tuple(log.actor_ids), tuple(log.issue_ids), tuple(log.arena_ids), log.as_of)

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> Vocabulary:
        return cls(
            actor_ids=tuple(a.id for a in scenario.actors),
            issue_ids=tuple(i.id for i in scenario.issues),
            arena_ids=tuple(a.id for a in scenario.arenas),
            as_of=scenario.as_of,
            vote_arenas=tuple(a.id for a in scenario.arenas if a.kind == "vote"),
            horizon=scenario.horizon,
        )


def check_question(question: ast.Question, vocabulary: Vocabulary, text: str = "") -> None:
    """Raise QuestionSyntaxError for the first unknown id (naming the column and known ids).

    ``text`` is the question's source, used for line/column; without it the
    canonical text of the tree is shown and offsets point to its start.
    """
    source = text or str(question)
    for node in ast.walk(question):
        for key, column in COLUMNS.items():
            name = getattr(node, key, None)
            if not isinstance(name, str) or isinstance(node, ast.Question):
                continue
            known: tuple[str, ...] = getattr(vocabulary, column)
            if name not in known:
                raise QuestionSyntaxError(
                    f"unknown {key} {name!r}; known {key}s: {', '.join(known) or '(none)'}",
                    text=source,
                    offset=node.offset_of(key) if text else 0,
                    hint=f"use an id from the scenario's {key}s",
                )
        if (
            isinstance(node, ast.Decision)
            and node.arena is not None
            and vocabulary.vote_arenas is not None
            and node.arena not in vocabulary.vote_arenas
        ):
            raise QuestionSyntaxError(
                f"decision(...) needs a vote arena; {node.arena!r} is not one "
                f"(vote arenas: {', '.join(vocabulary.vote_arenas) or '(none)'})",
                text=source,
                offset=node.offset_of("arena") if text else 0,
                hint="use agreement(...) for mediated talks",
            )
    as_of = vocabulary.as_of
    if question.date is not None and as_of is not None and question.date < as_of:
        raise QuestionSyntaxError(
            f"date {question.date} is before the scenario's as-of date {as_of}",
            text=source,
            offset=question.offset_of("date") if text else 0,
            hint="forecast questions look forward from the as-of date",
        )
    horizon = vocabulary.horizon
    if question.date is not None and horizon is not None and question.date > horizon:
        raise QuestionSyntaxError(
            f"date {question.date} is after the scenario's horizon {horizon}; "
            "the simulation does not reach it",
            text=source,
            offset=question.offset_of("date") if text else 0,
            hint="ask about a date up to the horizon, or extend the scenario's horizon",
        )
