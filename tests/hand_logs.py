"""Hand-built event logs for the question and observation tests: one frame, events by hand.

Events are (run, day, kind, arena, actor, issue, value) with -1 for "none"; days count
from AS_OF (day 27 = 2025-12-31).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from detente.process.eventlog import EventLog

AS_OF = dt.date(2025, 12, 4)
ACTORS = ("US", "RUS", "UKR", "EUR", "HUN")
ISSUES = ("territory", "frozen_assets")
ARENAS = ("peace_talks", "eu_council")
NONE = -1
NAN = float("nan")


def hand_log(
    events: list[tuple], settlement: np.ndarray | None = None, n_runs: int = 4
) -> EventLog:
    """A log of ``n_runs`` runs over the frame above with these events (and settlements)."""
    return EventLog.from_events(
        [(r, d, int(k), a, b, c, v) for r, d, k, a, b, c, v in events],
        n_runs=n_runs,
        as_of=AS_OF,
        round_days=14,
        actor_ids=ACTORS,
        issue_ids=ISSUES,
        arena_ids=ARENAS,
        settlement=settlement,
    )
