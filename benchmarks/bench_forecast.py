"""Wall times of the forecast and what-if paths (targets: DESIGN section 9 and the dashboard).

- `detente forecast` end to end as a subprocess (import, load, 20,000 runs, drivers,
  questions, printing): target under 15 s on a fresh install.
- peak resident memory of `detente forecast` at 20,000 and 100,000 runs (and at any
  --memory-runs N, e.g. 1000000: target under 1 GB; the forecast is streamed in chunks
  of 10,000 runs, so memory should not grow with --runs);
- a what-if with 10,000 runs per side (baseline + one intervention on common random
  numbers), in-process as the web dashboard calls it: target under 2 s.

Run: python benchmarks/bench_forecast.py [--memory-runs 1000000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time


def timed_subprocess(args: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``args``.

    The CPU time tells a loaded machine apart: wall >> CPU means waiting for a core.
    """
    wall, cpu, _ = measured_subprocess(args)
    return wall, cpu


def measured_subprocess(args: list[str]) -> tuple[float, float, float]:
    """Wall s, CPU s and peak resident MB of this one child (os.wait4 gives its rusage)."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, args)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def describe(label: str, samples: list[tuple[float, float]], target: str) -> None:
    walls = [w for w, _ in samples]
    cpus = [c for _, c in samples]
    print(
        f"{label}: wall best {min(walls):.2f} s, worst {max(walls):.2f} s; "
        f"CPU best {min(cpus):.2f} s ({target})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--memory-runs",
        type=int,
        nargs="*",
        default=[20_000, 100_000],
        help="--runs values whose peak memory to measure (default: %(default)s)",
    )
    args = parser.parse_args()
    detente = shutil.which("detente") or os.path.join(os.path.dirname(sys.executable), "detente")
    print(f"cores: {os.cpu_count()}")
    for runs in args.memory_runs:
        wall, cpu, peak = measured_subprocess([detente, "forecast", "--runs", str(runs)])
        print(
            f"detente forecast --runs {runs:,}: {peak:.0f} MB peak, {wall:.1f} s wall, "
            f"{cpu:.1f} s CPU (target: under 1 GB at 1,000,000 runs)"
        )
    for label, args in (
        ("detente forecast (text, 20,000 runs)", [detente, "forecast"]),
        ("detente forecast --json (20,000 runs)", [detente, "forecast", "--json"]),
    ):
        describe(label, [timed_subprocess(args) for _ in range(3)], "target < 15 s")

    from detente.analysis.interventions import parse_set_options
    from detente.analysis.whatif import compare_interventions
    from detente.scenario import load_scenario

    scenario = load_scenario("ukraine-2025-12")
    for settings in (["dynamics.influencer_cohesion=0.9"], ["arenas.eu_council.rule=qmv"]):
        intervention = parse_set_options(settings)
        assert intervention is not None
        compare_interventions(scenario, [intervention], runs=1000, seed=1)  # warm imports
        samples = []
        for seed in (1, 2, 3):
            start, cpu_start = time.perf_counter(), time.process_time()
            compare_interventions(scenario, [intervention], runs=10_000, seed=seed)
            samples.append((time.perf_counter() - start, time.process_time() - cpu_start))
        describe(
            f"what-if {settings[0]} (10,000 runs per side, in-process)", samples, "target < 2 s"
        )
    args = [detente, "whatif", "ukraine-2025-12", "--runs", "10000", "--json"]
    describe(
        "detente whatif ukraine-2025-12 (4 shipped interventions, 10,000 runs each, subprocess)",
        [timed_subprocess(args) for _ in range(2)],
        "no target",
    )


if __name__ == "__main__":
    main()
