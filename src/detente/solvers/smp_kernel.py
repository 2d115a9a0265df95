"""The SMP's O(n^3) challenge assessment as a numba kernel (numpy needs n^3 temporaries).

Same arithmetic as ``smp_state._contest`` + ``_expected_gain`` for h = k = i over every
pair (i, j); numba is imported lazily so importing the solvers stays fast.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

RULE_CODES = {
    "proportional": 0,
    "binary": 1,
    "proportional-binary": 2,
    "cubic": 3,
    "proportional-cubic": 4,
    "asymmetric-prospect": 5,
}
COMMIT_CODES = {"full": 0, "semi": 1, "none": 2}


@cache
def _kernel() -> Any:
    import numba

    @numba.njit(cache=True, inline="always")
    def vote(rule: int, w: float, du: float) -> float:
        if rule == 0:
            return w * du
        b = du / 1e-8
        b = 1.0 if b > 1.0 else (-1.0 if b < -1.0 else b)
        if rule == 1:
            return w * b
        if rule == 2:
            return w * (0.8 * du + 0.2 * b)
        if rule == 3:
            return w * du * du * du
        if rule == 4:
            return w * (0.5 * du + 0.5 * du * du * du)
        return w * (2.0 * du / 3.0 if du > 0 else du)

    @numba.njit(cache=True)
    def all_pairs(u, weight, total_salience, rule, commit):  # pragma: no cover - compiled
        n = u.shape[0]
        prob = np.zeros((n, n))
        gain = np.full((n, n), -np.inf)
        for i in range(n):
            ui = u[i]
            uii = ui[i, i]
            for j in range(n):
                if j == i:
                    continue
                uij = ui[i, j]
                ci = vote(rule, weight[i], uii - uij)
                cj = vote(rule, weight[j], ui[j, i] - ui[j, j])
                chij0 = 1e-10 + max(ci, 0.0) + max(cj, 0.0)
                chji0 = 1e-10 + max(-ci, 0.0) + max(-cj, 0.0)
                chij = chij0
                chji = chji0
                for m in range(n):
                    if m == i or m == j:  # noqa: SIM109 (numba)
                        continue
                    uni = ui[m, i]
                    unj = ui[m, j]
                    unn = ui[m, m]
                    little = vote(rule, weight[m], uni - unj)
                    cni = chij0 + max(little, 0.0)
                    cnj = chji0 + max(-little, 0.0)
                    pin = cni / (cni + cnj)
                    pjn = 1.0 - pin
                    if commit == 0:
                        a = pin * 3 * uni + pjn * 3 * unj
                        b = a
                    elif commit == 1:
                        a = pin * (2 * uni + unn) + pjn * 3 * unj
                        b = pin * 3 * uni + pjn * (2 * unj + unn)
                    else:
                        a = pin * (2 * uni + unn) + pjn * (2 * unj + unn)
                        b = a
                    v = vote(rule, weight[m], a - b)
                    if v > 0:
                        chij += v
                    elif v < 0:
                        chji -= v
                p = chij / (chij + chji)
                sj = total_salience[j]
                contest = p * 2 * uii + (1 - p) * 2 * uij
                prob[i, j] = p
                gain[i, j] = (1 - sj) * 2 * uii + sj * contest - (uii + uij)
        return prob, gain

    @numba.njit(cache=True)
    def coalitions(u, w, rule):  # pragma: no cover - compiled
        batch, voters, options = u.shape
        c = np.full((batch, options, options), 1e-8)
        for b in range(batch):
            for k in range(voters):
                wk = w[b, k]
                for i in range(options):
                    uki = u[b, k, i]
                    for j in range(options):
                        if i != j:
                            v = vote(rule, wk, uki - u[b, k, j])
                            if v > 0:
                                c[b, i, j] += v
        return c

    return all_pairs, coalitions


def all_pairs_contest(
    utility: np.ndarray, weight: np.ndarray, total_salience: np.ndarray, rule: str, commit: str
) -> tuple[np.ndarray, np.ndarray]:
    """(prob[i, j], gain[i, j]) with gain = -inf on the diagonal."""
    return _kernel()[0](
        np.ascontiguousarray(utility),
        weight,
        total_salience,
        RULE_CODES[rule],
        COMMIT_CODES[commit],
    )


def coalition_kernel(u: np.ndarray, w: np.ndarray, rule: str) -> np.ndarray:
    """Coalition strengths c[..., a, b] (as ``pce.coalition_strengths``), compiled."""
    lead = u.shape[:-2]
    u3 = np.ascontiguousarray(u.reshape(-1, *u.shape[-2:]), dtype=float)
    w2 = np.ascontiguousarray(np.broadcast_to(w, lead + w.shape[-1:]).reshape(-1, w.shape[-1]))
    c = _kernel()[1](u3, w2.astype(float), RULE_CODES[rule])
    return c.reshape(*lead, u.shape[-1], u.shape[-1])
