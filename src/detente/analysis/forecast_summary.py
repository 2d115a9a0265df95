"""Everything ``detente forecast`` shows, assembled once as plain data.

The CLI, the HTML report and the web dashboard all call ``forecast_summary`` and only
format its result; ``ForecastSummary.to_dict`` gives the stable JSON keys (those of
the dataclasses below): scenario, runs, seed, outcomes[{label, months, date, day,
probabilities{class}, standard_errors{class}, agreement, agreement_se}],
agreement_by_horizon(_se), settlement[{issue, name, status_quo, share_settled, mean,
p10, p50, p90}], drivers[{parameter, spearman, direction}], driver_method, driver_date,
questions[{id, text, question, date, probability, standard_error}], question_set,
open_questions[{path, low, mode, high, relative_width, assumption, effect, evidenced}],
static_compromise[{issue, name, status_quo, weighted_mean, weighted_median, mean}],
luck_share, shock_gap (10/50/90% of the gap a shock closed in the deals it alone carried, in
utility points), ceasefire_replaced and ceasefire_replaced_by_shock (settlements that
replaced a ceasefire in force, and those a shock alone carried), expectations,
impossible_classes, dated_records (ids of dated calibration records of acceptances, each
read into one number; ``calibrate --joint`` reads them jointly).
Class keys: fighting_while_talking, comprehensive, armistice, imposed, abandoned.
"""

from __future__ import annotations

import datetime as dt
import math
import shlex
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from detente.analysis.compromise_section import CompromiseRow, static_compromise
from detente.analysis.drivers import Driver
from detente.analysis.expectations import expectation_questions, judge_from_counts
from detente.analysis.forecast_stream import ForecastAccumulator, driver_quotas
from detente.analysis.open_questions import OpenQuestion, open_questions
from detente.analysis.outcome_words import case_words
from detente.analysis.outcomes import (
    CLASS_KEYS,
    DEFAULT_MONTHS,
    SATURATED,
    forecast_rounds,
    month_points,
)
from detente.analysis.question_answers import QuestionAnswer, default_question_specs
from detente.analysis.runs import (
    DEFAULT_CHUNK,
    DEFAULT_RUNS,
    DEFAULT_SEED,
    ChunkFilter,
    SampledRuns,
    iter_sampled_chunks,
    select_runs,
)
from detente.forecast.reachability import impossible_classes, unreachable_terms
from detente.forecast.summaries import MIN_SETTLED_RUNS
from detente.process import compile_scenario, parameter_space
from detente.process.compiled import pausing_packages
from detente.process.engine import chunk_sizes
from detente.scenario.errors import DetenteError
from detente.scenario.schema import Scenario

ChunkSink = Callable[[SampledRuns, int], None]
DRIVER_METHOD = (
    "Spearman rank correlation between each sampled parameter and the per-run indicator "
    "'agreement of any kind by the horizon' (marginal and monotone; see detente sensitivity)"
)


@dataclass(frozen=True)
class OutcomesAtDate:
    label: str
    months: int
    date: str
    day: int
    probabilities: dict[str, float]  # outcome class -> share of runs (sums to 1)
    standard_errors: dict[str, float]
    agreement: float  # any agreement (comprehensive + armistice + imposed) by the date
    agreement_se: float
    # The date lies after the scenario's horizon: the runs carry its dynamics on
    # unchanged (nothing the scenario says covers that time), so say so beside the figure.
    past_horizon: bool = False
    # runs with no agreement in force but a truce (a limited deal that pauses the fighting)
    # in force, and its SE; None where the scenario declares no such deal
    truce: float | None = None
    truce_se: float | None = None


@dataclass(frozen=True)
class IssueForecast:
    issue: str
    name: str
    status_quo: float
    share_settled: float  # runs whose agreement settled this issue by the horizon
    mean: float | None  # over those runs (none where fewer than MIN_SETTLED_RUNS)
    p10: float | None
    p50: float | None
    p90: float | None
    runs_settled: int = 0


