"""Backtests: what each scenario snapshot would have forecast, scored on resolutions;
rolling: one snapshot re-conditioned on the events observed month by month."""

from detente.backtest.backtesting import BacktestResult, SnapshotResult, backtest, score_set
from detente.backtest.rolling import MonthResult, RollingResult, rolling_backtest
from detente.backtest.snapshots import Snapshot, load_snapshot

__all__ = [
    "BacktestResult",
    "MonthResult",
    "RollingResult",
    "Snapshot",
    "SnapshotResult",
    "backtest",
    "load_snapshot",
    "rolling_backtest",
    "score_set",
]
