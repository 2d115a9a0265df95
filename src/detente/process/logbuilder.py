"""Collects a chunk's events round by round and assembles one sorted EventLog.

Why: appending small per-round arrays for only the runs where something happened,
and concatenating once at the end, keeps the log compact and the loop vectorised.
"""

from __future__ import annotations

import numpy as np

from detente.process.compiled import CompiledScenario
from detente.process.eventlog import EventKind, EventLog
from detente.process.utility import kernels_pay


class LogBuilder:
    def __init__(self, compiled: CompiledScenario, n_runs: int) -> None:
        self.compiled = compiled
        self.n_runs = n_runs
        self.parts: list[tuple[np.ndarray, int, int, int, int, int, np.ndarray | float]] = []

    def emit(
        self,
        kind: EventKind,
        runs: np.ndarray,
        day: int,
        *,
        arena: int = -1,
        actor: int | np.ndarray = -1,
        issue: int = -1,
        value: float | np.ndarray = np.nan,
    ) -> None:
        """Record one event for each run in ``runs`` (int indices); actor/value may be per run."""
        if runs.size == 0:
            return
        self.parts.append((runs, day, int(kind), arena, actor, issue, value))  # type: ignore[arg-type]

    def emit_agreement(
        self,
        runs: np.ndarray,
        day: int,
        arena: int,
        mediator: int,
        klass: float,
        issues: np.ndarray,
        settled: np.ndarray,
    ) -> None:
        """An agreement of class ``klass`` reached in ``runs``, and what it settles on each
        of its track's ``issues`` ((r, k) values, NaN where deferred): one TERMS event per
        issue, so a question about a date reads the terms agreed by then
        (``EventLog.terms_by``). One call for both, so no agreement goes without its terms."""
        self.emit(EventKind.AGREEMENT, runs, day, arena=arena, actor=mediator, value=klass)
        for j, issue in enumerate(issues):
            self.emit(
                EventKind.TERMS, runs, day, arena=arena, issue=int(issue), value=settled[:, j]
            )

    def emit_answers(
        self,
        runs: np.ndarray,
        day: int,
        arena: int,
        signatories: np.ndarray,
        accept: np.ndarray,
        expected: np.ndarray,
    ) -> None:
        """Each signatory's accept or reject of the text tabled in ``runs`` ((r, s) bools),
        with the P(accept) the mediator expected of it ((r, s)) as the event's value."""
        for k, actor in enumerate(signatories):
            for kind, answered in (
                (EventKind.ACCEPTED, accept[:, k]),
                (EventKind.REJECTED, ~accept[:, k]),
            ):
                self.emit(
                    kind,
                    runs[answered],
                    day,
                    arena=arena,
                    actor=int(actor),
                    value=expected[answered, k],
                )

    def build(
        self,
        settlement: np.ndarray,
        settlement_day: np.ndarray,
        front: np.ndarray | None = None,
    ) -> EventLog:
        c = self.compiled
        if self.parts:
            run = np.concatenate([p[0] for p in self.parts]).astype(np.int32)
            sizes = [p[0].size for p in self.parts]
            day = np.repeat(np.array([p[1] for p in self.parts], dtype=np.int32), sizes)
            kind = np.repeat(np.array([p[2] for p in self.parts], dtype=np.int8), sizes)
            arena = np.repeat(np.array([p[3] for p in self.parts], dtype=np.int16), sizes)
            actor = _per_event(self.parts, 4, sizes, np.int16)
            issue = np.repeat(np.array([p[5] for p in self.parts], dtype=np.int16), sizes)
            value = _per_event(self.parts, 6, sizes, np.float32)
            # Parts were appended in time order, so a stable sort by run gives (run, day).
            order = _stable_order(run)
            run, day, kind, arena = run[order], day[order], kind[order], arena[order]
            actor, issue, value = actor[order], issue[order], value[order]
        else:
            run = day = np.zeros(0, np.int32)
            kind = np.zeros(0, np.int8)
            arena = actor = issue = np.zeros(0, np.int16)
            value = np.zeros(0, np.float32)
        return EventLog(
            run=run,
            day=day,
            kind=kind,
            arena=arena,
            actor=actor,
            issue=issue,
            value=value,
            n_runs=self.n_runs,
            as_of=c.as_of,
            round_days=c.round_days,
            actor_ids=c.actor_ids,
            issue_ids=c.issue_ids,
            arena_ids=c.arena_ids,
            settlement=settlement.astype(np.float32),
            settlement_day=settlement_day.astype(np.int32),
            front=None if front is None else front.astype(np.float32),
        )


def _stable_order(run: np.ndarray) -> np.ndarray:
    """The events' stable order by run: a counting sort in numba where the kernels pay
    (a chunk's log: numpy's stable argsort took about a twentieth of its simulation)."""
    if kernels_pay(run.size, 1):
        from detente.process.kernels import order_by_run

        return order_by_run(run)
    return np.argsort(run, kind="stable")


def _per_event(parts: list, field: int, sizes: list[int], dtype: type) -> np.ndarray:
    """One column of the log: each part's ``field``, a number for all its runs or one per
    run. The numbers are repeated in one call and the few per-run arrays copied in after:
    a call per part (broadcast and concatenate) cost more than the rest of the build."""
    scalar = [np.ndim(p[field]) == 0 for p in parts]
    out = np.repeat(
        np.array([p[field] if one else 0 for p, one in zip(parts, scalar, strict=True)], dtype),
        sizes,
    )
    start = 0
    for p, one, size in zip(parts, scalar, sizes, strict=True):
        if not one:
            out[start : start + size] = np.asarray(p[field], dtype=dtype)
        start += size
    return out
