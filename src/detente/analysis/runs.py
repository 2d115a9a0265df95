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
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial

import numpy as np

from detente.process import (
    CompiledScenario,
    EventLog,
    ParameterSpace,
    parameter_space,
    run_batch,
)
from detente.process.engine import chunk_draws, chunk_sizes, worker_pool
from detente.process.utility import preload_kernels

DEFAULT_CHUNK = 10_000
# every command's Monte Carlo defaults, so 'ask', 'forecast', 'whatif' and the report agree
DEFAULT_RUNS = 20_000
DEFAULT_SEED = 20251204


@dataclass(frozen=True)
class SampledRuns:
    """An event log plus the parameter draws behind it (row i of theta is run i)."""

    log: EventLog
    theta: np.ndarray
    space: ParameterSpace

    @staticmethod
    def join(parts: Sequence[SampledRuns]) -> SampledRuns:
        """Consecutive chunks as one run set (runs renumbered through, theta stacked)."""
        if len(parts) == 1:
            return parts[0]
        log = EventLog.concat([p.log for p in parts])
        return SampledRuns(log, np.concatenate([p.theta for p in parts], axis=0), parts[0].space)


def simulate_with_parameters(
    compiled: CompiledScenario,
    *,
    runs: int,
    seed: int,
    chunk_size: int = DEFAULT_CHUNK,
    rounds: int | None = None,
) -> SampledRuns:
    """Like process.simulate, but also returns theta (n_runs, p)."""
    return SampledRuns.join(
        list(
            iter_sampled_chunks(
                compiled, runs=runs, seed=seed, chunk_size=chunk_size, rounds=rounds
            )
        )
    )


ChunkFilter = Callable[[EventLog], np.ndarray]
"""Given a chunk's log, a bool mask over its runs: those to keep (e.g. the runs consistent
with observed events). Applied to each chunk before anything is accumulated."""


def iter_sampled_chunks(
    compiled: CompiledScenario,
    *,
    runs: int,
    seed: int,
    chunk_size: int = DEFAULT_CHUNK,
    rounds: int | None = None,
    workers: int = 1,
) -> Iterator[SampledRuns]:
    """The chunks of ``simulate_with_parameters`` one at a time (same seeding, same runs).

    Why: a summary that reduces each chunk to counts and drops it needs memory for one
    chunk, whatever ``runs`` is. With ``workers`` > 1 the chunks are simulated in that many
    forked processes, at most ``workers`` + 1 in flight, and yielded in order: the same
    numbers (chunk k is seeded on its own), memory still bounded by a few chunks.
    """
    sizes = chunk_sizes(runs, chunk_size)
    job = partial(_sampled_chunk, compiled, seed, sizes, rounds)
    if workers <= 1 or len(sizes) == 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(job, range(len(sizes)))
        return
    preload_kernels(max(sizes))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque = deque()
        for k in range(len(sizes)):
            pending.append(pool.submit(job, k))
            if len(pending) > workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _sampled_chunk(
    compiled: CompiledScenario, seed: int, sizes: list[int], rounds: int | None, k: int
) -> SampledRuns:
    space, theta, rng = chunk_draws(compiled, seed, k, sizes[k])
    return SampledRuns(run_batch(compiled, theta, rng, rounds=rounds), theta, space)


def select_runs(sampled: SampledRuns, keep: np.ndarray) -> SampledRuns:
    """The runs where ``keep`` (bool, n_runs) is true, renumbered 0..k-1 in order."""
    log = sampled.log
    keep = np.asarray(keep, dtype=bool)
    if keep.shape != (log.n_runs,):
        raise ValueError(f"run mask has shape {keep.shape}, expected ({log.n_runs},)")
    if keep.all():
        return sampled
    return SampledRuns(log.select(keep), sampled.theta[keep], sampled.space)


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
        if all(a == b for a, b in zip(triple_s, triple_t, strict=True)):  # exactly equal
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


@dataclass(frozen=True)
class PairedBaseline:
    """A baseline simulation kept so that alternatives can replay its random numbers.

    Per chunk: the parameter draws and a copy of the chunk generator taken right after
    them (before any process noise); an alternative run copies that state again.
    """

    compiled: CompiledScenario
    sampled: SampledRuns
    chunk_thetas: tuple[np.ndarray, ...]
    chunk_generators: tuple[np.random.Generator, ...]
    rounds: int | None


