"""Condition Monte Carlo runs on observed events: keep the runs consistent with them.

Why rejection: an observation either matches a run's log or not, so its likelihood
is 0 or 1. Sequential importance resampling with 0/1 weights keeps exactly the runs
that pass every observation, each with weight 1, and its effective sample size is the
number kept; rejection is that, exact and without resampling noise.

Matching (per run, on the simulated calendar where round r falls on day r*round_days):
an event that happened must appear at least ``count`` times within its window widened
by the tolerance (one round unless the file says otherwise) on both sides; an event
that did not happen must not appear on any day of the stated window (widening it
would also forbid events after the date; narrowing it would make short windows mean
nothing).

``condition`` works on one chunk of runs or on a whole log; ``Conditioning`` counts
add up over chunks, and ``require_enough_runs`` refuses a collapsed sample afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from detente.forecast.observed import Observation, Observations, load_observations
from detente.forecast.questions.check import Vocabulary
from detente.process.eventlog import EventKind, EventLog
from detente.scenario.errors import DetenteError

if TYPE_CHECKING:
    from detente.scenario.schema import Scenario

MIN_KEPT_RUNS = 200  # below this the Monte Carlo SE of a share can reach 3.5 points
MIN_KEPT_SHARE = 0.01  # below this the model all but rules out what was observed


def observation_holds(
    log: EventLog, observation: Observation, rows: np.ndarray | None = None
) -> np.ndarray:
    """Bool (n_runs,): whether each run is consistent with ``observation``.

    ``rows`` (optional) are the indices of the log's events of the observation's kind,
    so that many observations of one kind share a single pass over the whole log.
    """
    what = observation.what
    if rows is None:
        rows = np.flatnonzero(log.kind == int(EventKind[what.kind.upper()]))
    mask = np.ones(rows.shape[0], dtype=bool)
    for column, ids, name in (
        (log.arena, log.arena_ids, what.arena),
        (log.actor, log.actor_ids, what.actor),
        (log.issue, log.issue_ids, what.issue),
    ):
        if name is not None:
            mask &= column[rows] == ids.index(name)
    if what.value is not None:
        mask &= log.value[rows] == np.float32(what.value)
    start = observation.start or log.as_of
    first, last = log.day_of(start), log.day_of(observation.end)
    if observation.happened:
        tolerance = (
            log.round_days if observation.tolerance_days is None else observation.tolerance_days
        )
        first, last = first - tolerance, last + tolerance
    days = log.day[rows]
    mask &= (days >= first) & (days <= last)
    counts = np.bincount(log.run[rows[mask]], minlength=log.n_runs)
    return counts >= observation.count if observation.happened else counts == 0


@dataclass(frozen=True)
class Conditioning:
    """Counts behind a conditioning, additive over chunks of runs.

    ``alone[i]``: runs consistent with observation i by itself; ``remaining[i]``: runs
    left after observations 0..i in file order. The effective sample size is ``kept``.
    """

    observations: Observations
    runs: int
    kept: int
    alone: tuple[int, ...]
    remaining: tuple[int, ...]

    @property
    def effective_sample_size(self) -> int:
        return self.kept

    def __add__(self, other: Conditioning) -> Conditioning:
        if other.observations is not self.observations:
            raise ValueError("cannot add conditionings on different observations")
        return replace(
            self,
            runs=self.runs + other.runs,
            kept=self.kept + other.kept,
            alone=tuple(a + b for a, b in zip(self.alone, other.alone, strict=True)),
            remaining=tuple(a + b for a, b in zip(self.remaining, other.remaining, strict=True)),
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the ``observed`` field of forecast and ask output."""
        n = max(self.runs, 1)
        return {
            "file": self.observations.file,
            "as_of": self.observations.as_of.isoformat(),
            "method": "rejection (0/1 likelihood; ESS = runs kept)",
            "runs_simulated": self.runs,
            "runs_kept": self.kept,
            "effective_sample_size": self.effective_sample_size,
            "kept_share": self.kept / n,
            "observations": [
                {
                    "observation": o.describe(),
                    "location": str(o.location),
                    "note": o.note,
                    "consistent_alone": alone / n,
                    "runs_left_after": left,
                }
                for o, alone, left in zip(
                    self.observations.items, self.alone, self.remaining, strict=True
                )
            ],
        }

    def line(self) -> str:
        """The printed summary line."""
        return (
            f"conditioned on {len(self.observations.items)} observed event(s) up to "
            f"{self.observations.as_of} ({self.observations.file}): kept {self.kept:,} of "
            f"{self.runs:,} runs (effective sample size {self.effective_sample_size:,}, "
            f"{100 * self.kept / max(self.runs, 1):.1f}%)"
        )


