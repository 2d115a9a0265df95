"""Imported cases in their own units (published EC emissions values), and --lenient
imports that list each left-out item with file:line (the real shared reference files)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from detente.scenario.importers import import_table

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
EC = DATA / "bdm" / "bdm1994_ec_emission_standards.csv"
SMP_EXAMPLE = DATA / "ktab" / "smpExample.xml"
COP21_FULL = DATA / "decide" / "decide_CoP21_full_with_scale_meanings.csv"
COP21 = DATA / "decide" / "decide_cop21.csv"
DECIDE_SAMPLE = DATA / "decide" / "decide_sample_data.txt"


def solve(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "detente.cli.main", "solve", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_ec_emissions_outcomes_are_in_years_with_the_0_100_value_beside():
    done = solve(str(EC), "--compare", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["native_scales"]["position_years"] == {"low": 4.0, "high": 10.0, "unit": "years"}
    mean = data["models"]["weighted-mean"]
    median = data["models"]["weighted-median"]
    # Published (data/README.md): capability x salience weighted mean 7.39, median 7.0.
    assert mean["outcome_native"][0] == pytest.approx(7.39, abs=0.005)
    assert median["outcome_native"][0] == pytest.approx(7.0, abs=1e-9)
    assert mean["outcome"][0] == pytest.approx(100 * (7.39 - 4) / 6, abs=0.1)  # 0-100 kept


def test_ec_emissions_text_shows_years_first():
    done = solve(str(EC), "--model", "weighted-median")
    assert done.returncode == 0, done.stderr
    assert "7.00 years (50.0)" in done.stdout
    assert "7.39 years (56.5)" in done.stdout  # status quo column: the weighted mean


def test_decide_issue_on_its_own_scale_is_shown_in_its_units():
    # The format's sample: 'tol-hoogte' (toll height) runs 0.5-7 by its #M points; the
    # other issues are 0-100 already and keep their 0-100 value.
    done = solve(str(DECIDE_SAMPLE), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["native_scales"] == {"tol-hoogte": {"low": 0.5, "high": 7.0, "unit": ""}}
    j = data["issues"].index("tol-hoogte")
    outcome = data["models"]["weighted-mean"]["outcome"]
    native = data["models"]["weighted-mean"]["outcome_native"]
    assert native[j] == pytest.approx(0.5 + 6.5 * outcome[j] / 100, abs=1e-6)
    others = [k for k in range(len(outcome)) if k != j]
    assert all(native[k] == pytest.approx(outcome[k], abs=1e-6) for k in others)


def test_decide_files_on_0_100_show_no_second_scale():
    done = solve(str(COP21), "--json")
    assert done.returncode == 0, done.stderr
    assert "native_scales" not in json.loads(done.stdout)


def test_ktab_files_stay_on_their_own_0_100_scale():
    done = solve(str(DATA / "ktab" / "SOE-Pol-Comp.csv"), "--json")
    assert done.returncode == 0, done.stderr
    assert "native_scales" not in json.loads(done.stdout)


@pytest.mark.parametrize(
    ("path", "where", "what"),
    [
        (SMP_EXAMPLE, ":28:", "dCoord 1 is ''"),
        (COP21_FULL, ":103:", "unknown actor 'ALBA'"),
    ],
)
def test_strict_import_still_refuses_with_one_clear_line(path, where, what):
    done = solve(str(path))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and where in lines[0] and what in lines[0] and "fix:" in lines[0]


def test_lenient_smp_example_leaves_out_the_empty_cell_and_says_so():
    done = solve(str(SMP_EXAMPLE), "--lenient", "--json")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines == [
        f"skipped: {SMP_EXAMPLE}:28:1: actor 'Alice' dCoord 1 is '', not a number; "
        "skipped 'Alice' on 'FirstDim'"
    ]
    table = import_table(SMP_EXAMPLE, lenient=True)
    assert (0, 0) not in table.entries  # Alice has no position on the first dimension
    assert len(table.entries) == len(table.actor_names) * 3 - 1
    assert len(json.loads(done.stdout)["issues"]) == 3


def test_lenient_cop21_full_skips_exactly_the_rows_of_undeclared_actors():
    text = COP21_FULL.read_text(encoding="utf-8-sig").splitlines()
    declared = {
        re.split(r"[\t;]", line.strip())[1] for line in text if line.startswith(("#A", "'#A"))
    }
    undeclared_rows = [
        k
        for k, line in enumerate(text, start=1)
        if line.startswith("#D") and re.split(r"[\t;]", line.strip())[1] not in declared
    ]
    assert undeclared_rows  # the file's defect
    done = solve(str(COP21_FULL), "--lenient", "--model", "weighted-mean", "--json")
    assert done.returncode == 0, done.stderr
    skipped = done.stderr.strip().splitlines()
    assert [int(re.search(r"\.csv:(\d+):", s).group(1)) for s in skipped] == undeclared_rows
    assert all("unknown actor" in s and "skipped this #D row" in s for s in skipped)
    assert len(json.loads(done.stdout)["issues"]) == 13


def test_lenient_bdm_skips_a_bad_row_and_strict_stops_there(tmp_path):
    bad = tmp_path / "bdm_bad.csv"
    bad.write_text(
        "actor,position,capability,salience\nA,10,1,50\nB,ten,1,50\nC,30,2,80\n",
        encoding="utf-8",
    )
    strict = solve(str(bad))
    assert strict.returncode == 2 and f"{bad}:3:" in strict.stderr
    lenient = solve(str(bad), "--lenient", "--json")
    assert lenient.returncode == 0, lenient.stderr
    assert lenient.stderr.strip().splitlines() == [
        f"skipped: {bad}:3:1: position of 'B' is 'ten', not a number; skipped this actor row"
    ]
    scale = json.loads(lenient.stdout)["native_scales"]["position"]
    assert (scale["low"], scale["high"]) == (10.0, 30.0)  # B's row left out of the range


def test_lenient_on_a_yaml_scenario_is_a_one_line_usage_error():
    done = solve("ukraine-2025-12", "--lenient")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "--lenient" in done.stderr
