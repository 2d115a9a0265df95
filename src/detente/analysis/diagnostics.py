"""Diagnostics of where a forecast's agreements come from.

``luck_share``: among runs with an agreement, the share whose agreement some decider
accepted only because of its per-round shock (its margin without the shock was
negative; the simulator flags these SHOCK_CARRIED). A high share means the forecast
rests on the noise term rather than on the bargaining.
"""

from __future__ import annotations

import numpy as np

from detente.process import EventKind, EventLog


def luck_counts(log: EventLog) -> tuple[int, int]:
    """(agreements, agreements that a per-round shock alone carried) in ``log``."""
    agreed = log.kind == EventKind.AGREEMENT
    lucky = log.kind == EventKind.SHOCK_CARRIED
    days = log.run.astype(np.int64) * 1_000_000 + log.day
    return int(agreed.sum()), int(np.isin(days[agreed], days[lucky]).sum())


def luck_share(log: EventLog) -> float:
    """Share of agreements that a per-round shock alone carried (0 when none)."""
    total, lucky = luck_counts(log)
    return lucky / total if total else 0.0
