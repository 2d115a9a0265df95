"""Backtests: what each scenario snapshot would have forecast, scored on resolutions."""

from detente.backtest.backtesting import BacktestResult, SnapshotResult, backtest, score_set
from detente.backtest.snapshots import Snapshot, load_snapshot

__all__ = [
    "BacktestResult",
    "Snapshot",
    "SnapshotResult",
    "backtest",
    "load_snapshot",
    "score_set",
]
