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

Months = tuple[int, ...]
_BASELINES: dict[tuple[str, int, int, Months], Any] = {}  # in each worker, by its arguments


def _baseline(source: str, runs: int, seed: int, months: Months) -> Any:
    key = (source, runs, seed, months)
    if key not in _BASELINES:
        from detente.scenario import load_scenario
        from detente.web.whatif_runner import default_questions, simulate_baseline

        scenario = load_scenario(source)
        _BASELINES[key] = simulate_baseline(
            scenario,
            runs=runs,
            seed=seed,
            questions=default_questions(scenario, source),
            months=months,
        )
    return _BASELINES[key]


def _prepare(sources: tuple[str, ...], sizes: tuple[int, ...], seed: int, months: Months) -> None:
    for source in sources:
        for runs in sizes:
            _baseline(source, runs, seed, months)


def _answer(
    source: str, runs: int, seed: int, months: Months, settings: tuple[tuple[str, float], ...]
) -> dict[str, Any]:
    from detente.report.data import plain
    from detente.web.whatif_runner import run_whatif

    return plain(run_whatif(_baseline(source, runs, seed, months), dict(settings)).to_dict())


def _ready() -> bool:
    return True


class QuickPool:
    """``workers`` spawned processes answering what-ifs on baselines of each of ``sizes`` runs."""

    def __init__(
        self,
        sources: tuple[str, ...],
        *,
        sizes: tuple[int, ...],
        seed: int,
        months: Months,
        workers: int,
    ) -> None:
        self.seed, self.months, self.workers = seed, months, max(workers, 1)
        self._pool = ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_prepare,
            initargs=(sources, sizes, seed, months),
        )

    def warm_up(self) -> None:
        """Start every worker and let it simulate its baselines (server start)."""
        for future in [self._pool.submit(_ready) for _ in range(self.workers)]:
            future.result()

    def answer(self, source: str, settings: dict[str, float], runs: int) -> dict[str, Any]:
        items = tuple(sorted(settings.items()))
        future = self._pool.submit(_answer, source, runs, self.seed, self.months, items)
        return future.result()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
