"""A cheap ranking of what drives agreement: rank correlation of each sampled parameter
with the per-run agreement indicator, from one ordinary Monte Carlo run.

Why Spearman and not Sobol here: it costs nothing beyond the forecast's own runs, and
its sign says which way a parameter pushes. It is a marginal, monotone association
(it misses interactions and non-monotone effects); ``detente sensitivity`` gives
variance-based indices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from detente.analysis.outcomes import share


@dataclass(frozen=True)
class Driver:
    parameter: str
    spearman: float
    direction: str  # "raises" or "lowers" the probability of the outcome


def average_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n of a 1-D array, ties sharing their average rank (as scipy's rankdata).

    Written out because importing scipy.stats costs about a second of the forecast's
    start-up, more than the whole ranking.
    """
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    starts_group = np.empty(values.shape[0], dtype=bool)
    starts_group[:1] = True
    starts_group[1:] = ordered[1:] != ordered[:-1]
    group = np.cumsum(starts_group) - 1
    starts = np.flatnonzero(starts_group)
    ends = np.append(starts[1:], values.shape[0])
    ranks = np.empty(values.shape[0], dtype=np.float64)
    ranks[order] = ((starts + ends + 1) / 2.0)[group]
    return ranks


def _ranks(values: np.ndarray) -> np.ndarray:
    if values.ndim == 1:
        return average_ranks(values)
    return np.column_stack([average_ranks(values[:, k]) for k in range(values.shape[1])])


def spearman_drivers(
    theta: np.ndarray, names: tuple[str, ...], indicator: np.ndarray, top: int = 5
) -> tuple[Driver, ...]:
    """The ``top`` parameters with the largest |Spearman rho| against ``indicator``.

    Parameters or outcomes that never vary carry no information and are left out.
    """
    n = indicator.shape[0]
    if theta.size == 0 or n < 3:
        return ()
    y = indicator.astype(np.float64)
    if np.all(y == y[0]):
        return ()
    ry = _ranks(y)
    ry = (ry - ry.mean()) / ry.std()
    rx = _ranks(theta)
    std = rx.std(axis=0)
    varying = std > 0
    rho = np.zeros(theta.shape[1])
    rho[varying] = ((rx[:, varying] - rx[:, varying].mean(axis=0)) / std[varying]).T @ ry / n
    order = np.argsort(-np.abs(rho), kind="stable")
    return tuple(
        Driver(names[k], float(rho[k]), "raises" if rho[k] > 0 else "lowers")
        for k in order[:top]
        if varying[k] and rho[k] != 0
    )


TAIL = 0.2  # tornado: bottom and top 20% of each driver's draws


def tornado(
    theta: np.ndarray, names: tuple[str, ...], indicator: np.ndarray, drivers: list[str]
) -> dict[str, Any]:
    """P(outcome) when each driver is in the bottom vs the top ``TAIL`` of its draws.

    The same runs as the forecast: a conditional share within a slice of the draws,
    with its binomial standard error; the bar spans low -> high around the overall share.
    """
    overall, overall_se = share(indicator)
    rows = []
    index = {name: k for k, name in enumerate(names)}
    for name in drivers:
        k = index.get(name)
        if k is None:
            continue
        column = theta[:, k]
        low_cut, high_cut = np.quantile(column, [TAIL, 1 - TAIL])
        p_low, se_low = share(indicator[column <= low_cut])
        p_high, se_high = share(indicator[column >= high_cut])
        rows.append(
            {
                "parameter": name,
                "low_value": float(low_cut),
                "high_value": float(high_cut),
                "p_low": p_low,
                "p_low_se": se_low,
                "p_high": p_high,
                "p_high_se": se_high,
            }
        )
    return {"overall": overall, "overall_se": overall_se, "tail": TAIL, "rows": rows}
