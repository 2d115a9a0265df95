"""Compute-once caches for the dashboard: the baseline forecast and what-if results.

Why single-flight: twenty people (or a load test) dragging the same slider to the same
value should cost one simulation, not twenty; the first request computes, the others
wait on its future. A semaphore bounds how many simulations run at once, so memory
stays proportional to a few batches whatever the number of clients; it serves waiters
in arrival order, so under load every request waits about as long as the others.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Any


class FairSlots:
    """At most ``n`` holders at once, handed out first come, first served.

    Why not threading.Semaphore: a freed slot there goes to whichever thread asks
    first, so a client that has just been answered and asks again can overtake those
    already waiting; under 20 clients the slowest answers waited twice the median.
    """

    def __init__(self, n: int) -> None:
        self._lock = threading.Lock()
        self._free = max(n, 1)
        self._waiting: deque[threading.Event] = deque()

    def __enter__(self) -> FairSlots:
        with self._lock:
            if self._free > 0 and not self._waiting:
                self._free -= 1
                return self
            turn = threading.Event()
            self._waiting.append(turn)
        turn.wait()  # the releasing thread hands its slot over directly
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().set()
            else:
                self._free += 1


class SingleFlightCache:
    """A bounded LRU of results; concurrent requests for one key share one computation."""

    def __init__(self, size: int, parallel: int) -> None:
        self._size = max(size, 1)
        self._lock = threading.Lock()
        self._items: OrderedDict[Hashable, Future[Any]] = OrderedDict()
        self._slots = FairSlots(parallel)

    def peek(self, key: Hashable) -> Any | None:
        """The finished result for ``key``, or None if it is absent, running or failed."""
        with self._lock:
            future = self._items.get(key)
        if future is None or not future.done() or future.exception() is not None:
            return None
        return future.result()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            future = self._items.get(key)
            owner = future is None
            if owner:
                future = Future()
                self._items[key] = future
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
            else:
                self._items.move_to_end(key)
        assert future is not None
        if owner:
            try:
                with self._slots:
                    future.set_result(compute())
            except BaseException as exc:  # the error goes to every waiter, then is forgotten
                future.set_exception(exc)
                with self._lock:
                    if self._items.get(key) is future:
                        del self._items[key]
        return future.result()
