"""KTAB's spatial model of politics (SMP): turns of challenges, bargains and votes.

A re-implementation over numpy of KTAB's ``SMPState::doBCN`` (lsyaseen/KTAB,
examples/smp/libsrc/smp.cpp, smpbcn.cpp, kmodel.cpp). Positions arrive on 0-100 and
are scaled to [0, 1]; saliences arrive on 0-100 and become fractions; an actor whose
saliences sum to more than 100 is rescaled to sum to exactly 1 (KTAB requires <= 1).

One turn, as in KTAB:
1. distance d_ij = sqrt(sum_k (s_ik (x_ik - x_jk))^2 / sum_k s_ik^2), value 1 - d_ij;
2. risk attitudes r_i from the risk-neutral PCE over the actors' positions (weights =
   capabilities), mapped to [-1, 1] by the risk range; utility (1 - d)(1 + d r);
   actor h's estimate of i's r is adjusted towards h's own (risk adjust);
3. each actor i picks the target j with the largest expected gain of a challenge
   (third parties join little contests, third-party commitment), if the gain > 1e-5;
4. the pair's bargain interpolates positions weighted by salience^a x probability^b;
5. every actor votes (PCE) over its queue: status quo plus bargains it is party to,
   and adopts the most probable (deterministic state transition).
It stops when the total movement of a turn falls under ``min_delta_ratio`` of the
first turn's (after ``min_turns``), or at ``max_turns``.

Defaults are KTAB smpc's defaults (log of 2017-05-30): victory model Linear (exponent
1), voting rule Prop, PCE Conditional, deterministic transitions, BigRRange Mid,
BigRAdjust OneThird, ThirdPartyCommit SemiCommit, InterVecBrgn S2P2, bargain model
InitOnlyInterp, stop after >= 2 turns when the change is < 2% of the first (max 100).

Departures / choices (also in the report):
- KTAB processes actors in a thread-dependent order, so its bargain queues are in
  that order; here they are in actor order. This only matters for exact ties.
- Equal positions for the win-probability PCE are grouped within a Euclidean distance
  of 1e-3 on [0, 1]; this value reproduces every turn of KTAB's reference logs.
- The O(n^3) steps (challenges, coalition strengths) run in numba kernels
  (``smp_kernel``); the pure numpy path (``use_numba=False``) gives the same numbers,
  which a test cross-checks.
- Batches (Monte Carlo draws) are run one draw after another: each run stops at its
  own turn, and shorter histories are padded with their final state.
- KTAB's receiver-perspective bargain (used by the init-receiver and pw-compromise
  bargain models) passes the receiver's *expected gain* where a probability belongs,
  and weights it with the initiator's capability; both quirks are kept for fidelity.

This module runs the turns and packs the result; the options live in ``smp_settings``,
the state estimates (steps 1-3) in ``smp_state``, and one turn's bargains and votes
(steps 4-5) in ``smp_bargains``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from detente.solvers.smp_bargains import smp_turn
from detente.solvers.smp_kernel import use_compiled
from detente.solvers.smp_settings import SMPSettings
from detente.solvers.smp_state import all_challenges, assess_state
from detente.solvers.validation import SolverInputError, check_inputs

__all__ = [
    "SMPResult",
    "SMPSettings",
    "all_challenges",
    "assess_state",
    "check_smp_inputs",
    "spatial_model",
]


@dataclass(frozen=True)
class SMPResult:
    """Positions per turn (0-100) and each actor's win probability per turn.

    ``history`` has shape (..., turns + 1, actors, issues), ``win_probability``
    (..., turns + 1, actors), ``risk_attitude`` the same; runs in a batch that stop
    early repeat their last state. ``outcome`` is the win-probability weighted mean of
    the final positions, ``turns`` the number of turns each run took.
    """

    outcome: np.ndarray
    history: np.ndarray
    win_probability: np.ndarray
    risk_attitude: np.ndarray
    turns: np.ndarray


def _state_distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b, axis=-1).sum())


def _run_one(
    x: np.ndarray,
    s: np.ndarray,
    c: np.ndarray,
    settings: SMPSettings,
    rng: np.random.Generator | None,
) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    positions, wins, risks = [x], [], []
    state = assess_state(x, s, c, settings)
    wins.append(state.win_probability)
    risks.append(state.risk)
    first_step = None
    for turn in range(1, settings.max_turns + 1):
        x = smp_turn(x, s, c, state, settings, rng)
        positions.append(x)
        state = assess_state(x, s, c, settings)
        wins.append(state.win_probability)
        risks.append(state.risk)
        if first_step is None:
            first_step = _state_distance(positions[0], positions[1]) + settings.min_sig_delta
        change = _state_distance(positions[-1], positions[-2]) / first_step
        if turn >= settings.min_turns and change < settings.min_delta_ratio:
            break
    return positions, wins, risks


def check_smp_inputs(x: np.ndarray, s: np.ndarray, c: np.ndarray) -> None:
    check_inputs(x, s, c)
    if x.shape[-2] < 2:
        raise SolverInputError(
            "the SMP needs at least two actors", hint="add an actor who takes a position"
        )
    if np.any((x < 0) | (x > 100)):
        raise SolverInputError(
            "a position lies outside the 0..100 scale", hint="rescale positions to 0..100"
        )
    if np.any(c <= 0):
        raise SolverInputError(
            "the SMP needs every capability > 0 (KTAB votes with weight = capability)",
            hint="drop actors with zero capability or give them a small positive one",
        )
    dead = np.flatnonzero((s.sum(-1) <= 0).reshape(-1, x.shape[-2]).any(0))
    if dead.size:
        raise SolverInputError(
            f"actor index {int(dead[0])} has all saliences 0",
            hint="give each actor a positive salience on at least one issue",
        )


def spatial_model(
    x: np.ndarray,
    s: np.ndarray,
    c: np.ndarray,
    settings: SMPSettings | None = None,
    rng: np.random.Generator | None = None,
) -> SMPResult:
    """Run KTAB's SMP on positions x (..., n, m) in 0-100, saliences s (0-100), capabilities c.

    ``rng`` is needed only for ``state_transition="stochastic"``.
    """
    settings = settings or SMPSettings()
    settings.check()
    if settings.state_transition == "stochastic" and rng is None:
        raise SolverInputError(
            "stochastic state transitions need a random generator",
            hint="pass rng=numpy.random.default_rng(seed)",
        )
    draw = rng if settings.state_transition == "stochastic" else None
    x, s, c = (np.asarray(a, dtype=float) for a in (x, s, c))
    check_smp_inputs(x, s, c)
    batch = x.shape[:-2]
    n, m = x.shape[-2:]
    xs = x.reshape(-1, n, m) / 100.0
    sal = s.reshape(-1, n, m) / 100.0
    total = sal.sum(-1, keepdims=True)
    sal = np.where(total > 1.0, sal / total, sal)
    caps = c.reshape(-1, n)
    compiled = use_compiled(settings.use_numba, n, settings.numba_from_actors, xs.shape[0])
    settings = replace(settings, use_numba=compiled, numba_from_actors=0)  # decided once
    runs = [_run_one(xs[b], sal[b], caps[b], settings, draw) for b in range(xs.shape[0])]
    length = max(len(r[0]) for r in runs)

    def pad(items: list[np.ndarray]) -> np.ndarray:
        return np.stack(items + [items[-1]] * (length - len(items)))

    history = np.stack([pad(r[0]) for r in runs]) * 100.0
    win = np.stack([pad(r[1]) for r in runs])
    risk = np.stack([pad(r[2]) for r in runs])
    turns = np.array([len(r[0]) - 1 for r in runs])
    final_win = win[:, -1, :]
    weights = final_win / final_win.sum(-1, keepdims=True)
    outcome = (weights[:, :, None] * history[:, -1]).sum(1)
    return SMPResult(
        outcome=outcome.reshape(*batch, m),
        history=history.reshape(*batch, length, n, m),
        win_probability=win.reshape(*batch, length, n),
        risk_attitude=risk.reshape(*batch, length, n),
        turns=turns.reshape(batch),
    )
