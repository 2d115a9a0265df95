"""Run a Monte Carlo job on the local machine or on a Dask cluster, results to Parquet.

Both engines call the same task (``simulate_chunk_to_parquet``) with the same
(setting, chunk) pairs, and chunk k always draws from
``SeedSequence(seed, spawn_key=(k,))``, so the numbers do not depend on the engine,
the number of workers or the order in which chunks finish.

Why a window of tasks in flight: a 10-million-run sweep is a thousand tasks; the
client submits a few per worker thread and tops up as results come back, so the
scheduler and the client hold a bounded number of futures, each a small summary.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from detente.distributed.chunk_results import MonteCarloJob, simulate_chunk_to_parquet
from detente.distributed.results import ResultSet
from detente.scenario.errors import DetenteError

ENGINES = ("local", "dask")
ChunkDone = Callable[[dict[str, Any]], None]


def _prepare(out_dir: str | Path) -> Path:
    """An output folder free of old chunk files (they would be counted as this job's runs)."""
    path = Path(out_dir)
    stale = list(path.glob("setting=*"))
    if any(path.iterdir() if path.exists() else ()) and not stale:
        raise DetenteError(
            f"output folder {path} is not empty and holds no detente results",
            hint="give a new or empty folder",
        )
    for folder in stale:
        shutil.rmtree(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def run_local(
    job: MonteCarloJob, out_dir: str | Path, *, on_chunk: ChunkDone | None = None
) -> ResultSet:
    """Every chunk in this process, one after the other."""
    path = _prepare(out_dir)
    summaries = []
    for setting, chunk, size, first in job.tasks():
        summary = simulate_chunk_to_parquet(job, setting, chunk, size, first, str(path))
        summaries.append(summary)
        if on_chunk:
            on_chunk(summary)
    return ResultSet(job=job, out_dir=path, chunks=tuple(summaries))


@contextlib.contextmanager
def dask_client(
    scheduler: str | None = None, *, workers: int = 2, processes: bool = True
) -> Iterator[Any]:
    """A client of the cluster at ``scheduler`` (tcp://host:8786), or of a LocalCluster.

    The LocalCluster listens on 127.0.0.1 only and runs no dashboard.
    """
    import dask
    from dask.distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as exc:
            raise DetenteError(
                f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                hint="start one with 'dask scheduler' and give its tcp://host:8786 address",
            ) from None
        with client:
            yield client
        return
    with (
        # Dask's nanny sets MALLOC_TRIM_THRESHOLD_=65536 in its workers, which turns off
        # glibc's adaptive mmap threshold: every large numpy temporary is then mapped and
        # unmapped again, and a chunk costs ~3x the CPU (measured: 80x the page faults).
        # Chunks free all their memory when they end, so leave glibc's default.
        dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            protocol="tcp",  # also for threads: the same code path as a real cluster
            host="127.0.0.1",
            dashboard_address=None,
            # the scheduler's small HTTP server (health, metrics) still starts:
            # keep it on loopback, on any free port
            scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run_on_client(
    job: MonteCarloJob,
    out_dir: str | Path,
    client: Any,
    *,
    in_flight_per_thread: int = 2,
    on_chunk: ChunkDone | None = None,
) -> ResultSet:
    """Run the job's chunks as Dask tasks; each worker writes its chunk's Parquet file.

    ``out_dir`` must be a folder every worker can write and the client can read
    (the same path on a shared file system for a multi-machine cluster).
    """
    from dask.distributed import as_completed

    path = _prepare(out_dir)
    # hash=False: a fresh key per call, so a finished job's release never races a new one
    [job_on_cluster] = client.scatter([job], broadcast=True, hash=False)
    threads = max(sum(client.nthreads().values()), 1)
    pending = iter(job.tasks())
    token = job_on_cluster.key if isinstance(job_on_cluster.key, str) else str(job_on_cluster.key)

    def submit(task: tuple[int, int, int, int]) -> Any:
        setting, chunk, size, first = task
        return client.submit(
            simulate_chunk_to_parquet,
            job_on_cluster,
            setting,
            chunk,
            size,
            first,
            str(path.resolve()),
            key=f"detente-chunk-{setting}-{chunk}-{token[-12:]}",
            retries=1,
        )

    flow = as_completed([submit(t) for t in islice(pending, in_flight_per_thread * threads)])
    summaries = []
    for future in flow:
        summary = future.result()
        future.release()
        summaries.append(summary)
        if on_chunk:
            on_chunk(summary)
        following = next(pending, None)
        if following is not None:
            flow.add(submit(following))
    job_on_cluster.release()
    summaries.sort(key=lambda s: (s["setting"], s["chunk"]))
    return ResultSet(job=job, out_dir=path, chunks=tuple(summaries))


def run_dask(
    job: MonteCarloJob,
    out_dir: str | Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    on_chunk: ChunkDone | None = None,
) -> ResultSet:
    """Run the job on the cluster at ``scheduler`` or on a LocalCluster of ``workers``."""
    with dask_client(scheduler, workers=workers) as client:
        return run_on_client(job, out_dir, client, on_chunk=on_chunk)


def run_job(
    job: MonteCarloJob,
    out_dir: str | Path,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 2,
    on_chunk: ChunkDone | None = None,
) -> ResultSet:
    if engine == "local":
        if scheduler:
            raise DetenteError("--scheduler needs --engine dask", hint="add --engine dask")
        return run_local(job, out_dir, on_chunk=on_chunk)
    if engine == "dask":
        return run_dask(job, out_dir, scheduler=scheduler, workers=workers, on_chunk=on_chunk)
    raise DetenteError(f"unknown engine {engine!r}", hint=f"one of {', '.join(ENGINES)}")


@contextlib.contextmanager
def engine_session(
    engine: str = "local", *, scheduler: str | None = None, workers: int = 2
) -> Iterator[Callable[..., ResultSet]]:
    """One engine for several jobs (e.g. the snapshots of a backtest): a LocalCluster is
    started once, not per job. Yields ``run(job, out_dir, on_chunk=None) -> ResultSet``."""
    if engine == "local":
        if scheduler:
            raise DetenteError("--scheduler needs --engine dask", hint="add --engine dask")
        yield run_local
        return
    if engine != "dask":
        raise DetenteError(f"unknown engine {engine!r}", hint=f"one of {', '.join(ENGINES)}")
    with dask_client(scheduler, workers=workers) as client:

        def run(
            job: MonteCarloJob, out_dir: str | Path, *, on_chunk: ChunkDone | None = None
        ) -> ResultSet:
            return run_on_client(job, out_dir, client, on_chunk=on_chunk)

        yield run