def simulate_baseline(
    compiled: CompiledScenario,
    *,
    runs: int,
    seed: int,
    chunk_size: int = DEFAULT_CHUNK,
    rounds: int | None = None,
) -> PairedBaseline:
    """Simulate the baseline with the chunk seeding of PROCESS_API.md, keeping what replay needs."""
    logs, thetas, generators = [], [], []
    space = parameter_space(compiled)
    for k, n in enumerate(chunk_sizes(runs, chunk_size)):
        space, theta, rng = chunk_draws(compiled, seed, k, n)
        generators.append(copy.deepcopy(rng))
        thetas.append(theta)
        logs.append(run_batch(compiled, theta, rng, rounds=rounds))
    sampled = SampledRuns(_joined(logs), np.concatenate(thetas, axis=0), space)
    return PairedBaseline(compiled, sampled, tuple(thetas), tuple(generators), rounds)


def replay(baseline: PairedBaseline, alternative: CompiledScenario) -> SampledRuns:
    """Run ``alternative`` on the baseline's random numbers (common random numbers).

    Run i gets the baseline's parameter draws (aligned by name with
    ``align_parameters``) and its process noise from a copy of the same generator
    state, so it differs from baseline run i only through what the alternative changed
    (as far as the simulator consumes noise in the same order for both).
    """
    source = baseline.sampled.space
    space = parameter_space(alternative)
    logs, thetas = [], []
    for theta, generator in zip(baseline.chunk_thetas, baseline.chunk_generators, strict=True):
        own = align_parameters(theta, source, space)
        logs.append(run_batch(alternative, own, copy.deepcopy(generator), rounds=baseline.rounds))
        thetas.append(own)
    return SampledRuns(_joined(logs), np.concatenate(thetas, axis=0), space)


def _joined(logs: list[EventLog]) -> EventLog:
    return logs[0] if len(logs) == 1 else EventLog.concat(logs)


def paired_runs(
    baseline: CompiledScenario,
    alternatives: Sequence[CompiledScenario],
    *,
    runs: int,
    seed: int,
    chunk_size: int = DEFAULT_CHUNK,
    rounds: int | None = None,
    workers: int = 1,
) -> list[SampledRuns]:
    """Baseline and each alternative on common random numbers; the baseline comes first.

    Every (side, chunk) is one job: chunk k of an alternative draws the baseline's
    parameters and starts from the generator state right after them (exactly what
    ``replay`` gives), so it does not wait for the baseline. With ``workers`` > 1 the
    jobs run in the engine's process pool (threads gained nothing: the simulator's
    many small numpy calls hold the GIL); the numbers do not depend on ``workers``.
    """
    sizes = chunk_sizes(runs, chunk_size)
    sides = [baseline, *alternatives]
    jobs = [(side, k) for side in range(len(sides)) for k in range(len(sizes))]
    job = partial(_paired_chunk, baseline, tuple(sides), seed, sizes, rounds)
    if workers > 1 and len(jobs) > 1:
        preload_kernels(max(sizes))
    with worker_pool(min(workers, len(jobs))) as pool:
        parts = list(pool.map(job, jobs) if pool else map(job, jobs))
    per_side = [parts[i * len(sizes) : (i + 1) * len(sizes)] for i in range(len(sides))]
    return [SampledRuns.join(chunks) for chunks in per_side]


def _paired_chunk(
    baseline: CompiledScenario,
    sides: tuple[CompiledScenario, ...],
    seed: int,
    sizes: list[int],
    rounds: int | None,
    job: tuple[int, int],
) -> SampledRuns:
    side, k = job
    source, theta, rng = chunk_draws(baseline, seed, k, sizes[k])
    if side == 0:
        return SampledRuns(run_batch(baseline, theta, rng, rounds=rounds), theta, source)
    target = parameter_space(sides[side])
    own = align_parameters(theta, source, target)
    return SampledRuns(run_batch(sides[side], own, rng, rounds=rounds), own, target)
