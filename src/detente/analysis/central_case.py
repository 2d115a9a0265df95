"""The central case: every number at its mode, known to every party, and no shocks.

Why: a forecast's agreements can come from three places, and an analyst should know
which. The bargaining itself (the central case agrees), the uncertainty of the numbers
(it does not, but runs drawn from the ranges' tails do: a side with a low resolve), or
the per-round shocks (``diagnostics.noise_dependence``). With complete information and
no shocks the model is Fearon's benchmark: the sides agree at once where a text beats
fighting on for each of them and never where none does, unless something the scenario
dates (an event, a lever, mounting costs, the front) opens the range later. The runs
differ only by which events fire, so their spread is the events' doing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.analysis.diagnostics import NOISE, TrackDecisions, decisions
from detente.analysis.outcomes import agreement_indicator
from detente.process import CompiledScenario, parameter_space, simulate


@dataclass(frozen=True)
class CentralCase:
    runs: int
    agreed: float  # share of runs with an agreement by the horizon
    first_day: int | None  # earliest agreement day among them (None: none agreed)
    median_day: int | None  # median agreement day among them
    decisions: tuple[TrackDecisions, ...]  # texts and who turned them down, per run


def central_overrides(compiled: CompiledScenario) -> dict[str, float]:
    """Every uncertain number fixed at its mode (so the mediator's prior is a point: it
    knows), and ``decision_noise`` at 0 where the scenario has it."""
    space = parameter_space(compiled)
    fixed = {name: float(mode) for name, mode in zip(space.names, space.mode, strict=True)}
    if compiled.dynamic(NOISE.removeprefix("dynamics.")) >= 0:
        fixed[NOISE] = 0.0
    return fixed


def central_case(
    compiled: CompiledScenario, *, runs: int, seed: int, horizon_day: int
) -> CentralCase:
    """Simulate the central case ``runs`` times (only the events' firing differs)."""
    log = simulate(compiled, runs=runs, seed=seed, overrides=central_overrides(compiled))
    agreed = agreement_indicator(log, horizon_day)
    days = log.settlement_day[agreed & (log.settlement_day >= 0)]
    return CentralCase(
        runs=runs,
        agreed=float(agreed.mean()),
        first_day=int(days.min()) if days.size else None,
        median_day=int(np.median(days)) if days.size else None,
        decisions=decisions(log, horizon_day),
    )
