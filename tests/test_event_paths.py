"""Event paths: each run's log compressed to salient events, counted over runs.

Logs written by hand (EventLog.from_events), so every expected path can be read off.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from detente.analysis.event_paths import NO_AGREEMENT, common_paths, event_label, run_paths
from detente.process.eventlog import EventKind, EventLog, OutcomeClass

K = EventKind


def _log(rows: list[tuple[int, int, int, int, int, int, float]], n_runs: int) -> EventLog:
    return EventLog.from_events(
        rows,
        n_runs=n_runs,
        as_of=dt.date(2026, 1, 1),
        round_days=14,
        actor_ids=("MED", "AAA", "BBB"),
        issue_ids=("line",),
        arena_ids=("talks",),
    )


ARMISTICE = float(OutcomeClass.ARMISTICE)
COMPREHENSIVE = float(OutcomeClass.COMPREHENSIVE)
ROWS = [
    # run 0: rejected in four rounds (two signatories on day 14 count once), narrowed,
    # armistice; the rejection after the agreement is not part of the path
    (0, 14, K.ROUND_HELD, 0, -1, -1, 0.0),
    (0, 14, K.REJECTED, 0, 1, -1, 0.0),
    (0, 14, K.REJECTED, 0, 2, -1, 0.0),
    (0, 28, K.REJECTED, 0, 1, -1, 0.0),
    (0, 42, K.REJECTED, 0, 1, -1, 0.0),
    (0, 56, K.NARROWED, 0, 0, -1, 0.0),
    (0, 70, K.ACCEPTED, 0, 1, -1, 0.0),
    (0, 70, K.AGREEMENT, 0, -1, -1, ARMISTICE),
    (0, 84, K.REJECTED, 0, 1, -1, 0.0),
    # run 1: two rejected rounds, no agreement
    (1, 14, K.REJECTED, 0, 2, -1, 0.0),
    (1, 28, K.EXOGENOUS, -1, -1, -1, 0.0),  # exogenous: told in stories, not in paths
    (1, 42, K.REJECTED, 0, 2, -1, 0.0),
    # run 2: nothing salient at all
    (2, 14, K.ROUND_HELD, 0, -1, -1, 0.0),
    # run 3: a comprehensive deal at once
    (3, 14, K.AGREEMENT, 0, -1, -1, COMPREHENSIVE),
    # run 4: the same path as run 1
    (4, 14, K.REJECTED, 0, 1, -1, 0.0),
    (4, 28, K.REJECTED, 0, 1, -1, 0.0),
]


def test_each_run_compressed_to_its_salient_path():
    log = _log(ROWS, 5)
    assert run_paths(log) == [
        "rejected ×3+, narrowed, armistice",
        f"rejected ×2, {NO_AGREEMENT}",
        NO_AGREEMENT,
        "comprehensive",
        f"rejected ×2, {NO_AGREEMENT}",
    ]
    assert run_paths(log, np.array([3, 0])) == [
        "comprehensive",
        "rejected ×3+, narrowed, armistice",
    ]


def test_common_paths_counts_and_shares():
    top = common_paths(_log(ROWS, 5), top=2)
    assert [(p.path, p.runs, p.share) for p in top] == [
        (f"rejected ×2, {NO_AGREEMENT}", 2, 0.4),
        ("comprehensive", 1, 0.2),  # ties broken by the path's text
    ]


def test_a_new_event_kind_appears_without_a_change():
    # a kind code the enum does not know yet (the simulator may add some) keeps its place
    log = _log([(0, 14, 42, 0, -1, -1, 0.0), (0, 28, K.SUPPORT_CUT, -1, 0, -1, 0.0)], 1)
    assert run_paths(log) == [f"event 42, support cut, {NO_AGREEMENT}"]
    assert event_label(int(K.AGREEMENT), ARMISTICE) == "armistice"
    assert event_label(int(K.CHANNEL_OPENED)) == "channel opened"
