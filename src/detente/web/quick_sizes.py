"""How many runs a first what-if answer uses: as many as the wait allows.

Why: a fresh slider setting is answered at once from a small paired run and refined to
the full count when the server is idle (``refiner.py``). Under load every answer waits
for those queued ahead of it, so with one fixed size the wait grows with the queue (20
clients on 2 cores: p95 2.7 s at 500 runs). Here each request takes the largest of a few
sizes whose expected wait, the measured cost of the answers ahead shared among the
parallel slots plus its own, stays within a budget: about the one second a person keeps
a train of thought while moving a control (Nielsen, Usability Engineering, 1993). Under
load first answers are coarser (each says how many runs it used; its SEs are wider),
not slower, and the refiner still brings every setting to the full count later.

A size not yet measured is estimated in proportion to one that was (optimistic: a run
costs less than its share of the fixed cost of a round), so it is tried and measured.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

WAIT_BUDGET_SECONDS = 1.0
SMOOTHING = 0.3  # weight of the newest measurement in a size's running cost


def quick_sizes(largest: int, steps: int = 3) -> tuple[int, ...]:
    """``largest`` and its halvings, largest first (500 -> 500, 250, 125)."""
    sizes = [largest >> step for step in range(steps)]
    return tuple(size for size in sizes if size >= 1)


class QuickSizer:
    """Chooses a size per request from the queue ahead and the measured cost of each size."""

    def __init__(
        self, sizes: tuple[int, ...], *, parallel: int, budget: float = WAIT_BUDGET_SECONDS
    ) -> None:
        self.sizes = tuple(sorted(set(sizes), reverse=True))
        self.parallel = max(parallel, 1)
        self.budget = budget
        self._lock = threading.Lock()
        self._cost: dict[int, float] = {}  # seconds an answer of that size took, smoothed
        self._pending: list[int] = []  # sizes of the answers queued or running

    def cost(self, size: int) -> float:
        """Seconds an answer of ``size`` runs is expected to take (0 before any is measured)."""
        with self._lock:
            return self._estimate(size)

    def _estimate(self, size: int) -> float:
        if size in self._cost:
            return self._cost[size]
        if not self._cost:
            return 0.0
        known = min(self._cost, key=lambda s: abs(s - size))
        return self._cost[known] * size / known

    def choose(self) -> int:
        """The largest size expected to answer within the budget, else the smallest."""
        with self._lock:
            return self._choose_locked()

    @contextmanager
    def queued(self) -> Iterator[int]:
        """Choose a size and count it among the answers ahead of later requests until done."""
        with self._lock:
            size = self._choose_locked()
            self._pending.append(size)
        try:
            yield size
        finally:
            with self._lock:
                self._pending.remove(size)

    def _choose_locked(self) -> int:
        # the answers ahead shared among the slots, then this one
        ahead = sum(self._estimate(s) for s in self._pending) / self.parallel
        for size in self.sizes:
            if ahead + self._estimate(size) <= self.budget:
                return size
        return self.sizes[-1]

    def record(self, size: int, seconds: float) -> None:
        """A measured answer: move that size's cost toward it."""
        with self._lock:
            old = self._cost.get(size)
            self._cost[size] = (
                seconds if old is None else (1 - SMOOTHING) * old + SMOOTHING * seconds
            )
