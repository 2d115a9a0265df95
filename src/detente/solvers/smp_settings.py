"""The SMP's options and KTAB's constants, apart so every SMP module can share them.

The turn modules need the settings and thresholds, and ``smp`` needs the turn modules;
keeping the options here avoids an import cycle and gives one place to read what can be
chosen (see ``smp`` for what each option means in KTAB).
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.solvers.pce import PCE_MODELS, VOTING_RULES
from detente.solvers.smp_kernel import COMPILED_FROM_ACTORS
from detente.solvers.validation import SolverInputError

RISK_RANGES = ("min", "mid", "max")
RISK_ADJUSTS = {
    "full": (0.0, 1.0),
    "two-thirds": (1 / 3, 2 / 3),
    "half": (0.5, 0.5),
    "one-third": (2 / 3, 1 / 3),
    "none": (1.0, 0.0),
}  # (weight of own r, of other's)
THIRD_PARTY = ("full", "semi", "none")
INTERPOLATIONS = ("S1P1", "S2P2", "S2PMax")
BARGAIN_MODELS = ("init-only", "init-receiver", "pw-compromise")
MIN_GAIN = 1e-5  # KTAB's minSigEDU
MIN_CHALLENGE_COALITION = 1e-10  # KTAB's minCltn


@dataclass(frozen=True)
class SMPSettings:
    """KTAB's options for the SMP, with KTAB's defaults."""

    voting_rule: str = "proportional"
    victory_exponent: float = 1.0
    pce_model: str = "conditional"
    risk_range: str = "mid"
    risk_adjust: str = "one-third"
    third_party: str = "semi"
    interpolation: str = "S2P2"
    bargain_model: str = "init-only"
    min_turns: int = 2
    max_turns: int = 100
    min_delta_ratio: float = 0.02
    min_sig_delta: float = 1e-4
    position_tolerance: float = 1e-3
    state_transition: str = "deterministic"  # or "stochastic": draw the bargain by its PCE odds
    use_numba: bool = True  # the O(n^3) challenge step compiled; False = pure numpy
    numba_from_actors: int = COMPILED_FROM_ACTORS  # smaller cases run in numpy (numba import)

    def check(self) -> None:
        choices = {
            "voting_rule": VOTING_RULES,
            "pce_model": PCE_MODELS,
            "risk_range": RISK_RANGES,
            "risk_adjust": tuple(RISK_ADJUSTS),
            "third_party": THIRD_PARTY,
            "interpolation": INTERPOLATIONS,
            "bargain_model": BARGAIN_MODELS,
            "state_transition": ("deterministic", "stochastic"),
        }
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise SolverInputError(
                    f"SMP setting {name}={getattr(self, name)!r} is unknown",
                    hint=f"choose one of {', '.join(allowed)}",
                )
        if self.max_turns < 1 or self.min_turns < 1:
            raise SolverInputError(
                "SMP min_turns and max_turns must be at least 1", hint="e.g. max_turns=100"
            )
