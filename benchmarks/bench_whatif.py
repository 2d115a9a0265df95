"""In-process what-if speed: 10,000 runs per side of ukraine-2025-12 (target < 2 s, 2 cores).

Times ``compare_interventions`` (baseline + one intervention on common random numbers,
the scenario's default questions answered on both sides) with the sides simulated one
after the other (``--workers 1``) and in parallel processes (default 2), and the
dashboard's quick first answer (``run_whatif`` on a prepared small baseline). Prints
wall time and CPU time of this process plus its worker processes: on a shared machine
wall >> CPU / workers means waiting for a core.

Run: python benchmarks/bench_whatif.py [--runs 10000] [--workers 2] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import time

from detente.analysis.interventions import parse_set_options
from detente.analysis.whatif import compare_interventions
from detente.scenario import load_scenario
from detente.web.settings import DEFAULT_QUICK_RUNS
from detente.web.whatif_runner import default_questions, run_whatif, simulate_baseline

SCENARIO = "ukraine-2025-12"
SETTING = "dynamics.influencer_cohesion=0.9"


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(call) -> tuple[float, float]:
    start, cpu = time.perf_counter(), cpu_seconds()
    call()
    return time.perf_counter() - start, cpu_seconds() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    scenario = load_scenario(SCENARIO)
    questions = default_questions(scenario, SCENARIO)
    intervention = parse_set_options([SETTING])
    assert intervention is not None
    compare_interventions(scenario, [intervention], runs=1000, seed=1)  # warm imports, kernels
    for workers in sorted({1, args.workers}):
        samples = [
            timed(
                lambda seed=seed, workers=workers: compare_interventions(
                    scenario,
                    [intervention],
                    runs=args.runs,
                    seed=seed,
                    questions=questions,
                    workers=workers,
                )
            )
            for seed in range(1, args.repeat + 1)
        ]
        walls = sorted(w for w, _ in samples)
        print(
            f"what-if {SETTING}, {args.runs:,} runs per side, workers {workers}: wall "
            f"{', '.join(f'{w:.2f}' for w in walls)} s; CPU best {min(c for _, c in samples):.2f}"
            f" s (target < 2 s)"
        )
    quick = simulate_baseline(scenario, runs=DEFAULT_QUICK_RUNS, seed=1, questions=questions)
    run_whatif(quick, {"dynamics.influencer_cohesion": 0.5})
    samples = [
        timed(lambda v=v: run_whatif(quick, {"dynamics.influencer_cohesion": v}))
        for v in (0.6, 0.7, 0.8, 0.9, 1.0)
    ]
    walls = sorted(w for w, _ in samples)
    print(
        f"dashboard quick answer ({DEFAULT_QUICK_RUNS:,} runs, one side replayed): wall median "
        f"{walls[len(walls) // 2]:.3f} s, best {walls[0]:.3f} s"
    )


if __name__ == "__main__":
    main()
