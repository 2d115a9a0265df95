"""The SMP's O(n^3) challenge assessment as a numba kernel (numpy needs n^3 temporaries).

Same arithmetic as ``smp_state._contest`` + ``_expected_gain`` for h = k = i over every
pair (i, j). The kernels live in ``smp_numba``, imported only on first use, so importing
the solvers (and solving small cases) never imports numba.
"""

from __future__ import annotations

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


COMPILED_FROM_ACTORS = 64
"""Below this many actors (one draw) the numpy path is faster than importing numba (about
0.3 s) plus loading the cached kernels: SOE-Pol-Comp (13 actors) takes 17 ms in numpy."""


def use_compiled(
    allowed: bool, actors: int, from_actors: int = COMPILED_FROM_ACTORS, draws: int = 1
) -> bool:
    """Whether to run the compiled kernels for ``draws`` cases of ``actors`` actors.

    The work grows as draws x actors^3, so a batch of small cases also pays for the
    import: 13 actors from 120 draws, 27 actors from 14, 40 actors from 5.
    """
    return allowed and draws * actors**3 >= from_actors**3


def all_pairs_contest(
    utility: np.ndarray, weight: np.ndarray, total_salience: np.ndarray, rule: str, commit: str
) -> tuple[np.ndarray, np.ndarray]:
    """(prob[i, j], gain[i, j]) with gain = -inf on the diagonal."""
    from detente.solvers.smp_numba import all_pairs

    return all_pairs(
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
    from detente.solvers.smp_numba import coalitions

    c = coalitions(u3, w2.astype(float), RULE_CODES[rule])
    return c.reshape(*lead, u.shape[-1], u.shape[-1])
