"""Speed of parsing and evaluating forecast questions on a large simulated log.

Run: python benchmarks/bench_questions.py  (prints its figures; no assertions)
"""

from __future__ import annotations

import time

from detente.forecast import (
    builtin_questions_path,
    evaluate_question,
    load_questions,
    outcome_probabilities,
    parse_question,
    settlement_summary,
)
from detente.forecast.questions.check import Vocabulary
from detente.process import simulate
from detente.scenario import load_scenario

SCENARIO = "ukraine-2025-12"
RUNS = 100_000


def main() -> None:
    scenario = load_scenario(SCENARIO)
    path = builtin_questions_path(SCENARIO)
    specs = load_questions(path, Vocabulary.from_scenario(scenario))

    text = " or ".join(f"({s.tree.predicate})" for s in specs) + " by 2026-12-04"
    start = time.perf_counter()
    for _ in range(1_000):
        parse_question(text)
    parse_ms = time.perf_counter() - start  # seconds per 1000 = ms per parse
    print(f"parse: {parse_ms:.3f} ms per question of {len(text)} characters")

    start = time.perf_counter()
    log = simulate(scenario, runs=RUNS, seed=0)
    print(f"simulate: {RUNS} runs in {time.perf_counter() - start:.2f} s ({len(log)} events)")

    start = time.perf_counter()
    for spec in specs:
        evaluate_question(spec.tree, log)
    elapsed = time.perf_counter() - start
    print(
        f"evaluate: {len(specs)} questions on {RUNS} runs in {elapsed * 1000:.1f} ms "
        f"({elapsed / len(specs) * 1000:.1f} ms per question)"
    )

    dates = [s.resolution_date for s in specs]
    settlement_summary(log)  # warm-up: numpy imports its percentile machinery lazily
    start = time.perf_counter()
    outcome_probabilities(log, dates)
    settlement_summary(log)
    print(
        f"outcome_probabilities ({len(dates)} dates) + settlement_summary: "
        f"{(time.perf_counter() - start) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
