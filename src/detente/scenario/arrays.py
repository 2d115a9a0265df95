"""A scenario as numpy arrays (actors x issues) for the solvers and the simulator."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # not at run time: imported tables make arrays without the pydantic schema
    from detente.scenario.schema import Scenario
    from detente.scenario.uncertain import Uncertain


def _triple(values: list[Uncertain | None], fill: float) -> np.ndarray:
    """Stack Uncertain values into an array of shape (..., 3): low, mode, high."""
    return np.array(
        [(v.low, v.mode, v.high) if v is not None else (fill, fill, fill) for v in values],
        dtype=float,
    )


@dataclass(frozen=True)
class ScenarioArrays:
    """Positions, saliences and capabilities as (low, mode, high) arrays.

    ``position`` and ``salience`` have shape (actors, issues, 3); an actor with no
    stated position on an issue has salience 0 there (it does not count) and its
    position is set to the status quo so arithmetic stays finite.
    """

    actor_ids: tuple[str, ...]
    issue_ids: tuple[str, ...]
    position: np.ndarray
    salience: np.ndarray
    capability: np.ndarray
    status_quo: np.ndarray
    has_position: np.ndarray

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> ScenarioArrays:
        actors, issues = scenario.actor_ids, scenario.issue_ids
        n, m = len(actors), len(issues)
        status_quo = _triple([i.status_quo for i in scenario.issues], 0.0)
        position = np.broadcast_to(status_quo[None, :, 1:2], (n, m, 3)).copy()
        salience = np.zeros((n, m, 3))
        has_position = np.zeros((n, m), dtype=bool)
        a_index = {a: k for k, a in enumerate(actors)}
        i_index = {i: k for k, i in enumerate(issues)}
        for p in scenario.positions:
            a, i = a_index[p.actor], i_index[p.issue]
            position[a, i] = (p.position.low, p.position.mode, p.position.high)
            salience[a, i] = (p.salience.low, p.salience.mode, p.salience.high)
            has_position[a, i] = True
        capability = _triple([a.capability for a in scenario.actors], 0.0)
        return cls(actors, issues, position, salience, capability, status_quo, has_position)

    def modes(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Most likely positions (n, m), saliences (n, m) and capabilities (n,)."""
        return self.position[..., 1], self.salience[..., 1], self.capability[:, 1]

    def sample(
        self, rng: np.random.Generator, size: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Beta-PERT draws: positions and saliences (size, n, m), capabilities (size, n)."""
        from detente.scenario.uncertain import pert_sample

        x = pert_sample(*np.moveaxis(self.position, -1, 0), rng=rng, size=size)
        s = pert_sample(*np.moveaxis(self.salience, -1, 0), rng=rng, size=size)
        c = pert_sample(*np.moveaxis(self.capability, -1, 0), rng=rng, size=size)
        return x, s, c
