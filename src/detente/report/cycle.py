"""Where the runs stand in the negotiation cycle, round by round, read off the event log.

Why finer than the outcome classes: "fighting while talking" hides whether a round
was actually held (the mediator's attention is limited) and whether the mediator has
already bypassed the influencers or narrowed the text; a reader of the cycle of
seed 001 wants to see those phases fill and drain.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.process.eventlog import EventKind, EventLog, OutcomeClass

CYCLE_STATES = (
    "talking: round held, no deal",
    "talking: no round this period",
    "talking: influencers bypassed",
    "talking: a ceasefire text offered",
    "talks abandoned",
    "comprehensive settlement",
    "armistice",
    "imposed deal",
    "agreement collapsed, war resumed",
)


@dataclass(frozen=True)
class CycleShares:
    rounds: np.ndarray  # int (R,), round numbers 1..R
    days: np.ndarray  # int (R,), day of each round
    states: tuple[str, ...]
    shares: np.ndarray  # float (states, R), columns sum to 1


def _ever_by_round(log: EventLog, kind: EventKind, n_rounds: int) -> np.ndarray:
    """Bool (n_runs, R): the event happened in round r or earlier."""
    out = np.zeros((log.n_runs, n_rounds + 1), dtype=bool)
    mask = log.kind == int(kind)
    rounds = np.clip(log.day[mask] // log.round_days, 0, n_rounds)
    out[log.run[mask], rounds] = True
    return np.logical_or.accumulate(out, axis=1)[:, 1:]


def cycle_shares(log: EventLog, n_rounds: int) -> CycleShares:
    """Share of runs in each state of ``CYCLE_STATES`` at the end of rounds 1..n_rounds."""
    n_rounds = max(int(n_rounds), 1)
    held = np.zeros((log.n_runs, n_rounds + 1), dtype=bool)
    mask = log.kind == int(EventKind.ROUND_HELD)
    held[log.run[mask], np.clip(log.day[mask] // log.round_days, 0, n_rounds)] = True
    held = held[:, 1:]
    bypassed = _ever_by_round(log, EventKind.BYPASSED, n_rounds)
    narrowed = _ever_by_round(log, EventKind.NARROWED, n_rounds)
    days = np.arange(1, n_rounds + 1) * log.round_days
    shares = np.zeros((len(CYCLE_STATES), n_rounds))
    n = max(log.n_runs, 1)
    for r, day in enumerate(days):
        cls = log.outcome_class_at(int(day))
        talking = cls == OutcomeClass.FIGHTING_WHILE_TALKING
        narrow = talking & narrowed[:, r]
        bypass = talking & bypassed[:, r] & ~narrow
        plain = talking & ~narrow & ~bypass
        counts = (
            np.count_nonzero(plain & held[:, r]),
            np.count_nonzero(plain & ~held[:, r]),
            np.count_nonzero(bypass),
            np.count_nonzero(narrow),
            np.count_nonzero(cls == OutcomeClass.ABANDONED),
            np.count_nonzero(cls == OutcomeClass.COMPREHENSIVE),
            np.count_nonzero(cls == OutcomeClass.ARMISTICE),
            np.count_nonzero(cls == OutcomeClass.IMPOSED),
            np.count_nonzero(cls == OutcomeClass.COLLAPSED),
        )
        shares[:, r] = np.asarray(counts, dtype=float) / n
    return CycleShares(np.arange(1, n_rounds + 1), days, CYCLE_STATES, shares)


def outcome_path(log: EventLog, days: np.ndarray) -> np.ndarray:
    """Share of runs in each OutcomeClass on each day: (classes, len(days))."""
    out = np.zeros((len(OutcomeClass), len(days)))
    for k, day in enumerate(days):
        counts = np.bincount(log.outcome_class_at(int(day)), minlength=len(OutcomeClass))
        out[:, k] = counts[: len(OutcomeClass)] / max(log.n_runs, 1)
    return out