@dataclass(frozen=True)
class ForecastSummary:
    scenario: dict[str, Any]
    runs: int
    seed: int
    outcomes: tuple[OutcomesAtDate, ...]
    agreement_by_horizon: float
    agreement_by_horizon_se: float
    settlement: tuple[IssueForecast, ...]
    drivers: tuple[Driver, ...]
    driver_method: str
    questions: tuple[QuestionAnswer, ...]
    question_set: str | None
    open_questions: tuple[OpenQuestion, ...]
    static_compromise: tuple[CompromiseRow, ...]
    # Share of agreements some decider accepted only thanks to its per-round shock: how
    # much of the forecast rests on noise rather than on the bargaining.
    luck_share: float = 0.0
    # the gap (utility points) those shocks closed, 10/50/90%: how near the deals they
    # carried were to acceptance without them (None: no such deal)
    shock_gap: tuple[float, float, float] | None = None
    # Settlements that replaced a ceasefire in force (talks under it) and how many of them
    # a shock alone carried: all of them means no text both sides prefer to the ceasefire.
    ceasefire_replaced: int = 0
    ceasefire_replaced_by_shock: int = 0
    # The sources' qualitative expectations and whether the runs reproduce them.
    expectations: tuple[dict[str, Any], ...] = ()
    # Outcome classes no run can reach, with what the scenario would have to declare.
    impossible_classes: dict[str, str] = field(default_factory=dict)
    # Dated calibration records of acceptances, read into their one number each: reading
    # them into every number at once can move P(agreement) (``calibrate --joint``).
    dated_records: tuple[str, ...] = ()
    # Ceasefire packages under which their track keeps negotiating the settlement
    # ('talks_continue'): where they stand, an armistice may not last to a report date.
    phased_ceasefires: tuple[str, ...] = ()
    # Sides of the war whose cost of fighting does not grow with the war (war_cost_growth
    # a point at 0 or left out): over the horizon nothing ripens for them.
    stationary_sides: tuple[str, ...] = ()
    # Other numbers declared as points with no evidence (path, value): no driver can rank
    # a number without spread, so one that decides the forecast is named here.
    assumed_points: tuple[tuple[str, float], ...] = ()
    # The date the drivers, open questions and tornado rank 'agreement by' on: the horizon,
    # or, where more than 95% of runs agree by then, the median run's first agreement.
    driver_date: str = ""
    # the date the open questions rank agreement by where it is not the horizon (every
    # run agrees by then, so nothing decides whether; they rank how soon, as the drivers)
    open_questions_date: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO strings, NaN as null."""
        return _clean(asdict(self))


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _number(value: float) -> float | None:
    return None if not math.isfinite(value) else float(value)


@dataclass(frozen=True)
class SummarisedRuns:
    """A forecast summary and the very runs behind it (memory grows with the runs).

    Why: the whole-log reference computations (``report.data.forecast_data_from_runs``,
    checks of the streamed figures) read every run; the report itself streams its
    series chunk by chunk (``report.report_stream``).
    """

    summary: ForecastSummary
    sampled: SampledRuns | None  # the runs summarised; None from the streaming summary
    rounds: int | None  # rounds simulated; None = up to the scenario horizon


def forecast_summary(
    scenario: Scenario,
    *,
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    months: tuple[int, ...] = DEFAULT_MONTHS,
    top_drivers: int = 5,
    top_open_questions: int = 8,
    question_set: str | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    chunk_filter: ChunkFilter | None = None,
    workers: int = 1,
    chunk_sink: ChunkSink | None = None,
) -> ForecastSummary:
    """Simulate ``scenario`` and summarise: outcome classes by date, settlement, drivers,
    the default question set (``question_set``: a built-in name), open questions.

    Streaming: each chunk of ``chunk_size`` runs is reduced (``forecast_stream``) and
    dropped, so memory does not grow with ``runs``. ``chunk_filter`` (a chunk's log ->
    bool mask of the runs to keep) is applied to every chunk before it is counted.
    ``chunk_sink(chunk, driver_quota)`` sees every counted chunk before it is dropped (the
    report reduces its own series there; its first ``driver_quota`` runs are the ones
    the drivers are ranked on).
    """
    return _summarise(
        scenario,
        runs=runs,
        seed=seed,
        months=months,
        top_drivers=top_drivers,
        top_open_questions=top_open_questions,
        question_set=question_set,
        chunk_size=chunk_size,
        chunk_filter=chunk_filter,
        keep_runs=False,
        workers=workers,
        chunk_sink=chunk_sink,
    ).summary


def forecast_summary_with_runs(
    scenario: Scenario,
    *,
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    months: tuple[int, ...] = DEFAULT_MONTHS,
    top_drivers: int = 5,
    top_open_questions: int = 8,
    question_set: str | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    chunk_filter: ChunkFilter | None = None,
    workers: int = 1,
) -> SummarisedRuns:
    """``forecast_summary``, plus the simulated runs it summarised (one Monte Carlo pass).

    The summary is the same; keeping the runs costs memory in proportion to ``runs``.
    """
    return _summarise(
        scenario,
        runs=runs,
        seed=seed,
        months=months,
        top_drivers=top_drivers,
        top_open_questions=top_open_questions,
        question_set=question_set,
        chunk_size=chunk_size,
        chunk_filter=chunk_filter,
        keep_runs=True,
        workers=workers,
    )


def _summarise(
    scenario: Scenario,
    *,
    runs: int,
    seed: int,
    months: tuple[int, ...],
    top_drivers: int,
    top_open_questions: int,
    question_set: str | None,
    chunk_size: int,
    chunk_filter: ChunkFilter | None,
    keep_runs: bool,
    workers: int = 1,
    chunk_sink: ChunkSink | None = None,
) -> SummarisedRuns:
    if runs < 2:
        raise DetenteError(f"runs must be at least 2, got {runs}", hint="use --runs 20000")
    if chunk_size < 1:
        raise DetenteError(f"chunk_size must be at least 1, got {chunk_size}", hint="e.g. 10000")
    points = month_points(scenario.as_of, months, scenario.horizon)
    horizon_day = (scenario.horizon - scenario.as_of).days
    rounds = forecast_rounds(scenario, months)
    compiled = compile_scenario(scenario)
    specs, set_name = default_question_specs(scenario, question_set)
    checks = expectation_questions(scenario)
    totals = ForecastAccumulator(
        points,
        horizon_day,
        tuple(i.id for i in scenario.issues),
        (*specs, *checks),
        seed,
        truces=pausing_packages(compiled),
    )
    quotas = driver_quotas(chunk_sizes(runs, chunk_size))
    kept: list[SampledRuns] = []
    chunks = iter_sampled_chunks(
        compiled, runs=runs, seed=seed, chunk_size=chunk_size, rounds=rounds, workers=workers
    )
    for chunk, quota in zip(chunks, quotas, strict=True):
        if chunk_filter is not None:  # before counting: the driver sample takes kept runs
            keep = np.asarray(chunk_filter(chunk.log), dtype=bool)
            quota = int(np.count_nonzero(keep[:quota]))
            chunk = select_runs(chunk, keep)
        totals.add(chunk, quota)
        if chunk_sink is not None:
            chunk_sink(chunk, quota)
        if keep_runs:
            kept.append(chunk)
        del chunk  # else it stays alive while the next chunk is simulated
    space = parameter_space(compiled)
    ranked = totals.drivers(space.names, len(space.names))  # every number's rho, largest first
    driver_day = totals.driver_day
    driver_date = (scenario.as_of + dt.timedelta(days=driver_day)).isoformat()
    whether = _open_question_effects(totals, space.names, ranked, horizon_day)
    shares = totals.class_shares()
    outcomes = []
    for k, point in enumerate(points):
        p_any, se_any = totals.share(int(totals.agreement_counts[k]))
        truce = totals.share(int(totals.truce_counts[k])) if totals.truces else (None, None)
        outcomes.append(
            OutcomesAtDate(
                point.label,
                months[k],
                point.date.isoformat(),
                point.day,
                {c: float(shares.shares[c][k]) for c in CLASS_KEYS},
                {c: float(shares.errors[c][k]) for c in CLASS_KEYS},
                p_any,
                se_any,
                point.past_horizon,
                *truce,
            )
        )
    p_horizon, se_horizon = totals.share(totals.horizon_count)
    settlement = []
    for column, issue in enumerate(scenario.issues):
        share_settled, n_settled, mean, p10, p50, p90 = totals.settlement(column)
        if n_settled < MIN_SETTLED_RUNS:  # one run's value is no median
            mean = p10 = p50 = p90 = float("nan")
        settlement.append(
            IssueForecast(
                issue.id,
                issue.name,
                float(issue.status_quo.mode),
                share_settled,
                _number(mean),
                _number(p10),
                _number(p50),
                _number(p90),
                n_settled,
            )
        )
    answers = tuple(
        QuestionAnswer(
            spec.id,
            spec.text,
            spec.expression,
            spec.tree.date.isoformat() if spec.tree.date else "",
            *totals.question_share(k),
            unreachable_terms(spec.tree, compiled),
        )
        for k, spec in enumerate(specs)
    )
    judged = judge_from_counts(
        scenario,
        [totals.question_share(len(specs) + k) for k in range(len(checks))],
        totals.runs,
    )
    at_war, in_force = case_words(scenario.war)  # name the outcome classes (outcome_words)
    summary = ForecastSummary(
        scenario={
            "id": scenario.id,
            # how a command line names it (the built-in name or path the caller loaded it
            # by): the commands the output suggests use it, since a copy may keep an id
            "named_as": shlex.quote(question_set) if question_set else scenario.id,
            "title": scenario.title,
            "as_of": scenario.as_of.isoformat(),
            "horizon": scenario.horizon.isoformat(),
            "round_days": scenario.round_days,
            "at_war": at_war,
            "in_force": in_force,
            "actors": len(scenario.actors),
            "issues": len(scenario.issues),
            "arenas": len(scenario.arenas),
            "uncertain_parameters": len(space.names),
        },
        runs=totals.runs,  # the runs summarised (fewer when conditioned on observations)
        seed=seed,
        outcomes=tuple(outcomes),
        agreement_by_horizon=p_horizon,
        agreement_by_horizon_se=se_horizon,
        settlement=tuple(settlement),
        drivers=ranked[:top_drivers],
        driver_method=driver_method(
            totals.driver_runs, totals.runs, driver_date if driver_day != horizon_day else None
        ),
        questions=answers,
        question_set=set_name,
        open_questions=open_questions(
            scenario,
            top_open_questions,
            {d.parameter: d.spearman for d in whether} or None,
            totals.driver_runs,
        ),
        open_questions_date=(
            driver_date if whether is ranked and driver_day != horizon_day else ""
        ),
        static_compromise=static_compromise(scenario),
        luck_share=totals.luck_share,
        shock_gap=totals.shock_gap,
        ceasefire_replaced=totals.replacements,
        ceasefire_replaced_by_shock=totals.lucky_replacements,
        expectations=tuple(check.as_dict() for check in judged),
        impossible_classes=impossible_classes(compiled),
        dated_records=tuple(r.id for r in scenario.calibration if r.accepted is not None),
        phased_ceasefires=tuple(p.id for p in scenario.packages if p.talks_continue),
        stationary_sides=stationary_sides(scenario),
        assumed_points=assumed_points(scenario),
        driver_date=driver_date,
    )
    if not keep_runs:
        return SummarisedRuns(summary, None, rounds)
    return SummarisedRuns(summary, SampledRuns.join(kept), rounds)


def stationary_sides(scenario: Scenario) -> tuple[str, ...]:
    """The sides of the war whose ``war_cost_growth`` is left out or a point at 0 (none
    where every side's cost may grow): a choice that can decide the forecast, named so a
    reader of the forecast sees it, not only a reader of the YAML."""
    if scenario.war is None:
        return ()
    effects = [*scenario.events, *scenario.packages]
    if any("war_cost_growth" in fx.path for item in effects for fx in item.effects):
        return ()  # an event or a deal changes a growth: the scenario says when costs mount
    fixed = []
    for side in scenario.war.sides:
        growth = scenario.dynamics.get(f"war_cost_growth.{side}")
        if growth is None or growth.value.high == 0:
            fixed.append(side)
    return tuple(fixed) if len(fixed) == len(scenario.war.sides) else ()


def _open_question_effects(totals, names, ranked, horizon_day: int) -> tuple:
    """The effects the open questions rank by: on agreement by the horizon, what decides
    whether there is a deal, even where the drivers rank how soon (a Gaza trial: the
    mediator's cadence, first by how soon, moved the year's forecast by one point; Israel's
    resolve at the top of its range by forty). Where nothing does (every run agrees by the
    horizon: no rho beyond the noise), the drivers' own ranking (``ranked``)."""
    if totals.driver_day == horizon_day:
        return ranked
    whether = totals.drivers(names, len(names), horizon_day)
    floor = 2.0 / np.sqrt(max(totals.driver_runs, 1))
    return whether if any(abs(d.spearman) >= floor for d in whether) else ranked


def assumed_points(scenario: Scenario) -> tuple[tuple[str, float], ...]:
    """The dynamics declared as a point with no evidence (an assumption alone), as
    (path, value), leaving out the growths ``stationary_sides`` already names. The drivers
    and ``sensitivity`` rank what varies, so such a point is invisible to them however much
    it decides (README: an implementer's consent, a point, can decide the class of a deal)."""
    named = {f"war_cost_growth.{side}" for side in stationary_sides(scenario)}
    return tuple(
        (f"dynamics.{name}", float(number.value.mode))
        for name, number in sorted(scenario.dynamics.items())
        if number.value.low == number.value.high and not number.evidence and name not in named
    )


def driver_method(sample: int, runs: int, date: str | None) -> str:
    """The driver method text, naming the ``date`` it ranks agreement by where that is not
    the horizon (None), and the subsample when the ranking used one."""
    text = DRIVER_METHOD
    if date is not None:
        text = text.replace("by the horizon'", f"by {date}'") + (
            f"; by {date}, the median run's first agreement, since more than "
            f"{SATURATED:.0%} of runs agree by the horizon"
        )
    if sample >= runs:
        return text
    return f"{text}; on a uniform sample of {sample:,} of the {runs:,} runs"
