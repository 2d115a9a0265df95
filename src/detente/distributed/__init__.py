"""Monte Carlo jobs and sweeps in chunks, on this machine or a Dask cluster, to Parquet."""

from detente.distributed.chunk_results import MonteCarloJob, simulate_chunk_to_parquet
from detente.distributed.engines import ENGINES, dask_client, run_dask, run_job, run_local
from detente.distributed.results import ResultSet

__all__ = [
    "ENGINES",
    "MonteCarloJob",
    "ResultSet",
    "dask_client",
    "run_dask",
    "run_job",
    "run_local",
    "simulate_chunk_to_parquet",
]
