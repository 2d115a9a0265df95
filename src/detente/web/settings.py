"""What a dashboard instance serves: which scenarios, how many runs, where the evidence is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from detente.analysis.outcomes import DEFAULT_MONTHS
from detente.analysis.runs import DEFAULT_SEED
from detente.web.quick_sizes import WAIT_BUDGET_SECONDS
from detente.web.security import DEFAULT_MAX_BODY

DEFAULT_SCENARIO = "ukraine-2025-12"
LOOPBACK_NAMES = ("127.0.0.1", "localhost")
DEFAULT_RUNS = 10_000
DEFAULT_QUICK_RUNS = 500  # about 0.39 s of CPU per first answer of ukraine-2025-12 here (0.3.0+)


@dataclass(frozen=True)
class WebSettings:
    """Settings of one dashboard; tests pass small ``runs`` to stay fast."""

    scenarios: tuple[str, ...] = (DEFAULT_SCENARIO,)  # built-in names or YAML paths
    runs: int = DEFAULT_RUNS
    seed: int = DEFAULT_SEED
    months: tuple[int, ...] = DEFAULT_MONTHS  # report dates after as_of (forecast, what-if)
    sources: Path | None = None  # folder of documents for the evidence page
    store: Path | None = None  # DuckDB evidence store
    max_body_bytes: int = DEFAULT_MAX_BODY
    max_parallel_runs: int = 2  # simulations at once; more requests wait their turn
    whatif_cache: int = 256  # distinct what-if settings remembered per server
    # A fresh slider setting is answered at once from this many runs (paired with a
    # baseline of the same size), then refined to ``runs`` in the background when the
    # server is idle; 0 (or >= runs) answers with the full count straight away.
    whatif_quick_runs: int = DEFAULT_QUICK_RUNS
    # Under load a first answer uses half or a quarter of that when the answers queued
    # ahead would make it wait longer than this many seconds (web/quick_sizes.py).
    whatif_wait_budget: float = WAIT_BUDGET_SECONDS
    # Worker processes for those quick answers (the simulator holds the GIL, so threads
    # share one core); 0 computes them in the server process.
    whatif_workers: int = 2
    # Host headers accepted: a page on another site that rebinds its DNS name to
    # 127.0.0.1 (DNS rebinding) must not be able to read the dashboard.
    allowed_hosts: tuple[str, ...] = LOOPBACK_NAMES
