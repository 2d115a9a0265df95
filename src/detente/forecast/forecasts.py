"""Forecasts of a question set on a log, and the FORECASTS.json document.

FORECASTS.json = {scenario, as_of, runs, seed, package_version, forecasts: [{id, text,
question, resolution_date, probability, standard_error, status_quo_holds}]}.
``status_quo_holds`` is the question evaluated on a log with no events at all
(one run, no agreement, no decision, nothing settled): the answer if nothing
changes after the as-of date. The "nothing changes" baseline of scoring
forecasts 1 where it holds and 0 where it does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from detente import __version__
from detente.forecast.evaluate import evaluate_question, status_quo_holds
from detente.forecast.question_file import QuestionSpec
from detente.process.compiled import CompiledScenario
from detente.process.eventlog import EventLog


@dataclass(frozen=True)
class Forecast:
    id: str
    text: str
    question: str
    resolution_date: str
    probability: float
    standard_error: float
    status_quo_holds: bool


def question_forecast(
    spec: QuestionSpec,
    probability: float,
    standard_error: float,
    frame: EventLog | CompiledScenario,
) -> Forecast:
    """One FORECASTS.json entry; ``frame`` (a log or its compiled scenario) gives the
    status quo, so the local engine and the Parquet read-back build entries alike."""
    return Forecast(
        id=spec.id,
        text=spec.text,
        question=str(spec.tree),
        resolution_date=spec.resolution_date.isoformat(),
        probability=probability,
        standard_error=standard_error,
        status_quo_holds=status_quo_holds(spec.tree, frame),
    )


def forecast_questions(questions: Sequence[QuestionSpec], log: EventLog) -> list[Forecast]:
    """Evaluate every question on ``log`` (each one is a few vectorised array passes)."""
    out = []
    for spec in questions:
        result = evaluate_question(spec.tree, log, text=spec.expression)
        out.append(question_forecast(spec, result.probability, result.standard_error, log))
    return out


def forecasts_document(
    forecasts: Sequence[Forecast], *, scenario: str, log: EventLog, seed: int
) -> dict:
    return {
        "scenario": scenario,
        "as_of": log.as_of.isoformat(),
        "runs": int(log.n_runs),
        "seed": int(seed),
        "package_version": __version__,
        "forecasts": [f.__dict__.copy() for f in forecasts],
    }
