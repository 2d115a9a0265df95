"""State shared by every part of a batch: the parameter table (Model) and the war.

Why a module of its own: tracks, votes, limited deals and breakdown all read and write
the same numbers; keeping them here (not in ``simulator``) means none of those modules
imports the loop that calls them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from detente.process.compiled import CompiledScenario
from detente.process.utility import salience_weights
from detente.process.war_beliefs import DriftBeliefs

FIGHTING, AGREED, DECIDED = 0, 1, 2  # DECIDED: the front reached a side's decisive line
T = TypeVar("T")


class Model:
    """The batch's parameter table plus run-major views of positions, saliences, capabilities.

    ``params`` is stored parameter-major, shape (numbers, runs): the model reads whole
    columns (one number across all runs) far more often than whole runs, and a
    contiguous row per number makes those reads cheap.
    """

    def __init__(
        self, compiled: CompiledScenario, params: np.ndarray, *, shocks_felt: bool = True
    ) -> None:
        self.compiled = compiled
        self.params = params
        # False only for the luck diagnostic: every shock is drawn (the random stream is
        # unchanged) and every actor still expects shocks, but none is felt
        self.shocks_felt = shocks_felt
        c = compiled
        has = c.position_col >= 0
        self._has = has
        self._x_cols = np.where(has, c.position_col, c.status_quo_col[None, :])
        self._s_cols = np.where(has, c.salience_col, 0)
        self.actor_columns = frozenset(
            np.concatenate([c.position_col[has], c.salience_col[has], c.capability_col]).tolist()
        )
        n = params.shape[1]
        self.n = n
        self.x = np.empty((n, *has.shape))
        self.s = np.empty((n, *has.shape))
        self.c = np.empty((n, has.shape[0]))
        self._views: dict[tuple[bytes, bytes], tuple[np.ndarray, ...]] = {}
        self._weights: dict[
            tuple[bytes, ...], tuple[np.ndarray, np.ndarray | None, np.ndarray]
        ] = {}
        self._memo: dict[tuple, object] = {}
        self.refresh(slice(None))

    def refresh(self, runs: np.ndarray | slice) -> None:
        """Re-read positions, saliences and capabilities of ``runs`` after events edited them."""
        p = self.params[:, runs]
        self.x[runs] = np.moveaxis(p[self._x_cols], -1, 0)
        self.s[runs] = np.moveaxis(np.where(self._has[..., None], p[self._s_cols], 0.0), -1, 0)
        self.c[runs] = p[self.compiled.capability_col].T
        for actors, issues, x, s in self._views.values():
            if isinstance(runs, slice):
                x[runs] = self.x[runs].take(actors, axis=1).take(issues, axis=2)
                s[runs] = self.s[runs].take(actors, axis=1).take(issues, axis=2)
            else:  # the same numbers in one gather each
                block = np.ix_(runs, actors, issues)
                x[runs], s[runs] = self.x[block], self.s[block]
        for salience, mask, weight in self._weights.values():
            weight[runs] = salience_weights(
                salience[runs] if mask is None else salience[runs] * mask
            )

    def view(self, actors: np.ndarray, issues: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions and saliences (n, actors, issues) of some actors on some issues.

        Cached and kept up to date by ``refresh``: the arenas read the same sub-blocks
        every round.
        """
        key = (actors.tobytes(), issues.tobytes())
        found = self._views.get(key)
        if found is None:
            x = self.x.take(actors, axis=1).take(issues, axis=2)
            s = self.s.take(actors, axis=1).take(issues, axis=2)
            found = self._views[key] = (actors, issues, x, s)
        return found[2], found[3]

    def weights(
        self, actors: np.ndarray, issues: np.ndarray, mask: np.ndarray | None = None
    ) -> np.ndarray:
        """Salience weights (n, actors, issues) of a ``view``, the saliences first multiplied
        by ``mask`` (actors, issues) where given (``utility.salience_weights``).

        Cached and kept up to date by ``refresh``: the arenas normalise the same saliences
        every round, and the rows are the same whichever runs are read."""
        masked = b"" if mask is None else mask.tobytes() + mask.dtype.str.encode()
        key = (actors.tobytes(), issues.tobytes(), masked)
        found = self._weights.get(key)
        if found is None:
            salience = self.view(actors, issues)[1]
            weight = salience_weights(salience if mask is None else salience * mask)
            found = self._weights[key] = (salience, mask, weight)
        return found[2]

    def memo(self, key: tuple, build: Callable[[], T]) -> T:
        """``build()``, made once per batch: for tables that depend only on the compiled
        scenario (never on the runs' numbers), which the arenas would rebuild every round."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]  # type: ignore[return-value]

    def apply_effect(self, col: int, runs: np.ndarray, op: int, value: float) -> None:
        """One effect (op 0 set, 1 add, 2 multiply) on number ``col`` in ``runs``, kept
        within the range its path allows: what a fired event, or what a limited deal does
        at signing, changes."""
        old = self.params[col, runs]
        new = np.full_like(old, value) if op == 0 else old + value if op == 1 else old * value
        low, high = self.compiled.bound_low[col], self.compiled.bound_high[col]
        self.params[col, runs] = np.clip(new, low, high)

    def status_quo_of(self, runs: np.ndarray, issues: np.ndarray) -> np.ndarray:
        """Status quo (runs, issues) of the given issues."""
        return self.params[self.compiled.status_quo_col[issues]][:, runs].T

    def dynamic(self, name: str, default: float = 0.0) -> np.ndarray:
        """One dynamics number across all runs (n,); ``default`` if the scenario has none."""
        col = self.compiled.dynamic(name)
        if col < 0:
            return np.full(self.n, default)
        return self.params[col]

    def for_actor(self, name: str, actor: int, default: float = 0.0) -> np.ndarray:
        """``name.<actor id>`` if the scenario sets it for that actor, else ``name``."""
        col = self.compiled.dynamic(f"{name}.{self.compiled.actor_ids[actor]}")
        return self.params[col] if col >= 0 else self.dynamic(name, default)


@dataclass
class WarState:
    """The one war of a batch (arrays of length n, or (n, actors)).

    ``extra_cost`` and ``extra_drift`` hold what mediators' levers add while pulled;
    ``text`` is the agreement in force (NaN where deferred or none).
    """

    status: np.ndarray  # int8 FIGHTING / AGREED / DECIDED
    track: np.ndarray  # int: arena index of the agreement in force, -1
    klass: np.ndarray  # float: OutcomeClass of the agreement in force
    commitment: np.ndarray  # float in 0..1: commitment score of the agreement in force
    shortfall: np.ndarray  # float >= 0: how far below fighting a signatory valued it
    paused_until: np.ndarray  # int: last round of a truce that pauses the fighting
    extra_cost: np.ndarray  # (n, actors) war cost added by levers
    extra_drift: np.ndarray  # (n,) front drift added by levers
    all_abandoned: np.ndarray  # bool: every track is abandoned (the war intensifies)
    text: np.ndarray  # (n, issues)
    talks_on: np.ndarray  # bool: the ceasefire in force keeps its track talking
    talks_failed: np.ndarray  # float: texts turned down under that ceasefire
    # under a ceasefire, each side's private leaning against the full settlement (n,
    # actors; NaN until it first answers there; kept for the run) and the mediator's
    # belief about it (``follow_on``)
    settle_offset: np.ndarray
    settle_mean: np.ndarray
    settle_var: np.ndarray
    fought_rounds: np.ndarray  # int (n,): rounds of fighting since as_of (war weariness)
    # bool (n,): the agreement in force is the one signed before as_of (``war: in_force``),
    # not one reached in the run (which alone sets the run's settlement day)
    inherited: np.ndarray
    beliefs: DriftBeliefs | None = None  # the sides' beliefs about the trend, if declared

    @classmethod
    def start(cls, n: int, n_actors: int, n_issues: int) -> WarState:
        return cls(
            status=np.zeros(n, dtype=np.int8),
            track=np.full(n, -1, dtype=np.int64),
            klass=np.zeros(n),
            commitment=np.zeros(n),
            shortfall=np.zeros(n),
            paused_until=np.zeros(n, dtype=np.int64),
            extra_cost=np.zeros((n, n_actors)),
            extra_drift=np.zeros(n),
            all_abandoned=np.zeros(n, dtype=bool),
            text=np.full((n, n_issues), np.nan),
            talks_on=np.zeros(n, dtype=bool),
            talks_failed=np.zeros(n),
            settle_offset=np.full((n, n_actors), np.nan),
            settle_mean=np.zeros((n, n_actors)),
            settle_var=np.zeros((n, n_actors)),
            fought_rounds=np.zeros(n, dtype=np.int64),
            inherited=np.zeros(n, dtype=bool),
        )

    def expected_drift(self, model: Model) -> np.ndarray:
        """Points per round the front moves toward the gainer (before noise)."""
        drift = model.dynamic("front_drift_per_round") + self.extra_drift
        return drift + np.where(self.all_abandoned, model.dynamic("abandoned_drift"), 0.0)

    def believed_drift(self, model: Model, actor: int) -> np.ndarray:
        """The drift (n,) toward the gainer that ``actor`` expects: the trend, plus its
        optimism where it has a belief of its own (``war_beliefs``)."""
        drift = self.expected_drift(model)
        if self.beliefs is None:
            return drift
        return drift + self.beliefs.gap[:, actor]
