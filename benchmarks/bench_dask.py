"""Dask engine throughput: N simulated negotiations on a LocalCluster of 2 workers.

Run: python benchmarks/bench_dask.py [--runs N] [--chunk-size C] [--workers W]
                                     [--scheduler tcp://host:8786]
Default N = 10,000,000 (several minutes on 2 free cores); --runs 200000 is a quick check.

Each chunk is simulated on a worker, its questions answered and its per-run results
written to Parquet in a temporary folder; the client only collects file names. Prints
throughput (runs/s) and peak memory: the sum of the workers' peak resident set sizes
plus the client's (resource.getrusage, ru_maxrss). Memory is bounded by the chunk
size, not by N: compare the figures of two sizes of N.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time


def peak_rss_mib() -> float:
    """Peak resident memory of the calling process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def warm_up() -> None:
    """Import what a chunk task needs (pyarrow pulls in pandas on first use)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet

    import detente.distributed.chunk_results  # noqa: F401

    pa.array(np.zeros(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000_000)
    parser.add_argument("--chunk-size", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scheduler", default=None, help="an existing cluster (default: local)")
    parser.add_argument("--scenario", default="ukraine-2025-12")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    from detente.backtest.snapshots import load_snapshot
    from detente.distributed import MonteCarloJob, dask_client
    from detente.distributed.engines import run_on_client
    from detente.process import compile_scenario

    snapshot = load_snapshot(args.scenario)
    job = MonteCarloJob(
        compiled=compile_scenario(snapshot.scenario),
        questions=snapshot.questions,
        runs=args.runs,
        seed=args.seed,
        chunk_size=args.chunk_size,
    )
    n_chunks = len(job.chunk_sizes())
    print(
        f"{args.scenario}: {args.runs:,} runs in {n_chunks:,} chunks of {args.chunk_size:,}, "
        f"{len(job.questions)} questions, seed {args.seed}",
        flush=True,
    )
    with (
        dask_client(args.scheduler, workers=args.workers) as client,
        tempfile.TemporaryDirectory(prefix="detente-bench-") as folder,
    ):
        threads = sum(client.nthreads().values())
        client.run(warm_up)  # imports are start-up cost, not throughput
        done = {"runs": 0, "bytes": 0, "cpu": 0.0, "next_report": time.perf_counter() + 30}
        started = time.perf_counter()

        def progress(summary: dict) -> None:
            done["runs"] += summary["runs"]
            done["bytes"] += summary["bytes"]
            done["cpu"] += summary["cpu_seconds"]
            now = time.perf_counter()
            if now >= done["next_report"]:
                rate = done["runs"] / (now - started)
                print(f"  {done['runs']:,} runs, {rate:,.0f} runs/s", flush=True)
                done["next_report"] = now + 30

        result = run_on_client(job, folder, client, on_chunk=progress)
        simulated = time.perf_counter() - started
        forecasts = result.forecasts()
        aggregated = time.perf_counter() - started - simulated
        worker_peaks = client.run(peak_rss_mib)
    client_peak = peak_rss_mib()
    workers_total = sum(worker_peaks.values())
    print(f"workers: {len(worker_peaks)} ({threads} threads)")
    print(f"simulate + answer + write Parquet: {simulated:.1f} s")
    print(f"throughput: {args.runs / simulated:,.0f} runs/s")
    per_core = args.runs / done["cpu"]
    print(
        f"worker CPU: {done['cpu']:.1f} s = {per_core:,.0f} runs per CPU-second "
        f"({per_core * threads:,.0f} runs/s if every worker thread had a free core)"
    )
    print(f"aggregate from Parquet (DuckDB): {aggregated:.2f} s")
    print(f"Parquet written: {done['bytes'] / 2**20:,.1f} MiB")
    print(
        "peak memory: "
        + ", ".join(f"worker {k} {v:,.0f} MiB" for k, v in enumerate(worker_peaks.values()))
        + f", client {client_peak:,.0f} MiB; total {workers_total + client_peak:,.0f} MiB"
    )
    first = forecasts[0]
    print(f"e.g. {first.id}: p = {first.probability:.4f} ± {first.standard_error:.4f}")


if __name__ == "__main__":
    main()
