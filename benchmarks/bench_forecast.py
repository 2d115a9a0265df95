"""Wall times of the forecast and what-if paths (targets: DESIGN section 9 and the dashboard).

- `detente forecast` end to end as a subprocess (import, load, 20,000 runs, drivers,
  questions, printing): target under 15 s on a fresh install.
- a what-if with 10,000 runs per side (baseline + one intervention on common random
  numbers), in-process as the web dashboard calls it: target under 2 s.

Run: python benchmarks/bench_forecast.py
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time


def timed_subprocess(args: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``args``.

    The CPU time tells a loaded machine apart: wall >> CPU means waiting for a core.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def describe(label: str, samples: list[tuple[float, float]], target: str) -> None:
    walls = [w for w, _ in samples]
    cpus = [c for _, c in samples]
    print(
        f"{label}: wall best {min(walls):.2f} s, worst {max(walls):.2f} s; "
        f"CPU best {min(cpus):.2f} s ({target})"
    )


def main() -> None:
    detente = shutil.which("detente") or os.path.join(os.path.dirname(sys.executable), "detente")
    print(f"cores: {os.cpu_count()}")
    for label, args in (
        ("detente forecast (text, 20,000 runs)", [detente, "forecast"]),
        ("detente forecast --json (20,000 runs)", [detente, "forecast", "--json"]),
    ):
        describe(label, [timed_subprocess(args) for _ in range(3)], "target < 15 s")

    from detente.analysis.interventions import parse_set_options
    from detente.analysis.whatif import compare_interventions
    from detente.scenario import load_scenario

    scenario = load_scenario("ukraine-2025-12")
    for settings in (["dynamics.channel_open_hazard=1"], ["arenas.eu_council.rule=qmv"]):
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
