"""What a mediator believes about each side's private resolve, and how it learns.

Each side's value of fighting on has a public part (the front, its war cost at the
scenario's central value, the look-ahead) and a private offset drawn once per run: its
resolve and war cost away from their means. The mediator holds a normal belief
N(mean, var) about that offset, starting from the prior the scenario's ranges imply,
and updates it after every accept or reject by assumed-density filtering of a probit
observation (the side accepts when margin - offset + shock >= 0, shock ~ N(0, tau)):
the exact moment-matching update for a Gaussian prior and a probit likelihood.
Why: rejections then reveal resolve (Fearon's private information), adjustment is
bounded by the evidence instead of growing without limit, and the mediator's drafts
converge on what each side will actually take.
"""

from __future__ import annotations

import numpy as np
from scipy.special import log_ndtr, ndtr

_SQRT_2PI = np.sqrt(2.0 * np.pi)


def pert_mean_var(low: np.ndarray, mode: np.ndarray, high: np.ndarray) -> tuple:
    """Mean and variance of beta-PERT numbers (0 variance where low == high)."""
    mean = (low + 4.0 * mode + high) / 6.0
    return mean, (mean - low) * (high - mean) / 7.0


def accept_probability(margin: np.ndarray, mean: np.ndarray, var: np.ndarray, tau) -> np.ndarray:
    """P(accept) of a side whose public margin is ``margin`` under belief N(mean, var)."""
    scale = np.sqrt(var + np.square(tau) + 1e-12)
    return ndtr((margin - mean) / scale)


def update(
    mean: np.ndarray, var: np.ndarray, margin: np.ndarray, accepted: np.ndarray, tau
) -> tuple[np.ndarray, np.ndarray]:
    """Posterior (mean, var) after seeing accept (True) or reject at public ``margin``.

    Reject means offset > margin - shock: the belief moves up; accept moves it down.
    """
    scale = np.sqrt(var + np.square(tau) + 1e-12)
    sign = np.where(accepted, -1.0, 1.0)
    z = sign * (mean - margin) / scale
    ratio = np.exp(-0.5 * z * z - log_ndtr(z)) / _SQRT_2PI  # phi(z) / Phi(z), stable
    new_mean = mean + sign * var / scale * ratio
    new_var = var * (1.0 - var / (scale * scale) * ratio * (z + ratio))
    return new_mean, np.maximum(new_var, 1e-9)
