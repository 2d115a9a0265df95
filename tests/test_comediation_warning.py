"""Co-mediators as tracks of their own: said when two tables share one cadence.

A Gaza trial: one track per co-mediator (US, Qatar, Egypt) put 7.0 texts a year to the
sides instead of 2.9 and moved a deal within six weeks from 61% to 74%, silently, with the
Qatari and Egyptian tables drawing the cadence written for the US.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from process_scenarios import A, cycle_dict, scenario_file
from typer.testing import CliRunner

from detente.cli.main import app


def _two_tables() -> dict:
    data = copy.deepcopy(cycle_dict())
    second = copy.deepcopy(data["arenas"][0])
    second.update(id="second", mediator="M1", leverage=[], influencers=[])
    data["arenas"].append(second)
    data["positions"] += [
        {"actor": "M1", "issue": i, "position": 50, "salience": 50, "assumption": A}
        for i in ("territory", "alliance")
        if not any(p["actor"] == "M1" and p["issue"] == i for p in data["positions"])
    ]
    return data


def _said(tmp_path: Path, data: dict) -> list[str]:
    path = scenario_file(tmp_path / "two.yaml", data)
    result = CliRunner().invoke(app, ["validate", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return [w for w in json.loads(result.stdout)["warnings"] if "same sides" in w]


def test_two_tables_at_one_shared_cadence_are_said_with_the_second_s_line(tmp_path):
    (line,) = _said(tmp_path, _two_tables())
    assert line.startswith(f"{tmp_path / 'two.yaml'}:")
    assert "tracks talks (MED), second (M1) put texts to the same sides (GAIN, WEAK)" in line
    assert "mediator_attention.ID" in line


def test_a_table_given_its_own_cadence_is_the_scenario_s_word(tmp_path):
    data = _two_tables()
    data["dynamics"]["mediator_attention.M1"] = {"value": 0.2, "assumption": A}
    assert _said(tmp_path, data) == []
    assert _said(tmp_path, cycle_dict()) == []  # one table: nothing to say
