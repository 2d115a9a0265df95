"""Compiled kernels that value a run's candidate texts column by column: each candidate's
text worth (commitment, relapse, the signatories' values, the mediator's gain) and the
implementers' consent margins and delivered texts.

Why column by column: a run's eleven or so candidates share the ideals, weights and
status quo of every actor, so the kernels copy the run's texts into an (issues,
candidates) scratch and compute each issue's term for all candidates in one inner loop,
which the compiler turns into vector instructions. Valuing one text at a time (a short
loop over the issues, then the sum) kept every step scalar: the text-worth pass took
about a third longer.

Why the numbers are the same bits: each candidate's arithmetic is unchanged (same IEEE
operations in the same order, fastmath off); only independent candidates are computed
side by side. The sum over issues repeats numpy's pairwise ``add.reduce`` per candidate
(``kernels._pairwise``: a plain loop under 8 issues, eight interleaved partial sums up
to 128; more issues never reach the kernels, ``utility.COMPILED_MAX_ISSUES``).
tests/test_process_kernels compares these kernels with the numpy path bit for bit.
"""

from __future__ import annotations

# first: sets numba's cache directory (outside the source tree) before numba loads
import detente.process.kernels  # noqa: F401

# isort: split
import numba
import numpy as np


@numba.njit(cache=True, inline="always")
def _pairwise_columns(
    t: np.ndarray, n: int, acc: np.ndarray, out: np.ndarray
) -> None:  # pragma: no cover - compiled
    """out[q] = numpy's pairwise sum of t[:n, q] (n <= 128) for every column q; ``acc``
    (8, c) scratch. The order of ``kernels._pairwise``, one candidate per column."""
    c = out.shape[0]
    if n < 8:
        for q in range(c):
            out[q] = -0.0
        for j in range(n):
            for q in range(c):
                out[q] += t[j, q]
        return
    if n < 16:  # the eight partial sums are the first eight terms
        for q in range(c):
            out[q] = ((t[0, q] + t[1, q]) + (t[2, q] + t[3, q])) + (
                (t[4, q] + t[5, q]) + (t[6, q] + t[7, q])
            )
    else:
        for lane in range(8):
            for q in range(c):
                acc[lane, q] = t[lane, q]
        for j in range(8, n - n % 8, 8):
            for lane in range(8):
                for q in range(c):
                    acc[lane, q] += t[j + lane, q]
        for q in range(c):
            out[q] = ((acc[0, q] + acc[1, q]) + (acc[2, q] + acc[3, q])) + (
                (acc[4, q] + acc[5, q]) + (acc[6, q] + acc[7, q])
            )
    for j in range(n - n % 8, n):
        for q in range(c):
            out[q] += t[j, q]


@numba.njit(cache=True, inline="always")
def _padded(c: int) -> int:  # pragma: no cover - compiled
    """``text_worth``'s scratch width for ``c`` candidates: a multiple of 4, so its column
    loops run in whole vectors (eleven candidates took about a tenth longer than twelve;
    ``implementer_terms`` gained nothing). The extra columns hold zeros; their results
    are computed and never read."""
    return (c + 3) // 4 * 4


@numba.njit(cache=True, inline="always")
def _columns(texts: np.ndarray, out: np.ndarray) -> None:  # pragma: no cover - compiled
    """One run's candidate texts (c, k) into the first c columns of ``out`` (k, >= c)."""
    c, k = texts.shape
    for q in range(c):
        for j in range(k):
            out[j, q] = texts[q, j]


@numba.njit(cache=True, inline="always")
def _averse_sums(
    columns: np.ndarray,
    ideal: np.ndarray,
    weight: np.ndarray,
    reference: np.ndarray,
    aversion: float,
    term: np.ndarray,
    acc: np.ndarray,
    out: np.ndarray,
) -> None:  # pragma: no cover - compiled
    """out[q] = sum_j w_j (d + aversion x max(d - |reference_j - ideal_j|, 0)),
    d = |text_j - ideal_j|, for every candidate text (column q of ``columns`` (k, c)):
    minus ``kernels._averse_utility``, same operations."""
    k = columns.shape[0]
    c = out.shape[0]
    for j in range(k):
        x, w = ideal[j], weight[j]
        held = np.abs(reference[j] - x)
        for q in range(c):
            d = np.abs(columns[j, q] - x)
            loss = d - held
            if loss < 0.0:  # np.maximum(loss, 0.0): NaN stays NaN
                loss = 0.0
            term[j, q] = w * (d + aversion * loss)
    _pairwise_columns(term, k, acc, out)


@numba.njit(cache=True, inline="always")
def _plain_sums(
    columns: np.ndarray,
    ideal: np.ndarray,
    weight: np.ndarray,
    term: np.ndarray,
    acc: np.ndarray,
    out: np.ndarray,
) -> None:  # pragma: no cover - compiled
    """out[q] = sum_j w_j |text_j - ideal_j| for every candidate (column q): minus
    ``kernels._utility``, same operations."""
    k = columns.shape[0]
    c = out.shape[0]
    for j in range(k):
        x, w = ideal[j], weight[j]
        for q in range(c):
            term[j, q] = w * np.abs(columns[j, q] - x)
    _pairwise_columns(term, k, acc, out)


