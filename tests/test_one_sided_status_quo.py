"""``validate`` warns where an issue's status quo lies beyond every signatory's position on
one side: any text that moves it is better for all, so the issue sweetens every deal.

Found by a new analyst's Thai file (pullback and monitoring at 10 and 0, below both sides),
where a full settlement then came easily and nothing said why."""

from __future__ import annotations

import copy

import yaml
from process_scenarios import cycle_dict
from typer.testing import CliRunner

from detente.cli.main import app


def _validate(tmp_path, data: dict) -> list[str]:
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    out = CliRunner().invoke(app, ["validate", str(path)])
    assert out.exit_code == 0, out.output
    return [line for line in out.output.splitlines() if "sweetens every deal" in line]


def test_a_status_quo_below_both_sides_is_named_with_its_line(tmp_path) -> None:
    """The test war's alliance: WEAK wants 90, GAIN 0, status quo 30: no warning. With
    GAIN wanting 50-60 as well, 30 lies below both: one warning, at the status quo's line."""
    assert _validate(tmp_path, cycle_dict()) == []
    data = copy.deepcopy(cycle_dict())
    for p in data["positions"]:
        if p["actor"] == "GAIN" and p["issue"] == "alliance":
            p["position"] = {"low": 50, "mode": 55, "high": 60}
    [line] = _validate(tmp_path, data)
    assert "issue 'alliance': its status quo (30) lies below every signatory's" in line
    assert "(WEAK 90, GAIN 50-60)" in line
    text = (tmp_path / "case.yaml").read_text(encoding="utf-8").splitlines()
    number = int(line.split("case.yaml:")[1].split(":")[0])
    assert "status_quo" in text[number - 1]


def test_a_position_range_that_reaches_the_status_quo_is_not_one_sided(tmp_path) -> None:
    data = copy.deepcopy(cycle_dict())
    for p in data["positions"]:
        if p["actor"] == "GAIN" and p["issue"] == "alliance":
            p["position"] = {"low": 25, "mode": 55, "high": 60}  # some draws below 30
    assert _validate(tmp_path, data) == []
