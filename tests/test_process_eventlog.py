"""The EventLog contract (.team/EVENTLOG.md): outcome classes, masks, concat."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from detente.process import EventKind, EventLog, OutcomeClass

K = EventKind


def small_log() -> EventLog:
    # run 0: agreement (armistice) on day 28; run 1: abandoned day 14, resumed day 42;
    # run 2: nothing but a round; run 3: abandoned on day 28 and never resumed.
    events = [
        (1, 42, K.RESUMED, 0, 0, -1, np.nan),
        (0, 14, K.ROUND_HELD, 0, -1, -1, np.nan),
        (0, 28, K.AGREEMENT, 0, 0, -1, float(OutcomeClass.ARMISTICE)),
        (1, 14, K.ABANDONED, 0, 0, -1, np.nan),
        (2, 14, K.ROUND_HELD, 0, -1, -1, np.nan),
        (3, 28, K.ABANDONED, 0, 0, -1, np.nan),
    ]
    return EventLog.from_events(
        events,
        n_runs=4,
        as_of=dt.date(2025, 12, 4),
        round_days=14,
        actor_ids=("MED", "A", "B"),
        issue_ids=("line",),
        arena_ids=("talks",),
    )


def test_from_events_sorts_by_run_then_day_and_derives_settlement_day():
    log = small_log()
    assert log.run.tolist() == [0, 0, 1, 1, 2, 3]
    assert log.day.tolist() == [14, 28, 14, 42, 14, 28]
    assert log.settlement_day.tolist() == [28, -1, -1, -1]
    assert log.settlement.shape == (4, 1) and np.isnan(log.settlement).all()
    assert log.kind.dtype == np.int8 and log.run.dtype == np.int32


def test_outcome_class_at_follows_agreements_and_abandonment():
    log = small_log()
    F, AR, AB = OutcomeClass.FIGHTING_WHILE_TALKING, OutcomeClass.ARMISTICE, OutcomeClass.ABANDONED
    assert log.outcome_class_at(0).tolist() == [F, F, F, F]
    assert log.outcome_class_at(14).tolist() == [F, AB, F, F]
    assert log.outcome_class_at(28).tolist() == [AR, AB, F, AB]
    assert log.outcome_class_at(42).tolist() == [AR, F, F, AB]
    shares = log.outcome_shares(42)
    assert shares["ARMISTICE"] == 0.25 and shares["FIGHTING_WHILE_TALKING"] == 0.5


def test_masks_first_day_and_counts():
    log = small_log()
    mask = log.events(K.ROUND_HELD, arena=0)
    assert mask.sum() == 2
    assert log.first_day(log.events(K.ABANDONED)).tolist() == [-1, 14, -1, 28]
    assert log.count_by_run(log.events(K.ABANDONED), by_day=20).tolist() == [0, 1, 0, 0]
    assert log.events(K.ABANDONED, actor=1).sum() == 0
    assert log.date_of(14) == dt.date(2025, 12, 18)
    assert log.day_of(dt.date(2026, 1, 1)) == 28


def test_concat_renumbers_runs_and_keeps_settlements():
    log = small_log()
    both = EventLog.concat([log, log])
    assert both.n_runs == 8
    assert both.run.tolist() == [0, 0, 1, 1, 2, 3, 4, 4, 5, 5, 6, 7]
    assert both.settlement_day.tolist() == [28, -1, -1, -1] * 2
    assert both.outcome_class_at(28).tolist() == log.outcome_class_at(28).tolist() * 2


def test_concat_refuses_different_calendars():
    log = small_log()
    other = EventLog.from_events(
        [],
        n_runs=1,
        as_of=dt.date(2026, 1, 1),
        round_days=14,
        actor_ids=log.actor_ids,
        issue_ids=log.issue_ids,
        arena_ids=log.arena_ids,
    )
    with pytest.raises(ValueError):
        EventLog.concat([log, other])
