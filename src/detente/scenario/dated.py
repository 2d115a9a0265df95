"""Something that may happen once, on a date or in a window, with a probability.

Why one model: exogenous events, the vote arenas' rule switches and the opening of a new
track all say "on DATE or in WINDOW, with probability P"; they read and check it alike.
"""

from __future__ import annotations

import datetime as dt

from pydantic import field_validator, model_validator

from detente.scenario.base import Sourced, Strict
from detente.scenario.uncertain import Uncertain


class Window(Strict):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.end < self.start:
            raise ValueError("window end is before its start")
        return self


class DatedChance(Sourced):
    """``date`` or ``window: {start, end}`` (exactly one), and a ``probability`` in 0..1."""

    date: dt.date | None = None
    window: Window | None = None
    probability: Uncertain

    @field_validator("probability")
    @classmethod
    def _probability_range(cls, value: Uncertain) -> Uncertain:
        if not value.within(0, 1):
            outside = ", ".join(
                f"{name} {number:g}"
                for name, number in (("low", value.low), ("mode", value.mode), ("high", value.high))
                if not 0 <= number <= 1
            )
            raise ValueError(f"probability must lie in 0..1 ({outside} does not): write a share")
        return value

    @model_validator(mode="after")
    def _when(self) -> DatedChance:
        if (self.date is None) == (self.window is None):
            raise ValueError("give exactly one of 'date' or 'window: {start, end}'")
        return self

    @property
    def first_day(self) -> dt.date:
        return self.date if self.date is not None else self.window.start  # type: ignore[union-attr]

    @property
    def last_day(self) -> dt.date:
        return self.date if self.date is not None else self.window.end  # type: ignore[union-attr]
