"""Questions about events a scenario cannot produce: flagged, and never a false alarm.

Soundness is checked on simulated logs: every event of a kind that needs declared
structure, in every run, has a source in ``event_sources`` with its arena and actor and
an earliest day no later than the event's.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from process_scenarios import A, build, cycle_dict
from test_vote_institutions import ACT, council, switch
from typer.testing import CliRunner

from detente.cli.main import app
from detente.forecast.questions import parse_question
from detente.forecast.reachability import (
    NEEDS_STRUCTURE,
    event_sources,
    impossible_classes,
    unreachable_terms,
)
from detente.process import EventLog, OutcomeClass, compile_scenario, simulate
from detente.process.compiled import CompiledScenario
from detente.scenario import load_scenario


def assert_every_event_has_a_source(compiled: CompiledScenario, log: EventLog) -> int:
    """The number of (kind, arena, actor) combinations checked."""
    sources = event_sources(compiled)
    checked = 0
    for kind in NEEDS_STRUCTURE:
        mask = log.events(kind)
        if not mask.any():
            continue
        seen = np.stack([log.arena[mask], log.actor[mask], log.day[mask]], axis=1)
        for arena, actor in np.unique(seen[:, :2], axis=0):
            first = seen[(seen[:, 0] == arena) & (seen[:, 1] == actor), 2].min()
            assert any(
                s.kind == kind and s.arena == arena and s.actor == actor and s.first_day <= first
                for s in sources
            ), (kind.name, int(arena), int(actor), int(first))
            checked += 1
    return checked


@pytest.mark.parametrize("name", ["ukraine-2025-12", "ukraine-2026-06", "drc-m23-2025"])
def test_every_event_a_run_produced_was_listed_as_possible(name):
    compiled = compile_scenario(load_scenario(name))
    log = simulate(compiled, runs=1500, seed=3)
    assert assert_every_event_has_a_source(compiled, log) >= 4


def test_rule_switches_and_new_members_are_listed_as_possible():
    data = council({"C1": 90, "C2": 70, "C3": 5}, decisions=[ACT])
    data["actors"].append({"id": "NEW", "name": "Successor", "capability": 10, "assumption": A})
    data["positions"].append(
        {"actor": "NEW", "issue": "sanctions", "position": 90, "salience": 50, "assumption": A}
    )
    data["arenas"][0]["rule_switches"] = [switch(replace_member={"old": "C3", "new": "NEW"})]
    compiled = compile_scenario(build(data))
    log = simulate(compiled, runs=20, seed=6, rounds=4)
    assert assert_every_event_has_a_source(compiled, log) == 2  # rule switched, member replaced


def unreachable(name: str, question: str) -> tuple[str, ...]:
    return unreachable_terms(parse_question(question), compile_scenario(load_scenario(name)))


def test_a_channel_no_track_can_open_is_flagged_and_one_that_can_is_not():
    # ukraine-2025-12 declares no European track; drc-m23-2025's AU channel opens in a
    # window from 2025-10-01 (its as_of is earlier), and nothing stops rounds anywhere.
    europe = "event(kind=channel_opened, actor=EUR) by 2026-06-30"
    (reason,) = unreachable("ukraine-2025-12", europe)
    assert "channel_opened" in reason and "'opens:'" in reason
    assert unreachable("drc-m23-2025", "event(kind=channel_opened, actor=AU) by 2026-06-30") == ()
    assert unreachable("ukraine-2025-12", "count(event(kind=round_held)) >= 3 by 2026-01-31") == ()
    # a lever that cuts support exists (and an exogenous event logs as one): not flagged
    assert unreachable("ukraine-2025-12", "event(kind=support_cut, actor=US) by 2026-06-30") == ()
    # nobody in the Ukraine tracks can cut support but the US
    assert unreachable("ukraine-2025-12", "event(kind=support_cut, actor=EUR) by 2026-06-30")


def test_an_event_that_can_only_come_later_is_flagged_with_its_earliest_date():
    compiled = compile_scenario(load_scenario("drc-m23-2025"))
    au = next(t for t in compiled.mediated if compiled.actor_ids[t.mediator] == "AU")
    earliest = compiled.as_of.toordinal() + au.open_first_round * compiled.round_days
    day_before = type(compiled.as_of).fromordinal(earliest - 1).isoformat()
    (reason,) = unreachable_terms(
        parse_question(f"event(kind=channel_opened, actor=AU) by {day_before}"), compiled
    )
    assert "cannot happen before" in reason
    on_the_day = type(compiled.as_of).fromordinal(earliest).isoformat()
    assert not unreachable_terms(
        parse_question(f"event(kind=channel_opened, actor=AU) by {on_the_day}"), compiled
    )


def test_forecast_names_the_structural_zero_in_its_sanity_panel():
    out = CliRunner().invoke(app, ["forecast", "ukraine-2025-12", "--runs", "400", "--json"])
    assert out.exit_code == 0, out.output
    summary = json.loads(out.stdout)
    flagged = [q for q in summary["questions"] if q["unreachable"]]
    assert [q["id"] for q in flagged] == ["eu_channel_6m"]
    assert flagged[0]["probability"] == 0.0
    checks = [w for w in summary["sanity"] if w["check"] == "unreachable_event"]
    assert len(checks) == 1 and "eu_channel_6m" in checks[0]["message"]


def reached_classes(log: EventLog) -> set[str]:
    days = range(0, int(log.day.max(initial=0)) + 1, 14)
    return {OutcomeClass(c).name.lower() for d in days for c in np.unique(log.outcome_class_at(d))}


def test_classes_the_structure_rules_out_are_named_and_never_reached():
    data = cycle_dict()
    data["war"]["decisive"] = [{"side": "GAIN", "front": 90, "assumption": A}]
    assert impossible_classes(compile_scenario(build(data))) == {}
    data["arenas"][0]["packages"] = ["full", "swap"]  # no ceasefire package
    data["arenas"][0]["leverage"][0]["bypasses_influencers"] = False
    del data["war"]["decisive"]
    compiled = compile_scenario(build(data))
    ruled_out = impossible_classes(compiled)
    assert set(ruled_out) == {"armistice", "imposed", "victory"}
    assert "ceasefire package" in ruled_out["armistice"]
    assert "bypasses the influencers" in ruled_out["imposed"]
    reached = reached_classes(simulate(compiled, runs=400, seed=2))
    assert "comprehensive" in reached and not reached & set(ruled_out)


@pytest.mark.parametrize("name", ["ukraine-2025-12", "drc-m23-2025"])
def test_no_builtin_run_reaches_a_class_listed_as_impossible(name):
    compiled = compile_scenario(load_scenario(name))
    reached = reached_classes(simulate(compiled, runs=1500, seed=3))
    assert not reached & set(impossible_classes(compiled))


@pytest.fixture(scope="module")
def drc_forecast() -> dict:
    out = CliRunner().invoke(app, ["forecast", "drc-m23-2025", "--runs", "400", "--json"])
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)


def test_the_sanity_panel_says_why_a_class_is_empty(drc_forecast):
    summary = drc_forecast
    assert set(summary["impossible_classes"]) == {"imposed", "victory"}
    (empty,) = [w for w in summary["sanity"] if "'deal imposed'" in w["message"]]
    assert "bypasses the influencers" in empty["message"] and empty["drivers"] == []


def test_an_expectation_that_holds_by_construction_says_so(drc_forecast):
    # drc-m23-2025 expects no agreement on the Washington track, which lacks a side of the
    # war: it holds because no run could produce one, not because of the bargaining
    checks = {e["id"]: e for e in drc_forecast["expectations"]}
    (term,) = checks["states_sign_rebels_fight"]["structural"]
    assert term.startswith("agreement(arena=washington)") and "understandings only" in term
    assert checks["ceasefire_before_settlement"]["structural"] == []
    scenario = load_scenario("ukraine-2025-12")
    compiled = compile_scenario(scenario)
    for e in scenario.expectations:  # every Ukraine expectation can go either way
        for text in (e.question, e.than):
            assert text is None or not unreachable_terms(parse_question(text), compiled)


def test_withholding_needs_implementers_and_a_bypassing_lever():
    # ukraine-2025-12: EUR implements parts of a full text and cut_support bypasses it;
    # drc-m23-2025 declares no implementers, so no track can withhold anything.
    # Europe implements sanctions relief but not the line, so only the first can be withheld.
    eur = "event(kind=withheld, arena=peace_talks, actor=EUR{}) by 2026-12-04"
    assert unreachable("ukraine-2025-12", eur.format("")) == ()
    assert unreachable("ukraine-2025-12", eur.format(", issue=sanctions_relief")) == ()
    (line,) = unreachable("ukraine-2025-12", eur.format(", issue=territory"))
    assert "implementer of that issue" in line
    (reason,) = unreachable("drc-m23-2025", "event(kind=withheld) by 2026-12-04")
    assert "withheld" in reason and "bypasses the influencers" in reason
