"""Baseline versus intervention: outcome distributions side by side, with paired errors.

Both sides run on common random numbers (see ``runs.paired_runs``): run i of the
intervention has the same parameter draws and process noise as run i of the baseline,
so the difference in a probability is estimated from per-run differences and its
standard error is the paired one, sd(d_i)/sqrt(n). A zero-effect intervention gives a
difference of exactly 0 with SE 0.

Settlement means are conditional on the issue being settled (the runs that settle
differ between the sides), so their difference carries the unpaired SE
sqrt(se_base^2 + se_alt^2).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from detente.analysis.interventions import Intervention, apply_intervention
from detente.analysis.outcome_words import case_words
from detente.analysis.outcomes import (
    CLASS_KEYS,
    DEFAULT_MONTHS,
    DatePoint,
    agreement_indicator,
    class_indicators,
    forecast_rounds,
    month_points,
    paired_difference,
    settlement_spread,
    share,
)
from detente.analysis.runs import (
    DEFAULT_CHUNK,
    DEFAULT_SEED,
    PairedBaseline,
    SampledRuns,
    paired_runs,
    replay,
    simulate_baseline,
)
from detente.forecast.evaluate import predicate_holds
from detente.forecast.question_file import QuestionSpec
from detente.process import compile_scenario
from detente.scenario.errors import DetenteError
from detente.scenario.schema import Scenario


@dataclass(frozen=True)
class ProbabilityChange:
    """One outcome probability at one date, baseline vs intervention."""

    outcome: str
    baseline: float
    baseline_se: float
    intervention: float
    intervention_se: float
    difference: float
    difference_se: float


@dataclass(frozen=True)
class DateComparison:
    label: str
    date: str
    day: int
    outcomes: tuple[ProbabilityChange, ...]
    past_horizon: bool = False  # after the scenario's horizon (see outcomes.DatePoint)


@dataclass(frozen=True)
class SettlementChange:
    """Mean agreed value of one issue given it is settled, and the share of runs settling it."""

    issue: str
    baseline: float | None
    intervention: float | None
    difference: float | None
    difference_se: float | None
    baseline_settled: float
    intervention_settled: float


@dataclass(frozen=True)
class QuestionChange:
    """A forecast question's probability, baseline vs intervention (paired SE)."""

    id: str
    question: str
    baseline: float
    intervention: float
    difference: float
    difference_se: float


@dataclass(frozen=True)
class Comparison:
    name: str
    description: str
    settings: dict[str, float | str]
    dates: tuple[DateComparison, ...]
    settlement: tuple[SettlementChange, ...]
    questions: tuple[QuestionChange, ...]


@dataclass(frozen=True)
class WhatIfResult:
    scenario: str
    as_of: str
    runs: int
    seed: int
    standard_error: str
    comparisons: tuple[Comparison, ...]
    at_war: bool = True  # names the outcome classes (``outcome_words``)
    in_force: bool = False  # an agreement in force on as_of: 'agreement' counts new ones

    def to_dict(self) -> dict:
        return asdict(self)


SE_NOTE = (
    "differences use common random numbers (same seed, same parameter draws and noise per run);"
    " their SE is paired, from the runs the intervention changed, with half a run added to"
    " each cell of the 2x2 table (Agresti and Min 2005), so an answer where no run changed"
    " is +0 with SE 1/(runs+2), not a certain 0; settlement differences are"
    " conditional on settling and use the unpaired sqrt(se1^2+se2^2)"
)


def compare_dates(
    base: SampledRuns, alt: SampledRuns, points: Sequence[DatePoint]
) -> tuple[DateComparison, ...]:
    out = []
    for point in points:
        b = class_indicators(base.log, point.day)
        a = class_indicators(alt.log, point.day)
        b["agreement"] = agreement_indicator(base.log, point.day)
        a["agreement"] = agreement_indicator(alt.log, point.day)
        rows = []
        for key in (*CLASS_KEYS, "agreement"):
            pb, seb = share(b[key])
            pa, sea = share(a[key])
            diff, se = paired_difference(b[key], a[key])
            rows.append(ProbabilityChange(key, pb, seb, pa, sea, diff, se))
        out.append(
            DateComparison(
                point.label, point.date.isoformat(), point.day, tuple(rows), point.past_horizon
            )
        )
    return tuple(out)


def compare_settlement(base: SampledRuns, alt: SampledRuns) -> tuple[SettlementChange, ...]:
    out = []
    for b, a in zip(settlement_spread(base.log), settlement_spread(alt.log), strict=True):
        diff = se = None
        if b.mean is not None and a.mean is not None:
            diff = a.mean - b.mean
            if b.standard_error is not None and a.standard_error is not None:
                se = float((b.standard_error**2 + a.standard_error**2) ** 0.5)
        out.append(
            SettlementChange(b.issue, b.mean, a.mean, diff, se, b.settled_share, a.settled_share)
        )
    return tuple(out)


