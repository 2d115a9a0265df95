"""A talks record read into every number at once, and what that does to the forecast.

``calibrate`` reads a record ("Russia accepted none of the US texts put to it from 12 Feb
to 2 Dec 2025") into one number, and the snapshot then draws that number's posterior
independently of all the others. But a side's value of fighting on is its resolve minus
its war cost times its look-ahead, plus what the texts offer it, so the record speaks to
combinations of numbers. Here every number is drawn (the calibrated one from its declared
prior, the mediator believing that prior, as in ``calibrate``), the record's span is
replayed ``replays`` times per run with fresh shocks, and each run is weighted by the share
of replays in which the record held: an unbiased estimate of its likelihood, so the weighted
runs are the joint posterior. Each run's own forecast (the snapshot's beliefs, the run's
numbers) then gives P(agreement) under that posterior, beside the forecast as carried.

Both readings replay the record's span from as_of in today's world; the comparison isolates
one-number against joint calibration, not that approximation. A large gap says the record
disfavours the very runs that agree, through numbers no single calibration moves. How much
of the record was lived in today's world is a judgement: ``days`` replays only the record's
last days (its latest decisions, taken in a state close to as_of's), so a run of readings
over ``days`` shows how much the gap rests on treating older months as today's.

Beside P(agreement), the reading weighs the whole forecast the same way: each outcome
class at each report date and each of the scenario's default questions, as carried and
with the record read jointly, so an analyst sees every number a forecaster would submit
under both readings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from detente.analysis.calibration import _with_range, record_prior, window_holds
from detente.analysis.diagnostics import carried_by_shock
from detente.analysis.outcomes import (
    CLASS_KEYS,
    DEFAULT_MONTHS,
    agreement_indicator,
    class_indicators,
    month_points,
)
from detente.forecast.evaluate import predicate_holds
from detente.forecast.question_file import QuestionSpec
from detente.process import CompiledScenario, EventKind, EventLog, run_batch
from detente.process.engine import chunk_draws, chunk_sizes
from detente.scenario.structure import CalibrationTarget

CHUNK = 10_000


@dataclass(frozen=True)
class MovedNumber:
    name: str
    shift_sd: float  # |weighted mean - mean| in the draws' standard deviations
    before: float
    after: float


@dataclass(frozen=True)
class JointShare:
    """One number of the forecast under both readings."""

    name: str  # an outcome class's key ('armistice'), or a question's id
    carried: float  # the forecast as the snapshot carries the record (one number)
    joint: float  # the same, the record read into every number at once
    when: str = ""  # an outcome class's report date ('12 months'); a question has its own


@dataclass(frozen=True)
class JointReading:
    """One window record read jointly; agreement shares are by ``horizon_day``."""

    target: CalibrationTarget
    runs: int
    replays: int
    days: int  # the record's last days replayed (its whole span by default)
    record_probability: float  # mean likelihood under the prior draws
    posterior: tuple[float, float, float]  # the record's number, weighted 5/50/95%
    moved: tuple[MovedNumber, ...]  # the other numbers the record moves most
    agreement_carried: float  # the forecast as the snapshot carries it
    agreement_prior: float  # the prior's draws, unweighted
    agreement_joint: float  # the same runs, weighted by the record
    effective_sample: float
    kept_on: tuple[str, ...] = ()  # ids of the records of a track kept on read with it
    # of the runs that agree by the horizon: the share whose first deal a shock alone
    # carried, and the median day of that deal, unweighted and weighted by the record
    luck_prior: float = 0.0
    luck_joint: float = 0.0
    median_day_prior: float = float("nan")
    median_day_joint: float = float("nan")
    outcomes: tuple[JointShare, ...] = ()  # every class at every report date in the horizon
    questions: tuple[JointShare, ...] = ()  # the default questions, by id


def joint_reading(
    compiled: CompiledScenario,
    target: CalibrationTarget,
    *,
    runs: int = 10_000,
    replays: int = 10,
    seed: int = 1,
    horizon_day: int = 365,
    top: int = 5,
    days: int | None = None,
    questions: tuple[QuestionSpec, ...] = (),
    kept_on: tuple[CalibrationTarget, ...] = (),
) -> JointReading:
    """Weight runs by ``target`` (a window record of an actor's acceptances; its last
    ``days`` only, if given) replayed ``replays`` times, and compare the forecast's
    agreement share with and without. ``kept_on``: dated records that the mediator kept
    a track through its window, read in the same replays (a replay holds when every
    record does): the whole history at once, not the acceptances alone."""
    if target.span_days is None or target.accepted is None or target.actor is None:
        raise ValueError(f"record {target.id!r} is not a window record of acceptances")
    for record in kept_on:
        if record.span_days is None or record.abandoned != 0:
            raise ValueError(f"record {record.id!r} is not a dated record of a track kept on")
    if replays < 1 or runs < 1 or (days is not None and days < 1):
        raise ValueError("runs, replays and days must be at least 1")
    span = target.span_days if days is None else min(days, target.span_days)
    column = compiled.column(target.parameter)
    believed = _with_range(compiled, column, record_prior(compiled, target))
    rounds = math.ceil(span / compiled.round_days)
    thetas, weights, carried, agreed, lucky, settled = [], [], [], [], [], []
    numbers = _ForecastNumbers(compiled, questions)
    names: tuple[str, ...] = ()
    where = -1
    for k, size in enumerate(chunk_sizes(runs, CHUNK)):
        _space, theta, rng = chunk_draws(compiled, seed, k, size)
        as_carried = run_batch(compiled, theta, rng)
        carried.append(agreement_indicator(as_carried, horizon_day))
        numbers.add(as_carried, own=False)
        space, theta, rng = chunk_draws(believed, seed, k, size)
        names, where = space.names, int(np.flatnonzero(space.columns == column)[0])
        held = np.zeros(size)
        for r in range(replays):
            stream = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(k, 1, r)))
            log = run_batch(believed, theta.copy(), stream, rounds=rounds)
            held += window_holds(log, target, span) & _kept_on(log, kept_on, span)
        weights.append(held / replays)
        # the run's own forecast: its numbers, the snapshot's beliefs, the chunk's shocks
        own = run_batch(compiled, theta.copy(), rng)
        numbers.add(own, own=True)
        agreed.append(agreement_indicator(own, horizon_day))
        lucky.append(carried_by_shock(own))
        settled.append(own.settlement_day)
        thetas.append(theta)
    theta, weight = np.concatenate(thetas), np.concatenate(weights)
    agreed_all = np.concatenate(agreed)
    total = weight.sum()
    if total <= 0:
        raise ValueError(f"record {target.id!r} held in no replay of any run")
    deal_weight, lucky_all = weight[agreed_all], np.concatenate(lucky)[agreed_all]
    deal_days = np.concatenate(settled)[agreed_all].astype(float)
    some = agreed_all.any() and deal_weight.sum() > 0
    return JointReading(
        target=target,
        runs=runs,
        replays=replays,
        days=span,
        record_probability=float(weight.mean()),
        posterior=_posterior(theta[:, where], weight),
        moved=_moved(theta, weight, names, skip=where)[:top],
        agreement_carried=float(np.concatenate(carried).mean()),
        agreement_prior=float(agreed_all.mean()),
        agreement_joint=float((weight * agreed_all).sum() / total),
        effective_sample=float(total**2 / (weight**2).sum()),
        luck_prior=float(lucky_all.mean()) if some else 0.0,
        luck_joint=float(np.average(lucky_all, weights=deal_weight)) if some else 0.0,
        median_day_prior=float(np.median(deal_days)) if some else float("nan"),
        median_day_joint=_weighted_quantiles(deal_days, deal_weight, (0.5,))[0]
        if some
        else float("nan"),
        kept_on=tuple(record.id for record in kept_on),
        outcomes=numbers.shares(numbers.outcome_names, weight),
        questions=numbers.shares(numbers.question_names, weight),
    )


class _ForecastNumbers:
    """Per run, whether each outcome class holds at each report date (inside the horizon)
    and whether each question holds, for the runs as carried and for the runs' own
    forecasts; ``shares`` averages the first and weighs the second by the record."""

    def __init__(self, compiled: CompiledScenario, questions: tuple[QuestionSpec, ...]):
        self.points = [
            p
            for p in month_points(compiled.as_of, DEFAULT_MONTHS, compiled.horizon)
            if not p.past_horizon
        ]
        self.questions = questions
        self.outcome_names = [(key, p.label) for p in self.points for key in CLASS_KEYS]
        self.question_names = [(q.id, "") for q in questions]
        self.holds: dict[tuple[bool, str, str], list[np.ndarray]] = {}

    def add(self, log: EventLog, *, own: bool) -> None:
        for point in self.points:
            for key, held in class_indicators(log, point.day).items():
                self.holds.setdefault((own, key, point.label), []).append(held)
        for q in self.questions:
            held = predicate_holds(q.tree, log, text=q.expression)
            self.holds.setdefault((own, q.id, ""), []).append(held)

    def shares(self, names: list[tuple[str, str]], weight: np.ndarray) -> tuple[JointShare, ...]:
        out = []
        for name, when in names:
            carried = np.concatenate(self.holds[(False, name, when)])
            own = np.concatenate(self.holds[(True, name, when)])
            joint = float((weight * own).sum() / weight.sum())
            out.append(JointShare(name, float(carried.mean()), joint, when))
        return tuple(out)


def _kept_on(log: EventLog, records: tuple[CalibrationTarget, ...], span: int) -> np.ndarray:
    """Per run: did each record's mediator keep its track (no abandonment) through the
    record's window, or through the last ``span`` days replayed if shorter?"""
    kept = np.ones(log.n_runs, dtype=bool)
    for record in records:
        arena = log.arena_ids.index(record.arena)
        quit_on = log.events(EventKind.ABANDONED, arena=arena)
        quit_on &= log.day <= min(span, record.span_days)
        kept &= np.bincount(log.run[quit_on], minlength=log.n_runs) == 0
    return kept


def _weighted_quantiles(x: np.ndarray, w: np.ndarray, qs: tuple[float, ...]) -> list[float]:
    order = np.argsort(x, kind="stable")
    cdf = np.cumsum(w[order]) / w.sum()
    return [float(np.interp(q, cdf, x[order])) for q in qs]


def _posterior(x: np.ndarray, w: np.ndarray) -> tuple[float, float, float]:
    """5%, 50% and 95% points of ``x`` weighted by ``w``."""
    low, mid, high = _weighted_quantiles(x, w, (0.05, 0.5, 0.95))
    return low, mid, high


def _moved(
    theta: np.ndarray, weight: np.ndarray, names: tuple[str, ...], skip: int
) -> tuple[MovedNumber, ...]:
    out = []
    for j, name in enumerate(names):
        x = theta[:, j]
        sd = x.std()
        if j == skip or sd <= 0:
            continue
        after = float(np.average(x, weights=weight))
        out.append(MovedNumber(name, float(abs(after - x.mean()) / sd), float(x.mean()), after))
    return tuple(sorted(out, key=lambda m: -m.shift_sd))
