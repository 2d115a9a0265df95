"""The compiled SMP kernels, defined at module level so numba's disk cache is reused.

Why here and not inside a function: numba cannot reuse the cache of a closure (nor of a
kernel that calls a jitted closure), so every process compiled again (about 1.2 s).
Why the cache lives in the user's cache directory: numba's default is a __pycache__
next to this file, which leaves files inside the installed (or checked-out) source
tree and fails on a read-only install. Importing this module imports numba (about
0.3 s); ``smp_kernel`` imports it only when a case is big enough to gain from it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def numba_cache_directory() -> Path:
    """$NUMBA_CACHE_DIR if the user set it, else $XDG_CACHE_HOME/detente/numba
    (default ~/.cache/detente/numba); a folder in the temporary directory if that one
    cannot be written (numba would otherwise fall back to the source tree)."""
    chosen = os.environ.get("NUMBA_CACHE_DIR")
    if chosen:
        return Path(chosen).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    folder = base / "detente" / "numba"
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    if os.access(folder, os.W_OK):
        return folder
    return Path(tempfile.gettempdir()) / f"detente-numba-{os.getuid()}"


os.environ.setdefault("NUMBA_CACHE_DIR", str(numba_cache_directory()))

import numba  # noqa: E402  (numba reads NUMBA_CACHE_DIR when it is first imported)
import numpy as np  # noqa: E402

if not numba.config.CACHE_DIR:  # numba was imported before us, without a cache dir
    numba.config.CACHE_DIR = str(numba_cache_directory())


@numba.njit(cache=True, inline="always")
def vote(rule: int, w: float, du: float) -> float:  # pragma: no cover - compiled
    """One actor's vote of weight w on a utility difference du (codes: smp_kernel.RULE_CODES)."""
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
    """(prob[i, j], gain[i, j]) of i challenging j, as smp_state for h = k = i."""
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
    """c[b, i, j]: summed positive votes for option i against j, per batch row b."""
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
