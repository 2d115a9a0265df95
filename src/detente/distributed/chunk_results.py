"""One chunk of a Monte Carlo job, simulated and reduced to a Parquet file of per-run results.

Why per-run rows rather than logs: a forecast is the share of runs in which a
question holds, so one bool per question and run (plus the outcome class at a few
dates and the settlement per issue) is all aggregation needs. A chunk's log is
dropped as soon as its table is written, so memory is bounded by the chunk size
on every worker, and the client never holds more than file names and counts.

This module is what a Dask worker imports; it must stay importable without dask.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from detente.forecast.evaluate import predicate_holds
from detente.forecast.question_file import QuestionSpec
from detente.process import CompiledScenario, EventLog, run_chunk


def question_column(question_id: str) -> str:
    return f"q:{question_id}"


def class_column(date: dt.date) -> str:
    return f"class:{date.isoformat()}"


def settlement_column(issue_id: str) -> str:
    return f"settlement:{issue_id}"


@dataclass(frozen=True)
class MonteCarloJob:
    """Everything a worker needs to simulate chunk k of setting s, and nothing it must not hold.

    ``settings`` are override mappings (path -> value); setting 0 is usually the
    scenario as written ({}). Every setting reuses the same chunk generators
    (common random numbers), exactly as ``detente.process.simulate`` would.
    """

    compiled: CompiledScenario
    questions: tuple[QuestionSpec, ...]
    runs: int
    seed: int
    chunk_size: int = 10_000
    rounds: int | None = None
    drafting: str = "compromise"
    settings: tuple[Mapping[str, float], ...] = field(default_factory=lambda: ({},))
    dates: tuple[dt.date, ...] = ()

    def chunk_sizes(self) -> list[int]:
        full, rest = divmod(self.runs, self.chunk_size)
        return [self.chunk_size] * full + ([rest] if rest else [])

    def class_dates(self) -> tuple[dt.date, ...]:
        """Dates at which the outcome class is kept: the given ones, else the questions' dates
        and the horizon."""
        if self.dates:
            return tuple(sorted(set(self.dates)))
        wanted = {q.tree.date for q in self.questions if q.tree.date is not None}
        wanted.add(self.compiled.horizon)
        return tuple(sorted(wanted))

    def tasks(self) -> list[tuple[int, int, int, int]]:
        """(setting, chunk, size, first run index) of every unit of work."""
        sizes = self.chunk_sizes()
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int)
        return [
            (s, k, sizes[k], int(starts[k]))
            for s in range(len(self.settings))
            for k in range(len(sizes))
        ]


def chunk_table(
    log: EventLog,
    questions: Sequence[QuestionSpec],
    dates: Sequence[dt.date],
    *,
    setting: int,
    chunk: int,
    first_run: int,
) -> Any:
    """The per-run results of one chunk as a pyarrow Table (see module docstring)."""
    import pyarrow as pa

    n = log.n_runs
    columns: dict[str, Any] = {
        "setting": pa.array(np.full(n, setting, dtype=np.int32)),
        "chunk": pa.array(np.full(n, chunk, dtype=np.int32)),
        "run": pa.array(np.arange(first_run, first_run + n, dtype=np.int64)),
        "settlement_day": pa.array(log.settlement_day.astype(np.int32)),
    }
    for date in dates:
        columns[class_column(date)] = pa.array(log.outcome_class_at(log.day_of(date)))
    for k, issue in enumerate(log.issue_ids):
        columns[settlement_column(issue)] = pa.array(
            log.settlement[:, k].astype(np.float32), from_pandas=True
        )
    for spec in questions:
        holds = predicate_holds(spec.tree, log, text=spec.expression)
        columns[question_column(spec.id)] = pa.array(holds.astype(bool))
    return pa.table(columns)


def chunk_path(out_dir: str | Path, setting: int, chunk: int) -> Path:
    return Path(out_dir) / f"setting={setting}" / f"chunk-{chunk:06d}.parquet"


def simulate_chunk_to_parquet(
    job: MonteCarloJob, setting: int, chunk: int, size: int, first_run: int, out_dir: str
) -> dict[str, Any]:
    """Simulate one chunk, write its Parquet file atomically, return a few numbers about it.

    The file is written under a temporary name and renamed, so a killed worker
    never leaves a half file that aggregation would read; a retried task simply
    rewrites the same, identical file.
    """
    import pyarrow.parquet as pq

    started = time.process_time()
    overrides = job.settings[setting] or None
    log = run_chunk(
        job.compiled,
        job.seed,
        chunk,
        size,
        rounds=job.rounds,
        drafting=job.drafting,
        overrides=overrides,
    )
    table = chunk_table(
        log,
        job.questions,
        job.class_dates(),
        setting=setting,
        chunk=chunk,
        first_run=first_run,
    )
    events = len(log)
    del log
    path = chunk_path(out_dir, setting, chunk)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, path)
    return {
        "setting": setting,
        "chunk": chunk,
        "runs": size,
        "events": events,
        "path": str(path),
        "bytes": path.stat().st_size,
        "cpu_seconds": time.process_time() - started,  # of the worker process
    }
