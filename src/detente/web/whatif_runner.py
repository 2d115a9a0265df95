"""What-if for the dashboard: the baseline is simulated once, each slider move runs one side.

Why not call ``analysis.whatif.compare_interventions`` per request: it re-simulates
the baseline every time, which doubles the cost of a slider move (about 2 s for
10,000 runs of the built-in scenario on this machine, over the 2 s target). Here the
baseline is prepared once with ``analysis.whatif.prepare_baseline`` (parameter draws,
event log and the generator state after the draws of each chunk) and each slider move
is ``compare_with_baseline``, which replays exactly what ``compare_interventions`` does
for its alternative, so the numbers are identical (a test checks this).
"""

from __future__ import annotations

from detente.analysis.interventions import Intervention
from detente.analysis.outcomes import DEFAULT_MONTHS
from detente.analysis.runs import DEFAULT_CHUNK
from detente.analysis.whatif import (
    WhatIfBaseline,
    WhatIfResult,
    compare_with_baseline,
    prepare_baseline,
)
from detente.forecast.question_file import QuestionSpec
from detente.scenario.schema import Scenario


def simulate_baseline(
    scenario: Scenario,
    *,
    runs: int,
    seed: int,
    questions: tuple[QuestionSpec, ...] = (),
    chunk_size: int = DEFAULT_CHUNK,
    months: tuple[int, ...] = DEFAULT_MONTHS,
) -> WhatIfBaseline:
    """The scenario's baseline at the report dates, kept for replaying slider moves."""
    return prepare_baseline(
        scenario,
        runs=runs,
        seed=seed,
        questions=questions,
        chunk_size=chunk_size,
        months=months,
    )


def run_whatif(base: WhatIfBaseline, settings: dict[str, float]) -> WhatIfResult:
    """Baseline vs ``settings`` (path -> value); no settings gives the baseline itself."""
    items = tuple(sorted(settings.items()))
    description = ", ".join(f"{p}={v:g}" for p, v in items) or "baseline (no slider moved)"
    return compare_with_baseline(base, [Intervention("whatif", description, items)])


def default_questions(scenario: Scenario, source: str | None) -> tuple[QuestionSpec, ...]:
    """The scenario's default question set (as ``forecast_summary`` answers it), or ()."""
    from detente.analysis.question_answers import question_set_path
    from detente.forecast.question_file import load_questions
    from detente.forecast.questions.check import Vocabulary

    path = question_set_path(scenario, source)
    if path is None:
        return ()
    return load_questions(path, Vocabulary.from_scenario(scenario))
