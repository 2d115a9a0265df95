"""The EC car emission standards case (Bueno de Mesquita 1994) as raw solver arrays."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def ec_case() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """EC car emission standards: positions in years, capabilities, saliences (0-100)."""
    with open(SHARED / "data" / "bdm" / "bdm1994_ec_emission_standards.csv") as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r["position_years"])] for r in rows])
    s = np.array([[float(r["salience"])] for r in rows])
    c = np.array([float(r["capability"]) for r in rows])
    return x, s, c
