"""Sobol indices from a saved ``detente sensitivity --json`` file, for the report.

Why a file and not a run: a Sobol design needs N(p+2) runs (minutes for a real
scenario) while the report takes seconds; an analyst computes the indices once and
hands the file to ``detente report --sensitivity``. The drivers chart then shows the
variance-based indices instead of (next to) the rank correlations.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from detente.scenario.errors import DetenteError

TOP = 10


def load_sobol(path: Path, scenario_id: str, output: str = "agreement") -> dict[str, Any]:
    """The ``output`` indices of a sensitivity JSON file, checked against the scenario."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DetenteError(f"{path}: cannot read ({exc.strerror})", hint="check the path") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DetenteError(
            f"{path}: not JSON ({exc})", hint="write it with 'detente sensitivity SCENARIO --json'"
        ) from None
    hint = "write it with 'detente sensitivity SCENARIO --json > FILE'"
    if not isinstance(doc, dict) or not isinstance(doc.get("outputs"), list):
        raise DetenteError(f"{path}: not a sensitivity result (no 'outputs' list)", hint=hint)
    if doc.get("scenario") != scenario_id:
        raise DetenteError(
            f"{path}: indices of scenario {doc.get('scenario')!r}, not {scenario_id!r}",
            hint=hint.replace("SCENARIO", scenario_id),
        )
    chosen = next((o for o in doc["outputs"] if o.get("output") == output), None)
    if chosen is None:
        raise DetenteError(f"{path}: no {output!r} output", hint=hint)
    if chosen.get("warning"):
        raise DetenteError(
            f"{path}: P({output}) {chosen['warning'].partition(';')[0]}",
            hint="re-run 'detente sensitivity' with the --samples it names",
        )
    try:
        rows = [
            {k: (str(i[k]) if k == "parameter" else float(i[k])) for k in _KEYS}
            for i in chosen["indices"]
        ]
    except (KeyError, TypeError, ValueError):
        raise DetenteError(f"{path}: an index lacks {', '.join(_KEYS)}", hint=hint) from None
    return {
        "output": output,
        "probability": chosen.get("probability"),
        "samples": doc.get("samples"),
        "runs": doc.get("runs"),
        "seed": doc.get("seed"),
        "indices": sorted(rows, key=lambda r: -r["ST"])[:TOP],
    }


_KEYS = ("parameter", "S1", "S1_conf", "ST", "ST_conf")
