"""What a `detente solve --model smp` process loads: only what solving needs.

Structural, not timed: importing every command, the pydantic scenario schema, numba,
DuckDB, the web app or pandas cost most of a small solve's 0.5 s (issue 12)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from detente.cli.main import COMMANDS

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SOE = DATA / "ktab" / "SOE-Pol-Comp.csv"  # 13 actors: under the SMP numba threshold
NOT_FOR_SOLVE = (
    "numba",
    "pydantic",
    "numpy.ma",
    "duckdb",
    "pandas",
    "fastapi",
    "starlette",
    "uvicorn",
    "jinja2",
    "yaml",
    "detente.scenario.schema",
    "detente.scenario.loader",
    "detente.process",
    "detente.analysis",
    "detente.report",
    "detente.store",
    "detente.web",
    "detente.evidence",
    "detente.cli.forecast_command",
)
RECORD_MODULES = (
    "import atexit, json, sys\n"
    "out = sys.argv.pop(1)\n"
    "atexit.register(lambda: open(out, 'w').write(json.dumps(sorted(sys.modules))))\n"
    "from detente.cli.main import app\n"
    "app()\n"
)


def _top(module: str) -> str:
    """The listed name ``module`` falls under (itself or a parent package), else ''."""
    parts = module.split(".")
    return next(
        (p for k in range(len(parts), 0, -1) if (p := ".".join(parts[:k])) in NOT_FOR_SOLVE), ""
    )


def _modules_of(tmp_path: Path, *args: str) -> tuple[set[str], str]:
    record = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", RECORD_MODULES, str(record), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(record.read_text())), done.stdout


@pytest.mark.parametrize("as_json", [False, True])
def test_solve_smp_loads_no_heavy_module(tmp_path, as_json) -> None:
    args = ["solve", "--model", "smp", str(SOE), *(["--json"] if as_json else [])]
    modules, out = _modules_of(tmp_path, *args)
    assert "SOE" in out  # it did solve
    heavy = sorted(m for m in modules if _top(m))
    assert heavy == []


def test_a_yaml_scenario_still_loads_through_the_schema(tmp_path) -> None:
    modules, _ = _modules_of(tmp_path, "solve", "ukraine-2025-12", "--json")
    assert {"detente.scenario.schema", "yaml"} <= modules


def test_help_lists_every_command_with_its_help_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "detente.cli.main", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert done.returncode == 0, done.stderr
    rows = {
        line.strip("│ ").split()[0]: line
        for line in done.stdout.splitlines()
        if line.startswith("│ ") and line.strip("│ ")
    }
    assert set(COMMANDS) <= set(rows)
    assert "Predicted outcome per issue" in rows["solve"]
    assert "Evidence pointers" in rows["evidence"]
    assert all(len(rows[name].strip("│ ").split()) > 1 for name in COMMANDS)  # a help line
    # each help line is one paragraph, not the docstring's line breaks (at 200 columns a
    # summary fits on its row; before, 'diagnose' took eight ragged rows)
    names = [line.strip("│ ").split()[0] for line in done.stdout.splitlines() if line[:3] == "│ "]
    continued = [line for line in done.stdout.splitlines() if line.startswith("│" + " " * 8)]
    assert not continued and len(names) == len(set(names)), continued


def test_a_commands_help_flows_its_paragraphs_at_any_width() -> None:
    """The docstring's line breaks (wrapped at 88 columns in the source) are not kept:
    at 200 columns a paragraph runs on one row, and the paragraph break stays."""
    done = subprocess.run(
        [sys.executable, "-m", "detente.cli.main", "brief", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "400"},
    )
    assert done.returncode == 0, done.stderr
    rows = [line.strip() for line in done.stdout.splitlines()]
    second = [r for r in rows if r.startswith("Each entry shows its sentence")]
    assert second and "(a missing or changed file is said so" in second[0], rows[:12]
    assert second[0].endswith("'forecast --observed'.")
    assert rows[rows.index(second[0]) - 1] == ""  # still its own paragraph
