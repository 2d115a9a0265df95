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
    "military victory",
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
    return shares_of_counts(cycle_counts(log, n_rounds), log.n_runs, log.round_days)


def shares_of_counts(counts: np.ndarray, n_runs: int, round_days: int) -> CycleShares:
    """``CycleShares`` from run counts (states, R) summed over any number of logs."""
    n_rounds = counts.shape[1]
    days = np.arange(1, n_rounds + 1) * round_days
    shares = counts.astype(float) / max(n_runs, 1)
    return CycleShares(np.arange(1, n_rounds + 1), days, CYCLE_STATES, shares)


def cycle_counts(log: EventLog, n_rounds: int) -> np.ndarray:
    """Runs (int, states x rounds) in each state of ``CYCLE_STATES`` at the end of rounds
    1..n_rounds: counts add up over chunks of runs, shares would not."""
    n_rounds = max(int(n_rounds), 1)
    held = np.zeros((log.n_runs, n_rounds + 1), dtype=bool)
    mask = log.kind == int(EventKind.ROUND_HELD)
    held[log.run[mask], np.clip(log.day[mask] // log.round_days, 0, n_rounds)] = True
    held = held[:, 1:]
    bypassed = _ever_by_round(log, EventKind.BYPASSED, n_rounds)
    narrowed = _ever_by_round(log, EventKind.NARROWED, n_rounds)
    days = np.arange(1, n_rounds + 1) * log.round_days
    out = np.zeros((len(CYCLE_STATES), n_rounds), dtype=np.int64)
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
            np.count_nonzero(cls == OutcomeClass.VICTORY),
        )
        out[:, r] = counts
    return out


def outcome_path(log: EventLog, days: np.ndarray) -> np.ndarray:
    """Share of runs in each OutcomeClass on each day: (classes, len(days))."""
    return outcome_path_counts(log, days) / max(log.n_runs, 1)


def outcome_path_counts(log: EventLog, days: np.ndarray) -> np.ndarray:
    """Runs (int) in each OutcomeClass on each day: (classes, len(days))."""
    out = np.zeros((len(OutcomeClass), len(days)), dtype=np.int64)
    for k, day in enumerate(days):
        counts = np.bincount(log.outcome_class_at(int(day)), minlength=len(OutcomeClass))
        out[:, k] = counts[: len(OutcomeClass)]
    return out
