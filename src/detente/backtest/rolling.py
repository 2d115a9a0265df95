"""Rolling backtest: one dated snapshot, re-conditioned month by month on what happened.

Why: a snapshot is made once, but events keep arriving; conditioning its runs on the
events observed up to each month (forecast.conditioning) gives the forecast a user
would have had then. Each month is scored on the questions still open then (dated
after the month's as-of, not resolved by it), next to the snapshot's own unconditioned
forecast of the same questions, so the table shows whether the observations helped.

Month k conditions on the observations of files 1..k (sorted by their as-of date), one
simulation serving every month: the same runs, fewer of them kept as events accrue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from detente.backtest.backtesting import ScoredSet, score_set
from detente.backtest.snapshots import Snapshot, load_snapshot
from detente.forecast.conditioning import condition, require_enough_runs
from detente.forecast.forecasts import Forecast, forecast_questions
from detente.forecast.observed import Observations, load_observations
from detente.forecast.questions.check import Vocabulary
from detente.forecast.resolutions import Resolution, load_resolutions
from detente.scenario.errors import DetenteError, Location

OBSERVED_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class MonthResult:
    label: str  # "snapshot" or the observed-events file
    as_of: str
    observations: int  # observations conditioned on, all files so far
    runs_kept: int  # the effective sample size (rejection: runs kept)
    scored: list[dict[str, Any]] = field(default_factory=list)  # {id, probability, ...}
    skipped: dict[str, str] = field(default_factory=dict)
    scores: ScoredSet | None = None  # the conditioned forecast
    snapshot_scores: ScoredSet | None = None  # the snapshot's forecast, same questions
    refused: str | None = None  # why conditioning was refused (collapsed sample)


@dataclass(frozen=True)
class RollingResult:
    snapshot: str
    scenario_id: str
    as_of: str
    months: list[MonthResult]
    settings: dict[str, Any] = field(default_factory=dict)


def observed_files(paths: Sequence[str | Path]) -> list[Path]:
    """Files named, and the .yaml/.yml files inside folders named (sorted by name)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix in OBSERVED_SUFFIXES)
            if not inside:
                raise DetenteError(
                    "no .yaml observed-events files in this folder",
                    location=Location(str(path)),
                    hint="put one file per month in it, e.g. 2026-01.yaml",
                )
            found.extend(inside)
        else:
            found.append(path)
    return found


def rolling_backtest(
    snapshot_name: str | Path,
    observed: Sequence[str | Path],
    resolutions_path: str | Path,
    *,
    runs: int = 10_000,
    seed: int = 0,
    questions: str | Path | None = None,
    bins: int = 10,
) -> RollingResult:
    """Simulate the snapshot once; condition and score it as of each observed-events file."""
    from detente.process import simulate

    snapshot = load_snapshot(snapshot_name, questions)
    vocabulary = Vocabulary.from_scenario(snapshot.scenario)
    months = sorted(
        (load_observations(path, vocabulary) for path in observed_files(observed)),
        key=lambda o: o.as_of,
    )
    known = {q.id for q in (*snapshot.questions, *snapshot.past)}
    resolutions = {r.id: r for r in load_resolutions(resolutions_path, known)}
    log = simulate(snapshot.scenario, runs=runs, seed=seed)
    base = {f.id: f for f in forecast_questions(snapshot.questions, log)}
    first = MonthResult("snapshot", snapshot.scenario.as_of.isoformat(), 0, runs)
    rows = [_scored(first, snapshot, base, base, resolutions, bins)]
    so_far: list = []
    for month in months:
        so_far.extend(month.items)
        cumulative = Observations(month.file, month.as_of, tuple(so_far))
        kept, counts = condition(log, cumulative)
        row = MonthResult(month.file, month.as_of.isoformat(), len(so_far), counts.kept)
        try:
            require_enough_runs(counts)
        except DetenteError as exc:
            rows.append(replace(row, refused=exc.one_line()))
            continue
        conditioned = {f.id: f for f in forecast_questions(snapshot.questions, kept)}
        rows.append(_scored(row, snapshot, conditioned, base, resolutions, bins))
    return RollingResult(
        snapshot=str(snapshot_name),
        scenario_id=snapshot.scenario.id,
        as_of=snapshot.scenario.as_of.isoformat(),
        months=rows,
        settings={"runs": runs, "seed": seed, "mode": "rolling"},
    )


def _scored(
    row: MonthResult,
    snapshot: Snapshot,
    forecasts: dict[str, Forecast],
    base: dict[str, Forecast],
    resolutions: dict[str, Resolution],
    bins: int,
) -> MonthResult:
    """Score the questions still open on the month's as-of date."""
    as_of = dt.date.fromisoformat(row.as_of)
    skipped = {
        q.id: f"question date {q.tree.date} is not after as-of {as_of}" for q in snapshot.past
    }
    scored, against_snapshot = [], []
    for spec in snapshot.questions:
        resolution = resolutions.get(spec.id)
        if spec.tree.date <= as_of:
            skipped[spec.id] = f"question date {spec.tree.date} is not after as-of {as_of}"
        elif resolution is None:
            skipped[spec.id] = "no resolution"
        elif resolution.resolved_on is not None and resolution.resolved_on <= as_of:
            skipped[spec.id] = f"resolved on {resolution.resolved_on}, by as-of {as_of}"
        else:
            mine, theirs = forecasts[spec.id], base[spec.id]
            scored.append(
                {
                    "id": spec.id,
                    "probability": mine.probability,
                    "snapshot_probability": theirs.probability,
                    "status_quo_holds": mine.status_quo_holds,
                    "outcome": resolution.outcome,
                }
            )
            against_snapshot.append(
                {
                    "probability": theirs.probability,
                    "status_quo_holds": theirs.status_quo_holds,
                    "outcome": resolution.outcome,
                }
            )
    return replace(
        row,
        scored=scored,
        skipped=skipped,
        scores=score_set(scored, bins),
        snapshot_scores=score_set(against_snapshot, bins),
    )
