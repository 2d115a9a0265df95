"""Check a scenario's source expectations against its simulated runs (never tuned to them).

Each expectation (``expectations:`` in the scenario) is a question in the question
language with a bound (``at_least`` / ``at_most``), a rival question (``than``) it
should be more likely than, or one it should come before (``before``: the share of runs
where it holds first against the share where the other does). The verdict is "holds",
"contradicted", or "unclear" when the two probabilities are within two Monte Carlo
standard errors (and one percentage point) of each other, or within two standard errors
of the bound.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from detente.analysis.outcomes import share
from detente.forecast.evaluate import first_day_holding, predicate_holds
from detente.forecast.questions import parse_question
from detente.forecast.reachability import unreachable_terms
from detente.process import EventLog, compile_scenario
from detente.scenario.schema import Scenario
from detente.scenario.structure import Expectation

# A comparison is decided only by a gap of at least one percentage point as well as two
# standard errors: "0.005% vs 0%" (one run in 20,000) says nothing about the sources' claim.
MIN_GAP = 0.01


@dataclass(frozen=True)
class ExpectationCheck:
    expectation: Expectation
    probability: float
    rival: float | None
    standard_error: float
    verdict: str  # "holds", "contradicted", "unclear"
    # terms of its questions the scenario's structure rules out (forecast.reachability):
    # the verdict then comes from the structure, not from the bargaining
    structural: tuple[str, ...] = ()

    def describe(self) -> str:
        return self._numbers() + (
            f" [by construction: {'; '.join(self.structural)}]" if self.structural else ""
        )

    def _numbers(self) -> str:
        e = self.expectation
        if self.rival is not None and e.before is not None:
            return (
                f"{e.statement}: first in {self.probability:.3f} of runs vs "
                f"{self.rival:.3f} where the other comes first"
            )
        if self.rival is not None:
            return (
                f"{e.statement}: P = {self.probability:.3f} vs {self.rival:.3f} for the alternative"
            )
        bound = " and ".join(
            part
            for part in (
                f">= {e.at_least:g}" if e.at_least is not None else "",
                f"<= {e.at_most:g}" if e.at_most is not None else "",
            )
            if part
        )
        return f"{e.statement}: P = {self.probability:.3f} (expected {bound})"

    def as_dict(self) -> dict:
        return {
            "id": self.expectation.id,
            "statement": self.expectation.statement,
            "probability": self.probability,
            "rival": self.rival,
            # 'before': probability and rival are the shares of runs where each came first
            "test": "before"
            if self.expectation.before is not None
            else "than"
            if self.expectation.than is not None
            else "bounds",
            "standard_error": self.standard_error,
            "verdict": self.verdict,
            "structural": list(self.structural),
            "evidence": list(self.expectation.evidence),
        }


def judge(
    expectation: Expectation,
    probability: float,
    standard_error: float,
    rival: float | None = None,
    rival_error: float = 0.0,
    runs: int = 0,
    both: float = 0.0,
) -> ExpectationCheck:
    """The verdict on one expectation from its probabilities (and the rival's).

    The two questions of a comparison are read on the same ``runs``, so the gap's SE is
    the paired one, sqrt((a + b - 2 ab - (a - b)^2) / runs) with ``both`` = ab the share
    where both hold (0 for an order: 'A first' and 'B first' exclude each other). Without
    ``runs``, the two SEs are combined as if independent."""
    p, se = probability, standard_error
    if expectation.rival is not None and rival is not None:
        se = math.hypot(se, rival_error)
        if runs > 0:
            se = math.sqrt(max(p + rival - 2 * both - (p - rival) ** 2, 0.0) / runs)
        gap = p - rival
        close = abs(gap) <= max(2 * se, MIN_GAP)
        verdict = "unclear" if close else "holds" if gap > 0 else "contradicted"
        return ExpectationCheck(expectation, p, rival, se, verdict)
    verdict = "holds"
    for bound, sign in ((expectation.at_least, 1.0), (expectation.at_most, -1.0)):
        if bound is None:
            continue
        gap = sign * (p - bound)
        if gap < 0 and abs(gap) > 2 * se:
            verdict = "contradicted"
        elif abs(gap) <= 2 * se and verdict != "contradicted":
            verdict = "unclear"
    return ExpectationCheck(expectation, p, None, se, verdict)


def check_expectation(expectation: Expectation, log: EventLog) -> ExpectationCheck:
    """One expectation judged on ``log`` (the forecast judges the same counts, streamed)."""
    return _judged(expectation, [share(q.holds(log)) for q in _questions(expectation)], log.n_runs)


def _judged(e: Expectation, shares: list[tuple[float, float]], runs: int) -> ExpectationCheck:
    """``judge`` from the shares of ``_questions(e)``, in that order."""
    if e.rival is None:
        return judge(e, *shares[0])
    both = shares[2][0] if len(shares) > 2 else 0.0
    return judge(e, *shares[0], *shares[1], runs=runs, both=both)


def _with_structure(scenario: Scenario, checks: list[ExpectationCheck]) -> list[ExpectationCheck]:
    """Each check with the terms of its questions that the scenario's structure rules out."""
    compiled = compile_scenario(scenario)
    out = []
    for check in checks:
        e = check.expectation
        terms = tuple(
            term
            for text in (e.question, e.rival)
            if text is not None
            for term in unreachable_terms(parse_question(text), compiled)
        )
        out.append(replace(check, structural=terms))
    return out


@dataclass(frozen=True)
class ExpectationQuestion:
    """A parsed question of an expectation, in the shape the forecast accumulator counts:
    whether it holds by its date; with ``other`` and ``mode`` 'first', whether it holds on
    an earlier day than ``other`` does; with 'both', whether both hold."""

    tree: object
    expression: str
    other: object | None = None
    other_expression: str = ""
    mode: str = "holds"

    def holds(self, log: EventLog) -> np.ndarray:
        if self.mode == "first":
            first = first_day_holding(self.tree, log, text=self.expression)
            return first < first_day_holding(self.other, log, text=self.other_expression)
        mine = predicate_holds(self.tree, log, text=self.expression)
        if self.other is None:
            return mine
        return mine & predicate_holds(self.other, log, text=self.other_expression)


def _questions(e: Expectation) -> tuple[ExpectationQuestion, ...]:
    """What one expectation counts: its question; and the rival's and both together (for
    the paired SE); or for an order, 'its question first' and 'the other first'."""
    mine = parse_question(e.question)
    if e.before is not None:
        other = parse_question(e.before)
        return (
            ExpectationQuestion(mine, e.question, other, e.before, "first"),
            ExpectationQuestion(other, e.before, mine, e.question, "first"),
        )
    if e.than is not None:
        other = parse_question(e.than)
        return (
            ExpectationQuestion(mine, e.question),
            ExpectationQuestion(other, e.than),
            ExpectationQuestion(mine, e.question, other, e.than, "both"),
        )
    return (ExpectationQuestion(mine, e.question),)


def expectation_questions(scenario: Scenario) -> tuple[ExpectationQuestion, ...]:
    """Every question the expectations need, in order: each one's question, then its rival."""
    return tuple(q for e in scenario.expectations for q in _questions(e))


def judge_from_counts(
    scenario: Scenario, shares: list[tuple[float, float]], runs: int = 0
) -> list[ExpectationCheck]:
    """Verdicts from (probability, SE) pairs in ``expectation_questions`` order, over
    ``runs`` runs."""
    out, k = [], 0
    for e in scenario.expectations:
        count = len(_questions(e))
        out.append(_judged(e, shares[k : k + count], runs))
        k += count
    return _with_structure(scenario, out)
