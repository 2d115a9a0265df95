"""Speed of the static solvers; prints figures (python benchmarks/bench_solvers.py).

Targets (DESIGN section 9 / issue 4): SMP on dummyData-a080 under 1 s, on SOE-Pol-Comp
under 20 ms; compromise on 10,000 draws x 10 actors x 8 issues under 10 ms; SMP cost at
40, 80, 160 actors. These are in-process figures (imports and numba's cache load
excluded); KTAB's figures printed beside them are whole `smpc` processes recorded
elsewhere (../shared/data/README.md). bench_smp_vs_ktab.py compares whole processes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from detente.scenario.importers.ktab import read_ktab_arrays
from detente.solvers.bargaining import nash_bargaining
from detente.solvers.compromise import weighted_mean, weighted_median
from detente.solvers.exchange import exchange_model
from detente.solvers.expected_utility import expected_utility
from detente.solvers.smp import spatial_model

KTAB = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "ktab"


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    fn()  # warm-up (numba loads its cached kernel)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def read_ktab(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return read_ktab_arrays(KTAB / f"{name}.csv")


def main() -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 100, (10_000, 10, 8))
    s = rng.uniform(1, 100, (10_000, 10, 8))
    c = rng.uniform(1, 100, (10_000, 10))
    t = best_of(lambda: weighted_mean(x, s, c))
    print(f"compromise weighted mean, 10,000 draws x 10 actors x 8 issues: {1e3 * t:.2f} ms")
    t = best_of(lambda: weighted_median(x, s, c))
    print(f"weighted median, same draws:                                  {1e3 * t:.2f} ms")

    xs, ss, cs = read_ktab("SOE-Pol-Comp")
    runs = spatial_model(xs, ss, cs).turns
    t = best_of(lambda: spatial_model(xs, ss, cs), 10)
    print(
        f"SMP SOE-Pol-Comp (13 x 2, {int(runs)} turns): {1e3 * t:.1f} ms   "
        "(KTAB process 280 ms, recorded elsewhere)"
    )
    sizes, costs = [], []
    for name, n in (("dummyData-a040", 40), ("dummyData-a080", 80), ("dummyData-a160", 160)):
        xa, sa, ca = read_ktab(name)
        turns = int(spatial_model(xa, sa, ca).turns)
        t = best_of(lambda xa=xa, sa=sa, ca=ca: spatial_model(xa, sa, ca), 3)
        sizes.append(n)
        costs.append(t / turns)
        ktab = {40: " (KTAB process 7.3 s", 80: " (KTAB process 76.5 s"}.get(n, "")
        ktab += ", recorded elsewhere)" if ktab else ""
        print(
            f"SMP {name} ({n} x 1, {turns} turns): {t:.3f} s, {1e3 * t / turns:.1f} ms/turn{ktab}"
        )
    slope = np.polyfit(np.log(sizes), np.log(costs), 1)[0]
    print(f"SMP cost per turn grows about n^{slope:.2f} (KTAB's whole run: about n^3.3)")

    xe = rng.uniform(0, 100, (1000, 10, 1))
    se = rng.uniform(10, 100, (1000, 10, 1))
    ce = rng.uniform(1, 10, (1000, 10))
    t = best_of(lambda: expected_utility(xe, se, ce), 3)
    print(f"expected utility, 1,000 draws x 10 actors x 8 rounds: {1e3 * t:.0f} ms")
    xx = rng.uniform(0, 100, (100, 15, 13))
    sx = rng.uniform(1, 100, (100, 15, 13))
    cx = rng.uniform(1, 10, (100, 15))
    t = best_of(lambda: exchange_model(xx, sx, cx), 3)
    print(f"exchange, 100 draws x 15 actors x 13 issues: {1e3 * t:.0f} ms")
    t = best_of(lambda: nash_bargaining(x[:1000], s[:1000], c[:1000]), 3)
    print(f"Nash bargaining, 1,000 draws x 10 actors x 8 issues: {1e3 * t:.0f} ms")


if __name__ == "__main__":
    main()
