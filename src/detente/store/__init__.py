"""Run history: scenarios by content hash, runs, forecasts (DuckDB, one file)."""

from detente.store.paths import default_store_path
from detente.store.run_store import (
    RunStore,
    StoreError,
    open_store,
    record_forecast_file,
    scenario_hash,
)

__all__ = [
    "RunStore",
    "StoreError",
    "default_store_path",
    "open_store",
    "record_forecast_file",
    "scenario_hash",
]
