"""Cost of conditioning a large simulated log on observed events (forecast --observed).

Run: python benchmarks/bench_conditioning.py [--runs N]  (prints its figures; no assertions)

Reads the example observations shipped with the built-in scenario, simulates N runs,
then times the check of every observation (one pass of masks per observation) and the
selection of the kept runs, and compares them with the simulation they filter.
"""

from __future__ import annotations

import argparse
import time
from importlib import resources

from detente.forecast.conditioning import condition
from detente.forecast.observed import load_observations
from detente.forecast.questions.check import Vocabulary
from detente.process import simulate
from detente.scenario import load_scenario

SCENARIO = "ukraine-2025-12"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100_000)
    runs = parser.parse_args().runs
    scenario = load_scenario(SCENARIO)
    example = resources.files("detente.scenario.builtin") / f"{SCENARIO}.observed-example.yaml"
    observations = load_observations(str(example), Vocabulary.from_scenario(scenario))

    start = time.perf_counter()
    log = simulate(scenario, runs=runs, seed=0)
    simulated = time.perf_counter() - start
    print(f"simulate: {runs:,} runs in {simulated:.2f} s ({len(log):,} events)")

    start = time.perf_counter()
    kept, counts = condition(log, observations)
    elapsed = time.perf_counter() - start
    print(
        f"condition: {len(observations.items)} observations on {runs:,} runs in "
        f"{elapsed * 1000:.0f} ms ({100 * elapsed / simulated:.1f}% of the simulation); "
        f"kept {counts.kept:,} runs ({100 * counts.kept / runs:.1f}%), {len(kept):,} events"
    )


if __name__ == "__main__":
    main()
