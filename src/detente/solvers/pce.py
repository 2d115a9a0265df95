"""Probabilistic Condorcet elections (PCE): voting rules, coalitions, victory odds.

Follows KTAB's ``Model::vote``, ``Model::coalitions``, ``Model::vProb`` and the three
PCE models (``condPCE``, ``markovUniformPCE``, ``markovIncentivePCE``), re-written
over numpy arrays with a leading batch axis. Utilities ``u`` have shape
(..., actors, options) and weights ``w`` shape (..., actors).

Settings (KTAB names in brackets):
- voting rule: proportional [Prop, the default], binary [Binary], proportional-binary
  [PropBin, 0.8 prop + 0.2 binary], cubic [Cubic], proportional-cubic [PropCbc,
  0.5 + 0.5], asymmetric-prospect [ASymProsp, gains count 2/3];
- victory model: the exponent on coalition strengths, P(a>b) = s_ab^e / (s_ab^e + s_ba^e)
  (KTAB's Linear=1 [default], Square=2, Quartic=4, Octic=8);
- PCE model: conditional [default], markov-uniform, markov-incentive.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from detente.solvers.validation import SolverInputError

VotingRule = Literal[
    "proportional",
    "binary",
    "proportional-binary",
    "cubic",
    "proportional-cubic",
    "asymmetric-prospect",
]
PCEModel = Literal["conditional", "markov-uniform", "markov-incentive"]
VOTING_RULES: tuple[str, ...] = VotingRule.__args__  # type: ignore[attr-defined]
PCE_MODELS: tuple[str, ...] = PCEModel.__args__  # type: ignore[attr-defined]

MIN_COALITION = 1e-8  # KTAB's minC: keeps every strength positive, so no 0/0
BINARY_TOLERANCE = 1e-8  # KTAB's sTol: the binary response ramps over this width


def vote(rule: str, weight: np.ndarray, du: np.ndarray) -> np.ndarray:
    """An actor's vote for option a over b: its weight times a response to u(a) - u(b)."""
    if rule == "proportional":
        response = du
    elif rule == "binary":
        response = np.clip(du / BINARY_TOLERANCE, -1.0, 1.0)
    elif rule == "proportional-binary":
        response = 0.8 * du + 0.2 * np.clip(du / BINARY_TOLERANCE, -1.0, 1.0)
    elif rule == "cubic":
        response = du**3
    elif rule == "proportional-cubic":
        response = 0.5 * du + 0.5 * du**3
    elif rule == "asymmetric-prospect":
        response = np.where(du > 0, 2.0 * du / 3.0, du)
    else:
        raise SolverInputError(
            f"unknown voting rule {rule!r}", hint=f"choose one of {', '.join(VOTING_RULES)}"
        )
    return weight * response


def coalition_strengths(
    u: np.ndarray, w: np.ndarray, rule: str = "proportional", *, use_numba: bool = False
) -> np.ndarray:
    """c[..., a, b]: summed positive votes of all actors for option a against option b."""
    if rule not in VOTING_RULES:
        vote(rule, 1.0, np.zeros(1))  # raises the named error
    if use_numba:
        from detente.solvers.smp_kernel import coalition_kernel

        return coalition_kernel(u, w, rule)
    du = u[..., :, :, None] - u[..., :, None, :]  # (..., actors, a, b)
    response = du if rule == "proportional" else vote(rule, 1.0, du)
    np.maximum(response, 0.0, out=response)
    # weights are >= 0, so the positive part of w * f(du) is w * max(f(du), 0)
    n = u.shape[-1]
    flat = response.reshape(*response.shape[:-2], n * n)
    c = (w[..., None, :] @ flat)[..., 0, :].reshape(*u.shape[:-2], n, n) + MIN_COALITION
    c[..., np.arange(n), np.arange(n)] = MIN_COALITION
    return c


def victory_probability(c: np.ndarray, exponent: float = 1.0) -> np.ndarray:
    """P[..., a, b] that a beats b: s_ab^e / (s_ab^e + s_ba^e); the diagonal is 1/2."""
    ce = c**exponent
    ct = np.swapaxes(ce, -1, -2)
    return ce / (ce + ct)


def conditional_pce(p: np.ndarray) -> np.ndarray:
    """Probability each option beats all others, conditional on one doing so (KTAB condPCE)."""
    q = np.prod(p, axis=-1)
    return q / q.sum(axis=-1, keepdims=True)


def markov_uniform_pce(p: np.ndarray, tolerance: float = 1e-6, max_iter: int = 1000) -> np.ndarray:
    """Stationary distribution when challengers arrive uniformly at random."""
    n = p.shape[-1]
    dist = np.full(p.shape[:-1], 1.0 / n)
    for _ in range(max_iter):
        q = (p * (dist[..., :, None] + dist[..., None, :])).sum(axis=-1) / n
        change = np.max(np.abs(q - dist)) if q.size else 0.0
        dist = (dist + q) / 2.0
        if change <= tolerance:
            break
    return dist


def markov_incentive_pce(
    c: np.ndarray, p: np.ndarray, tolerance: float = 1e-8, max_iter: int = 1000
) -> np.ndarray:
    """Stationary distribution when challenges come in proportion to the incentive s_ij p_ij."""
    n = p.shape[-1]
    incentive = c * p + 1e-10 * np.eye(n)
    challenge = incentive / incentive.sum(axis=-2, keepdims=True)  # P[i -> j] per column j
    dist = np.full(p.shape[:-1], 1.0 / n)
    for _ in range(max_iter):
        ct = dist[..., :, None] * np.swapaxes(challenge, -1, -2)  # ct[i, j] = p_i P[j -> i]
        q = (p * (ct + np.swapaxes(ct, -1, -2))).sum(axis=-1)
        change = np.max(np.abs(q - dist)) if q.size else 0.0
        dist = (dist + q) / 2.0
        if change <= tolerance:
            break
    return dist


def outcome_distribution(
    c: np.ndarray, model: str = "conditional", exponent: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """(distribution over options (..., options), pairwise victory probabilities)."""
    p = victory_probability(c, exponent)
    if model == "conditional":
        return conditional_pce(p), p
    if model == "markov-uniform":
        return markov_uniform_pce(p), p
    if model == "markov-incentive":
        return markov_incentive_pce(c, p), p
    raise SolverInputError(
        f"unknown PCE model {model!r}", hint=f"choose one of {', '.join(PCE_MODELS)}"
    )


def scalar_pce(
    u: np.ndarray,
    w: np.ndarray,
    rule: str = "proportional",
    model: str = "conditional",
    exponent: float = 1.0,
    *,
    use_numba: bool = False,
) -> np.ndarray:
    """Probability each option (column of u) is the outcome when actors vote over all pairs."""
    c = coalition_strengths(u, w, rule, use_numba=use_numba)
    return outcome_distribution(c, model, exponent)[0]
