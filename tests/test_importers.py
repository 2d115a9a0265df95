"""Importers of KTAB CSV/XML, Decide and BDM files into scenarios; KTAB CSV export."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from detente.scenario import load_scenario
from detente.scenario.arrays import ScenarioArrays
from detente.scenario.errors import DetenteError
from detente.scenario.importers import (
    detect_format,
    import_scenario,
    ktab_xml_settings,
    make_id,
    scenario_to_ktab_csv,
)
from detente.solvers.compromise import weighted_mean, weighted_median

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
GOOD = {
    "ktab/SOE-Pol-Comp.csv": ("ktab-csv", 13, 2),
    "ktab/dummyData_3Dim.csv": ("ktab-csv", 7, 3),
    "ktab/dummyData_3Dim.xml": ("ktab-xml", 7, 3),
    "ktab/dummyData_6Dim.csv": ("ktab-csv", 27, 6),
    "decide/decide_cop21.csv": ("decide", 15, 13),
    "decide/decide_copenhagen.csv": ("decide", 11, 7),
    "decide/decide_sample_data.txt": ("decide", 10, 6),
    "bdm/bdm1994_ec_emission_standards.csv": ("bdm", 10, 1),
    "bdm/eum_iranian_election_2013.csv": ("bdm", 8, 1),
    "bdm/jmckib_sultan_saudi.csv": ("bdm", 17, 1),
    "bdm/dmasad_china_leadership.csv": ("bdm", 24, 1),
}


@pytest.mark.parametrize(("name", "expected"), GOOD.items())
def test_reference_files_import_as_valid_scenarios(name, expected) -> None:
    kind, n_actors, n_issues = expected
    path = DATA / name
    assert detect_format(path) == kind
    s = load_scenario(path)  # the loader dispatches on suffix and content
    assert (len(s.actors), len(s.issues)) == (n_actors, n_issues)
    assert all(re.match(r"^[A-Za-z][A-Za-z0-9_\-]*$", a.id) for a in s.actors)
    assert all(p.assumption == f"imported from {path.name}" for p in s.positions)
    assert max(a.capability.mode for a in s.actors) == 100


def test_ktab_numbers_survive_import() -> None:
    s = import_scenario(DATA / "ktab/SOE-Pol-Comp.csv")
    x, sal, c = ScenarioArrays.from_scenario(s).modes()
    assert s.actor("XJ").name == "Xi Jinping"
    np.testing.assert_allclose(x[1], [45, 65])  # LK, from the file
    np.testing.assert_allclose(sal[1], [44.7, 41.3])
    assert c[1] == pytest.approx(60.2)  # XJ has 100, the strongest


def test_bdm_positions_rescale_and_weighted_mean_maps_back() -> None:
    s = import_scenario(DATA / "bdm/bdm1994_ec_emission_standards.csv")
    x, sal, c = ScenarioArrays.from_scenario(s).modes()
    # positions 4..10 years -> 0..100; mean 7.39 years = 4 + 6 * m / 100
    years = 4 + 6 * weighted_mean(x, sal, c)[0] / 100
    assert years == pytest.approx(7.39, abs=0.005)
    assert 4 + 6 * weighted_median(x, sal, c)[0] / 100 == pytest.approx(7.0)
    assert "4 " in s.issues[0].scale[0]


def test_decide_keeps_capability_times_salience() -> None:
    path = DATA / "decide/decide_cop21.csv"
    s = import_scenario(path)
    x, sal, c = ScenarioArrays.from_scenario(s).modes()
    ratios = []
    for line in path.read_text().splitlines():
        f = [v.strip("'") for v in line.split("\t")]
        if f[0] != "#D":
            continue
        k, j = s.actor_ids.index(f[1]), s.issue_ids.index(f[2])
        assert x[k, j] == pytest.approx(float(f[3]))  # #M anchors are 0 and 100
        ratios.append(c[k] * sal[k, j] / (float(f[4]) * float(f[5])))
    # Decide's per-issue power folds into salience: c x s stays proportional to power x s
    np.testing.assert_allclose(ratios, ratios[0], rtol=1e-6)
    assert len(ratios) == 181


def test_ktab_xml_model_parameters() -> None:
    opts = ktab_xml_settings(DATA / "ktab/smpExample.xml")
    assert opts["voting_rule"] == "proportional-cubic"
    assert opts["pce_model"] == "markov-incentive"
    assert opts["state_transition"] == "stochastic"


def test_export_to_ktab_csv_round_trips(tmp_path: Path) -> None:
    s = import_scenario(DATA / "ktab/dummyData_3Dim.csv")
    out = tmp_path / "again.csv"
    out.write_text(scenario_to_ktab_csv(s))
    again = import_scenario(out)
    a, b = ScenarioArrays.from_scenario(s).modes(), ScenarioArrays.from_scenario(again).modes()
    for left, right in zip(a, b, strict=True):
        np.testing.assert_allclose(left, right, atol=0.01)


def test_make_id() -> None:
    taken: set[str] = set()
    assert make_id("Liu He - Deputy", taken) == "Liu_He_-_Deputy"
    assert make_id("1st actor", taken) == "x_1st_actor"
    assert make_id("Liu He - Deputy", taken) == "Liu_He_-_Deputy_2"


@pytest.mark.parametrize(
    ("name", "where", "words"),
    [
        # the reference data itself holds two malformed files
        ("ktab/smpExample.xml", ":28:", "dCoord 1 is ''"),
        ("decide/decide_CoP21_full_with_scale_meanings.csv", ":103:", "unknown actor 'ALBA'"),
    ],
)
def test_malformed_reference_files_name_the_row(name, where, words) -> None:
    with pytest.raises(DetenteError) as err:
        load_scenario(DATA / name)
    assert where in str(err.value) and words in str(err.value)
    assert err.value.hint


@pytest.mark.parametrize(
    ("text", "suffix", "where", "words"),
    [
        (
            "t, d, 2, 1\nActor, D, Power, P, S\nA, a, 10, 50, 40\nB, b, x, 50, 40\n",
            ".csv",
            ":4:",
            "power of 'B'",
        ),
        (
            "t, d, 2, 1\nActor, D, Power, P, S\nA, a, 10, 150, 40\nB, b, 1, 50, 40\n",
            ".csv",
            ":3:",
            "outside 0..100",
        ),
        (
            "t, d, 3, 1\nActor, D, Power, P, S\nA, a, 10, 50, 40\nB, b, 1, 50, 40\n",
            ".csv",
            ":1:",
            "announces 3 actors",
        ),
        (
            "t, d, 2, 2\nActor, D, Power, P, S, P, S\nA, a, 1, 5, 60, 5, 60\nB, b, 1, 5, 9, 5, 9\n",
            ".csv",
            ":3:",
            "sum to 120",
        ),
        (
            "actor,position,capability,salience\nA,1,0.5,0.5\nB,2,-1,0.5\n",
            ".csv",
            ":3:",
            "negative",
        ),
        ("'#A'\t'A'\n'#P'\t'p'\n'#D'\t'A'\t'p'\t50\t0.5\n", ".txt", ":3:", "expected 5"),
        ("'#A'\t'A'\n'#P'\t'p'\n'#D'\t'A'\t'p'\tNaN\t0.5\t1\n", ".txt", ":3:", "NaN"),
    ],
)
def test_malformed_files_name_the_row_and_fix(tmp_path, text, suffix, where, words) -> None:
    path = tmp_path / f"bad{suffix}"
    path.write_text(text)
    with pytest.raises(DetenteError) as err:
        load_scenario(path)
    assert where in str(err.value), str(err.value)
    assert words in str(err.value), str(err.value)
    assert err.value.hint


def test_all_zero_capabilities_rejected(tmp_path: Path) -> None:
    path = tmp_path / "zero.csv"
    path.write_text("actor,position,capability,salience\nA,1,0,0.5\nB,2,0,0.5\n")
    with pytest.raises(DetenteError, match="every capability is 0"):
        load_scenario(path)
