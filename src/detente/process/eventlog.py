"""The event log of many Monte Carlo runs, as parallel arrays.

Why a struct of arrays: 100,000 runs x 26 rounds produce millions of events; one
numpy array per field keeps them compact and lets questions be answered with masks
and ``np.bincount`` instead of Python loops over runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum

import numpy as np


class EventKind(IntEnum):
    """Codes stored (as int8) in ``EventLog.kind``; the comment says which fields are used."""

    ROUND_HELD = 1  # arena, day
    TEXT_DRAFTED = 2  # arena, day; value = 1 comprehensive text, 2 ceasefire-only text
    ACCEPTED = 3  # arena, actor (signatory), day; value = P(accept) the mediator expected
    REJECTED = 4  # arena, actor, day; value = the same for a signatory (NaN: implementer)
    ABANDONED = 5  # arena, actor = mediator, day
    RESUMED = 6  # arena, actor = mediator, day
    BYPASSED = 7  # arena, actor = mediator, day (influencers bypassed, weaker pressed)
    NARROWED = 8  # arena, actor = mediator, day (text narrowed to ceasefire-only)
    CHANNEL_OPENED = 9  # arena = -1 or the channel arena, actor = influencer, day
    AGREEMENT = 10  # arena, day; value = OutcomeClass code of the agreement
    DECISION_PASSED = 11  # arena (vote arena), issue, day; value = 1 adopted, 2 renewed
    DECISION_BLOCKED = 12  # arena, issue, actor = first blocking member (or -1), day
    EXOGENOUS = 13  # value = index of the scenario event that fired, day
    SUPPORT_CUT = 14  # arena, actor = the mediator who cut support, day
    BREAKDOWN = 15  # arena of the agreement, day; value = OutcomeClass of the collapsed deal
    LIMITED_DEAL = 16  # arena, day; value = index of the limited package (a deal in the war)
    LIMITED_ENDED = 17  # arena, day; value = package index (a truce or moratorium expired)
    LEVERAGE = 18  # arena, actor = the target, day; value = index of the lever on the track
    UNDERSTANDING = 19  # arena, day: agreement on a track that lacks a side of the war
    SHOCK_CARRIED = 20  # arena, day: an accept only the per-round shock carried; value =
    # utility points below fighting on at which the least willing signatory took it
    WITHHELD = 21  # arena, actor = an implementer, issue, day: its part of an imposed deal withheld
    TERMS = 22  # arena, issue, day; value = what the agreement reached that day settles on
    # the issue (as delivered), NaN where it defers it: one per issue of its track
    TRUCE_BROKEN = 23  # arena, day; value = package index: a truce pausing the fight collapsed
    VICTORY = 24  # arena = -1, actor = the side that won, day; value = the front then
    IN_FORCE = 25  # arena, day 0; value = OutcomeClass of an agreement signed before as_of
    # and in force on it (``war: in_force``), logged with its TERMS; no agreement reached
    # Vote arenas as institutions (detente.process.voting); codes apart from the lead's.
    DECISION_LAPSED = 30  # arena, issue, actor = the member who vetoed the renewal, day
    RULE_SWITCHED = 31  # arena, day; value = new rule (0 unanimity 1 qmv 2 majority 3 enhanced)
    MEMBER_REPLACED = 32  # arena, actor = the new member, day; value = the old member's index


# the ways a limited deal ends: its time is up, or (a truce) it broke down
LIMITED_ENDS = (EventKind.LIMITED_ENDED, EventKind.TRUCE_BROKEN)
# an agreement in force: reached in a run, or signed before as_of
AGREED_KINDS = (EventKind.AGREEMENT, EventKind.IN_FORCE)
# what decides a run's outcome class (``EventLog.outcome_class_at``): the latest end of a
# fight or a deal, and the latest abandonment or resumption of the talks
CLASS_ENDS = (*AGREED_KINDS, EventKind.BREAKDOWN, EventKind.VICTORY)
TALKS_TOGGLES = (EventKind.ABANDONED, EventKind.RESUMED)


class OutcomeClass(IntEnum):
    """Where a run's war stands at a date.

    1-3: an agreement is in force; 5: the last agreement broke down; 4: no agreement
    yet and the talks are abandoned; 0: no agreement yet, talks go on.
    """

    FIGHTING_WHILE_TALKING = 0
    COMPREHENSIVE = 1
    ARMISTICE = 2
    IMPOSED = 3
    ABANDONED = 4
    COLLAPSED = 5  # an agreement broke down and the war resumed (until a new agreement)
    VICTORY = 6  # the front reached a side's decisive line: the war ended without a deal


TEXT_COMPREHENSIVE = 1.0
TEXT_CEASEFIRE_ONLY = 2.0

_FIELDS = ("run", "day", "kind", "arena", "actor", "issue", "value")
_DTYPES = {
    "run": np.int32,
    "day": np.int32,
    "kind": np.int8,
    "arena": np.int16,
    "actor": np.int16,
    "issue": np.int16,
    "value": np.float32,
}


@dataclass(frozen=True)
class EventLog:
    """Events of many Monte Carlo runs as parallel 1-D arrays, sorted by (run, day).

    Within one run and day, events keep the order the simulator wrote them
    (round held, text drafted, accept/reject, agreement ...).
    ``settlement`` (n_runs, n_issues) is the agreed text, NaN where there is no
    agreement by the horizon or the issue was deferred by an armistice;
    ``settlement_day`` (n_runs,) is the day of the agreement or -1.
    ``front`` (n_runs, rounds + 1) is the war's front (its issue's 0-100 scale) at as_of
    and after each round, None where the scenario has no war with a front or the log was
    written by hand.
    """

    run: np.ndarray
    day: np.ndarray
    kind: np.ndarray
    arena: np.ndarray
    actor: np.ndarray
    issue: np.ndarray
    value: np.ndarray
    n_runs: int
    as_of: dt.date
    round_days: int
    actor_ids: tuple[str, ...]
    issue_ids: tuple[str, ...]
    arena_ids: tuple[str, ...]
    settlement: np.ndarray
    settlement_day: np.ndarray
    front: np.ndarray | None = None

    # ------------------------------------------------------------------ building
    @classmethod
    def from_events(
        cls,
        events: Iterable[tuple[int, int, int, int, int, int, float]],
        *,
        n_runs: int,
        as_of: dt.date,
        round_days: int,
        actor_ids: Sequence[str],
        issue_ids: Sequence[str],
        arena_ids: Sequence[str],
        settlement: np.ndarray | None = None,
        settlement_day: np.ndarray | None = None,
    ) -> EventLog:
        """Build a log from tuples (run, day, kind, arena, actor, issue, value), e.g. in tests.

        Rows are sorted by (run, day) keeping their given order within a day.
        Without ``settlement``/``settlement_day`` they are derived: the day of each
        run's first AGREEMENT and NaN settlements.
        """
        rows = list(events)
        columns = {
            name: np.array([r[k] for r in rows], dtype=_DTYPES[name]).reshape(-1)
            for k, name in enumerate(_FIELDS)
        }
        order = np.lexsort((columns["day"], columns["run"]))
        columns = {name: col[order] for name, col in columns.items()}
        if settlement_day is None:
            settlement_day = _first_day_per_run(
                columns["run"], columns["day"], columns["kind"] == EventKind.AGREEMENT, n_runs
            )
        if settlement is None:
            settlement = np.full((n_runs, len(issue_ids)), np.nan, dtype=np.float32)
        return cls(
            **columns,
            n_runs=n_runs,
            as_of=as_of,
            round_days=round_days,
            actor_ids=tuple(actor_ids),
            issue_ids=tuple(issue_ids),
            arena_ids=tuple(arena_ids),
            settlement=np.asarray(settlement, dtype=np.float32),
            settlement_day=np.asarray(settlement_day, dtype=np.int32),
        )

    @staticmethod
    def concat(logs: Sequence[EventLog]) -> EventLog:
        """Join the logs of consecutive chunks; runs of log k are shifted by the runs before."""
        if not logs:
            raise ValueError("concat needs at least one EventLog")
        first = logs[0]
        for other in logs[1:]:
            same = (
                other.as_of == first.as_of
                and other.round_days == first.round_days
                and other.actor_ids == first.actor_ids
                and other.issue_ids == first.issue_ids
                and other.arena_ids == first.arena_ids
            )
            if not same:
                raise ValueError("cannot concat logs of different scenarios or calendars")
        offsets = np.cumsum([0] + [log.n_runs for log in logs[:-1]])
        run = np.concatenate(
            [log.run + np.int32(off) for log, off in zip(logs, offsets, strict=True)]
        )
        columns = {
            name: np.concatenate([getattr(log, name) for log in logs]) for name in _FIELDS[1:]
        }
        return EventLog(
            run=run.astype(np.int32),
            **columns,
            n_runs=int(sum(log.n_runs for log in logs)),
            as_of=first.as_of,
            round_days=first.round_days,
            actor_ids=first.actor_ids,
            issue_ids=first.issue_ids,
            arena_ids=first.arena_ids,
            settlement=np.concatenate([log.settlement for log in logs], axis=0),
            settlement_day=np.concatenate([log.settlement_day for log in logs]),
            front=(
                None
                if any(log.front is None for log in logs)
                else np.concatenate([log.front for log in logs], axis=0)
            ),
        )

    def select(self, runs: np.ndarray) -> EventLog:
        """The log of some runs only, renumbered 0..k-1 in their order here.

        ``runs`` is a bool mask over runs or increasing run indices; conditioning on
        observed events keeps the runs consistent with them this way.
        """
        runs = np.asarray(runs)
        index = np.flatnonzero(runs) if runs.dtype == bool else runs.astype(np.int64)
        if runs.dtype == bool and runs.shape != (self.n_runs,):
            raise ValueError(f"run mask has shape {runs.shape}, expected ({self.n_runs},)")
        if index.size and (np.any(np.diff(index) <= 0) or index[0] < 0 or index[-1] >= self.n_runs):
            raise ValueError("run indices must be increasing and within the log")
        new_number = np.full(self.n_runs, -1, dtype=np.int32)
        new_number[index] = np.arange(index.size, dtype=np.int32)
        renumbered = new_number[self.run]
        keep = renumbered >= 0
        columns = {name: getattr(self, name)[keep] for name in _FIELDS[1:]}
        return replace(
            self,
            run=renumbered[keep],
            **columns,
            n_runs=int(index.size),
            settlement=self.settlement[index],
            settlement_day=self.settlement_day[index],
            front=None if self.front is None else self.front[index],
        )

    # ------------------------------------------------------------------ queries
    def __len__(self) -> int:
        return int(self.run.shape[0])

    def day_of(self, date: dt.date) -> int:
        """Days from as_of to ``date`` (the day index used in the log)."""
        return (date - self.as_of).days

    def date_of(self, day: int) -> dt.date:
        return self.as_of + dt.timedelta(days=int(day))

    def events(
        self,
        kind: EventKind | int,
        arena: int | None = None,
        actor: int | None = None,
        issue: int | None = None,
    ) -> np.ndarray:
        """Boolean mask over the events of one kind, optionally of one arena/actor/issue index."""
        mask = self.kind == int(kind)
        if arena is not None:
            mask &= self.arena == arena
        if actor is not None:
            mask &= self.actor == actor
        if issue is not None:
            mask &= self.issue == issue
        return mask

    def first_day(self, mask: np.ndarray) -> np.ndarray:
        """Per run, the day of the first event in ``mask`` (int32 (n_runs,)), -1 if none."""
        return _first_day_per_run(self.run, self.day, mask, self.n_runs)

    def count_by_run(self, mask: np.ndarray, by_day: int | None = None) -> np.ndarray:
        """Per run, how many events in ``mask`` happened (on or before ``by_day`` if given)."""
        if by_day is not None:
            mask = mask & (self.day <= by_day)
        return np.bincount(self.run[mask], minlength=self.n_runs).astype(np.int32)

    def agreement_class(self) -> np.ndarray:
        """Per run, the OutcomeClass code of its first agreement (int8), 0 if none."""
        mask = self.kind == EventKind.AGREEMENT
        out = np.zeros(self.n_runs, dtype=np.int8)
        runs = self.run[mask]
        values = self.value[mask]
        # events are sorted by (run, day): keep the first agreement of each run
        first = np.ones(runs.shape[0], dtype=bool)
        first[1:] = runs[1:] != runs[:-1]
        out[runs[first]] = values[first].astype(np.int8)
        return out

    def agreement_terms_at(self, day: int) -> np.ndarray:
        """Per run, the terms of the agreement in force on ``day`` (int8 (n_runs,)):
        ``TEXT_COMPREHENSIVE`` (1), ``TEXT_CEASEFIRE_ONLY`` (2), or 0 when none is in force.

        Why apart from the outcome class: the class says how a deal came about (IMPOSED
        after a bypassing lever), the terms say what it settles; a scholar's "armistice
        rather than a peace" is about the terms. They are read from the TEXT_DRAFTED event
        of the agreement's own round (same run, day and arena).
        """
        out = np.zeros(self.n_runs, dtype=np.int8)
        deals = self._last_per_run((*AGREED_KINDS, EventKind.BREAKDOWN), day)
        signed_before = deals[self.kind[deals] == EventKind.IN_FORCE]  # no draft of its own
        out[self.run[signed_before]] = np.where(
            self.value[signed_before] == OutcomeClass.ARMISTICE,
            TEXT_CEASEFIRE_ONLY,
            TEXT_COMPREHENSIVE,
        ).astype(np.int8)
        standing = deals[self.kind[deals] == EventKind.AGREEMENT]
        drafted = np.flatnonzero(self.kind == EventKind.TEXT_DRAFTED)
        if not (standing.size and drafted.size):
            return out
        keys = self._round_key(drafted)
        order = np.argsort(keys, kind="stable")
        wanted = self._round_key(standing)
        pos = np.minimum(np.searchsorted(keys[order], wanted), keys.size - 1)
        found = keys[order][pos] == wanted
        out[self.run[standing[found]]] = self.value[drafted[order][pos[found]]].astype(np.int8)
        return out

    def terms_by(self, day: int) -> np.ndarray:
        """Per run and issue ((n_runs, issues) float64), the settlement of the latest
        agreement reached on or before ``day`` whose track has the issue (its TERMS event),
        whether or not it still holds on ``day``; NaN where it defers the issue or none.

        Why from events, not ``settlement`` (the text in force when the run ends): a
        ceasefire that defers an issue and a settlement that later replaces it, or an
        agreement that collapses and another that follows, would let a question about
        ``day`` read terms agreed after it.
        """
        out = np.full((self.n_runs, len(self.issue_ids)), np.nan)
        rows = np.flatnonzero((self.kind == EventKind.TERMS) & (self.day <= day))
        if rows.size == 0:
            return out
        # rows run in (run, day, emission) order: keep the last per (run, issue)
        key = self.run[rows].astype(np.int64) * len(self.issue_ids) + self.issue[rows]
        _, first_from_end = np.unique(key[::-1], return_index=True)
        last = rows[::-1][first_from_end]
        out[self.run[last], self.issue[last]] = self.value[last]
        return out

    def limited_in_force_at(self, day: int, packages: Iterable[int]) -> np.ndarray:
        """Per run, whether a limited deal among ``packages`` (indices into the scenario's
        packages) is in force on ``day``: the latest LIMITED_DEAL, LIMITED_ENDED or
        TRUCE_BROKEN of that package up to ``day`` is a deal (bool (n_runs,)).

        Why: a truce that pauses the fighting is no agreement ending the war, so the
        outcome classes do not show it; this says how many runs stand under one."""
        out = np.zeros(self.n_runs, dtype=bool)
        wanted = np.array(sorted(set(packages)), dtype=np.float32)
        kinds = [int(k) for k in (EventKind.LIMITED_DEAL, *LIMITED_ENDS)]
        rows = np.flatnonzero(
            (self.day <= day) & np.isin(self.kind, kinds) & np.isin(self.value, wanted)
        )
        if rows.size == 0:
            return out
        # rows run in (run, day, emission) order: an end comes before a new deal that day
        width = int(wanted.max()) + 1
        key = self.run[rows].astype(np.int64) * width + self.value[rows].astype(np.int64)
        _, first_from_end = np.unique(key[::-1], return_index=True)
        last = rows[::-1][first_from_end]
        out[self.run[last[self.kind[last] == EventKind.LIMITED_DEAL]]] = True
        return out

    def _round_key(self, index: np.ndarray) -> np.ndarray:
        """One sortable int64 per event, (run, day, arena), to match the events of one round:
        32 bits for the run, 20 for the day (2,800 years), 12 for the arena."""
        run = self.run[index].astype(np.int64)
        day = self.day[index].astype(np.int64) - int(self.day.min(initial=0))
        arena = self.arena[index].astype(np.int64) + 1
        return (run << 32) | (day << 12) | arena

    def outcome_class_at(self, day: int) -> np.ndarray:
        """Per run, the OutcomeClass (int8 (n_runs,)) on ``day`` (events on that day count).

        The latest of ``CLASS_ENDS`` up to ``day`` decides: an agreement (or one in force
        on as_of) gives its class, a breakdown COLLAPSED, a victory VICTORY (nothing follows
        it). A run with none is ABANDONED when its latest of ``TALKS_TOGGLES`` up to ``day``
        is an abandonment, else FIGHTING_WHILE_TALKING.
        """
        out = np.full(self.n_runs, OutcomeClass.FIGHTING_WHILE_TALKING, dtype=np.int8)
        toggles = self._last_per_run(TALKS_TOGGLES, day)
        out[self.run[toggles[self.kind[toggles] == EventKind.ABANDONED]]] = OutcomeClass.ABANDONED
        deals = self._last_per_run(CLASS_ENDS, day)
        kind = self.kind[deals]
        out[self.run[deals]] = np.select(
            [np.isin(kind, AGREED_KINDS), kind == EventKind.BREAKDOWN],
            [self.value[deals], float(OutcomeClass.COLLAPSED)],
            float(OutcomeClass.VICTORY),
        ).astype(np.int8)
        return out

    def _last_per_run(self, kinds: tuple[EventKind, ...], day: int) -> np.ndarray:
        """Indices of each run's latest event of ``kinds`` on or before ``day`` (events are
        sorted by (run, day), so it is the last of its run among them)."""
        index = np.flatnonzero((self.day <= day) & np.isin(self.kind, [int(k) for k in kinds]))
        runs = self.run[index]
        last = np.ones(runs.size, dtype=bool)
        last[:-1] = runs[1:] != runs[:-1]
        return index[last]

    def front_by(self, day: int, extreme: str | None = None) -> np.ndarray:
        """The front per run (n_runs,) on ``day`` (the last round played by then), or its
        ``extreme`` ('low' or 'high') over as_of to that day; NaN without a front."""
        if self.front is None:
            return np.full(self.n_runs, np.nan)
        last = min(max(day, 0) // self.round_days, self.front.shape[1] - 1)
        path = self.front[:, : last + 1].astype(np.float64)
        if extreme == "low":
            return path.min(axis=1)
        if extreme == "high":
            return path.max(axis=1)
        return path[:, -1]

    def outcome_shares(self, day: int) -> dict[str, float]:
        """Share of runs in each outcome class on ``day`` (keys are OutcomeClass names)."""
        counts = np.bincount(self.outcome_class_at(day), minlength=len(OutcomeClass))
        return {c.name: float(counts[c]) / max(self.n_runs, 1) for c in OutcomeClass}


def _first_day_per_run(
    run: np.ndarray, day: np.ndarray, mask: np.ndarray, n_runs: int
) -> np.ndarray:
    """Events are sorted by (run, day), so a run's first masked event is its earliest."""
    out = np.full(n_runs, -1, dtype=np.int32)
    runs = run[mask]
    days = day[mask]
    if runs.size:
        first = np.ones(runs.shape[0], dtype=bool)
        first[1:] = runs[1:] != runs[:-1]
        out[runs[first]] = days[first]
    return out
