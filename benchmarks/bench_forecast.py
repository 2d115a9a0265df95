"""Wall times of the forecast and what-if paths (targets: DESIGN section 9 and the dashboard).

- `detente forecast` end to end as a subprocess (import, load, 20,000 runs, drivers,
  questions, printing): target under 15 s on a fresh install.
- a what-if with 10,000 runs per side (baseline + one intervention on common random
  numbers), in-process as the web dashboard calls it: target under 2 s.

Run: python benchmarks/bench_forecast.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time


def timed_subprocess(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    detente = shutil.which("detente") or os.path.join(os.path.dirname(sys.executable), "detente")
    print(f"cores: {os.cpu_count()}")
    for label, args in (
        ("detente forecast (text, 20,000 runs)", [detente, "forecast"]),
        ("detente forecast --json (20,000 runs)", [detente, "forecast", "--json"]),
    ):
        times = [timed_subprocess(args) for _ in range(3)]
        print(f"{label}: best {min(times):.2f} s, worst {max(times):.2f} s (target < 15 s)")

    from detente.analysis.interventions import parse_set_options
    from detente.analysis.whatif import compare_interventions
    from detente.scenario import load_scenario

    scenario = load_scenario("ukraine-2025-12")
    for settings in (["dynamics.channel_open_hazard=1"], ["arenas.eu_council.rule=qmv"]):
        intervention = parse_set_options(settings)
        assert intervention is not None
        compare_interventions(scenario, [intervention], runs=1000, seed=1)  # warm imports
        times = []
        for seed in (1, 2, 3):
            start = time.perf_counter()
            compare_interventions(scenario, [intervention], runs=10_000, seed=seed)
            times.append(time.perf_counter() - start)
        print(
            f"what-if {settings[0]} (10,000 runs per side, in-process): "
            f"best {min(times):.2f} s, worst {max(times):.2f} s (target < 2 s)"
        )
    times = [
        timed_subprocess([detente, "whatif", "ukraine-2025-12", "--runs", "10000", "--json"])
        for _ in range(2)
    ]
    print(
        f"detente whatif ukraine-2025-12 (4 shipped interventions, 10,000 runs each, "
        f"subprocess): best {min(times):.2f} s"
    )


if __name__ == "__main__":
    main()
