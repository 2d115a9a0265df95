"""Forecasts read back from the per-chunk Parquet files of a Monte Carlo job, with DuckDB.

Why counts, not means: a probability is (runs where the question holds) / runs;
summing integers over chunks and dividing once gives exactly the number the
local engine computes from the whole log, whatever the order the chunks finished.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from detente.distributed.chunk_results import (
    MonteCarloJob,
    class_column,
    question_column,
)
from detente.forecast.forecasts import Forecast, question_forecast
from detente.process import OutcomeClass


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class ResultSet:
    """The Parquet results of one job (``out_dir/setting=S/chunk-K.parquet``)."""

    job: MonteCarloJob
    out_dir: Path
    chunks: tuple[dict[str, Any], ...]

    @property
    def pattern(self) -> str:
        return str(self.out_dir / "setting=*" / "chunk-*.parquet")

    def _query(self, select: str, setting: int) -> tuple:
        import duckdb

        source = f"read_parquet('{self.pattern}', hive_partitioning = false)"
        with duckdb.connect() as connection:
            row = connection.execute(
                f"SELECT count(*), {select} FROM {source} WHERE setting = {int(setting)}"
            ).fetchone()
        n = int(row[0])
        if n != self.expected_runs():
            raise RuntimeError(
                f"setting {setting}: {n} runs in {self.out_dir}, expected {self.expected_runs()}"
            )
        return row

    def expected_runs(self) -> int:
        return int(self.job.runs)

    def question_counts(self, setting: int = 0) -> tuple[int, dict[str, int]]:
        """Runs, and per question the number of runs in which it holds."""
        ids = [q.id for q in self.job.questions]
        if not ids:
            return self._query("0", setting)[0], {}
        select = ", ".join(f"sum({_quoted(question_column(i))}::BIGINT)" for i in ids)
        row = self._query(select, setting)
        return int(row[0]), {i: int(v or 0) for i, v in zip(ids, row[1:], strict=True)}

    def forecasts(self, setting: int = 0) -> list[Forecast]:
        """The forecasts of every question, as ``detente.forecast.forecast_questions`` gives."""
        n, counts = self.question_counts(setting)
        out = []
        for spec in self.job.questions:
            p = counts[spec.id] / n
            out.append(question_forecast(spec, p, math.sqrt(p * (1.0 - p) / n), self.job.compiled))
        return out

    def outcome_probabilities(self, setting: int = 0) -> dict[str, dict[str, float]]:
        """{date: {class name (lower case): share of runs}} at every kept date."""
        dates = self.job.class_dates()
        parts = [
            f"count_if({_quoted(class_column(d))} = {int(c)})" for d in dates for c in OutcomeClass
        ]
        row = self._query(", ".join(parts), setting)
        n, values = row[0], iter(row[1:])
        return {
            d.isoformat(): {c.name.lower(): next(values) / n for c in OutcomeClass} for d in dates
        }

    def forecasts_document(self, setting: int = 0, *, scenario: str | None = None) -> dict:
        """The FORECASTS.json document of one setting."""
        from detente import __version__

        return {
            "scenario": scenario or self.job.compiled.scenario_id,
            "as_of": self.job.compiled.as_of.isoformat(),
            "runs": int(self.job.runs),
            "seed": int(self.job.seed),
            "package_version": __version__,
            "forecasts": [f.__dict__.copy() for f in self.forecasts(setting)],
        }


def run_indicators(result: ResultSet, setting: int = 0) -> dict[str, np.ndarray]:
    """Per-run question indicators of one setting, ordered by run (for tests and small jobs)."""
    import duckdb

    columns = ", ".join(_quoted(question_column(q.id)) for q in result.job.questions)
    source = f"read_parquet('{result.pattern}', hive_partitioning = false)"
    with duckdb.connect() as connection:
        table = connection.execute(
            f"SELECT {columns} FROM {source} WHERE setting = {int(setting)} ORDER BY run"
        ).fetchnumpy()
    return {q.id: np.asarray(table[question_column(q.id)]) for q in result.job.questions}


__all__ = ["ResultSet", "run_indicators"]
