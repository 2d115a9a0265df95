"""What a clean renewal record says, three ways: figures for the model issue's calibration.

A renewal record ("of 21 six-monthly renewals of the sanctions, none was vetoed") informs the
veto cost of its decision. ``detente calibrate`` scores it pooled: the first renewal's lapse
rate q over all runs, likelihood (1 - q)^21, as if each past renewal drew a new Council from
today's uncertainty. Holding each run's Council fixed through the 21 renewals (only the
day-to-day shocks differ) is the other reading; it needs each run's own lapse chance p_i,
estimated here from R >= 21 replicates of the run up to its first renewal (same numbers,
fresh shocks), with the unbiased estimate of (1 - p_i)^21: the hypergeometric chance that 21
of the R replicates drawn without replacement all renewed. It prints:

- the veto cost's posterior (5/50/95%) under the pooled and the per-run reading;
- P(the next renewal lapses) under the prior, and conditioned on the record jointly
  (each run weighted by its own likelihood: the veto cost and the members' positions
  together), with the effective sample size;
- the numbers the record moves most (shift of the weighted mean, in prior s.d.).

The joint figure is what the record implies if the scenario's other numbers are right; the
forecast instead draws the veto cost from its one-number posterior, independently of the
members' positions, which is why its lapse figure is higher (see the README).

    python benchmarks/renewal_record.py [SCENARIO] [--runs N] [--seed S] [--points P]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from scipy.stats import hypergeom

from detente.analysis.calibration import _with_range, posterior_range
from detente.process import EventKind, compile_scenario, parameter_space, run_batch
from detente.process.engine import chunk_draws
from detente.scenario import load_scenario


def lapse_counts(compiled, theta, rng, seed, decision, replicates: int) -> np.ndarray:
    """Per run, in how many of ``replicates`` runs up to the first renewal it lapsed."""
    rounds = int(decision.renewal_rounds.min())
    counts = np.zeros(theta.shape[0], dtype=int)
    for r in range(replicates):
        stream = (
            rng if r == 0 else np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(0, r)))
        )
        log = run_batch(compiled, theta.copy(), stream, rounds=rounds)
        lapsed = log.events(EventKind.DECISION_LAPSED, issue=decision.issue)
        counts += np.bincount(log.run[lapsed], minlength=theta.shape[0]) > 0
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default="ukraine-2025-12")
    parser.add_argument("--runs", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--points", type=int, default=12)
    args = parser.parse_args()
    started = time.perf_counter()
    scenario = load_scenario(args.scenario)
    compiled = compile_scenario(scenario)
    for target in (t for t in scenario.calibration if t.decision is not None):
        column = compiled.column(target.parameter)
        prior = (
            (target.prior.low, target.prior.mode, target.prior.high)
            if target.prior
            else (
                float(compiled.low[column]),
                float(compiled.mode[column]),
                float(compiled.high[column]),
            )
        )
        believed = _with_range(compiled, column, prior)
        # the record's own decision, found by id as calibrate does
        arena = next(a for a in scenario.arenas if a.id == target.arena)
        issue = next(d.issue for d in arena.decisions if d.id == target.decision)
        vote = next(v for v in believed.votes if believed.arena_ids[v.index] == target.arena)
        decision = next(d for d in vote.decisions if believed.issue_ids[d.issue] == issue)
        n, k = int(target.renewals or 0), int(target.lapsed or 0)
        replicates = n + 3
        where = int(np.flatnonzero(parameter_space(believed).columns == column)[0])
        grid = np.linspace(prior[0], prior[2], args.points)
        pooled, per_run = [], []
        for value in grid:
            _space, theta, rng = chunk_draws(believed, args.seed, 0, args.runs)
            theta[:, where] = value
            counts = lapse_counts(believed, theta, rng, args.seed, decision, replicates)
            q = counts.mean() / replicates
            pooled.append(q**k * (1 - q) ** (n - k))
            per_run.append(float(hypergeom.pmf(k, replicates, counts, n).mean()))
        print(f"{args.scenario}: {target.id} ({k} of {n} renewals lapsed), prior {prior}")
        for label, like in (("pooled (calibrate)", pooled), ("per-run Council", per_run)):
            post = posterior_range(grid, np.array(like), *prior)
            print(f"  veto cost posterior, {label:<19} " + " / ".join(f"{x:.1f}" for x in post))
        _space, theta, rng = chunk_draws(believed, args.seed, 0, args.runs)
        counts = lapse_counts(believed, theta, rng, args.seed, decision, replicates)
        weight = hypergeom.pmf(k, replicates, counts, n)
        p = counts / replicates
        ess = weight.sum() ** 2 / max((weight**2).sum(), 1e-300)
        print(f"  P(next renewal lapses), prior:            {p.mean():.4f}")
        _space, carried, rng = chunk_draws(compiled, args.seed, 0, args.runs)
        forecast = lapse_counts(compiled, carried, rng, args.seed, decision, 1).mean()
        print(f"  P(next renewal lapses), the forecast:     {forecast:.4f} (its carried range)")
        print(
            f"  P(next renewal lapses), joint posterior:  {(weight * p).sum() / weight.sum():.4f}"
            f" (effective sample {ess:,.0f} of {args.runs:,})"
        )
        names = parameter_space(believed).names
        moved = []
        for j, name in enumerate(names):
            x = theta[:, j]
            if x.std() > 0:
                mean = (weight * x).sum() / weight.sum()
                moved.append((abs(mean - x.mean()) / x.std(), name, x.mean(), mean))
        for shift, name, before, after in sorted(moved, reverse=True)[:4]:
            print(f"  moved {shift:.2f} s.d.: {name} {before:.2f} -> {after:.2f}")
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
