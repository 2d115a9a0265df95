"""The uncertain numbers of a compiled scenario and their beta-PERT sampling.

``parameter_space`` keeps only numbers with low < high; the others stay at their
value in every run. Sampling follows SALib's habit: a plain problem description
in, an (n, p) array out, so sensitivity tools can supply their own designs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.process.compiled import CompiledScenario
from detente.scenario.uncertain import pert_sample


@dataclass(frozen=True)
class ParameterSpace:
    """Names (scenario paths) and (low, mode, high) of the uncertain numbers."""

    names: tuple[str, ...]
    low: np.ndarray
    mode: np.ndarray
    high: np.ndarray
    columns: np.ndarray  # int (p,): column of each name in compiled.names

    def __len__(self) -> int:
        return len(self.names)

    def index(self, name: str) -> int:
        return self.names.index(name)


def parameter_space(compiled: CompiledScenario) -> ParameterSpace:
    """Every number of the scenario that carries uncertainty (low < high)."""
    columns = np.flatnonzero(compiled.low < compiled.high)
    return ParameterSpace(
        names=tuple(compiled.names[c] for c in columns),
        low=compiled.low[columns].copy(),
        mode=compiled.mode[columns].copy(),
        high=compiled.high[columns].copy(),
        columns=columns,
    )


def sample_parameters(space: ParameterSpace, rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` beta-PERT draws of every uncertain number, shape (n, p)."""
    if len(space) == 0:
        return np.zeros((n, 0))
    return pert_sample(space.low, space.mode, space.high, rng=rng, size=n)


def full_parameters(compiled: CompiledScenario, theta: np.ndarray) -> np.ndarray:
    """Rows of every number of the scenario: the modes, with the uncertain ones from theta."""
    space_columns = np.flatnonzero(compiled.low < compiled.high)
    theta = np.asarray(theta, dtype=float)
    if theta.ndim != 2 or theta.shape[1] != space_columns.size:
        raise ValueError(
            f"theta must have shape (runs, {space_columns.size}) for this scenario's "
            f"parameter space, got {theta.shape}"
        )
    full = np.repeat(compiled.mode[None, :], theta.shape[0], axis=0)
    full[:, space_columns] = theta
    return full
