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
converge on what each side will actually take. An answer is public: every mediator
that meets the same side reads it, whichever table it was given at (``tracks``).
"""

from __future__ import annotations

from typing import NamedTuple

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


def start_mood(tau: np.ndarray, sides: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The belief about a lasting mood in the first round: N(0, tau^2), unrelated to the
    offset (mean, var, covariance with the offset; (n, sides) each)."""
    var = np.repeat(np.square(tau)[:, None], sides, axis=1)
    return np.zeros_like(var), var, np.zeros_like(var)


def predict_mood(mood: tuple, rho: np.ndarray, tau: np.ndarray) -> tuple:
    """The belief one round on: the mood keeps ``rho`` of itself and gains (1 - rho^2)
    tau^2 of fresh spread (``tracks._carry_moods``), and what it told about the offset
    fades with it."""
    mean, var, cov = mood
    r = rho[:, None]
    return r * mean, r * r * var + (1.0 - r * r) * np.square(tau)[:, None], r * cov


def believed_disposition(
    mean: np.ndarray, var: np.ndarray, mood: tuple, tau: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(mean, var) to read with ``accept_probability(..., tau)`` when the shock lasts: a
    side accepts when margin - (offset - mood) >= 0, so its disposition offset - mood
    has mean mean - mood_mean and spread var + mood_var - 2 cov, of which tau^2 is
    added back by the reader (the result may be below 0; the sum never is)."""
    mood_mean, mood_var, cov = mood
    spread = var + mood_var - 2.0 * cov
    return mean - mood_mean, spread - np.square(tau)[:, None]


class DispositionAnswer(NamedTuple):
    """What one answer under a lasting mood did to the belief about the disposition
    offset - mood at its table: the regression that moves every variable with it."""

    moved: np.ndarray  # the disposition's mean moved by this
    shrunk: np.ndarray  # its variance changed by this (<= 0)
    spread: np.ndarray  # its variance before the answer
    gain_offset: np.ndarray  # Cov(offset, disposition) / spread


def answer_under_mood(
    mean: np.ndarray, var: np.ndarray, mood: tuple, margin: np.ndarray, accepted: np.ndarray
) -> DispositionAnswer:
    """The exact probit update (no further noise) of the disposition offset - mood."""
    mood_mean, mood_var, cov = mood
    spread = var + mood_var - 2.0 * cov
    new_mean, new_spread = update(mean - mood_mean, spread, margin, accepted, 0.0)
    return DispositionAnswer(
        new_mean - (mean - mood_mean), new_spread - spread, spread, (var - cov) / spread
    )


def update_with_mood(
    mean: np.ndarray,
    var: np.ndarray,
    mood: tuple,
    margin: np.ndarray,
    accepted: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, tuple]:
    """``update`` when the shock lasts (Gaussian belief over the offset and the mood).

    An answer bears on the disposition offset - mood; its exact probit update (no
    further noise) moves each part by its regression on the disposition. A refusal in a
    bad mood is then read partly as the mood, which fades, instead of all as resolve,
    which does not: repeated refusals in one lasting mood are not repeated evidence.
    With rho = 0 (a fresh mood each round) this is ``update`` exactly.
    """
    return read_answer(mean, var, mood, answer_under_mood(mean, var, mood, margin, accepted))


def read_answer(mean: np.ndarray, var: np.ndarray, mood: tuple, answer: DispositionAnswer) -> tuple:
    """(mean, var, mood) at the answer's own table: each part moved by its regression on
    the disposition (``update_with_mood``)."""
    mood_mean, mood_var, cov = mood
    gain_offset = answer.gain_offset
    gain_mood = (cov - mood_var) / answer.spread
    return (
        mean + gain_offset * answer.moved,
        np.maximum(var + gain_offset**2 * answer.shrunk, 1e-9),
        (
            mood_mean + gain_mood * answer.moved,
            np.maximum(mood_var + gain_mood**2 * answer.shrunk, 1e-9),
            cov + gain_offset * gain_mood * answer.shrunk,
        ),
    )


def carry_to_other_table(mood: tuple, answer: DispositionAnswer) -> tuple:
    """Another table's belief about the same side's mood there (mean, var, covariance
    with the offset), after an answer at this table under a lasting mood.

    The two tables' moods are believed independent, so the other mood moves only
    through what it told about the offset: Cov(other mood, disposition here) is its
    covariance with the offset. The covariance the update would create between the two
    moods is dropped (each table keeps a belief about its own mood alone).
    """
    mood_mean, mood_var, cov = mood
    gain = cov / answer.spread
    return (
        mood_mean + gain * answer.moved,
        np.maximum(mood_var + gain**2 * answer.shrunk, 1e-9),
        cov + answer.gain_offset * gain * answer.shrunk,
    )
