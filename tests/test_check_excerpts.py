"""benchmarks/check_excerpts.py on a gold file and excerpts written here: a rebuilt
excerpt matches by sha256, one with another ending is told apart with the spans that
still hold, a missing one is named."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from detente.scenario.text import sha256_text

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "check_excerpts.py"
TEXT = ' date 2025-07-28 The two prime ministers met in Putrajaya on Monday.\n"We agreed."\n'


def _gold(tmp_path: Path) -> Path:
    start = TEXT.index("met")
    span = {"start": start, "end": start + 3, "sha256": sha256_text(TEXT[start : start + 3])}
    entries = {
        name: {
            "file": f"{name}.txt",
            "set": "dev",
            "sha256": sha256_text(TEXT),
            "events": [dict(span, kind="CONSULT", date="2025-07-28", granularity="day")],
        }
        for name in ("same", "cut", "gone")
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"about": "test", "documents": entries}), encoding="utf-8")
    return path


def test_matches_mismatches_and_missing_files_are_told_apart(tmp_path: Path) -> None:
    folder = tmp_path / "excerpts" / "dev"
    folder.mkdir(parents=True)
    (folder / "same.txt").write_text(TEXT, encoding="utf-8", newline="")
    (folder / "cut.txt").write_text(TEXT[:-13], encoding="utf-8", newline="")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "excerpts"), "--gold", str(_gold(tmp_path))],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert "OK       dev/same.txt" in lines
    assert "MISSING  dev/gone.txt" in lines
    assert any(line.startswith("MISMATCH dev/cut.txt: 1 of 1 spans right") for line in lines)
    assert lines[-1] == "1 of 3 match; 1 missing"
