"""Each run's event log compressed into a short path of salient events, and the top paths.

Why: an analyst asks "how do the runs get there?". A path such as
"rejected ×3, narrowed, armistice" says it in one line; counting identical paths over
the runs gives the most common routes with their shares. Labels come from the
``EventKind`` names (an agreement is named by its ``OutcomeClass``), so a kind added
to the simulator appears here without a change. Routine kinds that happen in nearly
every round (a round held, a text drafted, an acceptance, a vote arena blocking again)
are left out, and so are exogenous events (drawn independently of the talks; the
dated stories show them). A path stops at the run's first agreement; a run without
one ends in "no agreement". Repeats are capped ("rejected ×3+") so that runs which
differ only in how long they stalled share one path.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from detente.process.eventlog import EventKind, EventLog, OutcomeClass

ROUTINE_KINDS = frozenset(
    {
        EventKind.ROUND_HELD,
        EventKind.TEXT_DRAFTED,
        EventKind.ACCEPTED,
        EventKind.DECISION_BLOCKED,
        EventKind.EXOGENOUS,
        EventKind.SHOCK_CARRIED,  # a diagnostic flag on an agreement, not something that happened
        EventKind.TERMS,  # what an agreement settles, issue by issue: part of the agreement
    }
)
NO_AGREEMENT = "no agreement"
REPEAT_CAP = 3
_AGREEMENT_BASE = 1000  # label codes >= this are agreements of OutcomeClass (code - base)


@dataclass(frozen=True)
class PathShare:
    path: str  # "rejected ×2, narrowed, armistice"
    runs: int
    share: float


def event_label(kind: int, value: float = 0.0) -> str:
    """The reader's name of one event: its kind's name, an agreement by its outcome class."""
    if kind == EventKind.AGREEMENT:
        return _class_name(int(value))
    try:
        return EventKind(kind).name.lower().replace("_", " ")
    except ValueError:
        return f"event {kind}"


def _class_name(code: int) -> str:
    try:
        return OutcomeClass(code).name.lower().replace("_", " ")
    except ValueError:
        return f"agreement {code}"


def _label_of_code(code: int) -> str:
    return _class_name(code - _AGREEMENT_BASE) if code >= _AGREEMENT_BASE else event_label(code)


def _repeat(count: int) -> str:
    return "" if count == 1 else f" ×{count}" if count < REPEAT_CAP else f" ×{REPEAT_CAP}+"


def run_paths(log: EventLog, runs: np.ndarray | None = None) -> list[str]:
    """The compressed path of every run (or of ``runs``), in run order.

    Salient events of one run keep their order; several of the same kind on one day
    count once (three signatories rejecting is one rejected round), and consecutive
    repeats are written once with a count ("rejected ×2", capped at "×3+").
    """
    agreed = log.settlement_day[log.run]
    before_end = (agreed < 0) | (log.day <= agreed)
    salient = before_end & ~np.isin(log.kind, [int(k) for k in ROUTINE_KINDS])
    run, day, kind, value = (
        log.run[salient],
        log.day[salient],
        log.kind[salient],
        log.value[salient],
    )
    code = kind.astype(np.int64)
    agreement = kind == EventKind.AGREEMENT
    code[agreement] = _AGREEMENT_BASE + value[agreement].astype(np.int64)
    # a new segment starts where the run or the label changes
    new_segment = np.ones(run.shape[0], dtype=bool)
    new_segment[1:] = (run[1:] != run[:-1]) | (code[1:] != code[:-1])
    new_day = np.ones(run.shape[0], dtype=bool)
    new_day[1:] = new_segment[1:] | (day[1:] != day[:-1])
    segment = np.cumsum(new_segment) - 1
    repeats = np.bincount(segment[new_day], minlength=int(segment[-1]) + 1 if segment.size else 0)
    starts = np.flatnonzero(new_segment)
    steps: list[list[str]] = [[] for _ in range(log.n_runs)]
    for s, at in enumerate(starts):
        text = _label_of_code(int(code[at]))
        steps[int(run[at])].append(text + _repeat(int(repeats[s])))
    for r in np.flatnonzero(log.settlement_day < 0):
        steps[r].append(NO_AGREEMENT)
    chosen = range(log.n_runs) if runs is None else (int(r) for r in runs)
    return [", ".join(steps[r]) for r in chosen]


def top_paths(paths: list[str], top: int = 10) -> tuple[PathShare, ...]:
    """The ``top`` most common paths with their run counts and shares (ties by text)."""
    return top_counted_paths(Counter(paths), len(paths), top)


def top_counted_paths(counts: Counter[str], runs: int, top: int = 10) -> tuple[PathShare, ...]:
    """``top_paths`` from path counts over ``runs`` runs (counts of chunks add up)."""
    total = max(runs, 1)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
    return tuple(PathShare(path, n, n / total) for path, n in ranked)


def common_paths(log: EventLog, top: int = 10) -> tuple[PathShare, ...]:
    """The ``top`` most common compressed paths over all runs of ``log``."""
    return top_paths(run_paths(log), top)
