"""Can a coarse first what-if answer be trusted? Coverage of its 95% interval.

The dashboard answers a fresh slider setting first from as few as 125 runs, then refines
it. For eight random slider moves this compares every (date, outcome) cell of the coarse
answer with the full answer (4,000 runs, same seed): the share of cells whose full-size
difference lies within the coarse difference +- 1.96 paired SE. A paired SE of exactly 0
where no coarse run changed would fail this wherever the full answer moved.

    python benchmarks/quick_answer_coverage.py [SCENARIO ...] [--coarse N] [--full N]
"""

from __future__ import annotations

import argparse

import numpy as np

from detente.scenario import load_scenario
from detente.web.sliders import scenario_sliders
from detente.web.whatif_runner import default_questions, run_whatif, simulate_baseline

SEED = 20251204
MOVES = 8


def coverage(source: str, coarse: int, full: int) -> str:
    """One line: cells inside the coarse interval, its median half-width, the largest miss."""
    scenario = load_scenario(source)
    questions = default_questions(scenario, source)
    small = simulate_baseline(scenario, runs=coarse, seed=SEED, questions=questions)
    large = simulate_baseline(scenario, runs=full, seed=SEED, questions=questions)
    sliders = scenario_sliders(scenario, [])
    rng = np.random.default_rng(3)
    inside = total = 0
    widths: list[float] = []
    misses: list[float] = [0.0]
    for k in rng.choice(len(sliders), size=min(MOVES, len(sliders)), replace=False):
        slider = sliders[int(k)]
        step = float(rng.choice([-20, -10, 10, 20])) * slider.step
        value = float(np.clip(slider.value + step, slider.low, slider.high))
        rough = run_whatif(small, {slider.path: value}).to_dict()["comparisons"][0]["dates"]
        exact = run_whatif(large, {slider.path: value}).to_dict()["comparisons"][0]["dates"]
        for rough_date, exact_date in zip(rough, exact, strict=True):
            for cell, truth in zip(rough_date["outcomes"], exact_date["outcomes"], strict=True):
                half = 1.96 * cell["difference_se"]
                miss = abs(truth["difference"] - cell["difference"])
                total += 1
                widths.append(half)
                if miss <= half + 1e-12:
                    inside += 1
                else:
                    misses.append(miss)
    return (
        f"{scenario.id}: {inside} of {total} cells: the {full}-run difference lies inside the "
        f"{coarse}-run 95% interval; median half-width {100 * np.median(widths):.1f} pp; "
        f"largest miss {100 * max(misses):.1f} pp"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", default=["ukraine-2025-12", "drc-m23-2025"])
    parser.add_argument("--coarse", type=int, default=125)
    parser.add_argument("--full", type=int, default=4000)
    args = parser.parse_args()
    for source in args.scenarios:
        print(coverage(source, args.coarse, args.full), flush=True)


if __name__ == "__main__":
    main()
