"""The static compromise model's settlement (modes of the scenario), kept beside the
simulation as a cross-check: where capability x salience weighted positions land with
no process at all."""

from __future__ import annotations

from dataclasses import dataclass

from detente.scenario.arrays import ScenarioArrays
from detente.scenario.schema import Scenario
from detente.solvers.compromise import plain_mean, weighted_mean, weighted_median


@dataclass(frozen=True)
class CompromiseRow:
    issue: str
    name: str
    status_quo: float
    weighted_mean: float
    weighted_median: float
    mean: float


def static_compromise(scenario: Scenario) -> tuple[CompromiseRow, ...]:
    arrays = ScenarioArrays.from_scenario(scenario)
    x, sal, cap = arrays.modes()
    mean, median, plain = (
        weighted_mean(x, sal, cap),
        weighted_median(x, sal, cap),
        plain_mean(x, sal),
    )
    return tuple(
        CompromiseRow(
            issue.id,
            issue.name,
            float(issue.status_quo.mode),
            float(mean[k]),
            float(median[k]),
            float(plain[k]),
        )
        for k, issue in enumerate(scenario.issues)
    )
