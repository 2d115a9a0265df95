"""What-if for the dashboard: the baseline is simulated once, each slider move runs one side.

Why not call ``analysis.whatif.compare_interventions`` per request: it re-simulates
the baseline every time, which doubles the cost of a slider move (about 2 s for
10,000 runs of the built-in scenario on this machine, over the 2 s target). Here the
baseline's parameter draws, its event log and the generator state after the draws of
each chunk are kept, and an intervention replays exactly what ``analysis.runs.
paired_runs`` does for its alternative: same chunk generators, theta aligned with
``align_parameters``, process noise from a copy of the same generator state. The
numbers are therefore identical to ``compare_interventions`` (a test checks this), and
the comparison itself is analysis.whatif's own code. Wanted upstream: a public
``compare_interventions`` variant that accepts a precomputed baseline.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from detente.analysis.interventions import Intervention, apply_intervention
from detente.analysis.outcomes import DatePoint, month_points, rounds_to_cover
from detente.analysis.runs import DEFAULT_CHUNK, SampledRuns, align_parameters
from detente.analysis.whatif import (  # the private helpers keep the numbers identical
    SE_NOTE,
    Comparison,
    WhatIfResult,
    compare_dates,
    compare_questions,
    compare_settlement,
)
from detente.forecast.question_file import QuestionSpec
from detente.process import (
    CompiledScenario,
    EventLog,
    ParameterSpace,
    chunk_rng,
    compile_scenario,
    parameter_space,
    run_batch,
    sample_parameters,
)
from detente.process.engine import chunk_sizes
from detente.scenario.schema import Scenario


@dataclass(frozen=True)
class BaselineRuns:
    """The baseline of one scenario, kept so that interventions can replay its randomness."""

    scenario: Scenario
    space: ParameterSpace
    runs: int
    seed: int
    rounds: int | None
    points: tuple[DatePoint, ...]
    questions: tuple[QuestionSpec, ...]
    thetas: tuple[np.ndarray, ...]  # per chunk, (n_k, p)
    generators: tuple[np.random.Generator, ...]  # per chunk, state right after the draws
    log: EventLog


def _concat(logs: list[EventLog]) -> EventLog:
    return EventLog.concat(logs) if len(logs) > 1 else logs[0]


def simulate_baseline(
    scenario: Scenario,
    *,
    runs: int,
    seed: int,
    questions: tuple[QuestionSpec, ...] = (),
    chunk_size: int = DEFAULT_CHUNK,
) -> BaselineRuns:
    points = month_points(scenario.as_of)
    rounds = rounds_to_cover(
        scenario.as_of, scenario.horizon, scenario.round_days, max(p.day for p in points)
    )
    compiled = compile_scenario(scenario)
    space = parameter_space(compiled)
    thetas, generators, logs = [], [], []
    for k, n in enumerate(chunk_sizes(runs, chunk_size)):
        rng = chunk_rng(seed, k)
        theta = sample_parameters(space, rng, n)
        generators.append(copy.deepcopy(rng))
        thetas.append(theta)
        logs.append(run_batch(compiled, theta, rng, rounds=rounds))
    return BaselineRuns(
        scenario,
        space,
        runs,
        seed,
        rounds,
        points,
        tuple(questions),
        tuple(thetas),
        tuple(generators),
        _concat(logs),
    )


def _replay(base: BaselineRuns, compiled: CompiledScenario) -> EventLog:
    space = parameter_space(compiled)
    logs = []
    for theta, generator in zip(base.thetas, base.generators, strict=True):
        own = align_parameters(theta, base.space, space)
        logs.append(run_batch(compiled, own, copy.deepcopy(generator), rounds=base.rounds))
    return _concat(logs)


def run_whatif(base: BaselineRuns, settings: dict[str, float]) -> WhatIfResult:
    """Baseline vs ``settings`` (path -> value); no settings gives the baseline itself."""
    items = tuple(sorted(settings.items()))
    description = ", ".join(f"{p}={v:g}" for p, v in items) or "baseline (no slider moved)"
    intervention = Intervention("whatif", description, items)
    if items:
        alt = _replay(base, compile_scenario(apply_intervention(base.scenario, intervention)))
    else:
        alt = base.log
    # The comparison helpers of analysis.whatif read only ``.log`` of their arguments.
    b = SampledRuns(base.log, np.empty((base.runs, 0)), base.space)
    a = SampledRuns(alt, np.empty((base.runs, 0)), base.space)
    comparison = Comparison(
        intervention.name,
        intervention.description,
        dict(items),
        compare_dates(b, a, base.points),
        compare_settlement(b, a),
        compare_questions(b, a, base.questions),
    )
    return WhatIfResult(
        base.scenario.id,
        base.scenario.as_of.isoformat(),
        base.runs,
        base.seed,
        SE_NOTE,
        (comparison,),
    )


def default_questions(scenario: Scenario, source: str | None) -> tuple[QuestionSpec, ...]:
    """The scenario's default question set (as ``forecast_summary`` answers it), or ()."""
    from detente.analysis.question_answers import question_set_path
    from detente.forecast.question_file import load_questions
    from detente.forecast.questions.check import Vocabulary

    path = question_set_path(scenario, source)
    if path is None:
        return ()
    return load_questions(path, Vocabulary.from_scenario(scenario))
