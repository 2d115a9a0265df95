"""One-at-a-time sweeps: the scenario as written, then each listed value of each parameter.

Every setting reuses the chunk generators of the baseline (common random numbers),
so a difference between settings is the effect of the setting, not of new noise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.distributed.chunk_results import MonteCarloJob
from detente.distributed.engines import ChunkDone, run_job
from detente.distributed.results import ResultSet
from detente.forecast.question_file import QuestionSpec
from detente.process import compile_scenario
from detente.scenario import Scenario
from detente.scenario.errors import DetenteError


def parse_vary(items: Sequence[str]) -> dict[str, list[float]]:
    """``["dynamics.x=0.1,0.2", ...]`` -> {"dynamics.x": [0.1, 0.2], ...}."""
    out: dict[str, list[float]] = {}
    for item in items:
        path, sep, values = item.partition("=")
        try:
            numbers = [float(v) for v in values.split(",") if v.strip()]
        except ValueError:
            numbers = []
        if not sep or not path.strip() or not numbers:
            raise DetenteError(
                f"cannot read --vary {item!r}",
                hint="write PATH=V1,V2,..., e.g. --vary dynamics.mediator_attention=0.2,0.5",
            )
        out.setdefault(path.strip(), []).extend(numbers)
    return out


def sweep_settings(vary: Mapping[str, Sequence[float]]) -> tuple[dict[str, float], ...]:
    """Setting 0 is the scenario as written; then one setting per (path, value)."""
    return ({}, *({path: float(v)} for path, values in vary.items() for v in values))


@dataclass(frozen=True)
class SweepResult:
    results: ResultSet
    settings: tuple[dict[str, float], ...]

    def documents(self, scenario: str) -> list[dict[str, Any]]:
        return [
            self.results.forecasts_document(k, scenario=scenario) for k in range(len(self.settings))
        ]


def run_sweep(
    scenario: Scenario,
    questions: Sequence[QuestionSpec],
    out_dir: str | Path,
    *,
    runs: int,
    seed: int,
    chunk_size: int = 10_000,
    vary: Mapping[str, Sequence[float]] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 2,
    on_chunk: ChunkDone | None = None,
) -> SweepResult:
    if runs < 1 or chunk_size < 1:
        raise DetenteError("--runs and --chunk-size must be at least 1", hint="e.g. --runs 10000")
    compiled = compile_scenario(scenario)
    settings = sweep_settings(vary or {})
    for setting in settings[1:]:
        compiled.with_overrides(setting)  # a bad path or value fails before any work
    job = MonteCarloJob(
        compiled=compiled,
        questions=tuple(questions),
        runs=runs,
        seed=seed,
        chunk_size=chunk_size,
        settings=settings,
    )
    results = run_job(
        job, out_dir, engine=engine, scheduler=scheduler, workers=workers, on_chunk=on_chunk
    )
    return SweepResult(results=results, settings=settings)