@numba.njit(cache=True, inline="always")
def _relapse(
    columns: np.ndarray,
    commit_cols: np.ndarray,
    commit_toward: np.ndarray,
    commit_weight: np.ndarray,
    base: float,
    effect: float,
    growth: float,
    lookahead: float,
    score: np.ndarray,
    out: np.ndarray,
) -> None:  # pragma: no cover - compiled
    """P(relapse over the look-ahead) of every candidate (column q): the commitment
    score, clipped to [0, 1], in the breakdown hazard, clipped, times the look-ahead,
    at most 1 (``breakdown.commitment_score``, ``breakdown.hazard``)."""
    c = out.shape[0]
    for q in range(c):
        score[q] = 0.0
    for t in range(commit_cols.shape[0]):
        col, toward, w = commit_cols[t], commit_toward[t], commit_weight[t]
        for q in range(c):
            score[q] = score[q] + w * (1.0 - np.abs(columns[col, q] - toward) / 100.0)
    for q in range(c):
        s = score[q]
        if s < 0.0:  # np.clip(score, 0.0, 1.0)
            s = 0.0
        elif s > 1.0:
            s = 1.0
        h = base * (1.0 - effect * s) * growth
        if h < 0.0:
            h = 0.0
        elif h > 1.0:
            h = 1.0
        p = h * lookahead
        if p > 1.0:  # np.minimum(1.0, ...)
            p = 1.0
        out[q] = p


@numba.njit(cache=True)
def text_worth(
    texts: np.ndarray,
    ideal: np.ndarray,
    weight: np.ndarray,
    status_quo: np.ndarray,
    aversion: np.ndarray,
    lookahead: np.ndarray,
    cost: np.ndarray,
    ends_war: bool,
    commit_cols: np.ndarray,
    commit_toward: np.ndarray,
    commit_weight: np.ndarray,
    base: np.ndarray,
    effect: np.ndarray,
    growth: np.ndarray,
    has_mediator: bool,
    med_ideal: np.ndarray,
    med_weight: np.ndarray,
    deal: np.ndarray,
    keep: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """Each signatory's value (r, c, s) of texts (r, c, k) and the mediator's gain (r, c):
    ``tracks._Worth`` (commitment score, breakdown hazard over the look-ahead,
    ``TrackValues.text_value``, ``tracks._mediator_gain``) in one pass, same operations
    in the same order. ``growth`` (r,) is the hazard's exp(temptation x drift), from numpy."""
    r, c, k = texts.shape
    s = ideal.shape[1]
    value = np.empty((r, c, s))
    gain = np.empty((r, c))
    width = _padded(c)
    columns = np.zeros((k, width))
    term = np.empty((k, width))
    acc = np.empty((8, width))
    sums = np.empty(width)
    relapse = np.zeros(width)
    score = np.empty(width)
    for i in range(r):
        _columns(texts[i], columns)
        if ends_war:
            _relapse(
                columns,
                commit_cols,
                commit_toward,
                commit_weight,
                base[i],
                effect[i],
                growth[i],
                lookahead[i],
                score,
                relapse,
            )
        for m in range(s):
            _averse_sums(
                columns, ideal[i, m], weight[i, m], status_quo[i], aversion[i], term, acc, sums
            )
            for q in range(c):
                value[i, q, m] = -sums[q] - relapse[q] * lookahead[i] * cost[i, m]
        if has_mediator:
            _plain_sums(columns, med_ideal[i], med_weight[i], term, acc, sums)
            for q in range(c):
                gain[i, q] = deal[i] + -sums[q] - keep[i]
        else:
            gain[i] = 1.0
    return value, gain


@numba.njit(cache=True)
def implementer_terms(
    texts: np.ndarray,
    ideal: np.ndarray,
    weight: np.ndarray,
    status_quo: np.ndarray,
    aversion: np.ndarray,
    keep: np.ndarray,
    tolerance: np.ndarray,
    acting: np.ndarray,
    implements: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """Implementers' consent margins (r, c, e) and the texts as delivered (r, c, k) in
    one pass: ``implementers.implementer_margins`` and ``implementers.delivered_texts``
    (an issue that some implementer ``acting`` at delivery (r, e) and in ``implements``
    (e, k) would lose on stays at the status quo). P(consent) is left to the option
    kernel (``kernels_options``), which needs it only for the candidates it evaluates."""
    r, c, k = texts.shape
    e = ideal.shape[1]
    margin = np.empty((r, c, e))
    delivered = texts.copy()
    columns = np.empty((k, c))
    term = np.empty((k, c))
    acc = np.empty((8, c))
    sums = np.empty(c)
    withheld = np.empty((k, c), dtype=np.bool_)
    for i in range(r):
        _columns(texts[i], columns)
        a, tolerance_i = aversion[i], tolerance[i]
        for m in range(e):
            _averse_sums(columns, ideal[i, m], weight[i, m], status_quo[i], a, term, acc, sums)
            for q in range(c):
                margin[i, q, m] = -sums[q] - keep[i, m] + tolerance_i
        if not acting[i].any():
            continue
        withheld[:] = False
        for m in range(e):
            if not acting[i, m]:
                continue
            for j in range(k):
                if not implements[m, j]:
                    continue
                x, w = ideal[i, m, j], weight[i, m, j]
                held = np.abs(status_quo[i, j] - x)
                for q in range(c):
                    d = np.abs(columns[j, q] - x)
                    loss = d - held
                    if loss < 0.0:
                        loss = 0.0
                    if w * (held - (d + a * loss) + tolerance_i) < 0.0:
                        withheld[j, q] = True
        for q in range(c):
            for j in range(k):
                if withheld[j, q]:
                    delivered[i, q, j] = status_quo[i, j]
    return margin, delivered
