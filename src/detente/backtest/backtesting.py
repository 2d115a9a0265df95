"""What each scenario snapshot would have forecast, scored against resolutions.

A snapshot's forecast of a question counts only if it was a forecast when the
snapshot was made: the question's date lies after the snapshot's as-of date and,
when the resolution says when it was resolved, that was after as-of too.
Everything else is listed as skipped with the reason, never silently dropped.
Scores come with the two baselines of forecast.scoring (0.5 for everything; "nothing
changes"), per snapshot and pooled over snapshots.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from detente.backtest.snapshots import Snapshot, load_snapshot
from detente.forecast.resolutions import Resolution, load_resolutions
from detente.forecast.scoring import Scores, score_forecasts


@dataclass(frozen=True)
class ScoredSet:
    """Model and baseline scores of one set of resolved forecasts."""

    n: int
    model: Scores
    half: Scores
    status_quo: Scores


@dataclass(frozen=True)
class SnapshotResult:
    name: str
    scenario_id: str
    as_of: str
    scenario_hash: str
    document: dict[str, Any]  # FORECASTS.json of the snapshot
    scored: list[dict[str, Any]]  # {id, probability, status_quo_holds, outcome}
    skipped: dict[str, str]  # question id -> why it is not scored
    scores: ScoredSet | None
    run_id: int | None = None


@dataclass(frozen=True)
class BacktestResult:
    snapshots: list[SnapshotResult]
    pooled: ScoredSet | None
    settings: dict[str, Any] = field(default_factory=dict)


def score_set(rows: Sequence[dict[str, Any]], bins: int = 10) -> ScoredSet | None:
    if not rows:
        return None
    p = np.array([r["probability"] for r in rows], dtype=np.float64)
    y = np.array([1.0 if r["outcome"] else 0.0 for r in rows])
    quo = np.array([1.0 if r["status_quo_holds"] else 0.0 for r in rows])
    return ScoredSet(
        n=len(rows),
        model=score_forecasts(p, y, bins),
        half=score_forecasts(np.full(p.shape, 0.5), y, bins),
        status_quo=score_forecasts(quo, y, bins),
    )


def select_scored(
    snapshot: Snapshot, document: dict[str, Any], resolutions: dict[str, Resolution]
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    as_of = snapshot.scenario.as_of
    skipped = {
        q.id: f"question date {q.tree.date} is not after as-of {as_of}" for q in snapshot.past
    }
    scored = []
    for forecast in document["forecasts"]:
        qid = forecast["id"]
        resolution = resolutions.get(qid)
        if resolution is None:
            skipped[qid] = "no resolution"
        elif resolution.resolved_on is not None and resolution.resolved_on <= as_of:
            skipped[qid] = f"resolved on {resolution.resolved_on}, before as-of {as_of}"
        else:
            scored.append(
                {
                    "id": qid,
                    "probability": forecast["probability"],
                    "status_quo_holds": forecast["status_quo_holds"],
                    "outcome": resolution.outcome,
                }
            )
    return scored, skipped


def backtest(
    snapshot_names: Sequence[str | Path],
    resolutions_path: str | Path,
    *,
    runs: int = 10_000,
    seed: int = 0,
    chunk_size: int = 10_000,
    questions: str | Path | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 2,
    store: str | Path | None = None,
    record: bool = False,
    bins: int = 10,
) -> BacktestResult:
    """Simulate every snapshot with the same seed, answer its questions, score what resolved.

    With ``record`` the snapshots' forecasts are also written to the run store
    (label "backtest"), so ``detente history`` shows them.
    """
    from detente.distributed import MonteCarloJob
    from detente.distributed.engines import engine_session
    from detente.process import compile_scenario
    from detente.store import open_store, scenario_hash

    snapshots = [load_snapshot(name, questions) for name in snapshot_names]
    known = {q.id for s in snapshots for q in (*s.questions, *s.past)}
    resolutions = {r.id: r for r in load_resolutions(resolutions_path, known)}
    settings = {"runs": runs, "seed": seed, "chunk_size": chunk_size, "engine": engine}
    documents = []
    with engine_session(engine, scheduler=scheduler, workers=workers) as run:
        for snapshot in snapshots:
            job = MonteCarloJob(
                compiled=compile_scenario(snapshot.scenario),
                questions=snapshot.questions,
                runs=runs,
                seed=seed,
                chunk_size=chunk_size,
            )
            with tempfile.TemporaryDirectory(prefix="detente-backtest-") as folder:
                result = run(job, folder)
                documents.append(result.forecasts_document(scenario=snapshot.scenario.id))
    results = []
    for snapshot, document in zip(snapshots, documents, strict=True):
        scored, skipped = select_scored(snapshot, document, resolutions)
        run_id = None
        if record:
            with open_store(store) as run_store:
                run_id = run_store.record_run(
                    snapshot.scenario,
                    runs=runs,
                    seed=seed,
                    engine=engine,
                    settings={"chunk_size": chunk_size, "questions": str(snapshot.questions_file)},
                    forecasts=document["forecasts"],
                    label="backtest",
                )
        results.append(
            SnapshotResult(
                name=snapshot.name,
                scenario_id=snapshot.scenario.id,
                as_of=snapshot.scenario.as_of.isoformat(),
                scenario_hash=scenario_hash(snapshot.scenario),
                document=document,
                scored=scored,
                skipped=skipped,
                scores=score_set(scored, bins),
                run_id=run_id,
            )
        )
    pooled = score_set([row for r in results for row in r.scored], bins)
    return BacktestResult(snapshots=results, pooled=pooled, settings=settings)
