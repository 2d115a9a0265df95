"""Uncertain numbers: a scalar, or ``{low, mode, high}`` sampled as a beta-PERT."""

from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, model_validator


class Uncertain(BaseModel):
    """A number a person typed with its honest range; a scalar means certain."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    low: float
    mode: float
    high: float

    @model_validator(mode="before")
    @classmethod
    def _from_scalar(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("expected a number or {low, mode, high}, got a boolean")
        if isinstance(value, int | float):
            return {"low": value, "mode": value, "high": value}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Uncertain:
        if not all(np.isfinite([self.low, self.mode, self.high])):
            raise ValueError("low, mode and high must be finite numbers")
        if not self.low <= self.mode <= self.high:
            raise ValueError(
                f"need low <= mode <= high, got low={self.low}, mode={self.mode}, "
                f"high={self.high}; reorder the three values"
            )
        return self

    @property
    def is_certain(self) -> bool:
        return self.low == self.high

    @property
    def text(self) -> str:
        """'3' for a point, '1 [-2-3]' (mode [low-high]) for a range: how show prints it."""
        if self.is_certain:
            return f"{self.mode:g}"
        return f"{self.mode:g} [{self.low:g}-{self.high:g}]"

    def within(self, lower: float, upper: float) -> bool:
        return lower <= self.low and self.high <= upper


def pert_sample(
    low: np.ndarray, mode: np.ndarray, high: np.ndarray, rng: np.random.Generator, size: int
) -> np.ndarray:
    """Draw ``size`` beta-PERT samples for each element of the broadcast arrays.

    Returns shape ``(size, *low.shape)``. Where ``low == high`` the value is
    returned exactly (no draw is consumed differently: the beta draw is made and
    discarded so that adding certainty elsewhere does not shift other streams).
    """
    low, mode, high = np.broadcast_arrays(
        np.asarray(low, float), np.asarray(mode, float), np.asarray(high, float)
    )
    width = high - low
    safe_width = np.where(width > 0, width, 1.0)
    alpha = 1.0 + 4.0 * (mode - low) / safe_width
    beta = 1.0 + 4.0 * (high - mode) / safe_width
    draws = rng.beta(alpha, beta, size=(size, *low.shape))
    return np.where(width > 0, low + draws * width, mode)