def compare_questions(
    base: SampledRuns, alt: SampledRuns, questions: Sequence[QuestionSpec]
) -> tuple[QuestionChange, ...]:
    out = []
    for spec in questions:
        b = predicate_holds(spec.tree, base.log, text=spec.expression)
        a = predicate_holds(spec.tree, alt.log, text=spec.expression)
        diff, se = paired_difference(b, a)
        out.append(
            QuestionChange(spec.id, spec.expression, float(b.mean()), float(a.mean()), diff, se)
        )
    return tuple(out)


@dataclass(frozen=True)
class WhatIfBaseline:
    """A simulated baseline that any number of interventions can be compared against
    later (the dashboard keeps one per scenario and replays each slider move)."""

    scenario: Scenario
    runs: int
    seed: int
    points: tuple[DatePoint, ...]
    questions: tuple[QuestionSpec, ...]
    paired: PairedBaseline


def _points_and_rounds(
    scenario: Scenario, months: tuple[int, ...]
) -> tuple[tuple[DatePoint, ...], int | None]:
    return month_points(scenario.as_of, months, scenario.horizon), forecast_rounds(scenario, months)


def prepare_baseline(
    scenario: Scenario,
    *,
    runs: int = 10_000,
    seed: int = DEFAULT_SEED,
    months: tuple[int, ...] = DEFAULT_MONTHS,
    questions: Sequence[QuestionSpec] = (),
    chunk_size: int = DEFAULT_CHUNK,
) -> WhatIfBaseline:
    """Simulate the baseline once, keeping its random numbers for later interventions."""
    _check_runs(runs)
    points, rounds = _points_and_rounds(scenario, months)
    paired = simulate_baseline(
        compile_scenario(scenario), runs=runs, seed=seed, chunk_size=chunk_size, rounds=rounds
    )
    return WhatIfBaseline(scenario, runs, seed, points, tuple(questions), paired)


def _check_runs(runs: int) -> None:
    if runs < 2:
        raise DetenteError(f"runs must be at least 2, got {runs}", hint="use --runs 10000")


def _comparison(
    intervention: Intervention,
    base: SampledRuns,
    alt: SampledRuns,
    points: Sequence[DatePoint],
    questions: Sequence[QuestionSpec],
) -> Comparison:
    return Comparison(
        intervention.name,
        intervention.description,
        dict(intervention.settings),
        compare_dates(base, alt, points),
        compare_settlement(base, alt),
        compare_questions(base, alt, questions),
    )


def compare_with_baseline(
    baseline: WhatIfBaseline, interventions: Sequence[Intervention]
) -> WhatIfResult:
    """Each intervention against a prepared baseline, on the baseline's random numbers."""
    if not interventions:
        raise DetenteError("no intervention to compare", hint="give --set or --interventions")
    scenario = baseline.scenario
    base = baseline.paired.sampled
    comparisons = []
    for intervention in interventions:
        if intervention.settings:
            changed = apply_intervention(scenario, intervention)
            alt = replay(baseline.paired, compile_scenario(changed))
        else:  # nothing changed: the replay would be the baseline run for run
            alt = base
        comparisons.append(
            _comparison(intervention, base, alt, baseline.points, baseline.questions)
        )
    return WhatIfResult(
        scenario.id,
        scenario.as_of.isoformat(),
        baseline.runs,
        baseline.seed,
        SE_NOTE,
        tuple(comparisons),
        *case_words(scenario.war),
    )


def compare_interventions(
    scenario: Scenario,
    interventions: Sequence[Intervention],
    *,
    runs: int = 10_000,
    seed: int = DEFAULT_SEED,
    months: tuple[int, ...] = DEFAULT_MONTHS,
    questions: Sequence[QuestionSpec] = (),
    chunk_size: int = DEFAULT_CHUNK,
    workers: int = 1,
) -> WhatIfResult:
    """Run the baseline once and every intervention on the same random numbers.

    ``questions`` (e.g. the scenario's default set, ``forecast.question_file``) are
    answered on both sides too. With ``workers`` > 1 the sides (and their chunks) are
    simulated in that many processes at once (``runs.paired_runs``): the same numbers
    as ``compare_with_baseline`` on a prepared baseline, in about half the time.
    """
    if not interventions:
        raise DetenteError("no intervention to compare", hint="give --set or --interventions")
    changed = {  # fail on a bad setting before simulating
        k: compile_scenario(apply_intervention(scenario, intervention))
        for k, intervention in enumerate(interventions)
        if intervention.settings
    }
    _check_runs(runs)
    points, rounds = _points_and_rounds(scenario, months)
    sides = paired_runs(
        compile_scenario(scenario),
        list(changed.values()),
        runs=runs,
        seed=seed,
        chunk_size=chunk_size,
        rounds=rounds,
        workers=workers,
    )
    base, alternatives = sides[0], dict(zip(changed, sides[1:], strict=True))
    comparisons = tuple(
        _comparison(intervention, base, alternatives.get(k, base), points, questions)
        for k, intervention in enumerate(interventions)
    )
    return WhatIfResult(
        scenario.id,
        scenario.as_of.isoformat(),
        runs,
        seed,
        SE_NOTE,
        comparisons,
        *case_words(scenario.war),
    )
