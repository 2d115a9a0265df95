"""What a rejection record says about the size of the per-round shock.

The luck share (``detente diagnose``) rests mostly on ``dynamics.decision_noise``: on
ukraine-2025-12 the round flag goes from 20% at 1 point to 40% at 2. Can the scenario's own
record size that number? For each record read over its dates (``window`` and ``accepted``),
this scores the record with the shock's true size fixed on a grid (every other number drawn
from its range, resolve private as in ``detente calibrate``) and prints the likelihood, its
ratio to the best, and the likelihood interval (values at least half as likely as the best).
A flat stretch over the declared range means the record cannot tell those sizes apart, and
the share of agreements a shock carried is a judgement the record does not pin.

    python benchmarks/noise_record.py [SCENARIO] [--runs N] [--seed S]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from detente.analysis.calibration import _with_true_value, window_record_likelihood
from detente.process import compile_scenario
from detente.scenario import load_scenario

NOISE = "dynamics.decision_noise"
GRID = (0.0, 1.0, 2.0, 3.0, 5.0, 8.0, 12.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default="ukraine-2025-12")
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    scenario = load_scenario(args.scenario)
    compiled = compile_scenario(scenario)
    column = compiled.column(NOISE)
    low, mode, high = (float(a[column]) for a in (compiled.low, compiled.mode, compiled.high))
    records = [t for t in scenario.calibration if t.accepted is not None]
    if not records:
        raise SystemExit(f"{args.scenario}: no record read over its dates (window, accepted)")
    for target in records:
        likelihood = np.array(
            [
                window_record_likelihood(
                    _with_true_value(compiled, column, v, runs=args.runs, seed=args.seed),
                    target,
                )[0]
                for v in GRID
            ]
        )
        best = likelihood.max()
        print(f"{target.id}: {target.record}")
        print(f"  scenario's {NOISE}: {mode:g} [{low:g}-{high:g}]")
        for v, p in zip(GRID, likelihood, strict=True):
            print(f"  noise {v:4g}: P(record) {p:.3f}  ratio to best {p / best:.2f}")
        kept = np.array(GRID)[likelihood >= 0.5 * best]
        print(f"  likelihood interval {kept.min():g}..{kept.max():g}")
    print(f"({args.runs:,} runs a point, seed {args.seed}; {time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
