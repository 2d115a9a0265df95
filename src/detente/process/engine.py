"""The Monte Carlo engine: chunks of runs, each seeded on its own, joined into one log.

Chunk k (0-based) draws its parameters and its process noise from
``np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(k,)))``, so the
numbers of chunk k do not depend on how many chunks run before it, in which
process, or on which machine (local threads, a process pool, dask). Memory is
bounded by ``chunk_size`` runs plus the compact logs.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import nullcontext
from functools import partial

import numpy as np

from detente.process.compiled import CompiledScenario, compile_scenario
from detente.process.eventlog import EventLog
from detente.process.parameters import ParameterSpace, parameter_space, sample_parameters
from detente.process.simulator import run_batch
from detente.process.utility import preload_kernels
from detente.scenario.errors import DetenteError
from detente.scenario.schema import Scenario


def chunk_rng(seed: int, chunk: int) -> np.random.Generator:
    """The generator of chunk ``chunk`` of a simulation with ``seed`` (PROCESS_API.md)."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(chunk,)))


def chunk_draws(
    compiled: CompiledScenario, seed: int, chunk: int, size: int
) -> tuple[ParameterSpace, np.ndarray, np.random.Generator]:
    """Chunk ``chunk``'s parameter draws (size, p) and its generator, ready for the process
    noise: what every engine and every analysis draws first for that chunk."""
    rng = chunk_rng(seed, chunk)
    space = parameter_space(compiled)
    return space, sample_parameters(space, rng, size), rng


def chunk_sizes(runs: int, chunk_size: int) -> list[int]:
    full, rest = divmod(runs, chunk_size)
    return [chunk_size] * full + ([rest] if rest else [])


def run_chunk(
    compiled: CompiledScenario,
    seed: int,
    chunk: int,
    size: int,
    *,
    rounds: int | None = None,
    drafting: str = "compromise",
    overrides: Mapping[str, float] | None = None,
    shocks_felt: bool = True,
) -> EventLog:
    """Chunk ``chunk`` of a simulation: what any engine (local, dask) must compute for it.

    Parameters are drawn over the scenario's own parameter space and the overridden
    columns are then fixed, so a what-if shares every other random number with the
    baseline (common random numbers make differences sharper).
    """
    space, theta, rng = chunk_draws(compiled, seed, chunk, size)
    target = compiled
    if overrides:
        target = compiled.with_overrides(overrides)
        fixed = {compiled.column(name) for name in overrides}
        keep = [k for k, col in enumerate(space.columns) if col not in fixed]
        theta = theta[:, keep]
    return run_batch(target, theta, rng, rounds=rounds, drafting=drafting, shocks_felt=shocks_felt)


def iter_chunks(
    compiled: CompiledScenario,
    *,
    runs: int,
    seed: int,
    chunk_size: int = 10_000,
    rounds: int | None = None,
    drafting: str = "compromise",
    overrides: Mapping[str, float] | None = None,
) -> Iterator[EventLog]:
    """The chunk logs of ``simulate`` one after the other, for callers that reduce each
    chunk and drop it: memory then grows with ``chunk_size``, not with ``runs``.

    Chunk k's runs are numbered 0..size-1 within it; ``EventLog.concat`` of all chunks
    is exactly what ``simulate`` returns.
    """
    for k, size in enumerate(chunk_sizes(runs, chunk_size)):
        yield run_chunk(
            compiled, seed, k, size, rounds=rounds, drafting=drafting, overrides=overrides
        )


def simulate(
    scenario_or_compiled: Scenario | CompiledScenario,
    *,
    runs: int,
    seed: int,
    chunk_size: int = 10_000,
    rounds: int | None = None,
    drafting: str = "compromise",
    overrides: Mapping[str, float] | None = None,
    progress: bool = False,
    workers: int = 1,
    executor: str = "process",
    shocks_felt: bool = True,
) -> EventLog:
    """Run ``runs`` simulated negotiations in chunks and return their joined event log.

    ``overrides`` fix numbers (scenario paths, e.g. ``dynamics.resolve.RUS``) at the
    start of every run; an exogenous event that edits the same number still does so
    when it fires.

    ``workers`` > 1 runs chunks in a pool of that many processes (``executor="process"``,
    forked where the platform allows) or threads (``executor="thread"``; the loop is
    made of many small numpy calls, so threads gain little). The result is identical
    for any number of workers and either executor.

    ``shocks_felt=False`` is for the luck diagnostic (``run_batch``).
    """
    if runs < 1:
        raise DetenteError(f"runs must be at least 1, got {runs}", hint="e.g. --runs 10000")
    if chunk_size < 1:
        raise DetenteError(f"chunk_size must be at least 1, got {chunk_size}", hint="e.g. 10000")
    compiled = (
        scenario_or_compiled
        if isinstance(scenario_or_compiled, CompiledScenario)
        else compile_scenario(scenario_or_compiled)
    )
    if overrides:
        compiled.with_overrides(overrides)  # fail early on a bad name or value
    sizes = chunk_sizes(runs, chunk_size)
    one = partial(
        _chunk_job,
        compiled,
        seed,
        sizes,
        {
            "rounds": rounds,
            "drafting": drafting,
            "overrides": overrides,
            "shocks_felt": shocks_felt,
        },
    )
    if workers > 1 and len(sizes) > 1:
        preload_kernels(max(sizes))
    logs: list[EventLog] = []
    with _progress(progress) as tracker:
        task = tracker.add_task("simulating", total=runs) if tracker else None
        with worker_pool(min(workers, len(sizes)), executor) as pool:
            results = pool.map(one, range(len(sizes))) if pool else map(one, range(len(sizes)))
            for k, log in enumerate(results):
                logs.append(log)
                if tracker:
                    tracker.advance(task, sizes[k])
    return logs[0] if len(logs) == 1 else EventLog.concat(logs)


def _chunk_job(
    compiled: CompiledScenario, seed: int, sizes: list[int], options: dict, k: int
) -> EventLog:
    return run_chunk(compiled, seed, k, sizes[k], **options)


def worker_pool(workers: int, executor: str = "process") -> Executor | nullcontext[None]:
    """The pool every chunked simulation maps its chunks over (None for one worker):
    forked processes where the platform allows, else spawned; or threads."""
    if workers <= 1:
        return nullcontext()
    if executor == "thread":
        return ThreadPoolExecutor(max_workers=workers)
    if executor != "process":
        raise DetenteError(
            f"unknown executor {executor!r}", hint="use executor='process' or 'thread'"
        )
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _progress(enabled: bool):
    if not enabled:
        return nullcontext()
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        transient=True,
    )
