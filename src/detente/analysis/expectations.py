"""Check a scenario's source expectations against its simulated runs (never tuned to them).

Each expectation (``expectations:`` in the scenario) is a question in the question
language with a bound (``at_least`` / ``at_most``) or a rival question (``than``) it
should be more likely than. The verdict is "holds", "contradicted", or "unclear" when
the two probabilities are within two Monte Carlo standard errors (and one percentage
point) of each other, or within two standard errors of the bound.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from detente.forecast.evaluate import evaluate_question
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
            "standard_error": self.standard_error,
            "verdict": self.verdict,
            "structural": list(self.structural),
            "evidence": list(self.expectation.evidence),
        }


def _probability(text: str, log: EventLog) -> tuple[float, float]:
    result = evaluate_question(parse_question(text), log, text=text)
    return result.probability, result.standard_error


def judge(
    expectation: Expectation,
    probability: float,
    standard_error: float,
    rival: float | None = None,
    rival_error: float = 0.0,
) -> ExpectationCheck:
    """The verdict on one expectation from its probabilities (and the rival's)."""
    p, se = probability, standard_error
    if expectation.than is not None and rival is not None:
        se = math.hypot(se, rival_error)
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
    p, se = _probability(expectation.question, log)
    if expectation.than is None:
        return judge(expectation, p, se)
    rival, rival_se = _probability(expectation.than, log)
    return judge(expectation, p, se, rival, rival_se)


def check_expectations(scenario: Scenario, log: EventLog) -> list[ExpectationCheck]:
    """Every expectation of the scenario, checked on ``log`` (the streaming forecast judges
    from accumulated counts with ``judge``)."""
    return _with_structure(scenario, [check_expectation(e, log) for e in scenario.expectations])


def _with_structure(scenario: Scenario, checks: list[ExpectationCheck]) -> list[ExpectationCheck]:
    """Each check with the terms of its questions that the scenario's structure rules out."""
    compiled = compile_scenario(scenario)
    out = []
    for check in checks:
        e = check.expectation
        terms = tuple(
            term
            for text in (e.question, e.than)
            if text is not None
            for term in unreachable_terms(parse_question(text), compiled)
        )
        out.append(replace(check, structural=terms))
    return out


@dataclass(frozen=True)
class ExpectationQuestion:
    """A parsed question of an expectation, in the shape the forecast accumulator counts."""

    tree: object
    expression: str


def expectation_questions(scenario: Scenario) -> tuple[ExpectationQuestion, ...]:
    """Every question the expectations need, in order: each one's question, then its rival."""
    out = []
    for e in scenario.expectations:
        for text in (e.question, e.than):
            if text is not None:
                out.append(ExpectationQuestion(parse_question(text), text))
    return tuple(out)


def judge_from_counts(
    scenario: Scenario, shares: list[tuple[float, float]]
) -> list[ExpectationCheck]:
    """Verdicts from (probability, SE) pairs in ``expectation_questions`` order."""
    out, k = [], 0
    for e in scenario.expectations:
        p, se = shares[k]
        k += 1
        if e.than is None:
            out.append(judge(e, p, se))
            continue
        rival, rival_se = shares[k]
        k += 1
        out.append(judge(e, p, se, rival, rival_se))
    return _with_structure(scenario, out)
