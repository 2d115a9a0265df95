"""Forecast questions answered from simulated event logs, and their scoring.

from detente.forecast import parse_question, evaluate_question
q = parse_question("agreement(arena=peace_talks) by 2026-06-30")
evaluate_question(q, log).probability
"""

from detente.forecast.evaluate import QuestionResult, evaluate_question, status_quo_holds
from detente.forecast.question_file import QuestionSpec, builtin_questions_path, load_questions
from detente.forecast.questions import Question, QuestionSyntaxError, parse_question
from detente.forecast.questions.check import Vocabulary, check_question
from detente.forecast.scoring import brier_score, calibration_table, log_score, score_forecasts
from detente.forecast.summaries import outcome_probabilities, settlement_summary

__all__ = [
    "Question",
    "QuestionResult",
    "QuestionSpec",
    "QuestionSyntaxError",
    "Vocabulary",
    "brier_score",
    "builtin_questions_path",
    "calibration_table",
    "check_question",
    "evaluate_question",
    "load_questions",
    "log_score",
    "outcome_probabilities",
    "parse_question",
    "score_forecasts",
    "settlement_summary",
    "status_quo_holds",
]
