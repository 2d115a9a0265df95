"""The scenario language: a valid file loads; every kind of bad input gives one located line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli.main import app
from detente.scenario import ScenarioError, load_scenario, parse_scenario_text
from detente.scenario.arrays import ScenarioArrays
from tests.scenario_text import SMALL_SCENARIO

runner = CliRunner()


def write(tmp_path: Path, text: str | bytes, name: str = "scenario.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def validate(path: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", str(path)])
    return result.exit_code, result.stderr


def test_small_scenario_loads_with_its_numbers(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, SMALL_SCENARIO))
    assert scenario.actor_ids == ("MED", "AAA", "BBB")
    assert scenario.actor("AAA").capability.low == 40
    arrays = ScenarioArrays.from_scenario(scenario)
    # MED has no position on 'status': salience 0 there, position filled with the status quo.
    assert arrays.salience[0, 1, 1] == 0
    assert arrays.position[0, 1, 1] == 50
    assert not arrays.has_position[0, 1]


CASES = [
    # (name, transform of the valid text, expected line, fragment of the message)
    (
        "malformed yaml",
        lambda t: t.replace("as_of: 2025-12-04", "as_of: [2025-12-04"),
        4,
        "malformed YAML",
    ),
    ("wrong type", lambda t: t.replace("round_days: 14", "round_days: fortnight"), 5, "round_days"),
    (
        "unknown actor id",
        lambda t: t.replace("{actor: AAA, issue: status", "{actor: AXA, issue: status"),
        27,
        "unknown actor id 'AXA'",
    ),
    (
        "duplicate id",
        lambda t: t.replace("id: BBB, name: Party B", "id: AAA, name: Party B"),
        11,
        "duplicate actors id 'AAA'",
    ),
    (
        "out of range",
        lambda t: t.replace("position: 10, salience: 80", "position: 140, salience: 80"),
        24,
        "0..100",
    ),
    (
        "low > mode",
        lambda t: t.replace("{low: 80, mode: 90, high: 95}", "{low: 95, mode: 90, high: 80}"),
        25,
        "low <= mode <= high",
    ),
    (
        "source after as_of",
        lambda t: t.replace("published: 2025-12-01", "published: 2026-01-01"),
        7,
        "after as_of",
    ),
    (
        "evidence cites unknown source",
        lambda t: t.replace("source: s1, start", "source: s9, start"),
        34,
        "unknown source id 's9'",
    ),
    (
        "unknown field",
        lambda t: t.replace("round_days: 14", "round_days: 14\nroundz: 3"),
        6,
        "unknown field 'roundz'",
    ),
    (
        "duplicate key",
        lambda t: t.replace("round_days: 14", "round_days: 14\nround_days: 7"),
        6,
        "duplicate key",
    ),
    (
        "issue cites unknown evidence",
        lambda t: t.replace("status_quo: 40\n", "status_quo: 40\n    evidence: [e9]\n"),
        17,
        "unknown evidence id 'e9'",
    ),
    (
        "no basis",
        lambda t: t.replace("capability: 100, assumption: test actor", "capability: 100"),
        9,
        "assumption",
    ),
]


@pytest.mark.parametrize(
    ("name", "transform", "line", "fragment"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_scenarios_name_the_place(tmp_path: Path, name, transform, line, fragment) -> None:
    path = write(tmp_path, transform(SMALL_SCENARIO))
    code, err = validate(path)
    assert code == 2, err
    assert "Traceback" not in err
    assert fragment in err, err
    assert re.search(rf"{re.escape(str(path))}:{line}:\d+", err), err


def test_an_issue_cites_evidence_for_its_status_quo(tmp_path: Path) -> None:
    """The status quo is a number a person estimated: an issue may cite evidence for it,
    and the report's evidence table lists it beside the other numbers."""
    from detente.report.scenario_view import evidence_table

    text = SMALL_SCENARIO.replace("status_quo: 40\n", "status_quo: 40\n    evidence: [e1]\n")
    scenario = load_scenario(write(tmp_path, text))
    rows = [r for r in evidence_table(scenario) if r["parameter"] == "issues.line.status_quo"]
    assert [r["evidence"] for r in rows] == ["e1"]
    assert not [r for r in evidence_table(scenario) if r["parameter"].startswith("issues.status")]


def test_actor_without_position_is_an_error(tmp_path: Path) -> None:
    text = SMALL_SCENARIO.replace(
        "  - {id: BBB, name: Party B",
        "  - {id: CCC, name: Idle, capability: 5, assumption: test}\n  - {id: BBB, name: Party B",
    )
    code, err = validate(write(tmp_path, text))
    assert code == 2
    assert "'CCC' has no position" in err


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "file is empty"),
        (b"  \n\n", "file is empty"),
        (b"id: x\xff\xfe\n", "not valid UTF-8"),
        (b"\x00\x01binary", "looks binary"),
        (b"- just\n- a list\n", "top level must be a mapping"),
    ],
    ids=["empty", "blank", "non-utf8", "binary", "list"],
)
def test_unreadable_files(tmp_path: Path, content: bytes, fragment: str) -> None:
    code, err = validate(write(tmp_path, content))
    assert code == 2
    assert fragment in err
    assert err.count("\n") == 1, "one line, no traceback"


def test_directory_and_missing_file(tmp_path: Path) -> None:
    code, err = validate(tmp_path)
    assert code == 2 and "is a directory" in err
    code, err = validate(tmp_path / "nope.yaml")
    assert code == 2 and "no such file" in err


def test_unknown_builtin_name_lists_the_known_ones() -> None:
    result = runner.invoke(app, ["show", "ukraine-1999"])
    assert result.exit_code == 2
    assert "neither a built-in scenario nor a file" in result.stderr


def test_all_problems_are_listed(tmp_path: Path) -> None:
    text = SMALL_SCENARIO.replace("{actor: AAA, issue: status", "{actor: AXA, issue: status")
    text = text.replace("source: s1, start", "source: s9, start")
    with pytest.raises(ScenarioError) as info:
        parse_scenario_text(text, "x.yaml")
    assert len(info.value.errors) == 2


def test_cli_validate_in_a_real_process(tmp_path: Path) -> None:
    """The installed entry point prints one line and exits 2 without a traceback."""
    path = write(tmp_path, SMALL_SCENARIO.replace("round_days: 14", "round_days: 0"))
    proc = subprocess.run(
        [sys.executable, "-m", "detente.cli.main", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"{path}:5:" in proc.stderr and "greater than or equal to 1" in proc.stderr


def test_an_id_declared_twice_is_the_fix_its_unknown_twin_points_to(tmp_path: Path) -> None:
    """Party B's entry given Party A's id: the duplicate says where the first is, and every
    now-unknown BBB says to give one of the AAA entries that id back, not 'did you mean
    AAA?' (which would make the file worse)."""
    path = write(
        tmp_path, SMALL_SCENARIO.replace("id: BBB, name: Party B", "id: AAA, name: Party B")
    )
    code, err = validate(path)
    assert code == 2
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    first = re.search(r"duplicate actors id 'AAA' \(first at .*:(\d+):\d+\)", lines[0])
    assert first is not None and int(first.group(1)) < 11
    unknown = [line for line in lines if "unknown actor id 'BBB'" in line]
    assert unknown and all("'AAA' is declared twice" in line for line in unknown)
    assert not any("did you mean 'AAA'" in line for line in lines)
