"""Proper scores of probability forecasts against yes/no outcomes (pure numpy).

Conventions: the Brier score is the mean squared difference between forecast
and outcome (0 best, 1 worst). The log score is the mean natural log of the
probability given to what happened (0 best, higher is better, always <= 0);
probabilities are first clipped to [1e-6, 1 - 1e-6] so a confident miss costs
ln(1e-6) ~ -13.8 instead of minus infinity.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CLIP = 1e-6


def _arrays(forecasts: np.ndarray, outcomes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    p = np.asarray(forecasts, dtype=np.float64)
    y = np.asarray(outcomes, dtype=np.float64)
    if p.shape != y.shape or p.ndim != 1:
        raise ValueError("forecasts and outcomes must be 1-D arrays of the same length")
    if np.any((p < 0) | (p > 1) | np.isnan(p)):
        raise ValueError("forecasts must be probabilities in [0, 1]")
    if np.any((y != 0) & (y != 1)):
        raise ValueError("outcomes must be 0 or 1")
    return p, y


def brier_score(forecasts: np.ndarray, outcomes: np.ndarray) -> float:
    """Mean of (p - y)^2; NaN for no forecasts."""
    p, y = _arrays(forecasts, outcomes)
    return float(np.mean((p - y) ** 2)) if p.size else float("nan")


def log_score(forecasts: np.ndarray, outcomes: np.ndarray) -> float:
    """Mean of ln(p) where y = 1 and ln(1 - p) where y = 0, p clipped to [1e-6, 1 - 1e-6]."""
    p, y = _arrays(forecasts, outcomes)
    if not p.size:
        return float("nan")
    p = np.clip(p, CLIP, 1.0 - CLIP)
    return float(np.mean(np.where(y == 1, np.log(p), np.log1p(-p))))


@dataclass(frozen=True)
class CalibrationBin:
    lower: float
    upper: float
    count: int
    mean_forecast: float
    observed_frequency: float


def calibration_table(
    forecasts: np.ndarray, outcomes: np.ndarray, bins: int = 10
) -> list[CalibrationBin]:
    """Equal-width bins of forecast probability ([0, 0.1), ..., [0.9, 1.0]); empty bins left out."""
    p, y = _arrays(forecasts, outcomes)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, bins - 1)
    counts = np.bincount(which, minlength=bins)
    sum_p = np.bincount(which, weights=p, minlength=bins)
    sum_y = np.bincount(which, weights=y, minlength=bins)
    return [
        CalibrationBin(
            lower=float(edges[k]),
            upper=float(edges[k + 1]),
            count=int(counts[k]),
            mean_forecast=float(sum_p[k] / counts[k]),
            observed_frequency=float(sum_y[k] / counts[k]),
        )
        for k in range(bins)
        if counts[k]
    ]


@dataclass(frozen=True)
class Scores:
    n: int
    brier: float
    log: float
    calibration: list[CalibrationBin]


def score_forecasts(forecasts: np.ndarray, outcomes: np.ndarray, bins: int = 10) -> Scores:
    p, y = _arrays(forecasts, outcomes)
    return Scores(
        n=int(p.size),
        brier=brier_score(p, y),
        log=log_score(p, y),
        calibration=calibration_table(p, y, bins),
    )
