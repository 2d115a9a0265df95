"""Quick what-if answers in worker processes.

Why processes: the simulator is many small numpy calls that hold the GIL, so threads of
one server process share a single core however many requests wait. A small pool of
worker processes (spawned, each holding its own copy of the quick baselines, simulated
from the same seed, so answers are identical to an in-process run) uses every core.
The pool is bounded: more requests than workers wait in its queue.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import Any

_BASELINES: dict[tuple[str, int, int], Any] = {}  # in each worker: (source, runs, seed)


def _baseline(source: str, runs: int, seed: int) -> Any:
    key = (source, runs, seed)
    if key not in _BASELINES:
        from detente.scenario import load_scenario
        from detente.web.whatif_runner import default_questions, simulate_baseline

        scenario = load_scenario(source)
        _BASELINES[key] = simulate_baseline(
            scenario, runs=runs, seed=seed, questions=default_questions(scenario, source)
        )
    return _BASELINES[key]


def _prepare(sources: tuple[str, ...], runs: int, seed: int) -> None:
    for source in sources:
        _baseline(source, runs, seed)


def _answer(
    source: str, runs: int, seed: int, settings: tuple[tuple[str, float], ...]
) -> dict[str, Any]:
    from detente.report.data import plain
    from detente.web.whatif_runner import run_whatif

    return plain(run_whatif(_baseline(source, runs, seed), dict(settings)).to_dict())


def _ready() -> bool:
    return True


class QuickPool:
    """``workers`` spawned processes answering what-ifs on ``runs``-run baselines."""

    def __init__(self, sources: tuple[str, ...], *, runs: int, seed: int, workers: int) -> None:
        self.runs, self.seed, self.workers = runs, seed, max(workers, 1)
        self._pool = ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_prepare,
            initargs=(sources, runs, seed),
        )

    def warm_up(self) -> None:
        """Start every worker and let it simulate its baselines (server start)."""
        for future in [self._pool.submit(_ready) for _ in range(self.workers)]:
            future.result()

    def answer(self, source: str, settings: dict[str, float]) -> dict[str, Any]:
        items = tuple(sorted(settings.items()))
        return self._pool.submit(_answer, source, self.runs, self.seed, items).result()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
