"""Limited deals reached while the war and the main talks go on.

A prisoner exchange, a moratorium on strikes on energy, a truce of a stated length:
each signatory accepts when its value of the deal (drawn per run from the package's
range) plus its per-round shock is positive; a truce that pauses the fighting is also
weighed against the ground it pauses (``TrackValues.pause_worth``: the front's move over
its length, up to the look-ahead, forgone), so the side gaining ground pays for the pause
and the side losing it gains. While the deal holds its effects apply to
dynamics numbers (e.g. a lower war cost), undone when it ends; a truce that pauses the
fighting stops the front. An agreed deal restores ``patience_bonus`` failed rounds of
the mediator's patience (trust built on small steps). It never ends the war.

A truce that pauses the fighting can break down before its end (``break_truces``), with
the hazard of an agreement that has no commitment terms (``breakdown.hazard`` with C = 0:
the base hazard, grown by the gainer's temptation): the same commitment problem as a
ceasefire's, and nothing in a truce's text answers it. Other limited deals (an exchange,
a moratorium) run their course: they do not stop a side from fighting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from detente.process.breakdown import hazard
from detente.process.compiled import MediatedArena
from detente.process.eventlog import EventKind
from detente.process.logbuilder import LogBuilder
from detente.process.state import Model, WarState
from detente.process.valuation import TrackValues

if TYPE_CHECKING:
    from detente.process.tracks import TrackState

_OPEN_ENDED = np.iinfo(np.int64).max // 2


@dataclass
class LimitedDeals:
    until: np.ndarray  # (n, q) last round the deal holds, 0: not in force
    next_try: np.ndarray  # (n, q) earliest round to offer it again

    @classmethod
    def start(cls, arena: MediatedArena, n: int) -> LimitedDeals:
        q = len(arena.limited)
        return cls(np.zeros((n, q), dtype=np.int64), np.zeros((n, q), dtype=np.int64))


def _done_at_signing(model: Model, package, runs: np.ndarray) -> None:
    """What the deal does in the world when signed (``at_signing``: an exchange made),
    on issues' status quo; it stays done when the deal ends."""
    for col, op, value in zip(*package.signing, strict=True):
        model.apply_effect(col, runs, op, value)


def _apply(model: Model, package, runs: np.ndarray, undo: bool) -> None:
    for col, op, value in zip(
        package.effect_cols, package.effect_ops, package.effect_values, strict=True
    ):
        row = model.params[col]
        if op == 1:
            row[runs] = row[runs] - value if undo else row[runs] + value
        elif value != 0:
            row[runs] = row[runs] / value if undo else row[runs] * value


def try_limited_deals(
    arena: MediatedArena,
    deals: LimitedDeals,
    track: TrackState,
    war: WarState,
    model: Model,
    idx: np.ndarray,
    shocks: np.ndarray,
    tau: np.ndarray,
    log: LogBuilder,
    day: int,
    round_no: int,
) -> None:
    """Offer each limited package not in force in the convened runs ``idx``."""
    for q, package in enumerate(arena.limited):
        ready = (deals.until[idx, q] == 0) & (deals.next_try[idx, q] <= round_no)
        runs = idx[ready]
        if runs.size == 0:
            continue
        value = np.stack(
            [
                model.params[col, runs] if col >= 0 else np.zeros(runs.size)
                for col in package.value_cols
            ],
            axis=1,
        )
        if package.pauses_fighting:  # what pausing the war is worth, besides the deal
            values = TrackValues(arena, model, war, runs)
            length = package.duration_rounds or values.lookahead  # open-ended: its horizon
            horizon = np.minimum(np.broadcast_to(length, runs.shape), values.lookahead)
            value = value + values.pause_worth(horizon)
        accept = (value + shocks[runs, q] * tau[ready][:, None] > 0).all(axis=1)
        deals.next_try[runs, q] = round_no + package.rounds_between
        won = runs[accept]
        if won.size == 0:
            continue
        length = package.duration_rounds
        deals.until[won, q] = round_no + length - 1 if length else _OPEN_ENDED
        _apply(model, package, won, undo=False)
        _done_at_signing(model, package, won)
        track.failed[won] = np.maximum(track.failed[won] - package.patience_bonus, 0.0)
        if package.pauses_fighting:
            war.paused_until[won] = np.maximum(war.paused_until[won], deals.until[won, q])
        log.emit(EventKind.LIMITED_DEAL, won, day, arena=arena.index, value=float(package.index))


def expire_limited_deals(
    arena: MediatedArena,
    deals: LimitedDeals,
    model: Model,
    log: LogBuilder,
    day: int,
    round_no: int,
) -> None:
    """End deals whose last round has passed: undo their effects, log LIMITED_ENDED."""
    for q, package in enumerate(arena.limited):
        ends = np.flatnonzero((deals.until[:, q] > 0) & (deals.until[:, q] < round_no))
        if ends.size == 0:
            continue
        deals.until[ends, q] = 0
        _apply(model, package, ends, undo=True)
        log.emit(EventKind.LIMITED_ENDED, ends, day, arena=arena.index, value=float(package.index))


def break_truces(
    arena: MediatedArena,
    deals: LimitedDeals,
    in_force_before: np.ndarray,
    model: Model,
    drift: np.ndarray,
    u: np.ndarray,
    log: LogBuilder,
    day: int,
    round_no: int,
) -> np.ndarray:
    """Truces that paused the fighting since before this round collapse where ``u`` (n,
    uniform) falls under their hazard: their effects are undone, the deal may be offered
    again after ``rounds_between``; TRUCE_BROKEN is logged. ``drift`` (n,) is the gain the
    war's gainer expects by fighting on, as for agreements (``simulator._breakdowns``).
    Returns the runs where one broke: the caller says whether the fighting resumes (another
    track's truce may still hold)."""
    broke = []
    for q, package in enumerate(arena.limited):
        if not package.pauses_fighting:
            continue
        runs = np.flatnonzero(in_force_before[:, q])
        if runs.size == 0:
            continue
        chance = hazard(model, runs, np.zeros(runs.size), drift[runs])
        out = runs[u[runs] < chance]
        if out.size == 0:
            continue
        deals.until[out, q] = 0
        deals.next_try[out, q] = round_no + package.rounds_between
        _apply(model, package, out, undo=True)
        log.emit(EventKind.TRUCE_BROKEN, out, day, arena=arena.index, value=float(package.index))
        broke.append(out)
    return np.concatenate(broke) if broke else np.zeros(0, dtype=np.int64)


def truce_until(arena: MediatedArena, deals: LimitedDeals, runs: np.ndarray) -> np.ndarray:
    """The last round any truce of this track that pauses the fighting holds, in ``runs``
    (0 where none is in force)."""
    pausing = [k for k, p in enumerate(arena.limited) if p.pauses_fighting]
    if not pausing:
        return np.zeros(runs.size, dtype=np.int64)
    return deals.until[np.ix_(runs, pausing)].max(axis=1)
