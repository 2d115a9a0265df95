"""What follows a breakdown: how soon the sides sign again, and on which terms.

Why: a share of runs whose agreement "collapsed" at a date is small when most
collapses are followed by a new agreement, and an analyst who reads P(breakdown by a
date) beside it needs the link. The model's breakdown is a hazard, not a side's choice
(``process.breakdown``): after it, every side still values the terms as it did when it
signed, so where those terms beat fighting on they are signed again as soon as a text is
tabled. How often that happens, and how often on the very terms that collapsed, is what
``relapses`` counts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.analysis.outcomes import RUN_DAYS, run_day_key
from detente.process import EventKind, EventLog

SAME_TERMS_POINTS = 2.0  # terms within this many scale points on every issue are "the same"


@dataclass(frozen=True)
class Relapses:
    """Breakdowns by a horizon and the agreements that followed them by then."""

    breakdowns: int
    signed_again: int
    same_terms: int  # of those signed again: every issue within SAME_TERMS_POINTS
    gap_days: tuple[float, float, float] | None  # 10/50/90% breakdown -> next agreement

    @property
    def signed_again_share(self) -> float:
        return self.signed_again / self.breakdowns if self.breakdowns else 0.0

    @property
    def same_terms_share(self) -> float:
        return self.same_terms / self.signed_again if self.signed_again else 0.0


def relapses(log: EventLog, horizon_day: int) -> Relapses:
    """Pair each breakdown by ``horizon_day`` with the agreement it ended (the last one
    before it in its run) and the next one after it by then, and compare their terms.

    A breakdown is logged after the round's talks, so an agreement the same day comes
    before it."""
    within = log.day <= horizon_day
    key = run_day_key(log)
    ends = key[within & (log.kind == EventKind.BREAKDOWN)]
    deals = np.sort(key[within & (log.kind == EventKind.AGREEMENT)])
    if ends.size == 0:
        return Relapses(0, 0, 0, None)
    ended = deals[np.searchsorted(deals, ends, side="right") - 1]
    later = np.searchsorted(deals, ends, side="right")
    has_next = later < deals.size
    has_next[has_next] = deals[later[has_next]] // RUN_DAYS == ends[has_next] // RUN_DAYS
    nxt = deals[later[has_next]]
    gaps = (nxt - ends[has_next]).astype(float)
    same = _same_terms(log, key, within, ended[has_next], nxt)
    return Relapses(
        breakdowns=int(ends.size),
        signed_again=int(has_next.sum()),
        same_terms=int(same.sum()),
        gap_days=tuple(float(g) for g in np.percentile(gaps, [10, 50, 90])) if gaps.size else None,
    )


def _same_terms(
    log: EventLog, key: np.ndarray, within: np.ndarray, old: np.ndarray, new: np.ndarray
) -> np.ndarray:
    """Whether each new agreement (run-day ``key``) settles every issue within
    SAME_TERMS_POINTS of the old one and defers what it deferred (TERMS events)."""
    terms = within & (log.kind == EventKind.TERMS)
    issues = max(len(log.issue_ids), 1)
    tkey = key[terms] * issues + log.issue[terms]
    order = np.argsort(tkey)
    tkey, value = tkey[order], log.value[terms][order].astype(float)
    same = np.ones(new.size, dtype=bool)
    for issue in range(issues):
        a = _lookup(tkey, value, old * issues + issue)
        b = _lookup(tkey, value, new * issues + issue)
        both_absent = np.isnan(a) & np.isnan(b)
        close = np.abs(a - b) <= SAME_TERMS_POINTS
        same &= both_absent | close
    return same


def _lookup(keys: np.ndarray, values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """values at ``wanted`` keys in sorted ``keys``, NaN where a key is missing."""
    if keys.size == 0:
        return np.full(wanted.shape, np.nan)
    at = np.minimum(np.searchsorted(keys, wanted), keys.size - 1)
    return np.where(keys[at] == wanted, values[at], np.nan)
