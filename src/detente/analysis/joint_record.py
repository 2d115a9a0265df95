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
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from detente.analysis.calibration import _with_range, record_prior, window_holds
from detente.analysis.diagnostics import carried_by_shock
from detente.analysis.outcomes import agreement_indicator
from detente.process import CompiledScenario, run_batch
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
    # of the runs that agree by the horizon: the share whose first deal a shock alone
    # carried, and the median day of that deal, unweighted and weighted by the record
    luck_prior: float = 0.0
    luck_joint: float = 0.0
    median_day_prior: float = float("nan")
    median_day_joint: float = float("nan")


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
) -> JointReading:
    """Weight runs by ``target`` (a window record of an actor's acceptances; its last
    ``days`` only, if given) replayed ``replays`` times, and compare the forecast's
    agreement share with and without."""
    if target.span_days is None or target.accepted is None or target.actor is None:
        raise ValueError(f"record {target.id!r} is not a window record of acceptances")
    if replays < 1 or runs < 1 or (days is not None and days < 1):
        raise ValueError("runs, replays and days must be at least 1")
    span = target.span_days if days is None else min(days, target.span_days)
    column = compiled.column(target.parameter)
    believed = _with_range(compiled, column, record_prior(compiled, target))
    rounds = math.ceil(span / compiled.round_days)
    thetas, weights, carried, agreed, lucky, settled = [], [], [], [], [], []
    names: tuple[str, ...] = ()
    where = -1
    for k, size in enumerate(chunk_sizes(runs, CHUNK)):
        _space, theta, rng = chunk_draws(compiled, seed, k, size)
        carried.append(agreement_indicator(run_batch(compiled, theta, rng), horizon_day))
        space, theta, rng = chunk_draws(believed, seed, k, size)
        names, where = space.names, int(np.flatnonzero(space.columns == column)[0])
        held = np.zeros(size)
        for r in range(replays):
            stream = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(k, 1, r)))
            log = run_batch(believed, theta.copy(), stream, rounds=rounds)
            held += window_holds(log, target, span)
        weights.append(held / replays)
        # the run's own forecast: its numbers, the snapshot's beliefs, the chunk's shocks
        own = run_batch(compiled, theta.copy(), rng)
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
    )


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
