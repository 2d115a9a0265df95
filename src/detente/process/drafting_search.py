"""Candidate texts a mediator chooses among: the drafting rule under many weightings.

Why a family of candidates rather than one weighted mean: the mediator drafts the text
that maximises its own gain times the chance that everyone accepts (Raiffa's single
negotiating text, drafted for acceptance). The family spans the contract region: the
drafting rule (any static solver, compromise by default) over the signatories with
weights capability x lambda, lambda on a grid of the simplex; each candidate is pulled
toward the mediator's ideal by its agenda power and toward the influencers' ideals by
their influence x cohesion (unless a lever bypassed them); issues the package defers
stay at the status quo.
"""

from __future__ import annotations

import itertools
from functools import cache

import numpy as np

from detente.process.compiled import CompiledPackage, MediatedArena
from detente.process.drafting import DRAFTING_RULES, DraftingRule
from detente.process.state import Model
from detente.process.utility import compiled_pays

GRID_STEPS = {1: 1, 2: 10, 3: 4}
"""Steps per side of the simplex grid by number of signatories (2 or fewer otherwise).
Fine enough: with 20 or 40 steps instead of 10, P(agreement within 12 months) moves by
under 1.5 points on both built-in cases (benchmarks/structural_choices.py)."""


@cache
def simplex_grid(parts: int) -> np.ndarray:
    """Weight vectors (c, parts) on a grid of the simplex, finer for fewer signatories."""
    steps = GRID_STEPS.get(parts, 2)
    points = [
        combo for combo in itertools.product(range(steps + 1), repeat=parts) if sum(combo) == steps
    ]
    grid = np.array(points, dtype=float) / steps
    return np.clip(grid, 0.02, None)  # keep every signatory's ideal in view


def candidate_texts(
    arena: MediatedArena,
    model: Model,
    idx: np.ndarray,
    rules: tuple[DraftingRule, ...],
    ideal: np.ndarray,
    salience: np.ndarray,
    with_influencers: np.ndarray,
) -> np.ndarray:
    """Candidate texts (r, c, k) in runs ``idx``, before a package defers any issue: each
    rule of the family over the grid of weightings, one after the other along c.

    The same for every package of the track (``package_texts`` then keeps the deferred
    issues at the status quo), so a round drafts them once per bypass setting."""
    texts = mediator_drafts(arena, model, idx, rules, ideal, salience)
    return influenced_texts(arena, model, idx, texts, with_influencers)


def mediator_drafts(
    arena: MediatedArena,
    model: Model,
    idx: np.ndarray,
    rules: tuple[DraftingRule, ...],
    ideal: np.ndarray,
    salience: np.ndarray,
) -> np.ndarray:
    """``candidate_texts`` before the influencers pull them: the same whether or not they
    are bypassed, so a round drafts it once for both bypass settings."""
    grid = simplex_grid(arena.signatories.size)  # (c, s)
    capability = model.c[np.ix_(idx, arena.signatories)]  # (r, s)
    drafted = [_drafted(rule, grid, capability, ideal, salience) for rule in rules]
    texts = drafted[0] if len(drafted) == 1 else np.concatenate(drafted, axis=1)
    if arena.mediator >= 0:
        agenda = model.for_actor("mediator_agenda_power", arena.mediator)[idx]
        texts = _pull(model, arena, idx, texts, arena.mediator, agenda)
    return texts


def influenced_texts(
    arena: MediatedArena,
    model: Model,
    idx: np.ndarray,
    texts: np.ndarray,
    with_influencers: np.ndarray,
) -> np.ndarray:
    """Texts (r, c, k) pulled toward each influencer's ideal by its influence x cohesion,
    where ``with_influencers`` (r,) is 1 (0 where a lever bypassed them)."""
    if arena.influencers.size:
        cohesion = model.dynamic("influencer_cohesion")[idx]
        scale = model.dynamic("influencer_pull_scale")[idx]
        for actor, col in zip(arena.influencers, arena.influence_cols, strict=True):
            strength = model.params[col, idx] if col >= 0 else np.zeros(idx.size)
            share = np.clip(strength * cohesion * scale, 0.0, 1.0) * with_influencers
            texts = _pull(model, arena, idx, texts, int(actor), share)
    return texts


def _drafted(
    rule: DraftingRule,
    grid: np.ndarray,
    capability: np.ndarray,
    ideal: np.ndarray,
    salience: np.ndarray,
) -> np.ndarray:
    """One rule's texts (r, c, k) under every weighting of the grid."""
    if rule is DRAFTING_RULES["compromise"]:
        return _weighted_means(grid, capability, ideal, salience)
    weight = capability[:, None, :] * grid[None, :, :]  # (r, c, s)
    x = np.broadcast_to(ideal[:, None], (ideal.shape[0], grid.shape[0], *ideal.shape[1:]))
    s = np.broadcast_to(salience[:, None], x.shape)
    return rule(x, s, weight)


def package_texts(
    texts: np.ndarray, package: CompiledPackage, status_quo: np.ndarray
) -> np.ndarray:
    """Candidate texts (r, c, k) of ``package``: the issues it defers, and those it freezes
    where they stand, stay at the status quo (the drafted array itself, not a copy, for a
    package that drafts every issue)."""
    drafted = package.settles & ~package.frozen
    if drafted.all():
        return texts
    if compiled_pays(texts):
        from detente.process.kernels import defer_issues

        return defer_issues(
            np.ascontiguousarray(texts, dtype=float),
            drafted,
            np.ascontiguousarray(status_quo, dtype=float),
        )
    return np.where(drafted[None, None, :], texts, status_quo[:, None, :])


def _weighted_means(
    grid: np.ndarray, capability: np.ndarray, ideal: np.ndarray, salience: np.ndarray
) -> np.ndarray:
    """The compromise rule for every weighting of the grid at once (r, c, k).

    Same numbers as ``drafting._weighted_mean`` on the broadcast arrays: with weights
    capability x grid x salience, numerator and denominator are sums over signatories
    that factor into one matrix product each. An issue nobody weighs takes the plain mean.
    """
    weight = capability[:, :, None] * salience  # (r, s, k)
    total = np.matmul(grid, weight)  # (c, s) @ (r, s, k) -> (r, c, k)
    weighted = np.matmul(grid, weight * ideal)
    plain = ideal.mean(axis=1)
    if compiled_pays(total):
        from detente.process.kernels import divide_or_plain

        return divide_or_plain(weighted, total, np.ascontiguousarray(plain))
    safe = np.where(total > 0, total, 1.0)
    return np.where(total > 0, weighted / safe, plain[:, None, :])


def _pull(
    model: Model,
    arena: MediatedArena,
    idx: np.ndarray,
    texts: np.ndarray,
    actor: int,
    share: np.ndarray,
) -> np.ndarray:
    """Texts moved toward ``actor``'s ideal by ``share`` (r,) on the issues it cares about."""
    x, s = model.view(np.array([actor]), arena.issues)
    if compiled_pays(texts):
        from detente.process.kernels import pull_texts

        return pull_texts(
            np.ascontiguousarray(texts, dtype=float),
            x[idx, 0],
            s[idx, 0] > 0,
            np.ascontiguousarray(share, dtype=float),
        )
    ideal = x[idx, 0][:, None, :]
    cares = (s[idx, 0] > 0)[:, None, :]
    return np.where(cares, texts + share[:, None, None] * (ideal - texts), texts)
