"""Background refinement of what-if answers: full-size runs only when the server is idle.

Why: a slider move is answered at once from a small run (see ``Dashboard.whatif``);
the full-size answer is then computed here, one at a time, newest request first, and
only after no quick answer has been asked for a short while, so refinements never slow
down the answers people are waiting for. The queue is bounded: under sustained load
the oldest pending refinements (settings nobody looks at any more) are dropped.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager


class IdleRefiner:
    """One daemon thread running queued jobs (newest first) once requests have gone quiet."""

    def __init__(self, *, pending: int = 8, quiet_seconds: float = 0.3) -> None:
        self._pending: OrderedDict[Hashable, Callable[[], object]] = OrderedDict()
        self._limit = max(pending, 1)
        self._quiet = quiet_seconds
        self._lock = threading.Condition()
        self._active = 0
        self._last_request = 0.0
        self.dropped = 0
        self._thread = threading.Thread(target=self._loop, name="whatif-refiner", daemon=True)
        self._thread.start()

    @contextmanager
    def request(self) -> Iterator[None]:
        """Wrap a quick answer: the refiner stays paused while any is being computed."""
        with self._lock:
            self._active += 1
        try:
            yield
        finally:
            with self._lock:
                self._active -= 1
                self._last_request = time.monotonic()
                self._lock.notify_all()

    def submit(self, key: Hashable, job: Callable[[], object]) -> None:
        with self._lock:
            self._pending[key] = job
            self._pending.move_to_end(key)
            while len(self._pending) > self._limit:
                self._pending.popitem(last=False)
                self.dropped += 1
            self._lock.notify_all()

    def pending(self) -> int:
        with self._lock:
            return len(self._pending)

    def _next_job(self) -> Callable[[], object]:
        with self._lock:
            while True:
                quiet_for = time.monotonic() - self._last_request
                if self._pending and self._active == 0 and quiet_for >= self._quiet:
                    return self._pending.popitem(last=True)[1]
                wait = None if not self._pending else max(self._quiet - quiet_for, 0.05)
                self._lock.wait(timeout=wait)

    def _loop(self) -> None:
        while True:
            job = self._next_job()
            with contextlib.suppress(Exception):  # a failed refinement: the next request retries
                job()
