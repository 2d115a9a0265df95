"""The dashboard's compute slots: bounded, and served first come, first served (a freed
slot must not go to a newcomer ahead of the requests already waiting)."""

from __future__ import annotations

import threading
import time

from detente.web.jobs import FairSlots, SingleFlightCache


def wait_until(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.005)


def test_a_freed_slot_goes_to_the_oldest_waiter_not_to_a_newcomer() -> None:
    slots = FairSlots(1)
    order: list[str] = []

    def visit(name: str) -> None:
        with slots:
            order.append(name)

    slots.__enter__()  # the main thread holds the only slot
    threads = []
    for name in ("a", "b", "c"):
        thread = threading.Thread(target=visit, args=(name,))
        thread.start()
        threads.append(thread)
        wait_until(lambda n=len(threads): len(slots._waiting) == n)  # queued in this order
    slots.__exit__(None, None, None)
    visit("main, asking again at once")  # with threading.Semaphore it would go first
    for thread in threads:
        thread.join(10)
    assert order == ["a", "b", "c", "main, asking again at once"]


def test_no_more_than_n_computations_at_once() -> None:
    cache = SingleFlightCache(size=16, parallel=2)
    running = peak = 0
    lock = threading.Lock()

    def compute(k: int) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.02)
        with lock:
            running -= 1
        return k * k

    results: dict[int, int] = {}
    threads = [
        threading.Thread(target=lambda k=k: results.update({k: cache.get(k, lambda: compute(k))}))
        for k in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert results == {k: k * k for k in range(8)}
    assert peak == 2
