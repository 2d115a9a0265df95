"""How each decider values a text on a track, and what it would get by fighting on.

Utilities are in scale points (``utility``): u_i(y) = -sum_j w_ij |y_j - ideal_ij|,
with losses beyond today's status quo weighing (1 + concession_aversion).

A side of the war compares a text with fighting on for ``lookahead_rounds`` L:
    F_i = u_i(status quo with the front moved L rounds along its expected drift)
          + resolve_i - (war_cost_i + lever costs) * L,
with war_cost_i grown with the war's length where the scenario declares
``war_cost_growth`` (``_weariness``).
It values a text ending the war as u_i(text) - p * L * war_cost_i, where p =
min(1, hazard(text) * L) is the chance the agreement breaks down within its look-ahead
(the commitment problem: guarantees make a text worth more to the side that fears a
relapse). A signatory that does not fight (a mediator signing a side deal) compares the
text with the status quo, plus its resolve.
"""

from __future__ import annotations

import numpy as np

from detente.process.beliefs import pert_mean_var
from detente.process.compiled import MediatedArena
from detente.process.state import Model, WarState
from detente.process.utility import kernels_pay, text_utilities, utility


class TrackValues:
    """Ideals, weights and reservation values of a track's signatories in runs ``idx``."""

    def __init__(self, arena: MediatedArena, model: Model, war: WarState, idx: np.ndarray) -> None:
        self.arena, self.model, self.war, self.idx = arena, model, war, idx
        x, s = model.view(arena.signatories, arena.issues)
        self.ideal = x[idx]
        self.salience = s[idx]
        self.weight = model.weights(arena.signatories, arena.issues)[idx]
        self.status_quo = model.status_quo_of(idx, arena.issues)
        self.aversion = model.dynamic("concession_aversion", 0.0)[idx]
        self.lookahead = model.dynamic("lookahead_rounds", 6.0)[idx]
        war_cost = _per_signatory(model, arena, "war_cost", 2.0)[:, idx].T
        war_cost = war_cost + _weariness(model, arena, war, idx, self.lookahead)
        self.cost = (war_cost + war.extra_cost[np.ix_(idx, arena.signatories)]) * arena.sides
        self.resolve = _per_signatory(model, arena, "resolve", 0.0)[:, idx].T
        self.drift = war.expected_drift(model)[idx]  # fixed within a round: read once
        front_war = model.compiled.war
        moves = arena.front >= 0 and front_war is not None and front_war.direction != 0
        self.front = int(arena.front) if moves else -1  # -1: the front is not projected
        self.direction = float(front_war.direction) if moves else 0.0

    def projected(self, extra_drift: np.ndarray | float = 0.0) -> np.ndarray:
        """Status quo (r, k) with the front moved L rounds along its expected drift."""
        out = self.status_quo.copy()
        if self.front >= 0:
            drift = self.drift + extra_drift
            moved = out[:, self.front] + self.direction * drift * self.lookahead
            out[:, self.front] = np.clip(moved, 0.0, 100.0)
        return out

    def fight_on(
        self,
        extra_cost: np.ndarray | float = 0.0,
        extra_drift: np.ndarray | float = 0.0,
        belief_gap: np.ndarray | None = None,
    ) -> np.ndarray:
        """F (r, s): each signatory's value of fighting on (status quo for non-fighters);
        with ``belief_gap`` (r, s), each side projects the front along the trend it
        believes (``war_beliefs``) instead of the true one."""
        if kernels_pay(self.idx.size, self.status_quo.shape[1]):
            return self._fight_on_compiled(extra_cost, extra_drift, belief_gap)[-1]
        reference = np.where(self.arena.sides[None, :, None], 1.0, 0.0)
        if belief_gap is None:
            projected = self.projected(extra_drift)[:, None, :]
        else:
            sides = range(belief_gap.shape[1])
            projected = np.stack(
                [self.projected(extra_drift + belief_gap[:, k]) for k in sides], axis=1
            )
        # non-fighters keep today's status quo: mix per signatory
        per_sig = reference * projected + (1 - reference) * self.status_quo[:, None, :]
        u = np.stack(
            [
                utility(
                    self.ideal[:, k : k + 1],
                    self.weight[:, k : k + 1],
                    per_sig[:, k],
                    self.status_quo,
                    self.aversion,
                )[:, 0]
                for k in range(self.arena.signatories.size)
            ],
            axis=1,
        )
        cost = self.cost + extra_cost * self.arena.sides[None, :]
        return u + self.resolve - cost * self.lookahead[:, None]

    def fight_on_believed(
        self,
        extra_cost: np.ndarray | float,
        extra_drift: np.ndarray | float,
        belief_gap: np.ndarray | None,
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """``fight_on`` along the true trend and, with ``belief_gap``, along the believed
        one (None without): one numba pass for both where the kernels are in use."""
        if kernels_pay(self.idx.size, self.status_quo.shape[1]):
            both = self._fight_on_compiled(extra_cost, extra_drift, belief_gap)
            return both[0], None if belief_gap is None else both[1]
        public = self.fight_on(extra_cost, extra_drift)
        if belief_gap is None:
            return public, None
        return public, self.fight_on(extra_cost, extra_drift, belief_gap)

    def kernel_arrays(self) -> tuple[np.ndarray, ...]:
        """Ideal, weight, status quo, aversion and look-ahead as the compiled kernels take
        them (contiguous floats): the leading arguments of every kernel that values texts
        or fighting on for these runs."""
        return tuple(
            np.ascontiguousarray(a, dtype=float)
            for a in (self.ideal, self.weight, self.status_quo, self.aversion, self.lookahead)
        )

    def _fight_on_compiled(
        self,
        extra_cost: np.ndarray | float,
        extra_drift: np.ndarray | float,
        belief_gap: np.ndarray | None,
    ) -> np.ndarray:
        """``fight_on`` (1, r, s) without and (2, r, s) with ``belief_gap`` (then [1] is the
        believed) in one numba pass (``kernels.fight_values``): same bits, without the
        dozens of small numpy calls per signatory that dominate small batches."""
        from detente.process.kernels import fight_values

        r, s = self.cost.shape
        return fight_values(
            *self.kernel_arrays(),
            np.ascontiguousarray(self.drift, dtype=float),
            np.ascontiguousarray(np.broadcast_to(extra_drift, (r,)), dtype=float),
            np.zeros((r, s)) if belief_gap is None else np.ascontiguousarray(belief_gap, float),
            belief_gap is not None,
            self.front,
            self.direction,
            self.arena.sides,
            np.ascontiguousarray(self.cost, dtype=float),
            np.ascontiguousarray(np.broadcast_to(extra_cost, (r, s)), dtype=float),
            np.ascontiguousarray(self.resolve, dtype=float),
        )

    def pause_worth(self, rounds: np.ndarray) -> np.ndarray:
        """(r, s) what pausing the fighting for ``rounds`` (r,) is worth to each side
        beside the truce's own value: the ground it would have gained by fighting on
        (the front moved ``rounds`` along the trend that side believes), forgone; so the
        side gaining ground pays for the pause and the side losing it gains (Fearon and
        Powell: who is winning has least reason to stop). The war cost a pause saves is
        not added: the relief is the truce's own value as the scenario states it, and what
        a pause costs besides the ground (the other side regroups, its pain eases) is not
        modelled, so the two are left to that value. 0 for a side that does not fight."""
        gained = np.zeros(self.cost.shape)
        if self.front < 0:
            return gained
        for k, actor in enumerate(self.arena.signatories):
            drift = self.war.believed_drift(self.model, int(actor))[self.idx]
            moved = self.status_quo.copy()
            shift = self.direction * drift * rounds
            moved[:, self.front] = np.clip(moved[:, self.front] + shift, 0.0, 100.0)
            ideal, weight = self.ideal[:, k : k + 1], self.weight[:, k : k + 1]
            after = utility(ideal, weight, moved, self.status_quo, self.aversion)[:, 0]
            now = utility(ideal, weight, self.status_quo, self.status_quo, self.aversion)[:, 0]
            gained[:, k] = after - now  # the ground fighting on would take (or lose)
        return -gained * self.arena.sides[None, :]

    def text_value(self, texts: np.ndarray, relapse: np.ndarray) -> np.ndarray:
        """Value (r, c, s) of candidate texts (r, c, k) given their relapse chance (r, c)."""
        u = text_utilities(self.ideal, self.weight, texts, self.status_quo, self.aversion)
        return u - relapse[:, :, None] * self.lookahead[:, None, None] * self.cost[:, None, :]


def _weariness(
    model: Model, arena: MediatedArena, war: WarState, idx: np.ndarray, lookahead: np.ndarray
) -> np.ndarray | float:
    """(r, s) utility points a round added to each side's war cost by ``war_cost_growth``
    (g, per year): k rounds from now a round costs g * c * (years fought by then) more,
    with c the scenario's expected war cost of that side, so over the next L rounds, which
    the side weighs, it adds g * c * Δ * (fought + (L + 1) / 2) a round on average, Δ a
    round in years. 0 where no side declares a growth.

    Why: costs that mount with the war's length are how a conflict ripens (Zartman's
    mutually hurting stalemate, war weariness); without them the model is stationary.
    The growth is public, like the war's length (casualties and the economy are seen):
    it is scaled by the expected cost, not the run's private draw of it, so a side's
    private offset (``tracks._private_offsets``) stays what the mediator learns about."""
    rows = model.memo(("weariness", arena.index), lambda: _rows(model, arena, "war_cost_growth"))
    if all(row < 0 for row in rows):
        return 0.0
    growth = _per_signatory(model, arena, "war_cost_growth", 0.0)[:, idx].T
    if not growth.any():  # declared 0 (the built-ins): the cost stays exactly as it was
        return 0.0
    expected = model.memo(("expected_war_cost", arena.index), lambda: _expected(model, arena))
    years_per_round = model.compiled.round_days / 365.0
    years = years_per_round * (war.fought_rounds[idx] + (lookahead + 1.0) / 2.0)
    return growth * expected[None, :] * years[:, None]


def _expected(model: Model, arena: MediatedArena) -> np.ndarray:
    """(s,) each signatory's expected war cost per round: the mean of its declared range
    (the registry's 2.0 where the scenario sets none)."""
    c = model.compiled
    out = []
    for col in _rows(model, arena, "war_cost"):
        out.append(pert_mean_var(c.low[col], c.mode[col], c.high[col])[0] if col >= 0 else 2.0)
    return np.array(out, dtype=float)


def _per_signatory(model: Model, arena: MediatedArena, name: str, default: float) -> np.ndarray:
    """``name.<actor>`` (s, n) of each signatory (``default`` where the scenario sets none):
    the parameter rows where there is one, read once a batch (``Model.memo``)."""
    rows = model.memo(("per_signatory", arena.index, name), lambda: _rows(model, arena, name))
    if all(row >= 0 for row in rows):
        return model.params[rows]
    ids = model.compiled.actor_ids
    return np.stack([model.dynamic(f"{name}.{ids[a]}", default) for a in arena.signatories])


def _rows(model: Model, arena: MediatedArena, name: str) -> list[int]:
    ids = model.compiled.actor_ids
    return [model.compiled.dynamic(f"{name}.{ids[a]}") for a in arena.signatories]
