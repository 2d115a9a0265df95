"""Side arenas that decide by vote (e.g. the EU Council), one round at a time.

The proposal on an issue moves the status quo to the compromise of the members
(capability x salience weighted mean of their positions). Member k votes yes when
the proposal is closer to its ideal than the status quo, plus noise:
    |sq - ideal_k| - |proposal - ideal_k| + N(0, decision_noise) > 0.
Members without a position on the issue (salience 0) abstain; abstention never
blocks (as the EU's constructive abstention). Rules over the voting members:
- unanimity: every voter says yes (one veto blocks);
- qmv: at least 55% of voters and 65% of their capability say yes;
- majority: more than half of the voters say yes;
- enhanced: at least a third of the voters (and two) say yes; the decision then
  binds only the willing, so the status quo moves toward the proposal by the yes
  voters' share of the capability.
A blocked decision names as its blocker the no-voter most opposed to the proposal
(the lowest margin), the member a reader would call the veto player.
A passed issue is settled in this arena (its status quo is moved; later rounds do
not vote on it again); a blocked one is retried when the arena next meets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from detente.process.compiled import VoteArena
from detente.process.eventlog import EventKind
from detente.process.logbuilder import LogBuilder

if TYPE_CHECKING:
    from detente.process.state import Model


def vote_round(
    arena: VoteArena,
    model: Model,
    pending: np.ndarray,
    meets: np.ndarray,
    noise_sd: np.ndarray,
    rng: np.random.Generator,
    log: LogBuilder,
    day: int,
) -> None:
    """Vote on every pending issue in runs where the arena meets.

    Reads positions, saliences, capabilities and the status quo from the model's
    parameter table; a passed issue's status quo is written back there and it
    leaves ``pending`` (bool (n, arena issues), updated in place).
    """
    compiled, params = model.compiled, model.params
    members = arena.members
    capability_cols = compiled.capability_col[members]
    for local, issue in enumerate(arena.issues):
        todo = np.flatnonzero(meets & pending[:, local])
        if todo.size == 0:
            continue
        has = compiled.position_col[members, issue] >= 0
        pos_cols = np.where(has, compiled.position_col[members, issue], 0)
        sal_cols = np.where(has, compiled.salience_col[members, issue], 0)
        sq_col = compiled.status_quo_col[issue]
        m = members.size
        cols = np.concatenate([pos_cols, sal_cols, capability_cols, [sq_col]])
        rows = params[cols][:, todo].T  # (r, columns): only what this vote reads
        ideal = rows[:, :m]  # (r, m)
        cap = rows[:, 2 * m : 3 * m]
        weight = np.where(has, cap * rows[:, m : 2 * m], 0.0)
        voting = weight > 0
        total = weight.sum(axis=1)
        proposal = np.where(
            total > 0, (weight * ideal).sum(axis=1) / np.where(total > 0, total, 1.0), np.nan
        )
        sq = rows[:, -1]
        margin = np.abs(sq[:, None] - ideal) - np.abs(proposal[:, None] - ideal)
        # Draw for every run, then select: the stream must not depend on who votes, or
        # common random numbers break between a baseline and an intervention.
        shocks = rng.standard_normal((meets.shape[0], m))[todo]
        margin = margin + shocks * noise_sd[todo, None]
        yes = voting & (margin > 0)
        voters = voting.sum(axis=1)
        ayes = yes.sum(axis=1)
        yes_cap = np.where(yes, cap, 0.0).sum(axis=1)
        voting_cap = np.where(voting, cap, 0.0).sum(axis=1)
        if arena.rule == "unanimity":
            passed = (ayes == voters) & (voters > 0)
        elif arena.rule == "qmv":
            passed = (ayes >= 0.55 * voters) & (yes_cap >= 0.65 * voting_cap) & (voters > 0)
        elif arena.rule == "majority":
            passed = ayes > voters / 2
        else:  # enhanced cooperation among the willing
            passed = (ayes >= np.maximum(2, np.ceil(voters / 3))) & (voters > 0)
        share = np.ones(todo.size)
        if arena.rule == "enhanced":
            share = yes_cap / np.where(voting_cap > 0, voting_cap, 1.0)
        moved = np.where(passed, sq + share * (proposal - sq), sq)
        params[sq_col, todo] = np.where(np.isfinite(moved), moved, sq)
        pending[todo[passed], local] = False
        log.emit(EventKind.DECISION_PASSED, todo[passed], day, arena=arena.index, issue=int(issue))
        blocked = ~passed
        if blocked.any():
            # the blocking member is the voter most opposed to the proposal
            opposition = np.where(voting & ~yes, margin, np.inf)
            first = np.argmin(opposition, axis=1)
            blocker = np.where(np.isfinite(opposition.min(axis=1)), members[first], -1)
            log.emit(
                EventKind.DECISION_BLOCKED,
                todo[blocked],
                day,
                arena=arena.index,
                actor=blocker[blocked],
                issue=int(issue),
            )
