"""Answer a parsed question on an EventLog: the share of runs where it holds.

Every term becomes a numpy array over runs (bool for conditions, float for
numbers) built from masks over the log's event arrays and ``np.bincount`` by run;
there is no Python loop over runs, so 100,000 runs cost a few array passes.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from detente.forecast.questions import ast
from detente.forecast.questions.check import Vocabulary, check_question
from detente.process.compiled import CompiledScenario
from detente.process.eventlog import (
    TEXT_CEASEFIRE_ONLY,
    TEXT_COMPREHENSIVE,
    EventKind,
    EventLog,
    OutcomeClass,
)
from detente.scenario.errors import DetenteError

AGREEMENT_CLASS = {
    "comprehensive": OutcomeClass.COMPREHENSIVE,
    "armistice": OutcomeClass.ARMISTICE,
    "imposed": OutcomeClass.IMPOSED,
}

TERMS_CODE = {"ceasefire": int(TEXT_CEASEFIRE_ONLY), "comprehensive": int(TEXT_COMPREHENSIVE)}


@dataclass(frozen=True)
class QuestionResult:
    probability: float
    standard_error: float  # Monte Carlo: sqrt(p (1 - p) / n)
    n_runs: int


def evaluate_question(
    question: ast.Question, log: EventLog, *, date: dt.date | None = None, text: str = ""
) -> QuestionResult:
    """Share of runs in which ``question`` holds at its date (or ``date`` if it has none)."""
    holds = predicate_holds(question, log, date=date, text=text)
    n = int(log.n_runs)
    p = float(holds.mean()) if n else math.nan
    se = math.sqrt(p * (1.0 - p) / n) if n else math.nan
    return QuestionResult(probability=p, standard_error=se, n_runs=n)


def predicate_holds(
    question: ast.Question, log: EventLog, *, date: dt.date | None = None, text: str = ""
) -> np.ndarray:
    """Bool (n_runs,): whether the question holds in each run."""
    when = question.date or date
    if when is None:
        raise DetenteError(
            f"question {str(question)!r} has no date",
            hint="end it with 'by YYYY-MM-DD' or give a resolution_date",
        )
    check_question(question, Vocabulary.from_log(log), text)
    return _Evaluator(log, log.day_of(when)).condition(question.predicate)


def first_day_holding(question: ast.Question, log: EventLog, *, text: str = "") -> np.ndarray:
    """Float (n_runs,): the first day on which ``question`` holds in each run, read at every
    day an event happens up to its date; inf where it never holds by then.

    Why every event day: a condition can only change on a day something is logged, so this
    is exact, and it orders two questions in time ("a ceasefire before a settlement")."""
    if question.date is None:
        raise DetenteError(
            f"question {str(question)!r} has no date",
            hint="end it with 'by YYYY-MM-DD'",
        )
    check_question(question, Vocabulary.from_log(log), text)
    end = log.day_of(question.date)
    first = np.full(log.n_runs, np.inf)
    for day in np.unique(np.append(log.day[log.day <= end], 0)):
        holds = _Evaluator(log, int(day)).condition(question.predicate)
        first[holds & np.isinf(first)] = day
    return first


class _Evaluator:
    def __init__(self, log: EventLog, cutoff: int) -> None:
        self.log = log
        self.cutoff = cutoff
        self.in_time = log.day <= cutoff

    def per_run(self, mask: np.ndarray) -> np.ndarray:
        return np.bincount(self.log.run[mask], minlength=self.log.n_runs)

    def mask(
        self,
        kind: EventKind,
        *,
        arena: str | None = None,
        actor: str | None = None,
        issue: str | None = None,
    ) -> np.ndarray:
        log = self.log
        mask = self.in_time & (log.kind == int(kind))
        for column, ids, name in (
            (log.arena, log.arena_ids, arena),
            (log.actor, log.actor_ids, actor),
            (log.issue, log.issue_ids, issue),
        ):
            if name is not None:
                mask &= column == ids.index(name)
        return mask

    def event_mask(self, node: ast.Event) -> np.ndarray:
        mask = self.mask(
            EventKind[node.kind.upper()], arena=node.arena, actor=node.actor, issue=node.issue
        )
        if node.value is not None:
            mask &= self.log.value == np.float32(node.value)
        return mask

    def condition(self, node: ast.Predicate) -> np.ndarray:
        if isinstance(node, ast.Constant):
            return np.full(self.log.n_runs, node.value, dtype=bool)
        if isinstance(node, ast.Not):
            return ~self.condition(node.operand)
        if isinstance(node, ast.And):
            return np.logical_and.reduce([self.condition(op) for op in node.operands])
        if isinstance(node, ast.Or):
            return np.logical_or.reduce([self.condition(op) for op in node.operands])
        if isinstance(node, ast.Compare):
            return _compare(self.number(node.left), node.op, self.number(node.right))
        if isinstance(node, ast.Event):
            return self.per_run(self.event_mask(node)) > 0
        if isinstance(node, ast.Agreement):
            mask = self.mask(EventKind.AGREEMENT, arena=node.arena)
            if node.kind != "any":
                mask &= self.log.value == np.float32(AGREEMENT_CLASS[node.kind])
            return self.per_run(mask) > 0
        if isinstance(node, ast.Decision):
            kind = EventKind.DECISION_PASSED if node.passes else EventKind.DECISION_BLOCKED
            return self.per_run(self.mask(kind, arena=node.arena, issue=node.issue)) > 0
        if isinstance(node, ast.State):
            if node.terms is not None:
                code = TERMS_CODE[node.terms]
                return self.log.agreement_terms_at(self.cutoff) == code
            code = OutcomeClass[node.outcome_class.upper()]
            return self.log.outcome_class_at(self.cutoff) == code
        raise TypeError(f"not a condition: {type(node).__name__}")

    def number(self, node: ast.Numeric) -> np.ndarray:
        n = self.log.n_runs
        if isinstance(node, ast.Number):
            return np.full(n, node.value, dtype=np.float64)
        if isinstance(node, ast.Count):
            return self.per_run(self.event_mask(node.event)).astype(np.float64)
        if isinstance(node, ast.Outcome):
            column = self.log.issue_ids.index(node.issue)
            return self.log.terms_by(self.cutoff)[:, column]
        if isinstance(node, ast.Front):
            return self.log.front_by(self.cutoff, node.extreme)
        raise TypeError(f"not a number: {type(node).__name__}")


def _compare(left: np.ndarray, op: str, right: np.ndarray) -> np.ndarray:
    """Comparisons with a missing value (NaN) are false, including '!='."""
    with np.errstate(invalid="ignore"):
        result = {
            "<": np.less,
            "<=": np.less_equal,
            ">": np.greater,
            ">=": np.greater_equal,
            "==": np.equal,
            "!=": np.not_equal,
        }[op](left, right)
    return result & ~np.isnan(left) & ~np.isnan(right)


def status_quo_log(log: EventLog | CompiledScenario) -> EventLog:
    """A one-run log with no events: the world as of the as-of date if nothing happens.

    Only the frame is read (dates, actors, issues, arenas), so a compiled scenario
    serves as well as a log of it (the Parquet results of a distributed job have no log).
    """
    return EventLog.from_events(
        [],
        n_runs=1,
        as_of=log.as_of,
        round_days=log.round_days,
        actor_ids=log.actor_ids,
        issue_ids=log.issue_ids,
        arena_ids=log.arena_ids,
    )


def status_quo_holds(
    question: ast.Question, log: EventLog | CompiledScenario, *, date: dt.date | None = None
) -> bool:
    """Whether the question holds if nothing happens after as_of (the "no change" baseline)."""
    return bool(predicate_holds(question, status_quo_log(log), date=date)[0])