def condition(log: EventLog, observations: Observations) -> tuple[EventLog, Conditioning]:
    """The runs of ``log`` consistent with every observation, and the counts behind it."""
    keep, diagnostics = consistent_runs(log, observations)
    return log.select(keep), diagnostics


def consistent_runs(log: EventLog, observations: Observations) -> tuple[np.ndarray, Conditioning]:
    """Bool (n_runs,) mask of the runs to keep (for a caller that also filters parameters)."""
    keep = np.ones(log.n_runs, dtype=bool)
    alone, remaining = [], []
    rows_of: dict[str, np.ndarray] = {}  # event kind -> its rows, one pass per kind
    for observation in observations.items:
        kind = observation.what.kind
        if kind not in rows_of:
            rows_of[kind] = np.flatnonzero(log.kind == int(EventKind[kind.upper()]))
        holds = observation_holds(log, observation, rows_of[kind])
        alone.append(int(holds.sum()))
        keep &= holds
        remaining.append(int(keep.sum()))
    diagnostics = Conditioning(
        observations, int(log.n_runs), int(keep.sum()), tuple(alone), tuple(remaining)
    )
    return keep, diagnostics


def require_enough_runs(
    diagnostics: Conditioning,
    *,
    min_runs: int = MIN_KEPT_RUNS,
    min_share: float = MIN_KEPT_SHARE,
) -> None:
    """Refuse (one line, with the observation to blame and a fix) when the sample collapsed."""
    kept, runs = diagnostics.kept, max(diagnostics.runs, 1)
    if kept >= min_runs and kept / runs >= min_share:
        return
    items = diagnostics.observations.items
    worst = int(np.argmin(diagnostics.alone))
    if kept / runs < min_share and diagnostics.alone[worst] / runs >= min_share:
        # no single observation is that unlikely: blame the one that emptied the sample
        needed = max(min_runs, min_share * runs)
        worst = next(k for k, left in enumerate(diagnostics.remaining) if left < needed)
    worst_share = diagnostics.alone[worst] / runs
    blame = (
        f"{items[worst].location}: '{items[worst].describe()}' holds in "
        f"{100 * worst_share:.1f}% of runs by itself"
    )
    if kept / runs >= min_share:
        fix = f"simulate more runs (--runs {_more_runs(runs, kept, min_runs)})"
    elif worst_share < min_share:
        fix = (
            "widen its window or tolerance_days if the date is approximate; otherwise the "
            "observation contradicts the model (revise the scenario)"
        )
    else:
        blame += f", but with the observations before it leaves {diagnostics.remaining[worst]:,}"
        fix = (
            "check that the observations fit together (dates, tolerance_days); otherwise they "
            "contradict the model (revise the scenario)"
        )
    raise DetenteError(
        f"conditioning collapsed: {kept:,} of {diagnostics.runs:,} runs are consistent with "
        f"the observations (need at least {min_runs} and {100 * min_share:g}%); {blame}",
        hint=fix,
    )


def _more_runs(runs: int, kept: int, min_runs: int) -> int:
    """Runs that would keep about twice the minimum at the share seen (rounded up)."""
    share = max(kept, 1) / runs
    return int(np.ceil(2 * min_runs / share / 1000.0) * 1000)


class RunFilter:
    """A per-chunk hook for a forecast: the mask of runs to keep, counts summed over calls.

    Once the calls have seen ``expected_runs`` runs in all, a collapsed sample is refused
    (so a forecast streamed over chunks and one on a whole log stop at the same point).
    """

    def __init__(
        self,
        observations: Observations,
        expected_runs: int,
        *,
        min_runs: int = MIN_KEPT_RUNS,
        min_share: float = MIN_KEPT_SHARE,
    ) -> None:
        self.observations = observations
        self.expected_runs = expected_runs
        self.limits = {"min_runs": min_runs, "min_share": min_share}
        self._counts: Conditioning | None = None

    @property
    def diagnostics(self) -> Conditioning:
        if self._counts is None:
            raise RuntimeError("RunFilter has not seen any runs yet")
        return self._counts

    def __call__(self, log: EventLog) -> np.ndarray:
        keep, counts = consistent_runs(log, self.observations)
        self._counts = counts if self._counts is None else self._counts + counts
        if self._counts.runs >= self.expected_runs:
            require_enough_runs(self._counts, **self.limits)
        return keep


def observed_filter(path: Path | None, scenario: Scenario, runs: int) -> RunFilter | None:
    """The ``--observed FILE`` option of forecast commands: None without a file."""
    if path is None:
        return None
    return RunFilter(load_observations(path, Vocabulary.from_scenario(scenario)), runs)
