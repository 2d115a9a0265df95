"""Process simulator speed: 100,000 runs x 26 rounds of ukraine-2025-12 (target < 10 s, 2 cores).

Run: python benchmarks/bench_process.py [--runs N] [--workers W] [--chunk-size C]
Prints runs/s, wall time, CPU time and peak resident memory (resource.getrusage).
Workers are processes (simulate(..., workers=W)); results do not depend on W.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from detente.process import compile_scenario, simulate
from detente.scenario import builtin_names, load_scenario

SCENARIO = "ukraine-2025-12"


def scenario():
    if SCENARIO in builtin_names():
        return SCENARIO, load_scenario(SCENARIO)
    # until the built-in exists: the simulator tests' small cycle scenario
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from process_scenarios import cycle_scenario

    return "tests/process_scenarios.cycle (built-in not found)", cycle_scenario()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=26)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk-size", type=int, default=10_000)
    args = parser.parse_args()
    name, sc = scenario()
    compiled = compile_scenario(sc)
    simulate(compiled, runs=1000, seed=0, rounds=args.rounds)  # warm up imports and caches
    start = time.perf_counter()
    log = simulate(
        compiled,
        runs=args.runs,
        seed=1,
        rounds=args.rounds,
        chunk_size=args.chunk_size,
        workers=args.workers,
    )
    wall = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mb = own.ru_maxrss / 1024
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    print(f"scenario      {name}")
    print(
        f"runs x rounds {args.runs:,} x {args.rounds} (chunk {args.chunk_size:,}, "
        f"workers {args.workers})"
    )
    print(f"wall time     {wall:.2f} s")
    print(f"runs/s        {args.runs / wall:,.0f}")
    print(f"events        {len(log):,} ({len(log) / args.runs:.1f} per run)")
    print(f"cpu time      {cpu:.2f} s (all processes, including the warm-up)")
    print(
        f"peak RSS      {peak_mb:,.0f} MB (main process; largest worker "
        f"{children.ru_maxrss / 1024:,.0f} MB)"
    )
    shares = log.outcome_shares(args.rounds * compiled.round_days)
    print("outcome at the last round: " + ", ".join(f"{k} {v:.3f}" for k, v in shares.items()))


if __name__ == "__main__":
    main()
