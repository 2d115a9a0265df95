"""Monte Carlo runs that keep their sampled parameters, and paired runs for what-if.

``process.simulate`` returns only the event log; the driver ranking needs the
parameter draws (theta) of every run and the what-if comparison needs the baseline and
the intervention to share every random number. Both follow the chunk seeding of
PROCESS_API.md: chunk k uses ``default_rng(SeedSequence(seed, spawn_key=(k,)))`` first
for ``sample_parameters`` and then for the process noise of ``run_batch``, so the
baseline here is the same run set that ``simulate(runs=, seed=)`` gives.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from detente.process import (
    CompiledScenario,
    EventLog,
    ParameterSpace,
    chunk_rng,
    parameter_space,
    run_batch,
    sample_parameters,
)
from detente.process.engine import chunk_sizes

DEFAULT_CHUNK = 10_000


@dataclass(frozen=True)
class SampledRuns:
    """An event log plus the parameter draws behind it (row i of theta is run i)."""

    log: EventLog
    theta: np.ndarray
    space: ParameterSpace


def simulate_with_parameters(
    compiled: CompiledScenario,
    *,
    runs: int,
    seed: int,
    chunk_size: int = DEFAULT_CHUNK,
    rounds: int | None = None,
) -> SampledRuns:
    """Like process.simulate, but also returns theta (n_runs, p)."""
    result = paired_runs(compiled, (), runs=runs, seed=seed, chunk_size=chunk_size, rounds=rounds)
    return result[0]


def align_parameters(
    theta: np.ndarray, source: ParameterSpace, target: ParameterSpace
) -> np.ndarray:
    """Theta of ``source`` re-expressed for ``target``: same draws for the same names.

    A name the intervention fixed (set to one value) is no longer in the target space
    and its column is dropped. A name whose range changed is mapped quantile to quantile
    through the beta-PERT CDFs, so run i still sits at the same place in the distribution.
    A name only the target has (rare) is held at its mode.
    """
    index = {name: k for k, name in enumerate(source.names)}
    columns = []
    for j, name in enumerate(target.names):
        k = index.get(name)
        triple_t = (target.low[j], target.mode[j], target.high[j])
        if k is None:
            columns.append(np.full(theta.shape[0], target.mode[j]))
            continue
        triple_s = (source.low[k], source.mode[k], source.high[k])
        if np.allclose(triple_s, triple_t, rtol=0, atol=0):
            columns.append(theta[:, k])
        else:
            columns.append(_pert_ppf(_pert_cdf(theta[:, k], *triple_s), *triple_t))
    if not columns:
        return np.empty((theta.shape[0], 0))
    return np.column_stack(columns)


def _pert_shape(low: float, mode: float, high: float) -> tuple[float, float, float]:
    width = high - low
    return 1.0 + 4.0 * (mode - low) / width, 1.0 + 4.0 * (high - mode) / width, width


def _pert_cdf(x: np.ndarray, low: float, mode: float, high: float) -> np.ndarray:
    from scipy.special import betainc  # the regularised incomplete beta = beta CDF

    a, b, width = _pert_shape(low, mode, high)
    return betainc(a, b, np.clip((x - low) / width, 0.0, 1.0))


def _pert_ppf(u: np.ndarray, low: float, mode: float, high: float) -> np.ndarray:
    from scipy.special import betaincinv

    a, b, width = _pert_shape(low, mode, high)
    return low + width * betaincinv(a, b, u)


def paired_runs(
    baseline: CompiledScenario,
    alternatives: Sequence[CompiledScenario],
    *,
    runs: int,
    seed: int,
    chunk_size: int = DEFAULT_CHUNK,
    rounds: int | None = None,
) -> list[SampledRuns]:
    """Baseline and each alternative on common random numbers; the baseline comes first.

    Per chunk: draw theta from the baseline's parameter space, snapshot the generator,
    and run the baseline and every alternative (with the aligned theta) each from its
    own copy of that snapshot. A run therefore differs between baseline and alternative
    only through what the intervention changed (as far as the simulator consumes noise
    in the same order, which it does while array shapes do not change). Sides run one
    after the other: a thread pool gave no speed-up (the simulator's many small numpy
    calls hold the GIL).
    """
    spaces = [parameter_space(baseline)] + [parameter_space(c) for c in alternatives]
    compiled = [baseline, *alternatives]
    logs: list[list[EventLog]] = [[] for _ in compiled]
    thetas: list[list[np.ndarray]] = [[] for _ in compiled]
    for k, n in enumerate(chunk_sizes(runs, chunk_size)):
        rng = chunk_rng(seed, k)
        theta = sample_parameters(spaces[0], rng, n)
        snapshot = copy.deepcopy(rng)
        for j, (scenario, space) in enumerate(zip(compiled, spaces, strict=True)):
            own = theta if j == 0 else align_parameters(theta, spaces[0], space)
            noise = rng if j == 0 else copy.deepcopy(snapshot)
            logs[j].append(run_batch(scenario, own, noise, rounds=rounds))
            thetas[j].append(own)
    return [
        SampledRuns(
            EventLog.concat(chunk_logs) if len(chunk_logs) > 1 else chunk_logs[0],
            np.concatenate(chunk_thetas, axis=0),
            space,
        )
        for chunk_logs, chunk_thetas, space in zip(logs, thetas, spaces, strict=True)
    ]
