"""The second worked case (drc-m23-2025, illustrative): every second-generation feature on a
negotiation other than Ukraine's, through the commands a user runs."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from detente.cli.main import app
from detente.process import EventKind, OutcomeClass, compile_scenario, simulate
from detente.scenario import builtin_names, load_scenario

NAME = "drc-m23-2025"


@pytest.fixture(scope="module")
def log():
    return simulate(load_scenario(NAME), runs=3000, seed=5)


def test_it_ships_validates_and_says_it_is_illustrative():
    assert NAME in builtin_names()
    out = CliRunner().invoke(app, ["validate", NAME, "--json"])
    assert out.exit_code == 0, out.output
    warnings = json.loads(out.stdout)["warnings"]
    # every number is read by the model; the one kind of warning is the Washington track's
    # joint gains (issues whose status quo both the DRC and Rwanda want moved one way)
    assert warnings and all("sweetens every deal" in w and "'washington'" in w for w in warnings)
    assert "ILLUSTRATIVE" in load_scenario(NAME).title


def test_three_mediators_three_tracks_one_war():
    compiled = compile_scenario(load_scenario(NAME))
    ids = compiled.actor_ids
    assert [ids[t.mediator] for t in compiled.mediated] == ["US", "QAT", "AU"]
    washington, doha, au = compiled.mediated
    assert not washington.ends_war and doha.ends_war and au.ends_war
    assert au.open_first_round > 0  # a channel that may open later
    assert ids[compiled.war.gainer] == "M23"
    rebels = next(a for a in load_scenario(NAME).actors if a.id == "M23")
    assert rebels.kind == "armed_group"  # an actor kind of its own, not an "organisation"


def test_the_track_that_lacks_a_side_reaches_understandings_not_peace(log):
    washington = log.arena_ids.index("washington")
    assert log.events(EventKind.UNDERSTANDING, arena=washington).sum() > 0
    assert log.events(EventKind.AGREEMENT, arena=washington).sum() == 0


def test_the_phased_deal_comes_first_and_can_break_down(log):
    classes = log.outcome_class_at(365)
    armistice = np.mean(classes == OutcomeClass.ARMISTICE)
    comprehensive = np.mean(classes == OutcomeClass.COMPREHENSIVE)
    assert armistice > comprehensive
    # the deferred issue (the rebellion's future) stays open under a ceasefire
    future = log.issue_ids.index("m23_future")
    assert np.all(np.isnan(log.settlement[classes == OutcomeClass.ARMISTICE, future]))
    assert log.events(EventKind.BREAKDOWN).sum() > 0
    assert log.events(EventKind.LIMITED_DEAL).sum() > 0
    assert log.events(EventKind.LEVERAGE).sum() > 0


def test_terms_agree_with_class_where_no_lever_imposed_the_deal(log):
    """On a simulated log the terms read from the agreement's round match its class
    (armistice: a ceasefire text; comprehensive: a full text), and no run without an
    agreement in force has terms."""
    for day in (180, 365):
        classes, terms = log.outcome_class_at(day), log.agreement_terms_at(day)
        assert np.all(terms[classes == OutcomeClass.ARMISTICE] == 2)
        assert np.all(terms[classes == OutcomeClass.COMPREHENSIVE] == 1)
        in_force = np.isin(classes, [1, 2, 3])
        assert np.all(terms[~in_force] == 0) and np.all(terms[in_force] > 0)


def test_forecast_json_reports_expectations_and_luck():
    out = CliRunner().invoke(app, ["forecast", NAME, "--runs", "2000", "--json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert {e["id"] for e in doc["expectations"]} == {
        "states_sign_rebels_fight",
        "ceasefire_before_settlement",
    }
    assert all(e["verdict"] in ("holds", "contradicted", "unclear") for e in doc["expectations"])
    assert 0.0 <= doc["luck_share"] <= 1.0


def test_a_gap_of_one_run_in_twenty_thousand_decides_no_expectation():
    from detente.analysis.expectations import judge

    scenario = load_scenario(NAME)
    expectation = next(e for e in scenario.expectations if e.rival is not None)
    tiny = judge(expectation, 1 / 20_000, 0.00007, 0.0, 0.0)
    assert tiny.verdict == "unclear"
    clear = judge(expectation, 0.30, 0.003, 0.10, 0.002)
    assert clear.verdict == "holds"
    assert judge(expectation, 0.10, 0.002, 0.30, 0.003).verdict == "contradicted"


@pytest.mark.parametrize("name", ["drc-m23-2025", "ukraine-2026-06"])
def test_show_prints_the_declared_structure(name):
    out = CliRunner().invoke(app, ["show", name])
    assert out.exit_code == 0, out.output
    assert "war: sides" in out.stdout
    tracks = [line for line in out.stdout.splitlines() if line.startswith("track ")]
    assert len(tracks) == len([a for a in load_scenario(name).arenas if a.kind != "vote"])
    assert "process numbers and their provenance" in out.stdout
    # a limited deal (both cases have one) settles no issue of its track
    limited = [p.id for p in load_scenario(name).packages if p.kind == "limited"]
    rows = [line for line in out.stdout.splitlines() if line.startswith(f"│ {limited[0]} ")]
    assert rows and "none (a deal" in rows[0] and " all " not in rows[0]
