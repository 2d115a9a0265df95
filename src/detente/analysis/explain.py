"""Explain one forecast number: the paths that lead to yes, its drivers, example runs.

Why: "deal by June: 31%" invites "why?". Three views answer it from the very runs
behind the number: which compressed event paths (``event_paths``) are common among
the runs where the question holds and which among those where it does not; which
uncertain numbers move the answer (Spearman rank correlation of each sampled
parameter with the run's 0/1 answer, as ``drivers``); and three runs told as dated
stories (``run_story``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from detente.analysis.drivers import Driver, spearman_drivers
from detente.analysis.event_paths import run_paths
from detente.analysis.forecast_summary import DEFAULT_RUNS, DEFAULT_SEED
from detente.analysis.outcomes import month_points, rounds_to_cover, share
from detente.analysis.question_answers import question_set_path
from detente.analysis.run_story import StoryDay, run_story
from detente.analysis.runs import simulate_with_parameters
from detente.forecast.evaluate import predicate_holds
from detente.forecast.question_file import QuestionSpec, load_questions
from detente.forecast.questions.check import Vocabulary
from detente.process import compile_scenario
from detente.scenario.errors import DetenteError
from detente.scenario.schema import Scenario

STORIES = 3


class UnknownQuestion(DetenteError):
    """No question with that id (or no question set at all)."""


@dataclass(frozen=True)
class PathContrast:
    path: str
    yes_runs: int
    no_runs: int
    share_of_yes: float  # of the runs where the question holds, the share on this path
    share_of_no: float
    probability_yes: float  # P(question holds | this path)


@dataclass(frozen=True)
class ExampleRun:
    run: int
    answer: bool
    path: str
    story: tuple[StoryDay, ...]


@dataclass(frozen=True)
class Explanation:
    question: str
    text: str
    expression: str
    date: str
    question_file: str
    runs: int
    seed: int
    probability: float
    standard_error: float
    paths: tuple[PathContrast, ...]
    drivers: tuple[Driver, ...]
    driver_method: str
    examples: tuple[ExampleRun, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def find_question(
    scenario: Scenario, question_id: str, source: str | None, questions: Path | None = None
) -> tuple[QuestionSpec, Path]:
    """The question ``question_id`` of ``questions`` or of the scenario's default set."""
    path = questions or question_set_path(scenario, source)
    if path is None:
        raise UnknownQuestion(
            f"no default question set for scenario {scenario.id!r}",
            hint="give one with --questions FILE, or put NAME.questions.yaml next to NAME.yaml",
        )
    specs = load_questions(path, Vocabulary.from_scenario(scenario))
    for spec in specs:
        if spec.id == question_id:
            return spec, path
    known = ", ".join(s.id for s in specs[:12])
    raise UnknownQuestion(
        f"{path.name}: no question with id {question_id!r}", hint=f"ids in the file: {known}"
    )


def contrast_paths(paths: list[str], yes: np.ndarray, top: int = 10) -> tuple[PathContrast, ...]:
    """The ``top`` paths by number of yes-runs (then by all runs), with both shares."""
    yes_counts = Counter(p for p, y in zip(paths, yes, strict=True) if y)
    no_counts = Counter(p for p, y in zip(paths, yes, strict=True) if not y)
    n_yes, n_no = max(int(yes.sum()), 1), max(int((~yes).sum()), 1)
    ranked = sorted(
        set(yes_counts) | set(no_counts),
        key=lambda p: (-yes_counts[p], -no_counts[p], p),
    )[:top]
    return tuple(
        PathContrast(
            p,
            yes_counts[p],
            no_counts[p],
            yes_counts[p] / n_yes,
            no_counts[p] / n_no,
            yes_counts[p] / (yes_counts[p] + no_counts[p]),
        )
        for p in ranked
    )


def _one_per_path(runs: np.ndarray, paths: list[str]) -> list[int]:
    """The first run of each path, most common path first."""
    first: dict[str, int] = {}
    for r in runs:
        first.setdefault(paths[r], int(r))
    counts = Counter(paths[r] for r in runs)
    return [first[p] for p, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def example_runs(yes: np.ndarray, paths: list[str], count: int = STORIES) -> list[int]:
    """Runs to tell: one run of each of the most common yes-paths, and one run of the
    most common no-path for contrast; the other side fills in when one runs short."""
    yes_runs = _one_per_path(np.flatnonzero(yes), paths)
    no_runs = _one_per_path(np.flatnonzero(~yes), paths)
    chosen = yes_runs[: count - 1] + no_runs[:1]
    spare = yes_runs[count - 1 :] + no_runs[1:]
    return chosen + spare[: count - len(chosen)]


def explain_question(
    scenario: Scenario,
    question_id: str,
    *,
    source: str | None = None,
    questions: Path | None = None,
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    top_paths: int = 10,
    top_drivers: int = 5,
) -> Explanation:
    """Simulate ``scenario`` and explain the answer to one question of its question set."""
    if runs < 2:
        raise DetenteError(f"runs must be at least 2, got {runs}", hint="use --runs 5000")
    spec, path = find_question(scenario, question_id, source, questions)
    # the forecast's own calendar (its last report date), so the same runs and seed give
    # exactly the number 'detente forecast' shows for this question
    day = max((spec.resolution_date - scenario.as_of).days, month_points(scenario.as_of)[-1].day)
    rounds = rounds_to_cover(scenario.as_of, scenario.horizon, scenario.round_days, day)
    sampled = simulate_with_parameters(
        compile_scenario(scenario), runs=runs, seed=seed, rounds=rounds
    )
    log = sampled.log
    yes = predicate_holds(spec.tree, log, text=spec.expression).astype(bool)
    p, se = share(yes)
    paths = run_paths(log)
    examples = tuple(
        ExampleRun(r, bool(yes[r]), paths[r], run_story(log, r, scenario))
        for r in example_runs(yes, paths)
    )
    return Explanation(
        question=spec.id,
        text=spec.text,
        expression=spec.expression,
        date=spec.resolution_date.isoformat(),
        question_file=path.name,
        runs=runs,
        seed=seed,
        probability=p,
        standard_error=se,
        paths=contrast_paths(paths, yes, top_paths),
        drivers=spearman_drivers(sampled.theta, sampled.space.names, yes, top=top_drivers),
        driver_method="Spearman rank correlation of each sampled parameter with the run's "
        "0/1 answer to this question",
        examples=examples,
    )
