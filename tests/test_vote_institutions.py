"""Vote arenas as institutions: reversion points, renewals that lapse, treaty thresholds,
rule switches, member replacements and elections, decisions that feed the war.

Every expected number is worked out by hand in the comments (decision_noise 0 where
a result must be exact). Scenario days: as_of 2025-12-04, round r held on day 14 r.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest
import yaml
from process_scenarios import A, build, cycle_dict
from typer.testing import CliRunner

from detente.cli.main import app
from detente.forecast.evaluate import evaluate_question
from detente.forecast.questions import parse_question
from detente.process import EventKind, compile_scenario, simulate
from detente.process.logbuilder import LogBuilder
from detente.process.parameters import full_parameters, parameter_space, sample_parameters
from detente.process.simulator import Model
from detente.process.voting import VoteState, vote_round
from detente.scenario.errors import ScenarioErrors
from detente.scenario.institution_checks import vote_arena_warnings
from detente.scenario.paths import PathError, apply_setting
from detente.scenario.yaml_source import parse_located_yaml

K = EventKind
ISSUE = "sanctions"


def council(
    ideals: dict[str, float],
    *,
    rule: str = "unanimity",
    status_quo: float = 20,
    decisions: list[dict[str, Any]] | None = None,
    talks: bool = False,
    **arena_fields: Any,
) -> dict[str, Any]:
    """The cycle scenario with a council of the given members (ideal on 'sanctions')."""
    data = copy.deepcopy(cycle_dict())
    data["issues"].append(
        {
            "id": ISSUE,
            "name": "Sanctions",
            "scale": {0: "none", 100: "full"},
            "status_quo": status_quo,
        }
    )
    for member, ideal in ideals.items():
        if member not in {a["id"] for a in data["actors"]}:
            data["actors"].append({"id": member, "name": member, "capability": 10, "assumption": A})
        data["positions"].append(
            {"actor": member, "issue": ISSUE, "position": ideal, "salience": 50, "assumption": A}
        )
    arena = {"id": "council", "kind": "vote", "members": list(ideals), "rule": rule}
    arena |= {"issues": [ISSUE], **arena_fields}
    if decisions is not None:
        arena["decisions"] = decisions
    data["arenas"] = ([data["arenas"][0]] if talks else []) + [arena]
    data["dynamics"]["decision_noise"] = {"value": 0, "assumption": A}
    data["dynamics"]["vote_attention"] = {"value": 1, "assumption": A}
    data["dynamics"]["war_cost.WEAK"] = {"value": 2, "assumption": A}
    data["events"] = []
    return data


def rollover(**fields: Any) -> dict[str, Any]:
    """Sanctions in force at 80 on as_of, renewed on 2026-01-01 (round 2, day 28)."""
    return {
        "id": "rollover",
        "issue": ISSUE,
        "in_force": True,
        "proposal": 80,
        "reversion": 0,
        "renewal": {"dates": ["2026-01-01"]},
        "assumption": A,
        **fields,
    }


def run_votes(data: dict[str, Any], rounds: int, seed: int = 0, runs: int = 20) -> Model:
    """The vote arenas of a scenario, round by round, as the simulator calls them;
    returns the model so a test can read the numbers the votes wrote."""
    compiled = compile_scenario(build(data))
    rng = np.random.default_rng(seed)
    theta = sample_parameters(parameter_space(compiled), rng, runs)
    model = Model(compiled, np.ascontiguousarray(full_parameters(compiled, theta).T))
    log = LogBuilder(compiled, runs)
    states = [VoteState.start(v, model, rng) for v in compiled.votes]
    for r in range(1, rounds + 1):
        for vote, state in zip(compiled.votes, states, strict=True):
            meets = np.ones(runs, dtype=bool)
            vote_round(vote, state, model, meets, np.zeros(runs), rng, log, r * 14)
    return model


def number(model: Model, name: str) -> np.ndarray:
    return model.params[model.compiled.column(name)]


# ---------------------------------------------------------------- reversion, renewal


def test_a_vetoed_renewal_lapses_and_the_issue_reverts():
    # Renewal compares the 80 in force with the reversion point 0.
    # C3 (ideal 5): |0 - 5| - |80 - 5| = 5 - 75 < 0 -> veto; C1 (90), C2 (70) say yes.
    data = council({"C1": 90, "C2": 70, "C3": 5}, decisions=[rollover()], status_quo=80)
    log = simulate(build(data), runs=40, seed=1, rounds=6)
    lapsed = log.events(K.DECISION_LAPSED)
    assert lapsed.sum() == 40
    assert set(log.day[lapsed].tolist()) == {28}
    assert set(log.actor[lapsed].tolist()) == {log.actor_ids.index("C3")}
    assert set(log.issue[lapsed].tolist()) == {log.issue_ids.index(ISSUE)}
    # no renewal passed; after the lapse C3 blocks re-adoption at every meeting (rounds 3-6)
    assert log.events(K.DECISION_PASSED).sum() == 0
    assert log.events(K.DECISION_BLOCKED).sum() == 40 * 5
    model = run_votes(data, rounds=6)
    assert np.all(number(model, f"issues.{ISSUE}.status_quo") == 0)


def test_a_renewal_everyone_prefers_keeps_the_act_in_force():
    # C3 at 60: |0 - 60| - |80 - 60| = 40 > 0 -> yes; renewed every 30 days from 2026-01-01
    decision = rollover(renewal={"every_days": 30, "first": "2026-01-01"})
    data = council({"C1": 90, "C2": 70, "C3": 60}, decisions=[decision], status_quo=80)
    log = simulate(build(data), runs=10, seed=1, rounds=10)
    renewed = log.events(K.DECISION_PASSED)
    assert log.events(K.DECISION_LAPSED).sum() == 0
    # renewals on days 28, 58, 88, 118 (as_of + 28 + 30 k) -> rounds 2, 5, 7, 9
    assert sorted(set(log.day[renewed].tolist())) == [28, 70, 98, 126]
    assert np.all(log.value[renewed] == 2)  # 2 = renewed
    assert np.all(number(run_votes(data, rounds=10), f"issues.{ISSUE}.status_quo") == 80)


def test_a_failed_adoption_goes_to_the_declared_reversion_point():
    # Not in force; proposal 80 against reversion 40 (status quo 20). C3 (ideal 30):
    # |40 - 30| - |80 - 30| < 0 -> blocked, and the issue goes to 40, not 20.
    decision = {"id": "act", "issue": ISSUE, "proposal": 80, "reversion": 40, "assumption": A}
    data = council({"C1": 90, "C2": 70, "C3": 30}, decisions=[decision])
    model = run_votes(data, rounds=1)
    assert np.all(number(model, f"issues.{ISSUE}.status_quo") == 40)


# ---------------------------------------------------------------- rules and thresholds


def switch(to: str | None = "qmv", probability: Any = 1, **fields: Any) -> dict[str, Any]:
    """A switch on 2026-01-15 (42 days after as_of: round 3, day 42)."""
    return {
        "id": "passerelle",
        "date": "2026-01-15",
        "probability": probability,
        "assumption": A,
        **({"to": to} if to else {}),
        **fields,
    }


ACT = {"id": "act", "issue": ISSUE, "proposal": 80, "assumption": A}


def test_a_rule_switch_lets_pass_what_unanimity_blocked():
    # Proposal 80 against the status quo 20: C1..C7 (ideal 90) yes, C8 and C9 (ideal 0) no.
    # Unanimity blocks; QMV: 7 of 9 = 78% >= 55%, equal populations 78% >= 65% -> passes.
    ideals = {f"C{k}": 90.0 for k in range(1, 8)} | {"C8": 0.0, "C9": 0.0}
    data = council(ideals, decisions=[ACT], rule_switches=[switch()])
    log = simulate(build(data), runs=30, seed=2, rounds=6)
    blocked, passed = log.events(K.DECISION_BLOCKED), log.events(K.DECISION_PASSED)
    assert set(log.day[blocked].tolist()) == {14, 28}  # rounds 1-2 under unanimity
    assert passed.sum() == 30 and set(log.day[passed].tolist()) == {42}
    switched = log.events(K.RULE_SWITCHED)
    assert switched.sum() == 30 and set(log.value[switched].tolist()) == {1.0}  # 1 = qmv
    assert set(log.actor[blocked].tolist()) <= {log.actor_ids.index(m) for m in ("C8", "C9")}
    model = run_votes(data, rounds=3)
    assert np.all(number(model, f"issues.{ISSUE}.status_quo") == 80)


def _qmv_passes(ideals: dict[str, float], population: dict[str, float]) -> bool:
    data = council(ideals, rule="qmv", decisions=[ACT])
    data["arenas"][0]["population"] = {"shares": population, "assumption": A}
    log = simulate(build(data), runs=5, seed=3, rounds=1)
    assert log.events(K.DECISION_PASSED).sum() + log.events(K.DECISION_BLOCKED).sum() == 5
    return bool(log.events(K.DECISION_PASSED).sum() == 5)


def test_qmv_needs_55_percent_of_members_and_65_percent_of_population():
    yes = {f"Y{k}": 90.0 for k in range(1, 6)}
    no = {f"N{k}": 0.0 for k in range(1, 5)}
    # 5 of 9 members say yes (55.6% >= 55%) but hold 5 of 15 population units (33%),
    # and the 4 others are a blocking minority -> fails
    assert not _qmv_passes(yes | no, {m: 1.0 for m in yes} | {m: 2.5 for m in no})
    # the same yes members holding 13 of 17 units (76%) -> passes
    assert _qmv_passes(yes | no, {m: 2.6 for m in yes} | {m: 1.0 for m in no})
    # 4 of 9 (44% < 55%) fail however much population they hold
    four = dict(list(yes.items())[:4])
    rest = {"N5": 0.0} | no
    assert not _qmv_passes(four | rest, {m: 20.0 for m in four} | {m: 1.0 for m in rest})
    # 4 of 7 (57%) with 4 of 16 units (25%): only 3 stand against, fewer than the four a
    # blocking minority needs, so the qualified majority is deemed attained
    three = dict(list(no.items())[:3])
    assert _qmv_passes(four | three, {m: 1.0 for m in four} | {m: 4.0 for m in three})


def _enhanced(willing: int, members: int = 12) -> tuple[Any, Model]:
    ideals = {f"W{k}": 90.0 for k in range(willing)}
    ideals |= {f"U{k}": 0.0 for k in range(members - willing)}
    financing = {"path": "dynamics.war_cost.WEAK", "op": "add", "value": -1.0}
    act = ACT | {"effects_if_in_force": [financing]}
    data = council(ideals, rule="enhanced", decisions=[act])
    return simulate(build(data), runs=5, seed=4, rounds=1), run_votes(data, rounds=1, runs=5)


def test_enhanced_cooperation_needs_nine_willing_and_binds_only_them():
    log, model = _enhanced(9)
    assert log.events(K.DECISION_PASSED).sum() == 5
    # binds 9 of 12 equal populations: 20 + 0.75 (80 - 20) = 65; financing -1 x 0.75
    assert np.allclose(number(model, f"issues.{ISSUE}.status_quo"), 65)
    assert np.allclose(number(model, "dynamics.war_cost.WEAK"), 2 - 0.75)
    log, model = _enhanced(8)
    assert log.events(K.DECISION_PASSED).sum() == 0
    assert log.events(K.DECISION_BLOCKED).sum() == 5
    assert np.all(number(model, f"issues.{ISSUE}.status_quo") == 20)
    assert np.all(number(model, "dynamics.war_cost.WEAK") == 2)


# ---------------------------------------------------------------- veto players change


def test_an_election_that_changes_a_members_position_changes_the_result():
    # C3 (ideal 5) blocks 80 against 20 until an election on 2026-01-15 (round 3) sets
    # its ideal to 90; with probability 0.5 about half of the runs pass, all on day 42.
    data = council({"C1": 90, "C2": 70, "C3": 5}, decisions=[ACT])
    data["events"] = [
        {
            "id": "election",
            "date": "2026-01-15",
            "probability": 0.5,
            "assumption": A,
            "effects": [{"path": f"positions.C3.{ISSUE}.position", "op": "set", "value": 90}],
        }
    ]
    log = simulate(build(data), runs=400, seed=5, rounds=6)
    passed = log.events(K.DECISION_PASSED)
    fired = log.count_by_run(log.events(K.EXOGENOUS)) > 0
    assert set(log.day[passed].tolist()) == {42}
    assert np.array_equal(np.sort(log.run[passed]), np.flatnonzero(fired))
    assert 0.4 < fired.mean() < 0.6


def test_a_new_member_replacing_an_old_one_changes_the_result():
    # NEW (ideal 90) takes C3's seat on day 42; the act then passes unanimously.
    data = council({"C1": 90, "C2": 70, "C3": 5}, decisions=[ACT])
    data["actors"].append({"id": "NEW", "name": "Successor", "capability": 10, "assumption": A})
    data["positions"].append(
        {"actor": "NEW", "issue": ISSUE, "position": 90, "salience": 50, "assumption": A}
    )
    swap = switch(to=None, replace_member={"old": "C3", "new": "NEW"})
    data["arenas"][0]["rule_switches"] = [swap]
    log = simulate(build(data), runs=20, seed=6, rounds=4)
    replaced = log.events(K.MEMBER_REPLACED)
    assert replaced.sum() == 20 and set(log.actor[replaced].tolist()) == {
        log.actor_ids.index("NEW")
    }
    passed = log.events(K.DECISION_PASSED)
    assert passed.sum() == 20 and set(log.day[passed].tolist()) == {42}
    assert log.events(K.RULE_SWITCHED).sum() == 0


# ---------------------------------------------------------------- the war


def test_an_act_feeds_the_war_while_in_force_and_its_lapse_undoes_it():
    # Financing (war_cost.WEAK = 2) adopted in round 1 (80 against reversion 20: C1 and C2
    # prefer 80): -0.5 while in force. Renewed in round 2 (2026-01-01) unless OPP (ideal 0)
    # has taken C2's seat by then (switch on 2025-12-20: round 2, before its votes); then
    # the renewal is vetoed: the -0.5 is undone and x1.25 applies while lapsed.
    financing = {
        "id": "financing",
        "issue": ISSUE,
        "proposal": 80,
        "reversion": 20,
        "renewal": {"dates": ["2026-01-01"]},
        "effects_if_in_force": [{"path": "dynamics.war_cost.WEAK", "op": "add", "value": -0.5}],
        "effects_if_lapsed": [{"path": "dynamics.war_cost.WEAK", "op": "multiply", "value": 1.25}],
        "assumption": A,
    }
    data = council({"C1": 90, "C2": 70}, decisions=[financing])
    assert np.all(number(run_votes(data, rounds=1), "dynamics.war_cost.WEAK") == 1.5)
    assert np.all(number(run_votes(data, rounds=2), "dynamics.war_cost.WEAK") == 1.5)
    data["actors"].append({"id": "OPP", "name": "Opposed", "capability": 10, "assumption": A})
    data["positions"].append(
        {"actor": "OPP", "issue": ISSUE, "position": 0, "salience": 50, "assumption": A}
    )
    swap = switch(to=None, replace_member={"old": "C2", "new": "OPP"}) | {"date": "2025-12-20"}
    data["arenas"][0]["rule_switches"] = [swap]
    log = simulate(build(data), runs=10, seed=7, rounds=2)
    lapsed = log.events(K.DECISION_LAPSED)
    assert lapsed.sum() == 10 and set(log.actor[lapsed].tolist()) == {log.actor_ids.index("OPP")}
    model = run_votes(data, rounds=2)
    assert np.allclose(number(model, "dynamics.war_cost.WEAK"), 2.0 * 1.25)
    assert np.all(number(model, f"issues.{ISSUE}.status_quo") == 20)


def test_sanctions_in_force_make_the_gaining_side_settle():
    # GAIN's resolve 30 keeps its value of fighting on above every text; sanctions add 5 to
    # its war cost while in force, i.e. 5 x lookahead 6 = 30 points off fighting on.
    # Same seed; only the council's vote differs (C2 agrees, or vetoes every time).
    sanctions = ACT | {
        "effects_if_in_force": [{"path": "dynamics.war_cost.GAIN", "op": "add", "value": 5}]
    }
    shares = []
    for c2 in (90, 0):
        data = council({"C1": 90, "C2": c2}, decisions=[sanctions], talks=True)
        data["dynamics"]["resolve.GAIN"] = {"value": 30, "assumption": A}
        data["dynamics"]["war_cost.GAIN"] = {"value": 1, "assumption": A}
        log = simulate(build(data), runs=1000, seed=8)
        shares.append(float(np.mean(log.settlement_day >= 0)))
    assert shares[1] == 0.0 and shares[0] > 0.9, shares


# ---------------------------------------------------------------- plumbing


def test_same_seed_same_log_with_uncertain_switches_and_noise():
    ideals = {f"C{k}": 90.0 for k in range(1, 8)} | {"C8": 0.0, "C9": 40.0}
    data = council(ideals, decisions=[rollover(), ACT | {"id": "b"}], status_quo=80)
    data["arenas"][0]["rule_switches"] = [
        switch(probability={"low": 0.2, "mode": 0.5, "high": 0.8})
    ]
    data["dynamics"]["decision_noise"] = {"value": 20, "assumption": A}
    data["arenas"][0]["decisions"][0]["renewal"] = {"every_days": 20}
    one = simulate(build(data), runs=300, seed=9, chunk_size=100)
    two = simulate(build(data), runs=300, seed=9, chunk_size=100)
    for name in ("run", "day", "kind", "arena", "actor", "issue", "value"):
        assert np.array_equal(getattr(one, name), getattr(two, name), equal_nan=True)
    assert one.events(K.DECISION_LAPSED).sum() > 0 and one.events(K.RULE_SWITCHED).sum() > 0


def test_lapses_and_switches_are_askable_in_the_question_language():
    data = council({"C1": 90, "C2": 70, "C3": 5}, decisions=[rollover()], status_quo=80)
    data["arenas"][0]["rule_switches"] = [switch(probability=0.5)]
    log = simulate(build(data), runs=200, seed=10, rounds=6)
    lapsed = parse_question(
        f"event(kind=decision_lapsed, arena=council, issue={ISSUE}) by 2026-01-01"
    )
    assert evaluate_question(lapsed, log).probability == 1.0
    before = parse_question("event(kind=decision_lapsed) by 2025-12-31")
    assert evaluate_question(before, log).probability == 0.0
    switched = parse_question("event(kind=rule_switched, arena=council, value=1) by 2026-06-01")
    share = evaluate_question(switched, log).probability
    assert share == pytest.approx(np.mean(log.count_by_run(log.events(K.RULE_SWITCHED)) > 0))
    assert 0.35 < share < 0.65


def _errors(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ScenarioErrors) as caught:
        build(data)
    return [e.one_line() for e in caught.value.errors]


def test_unknown_ids_are_reported_at_their_line():
    data = council({"C1": 90, "C2": 70}, decisions=[ACT | {"issue": "assets"}])
    data["arenas"][0]["rule_switches"] = [switch(to=None, replace_member={"old": "C9", "new": "X"})]
    data["arenas"][0]["population"] = {"shares": {"C1": 1, "Q": 2}, "assumption": A}
    problems = _errors(data)
    text = "\n".join(problems)
    assert "'assets' is not an issue of arena 'council'" in text
    assert "'C9' holds no seat in arena 'council'" in text
    assert "unknown actor id 'X'" in text
    assert "'Q' holds no seat" in text and "no population for member(s) C2" in text
    assert all(p.startswith("test.yaml:") and p.split(":")[1].isdigit() for p in problems)


def test_irreversible_effects_and_a_renewal_without_reversion_are_refused():
    act = ACT | {
        "effects_if_in_force": [{"path": "dynamics.war_cost.WEAK", "op": "set", "value": 1}]
    }
    assert any(
        "use op 'add' or 'multiply'" in p for p in _errors(council({"C1": 90}, decisions=[act]))
    )
    renew = rollover()
    del renew["reversion"]
    assert any("needs 'reversion'" in p for p in _errors(council({"C1": 90}, decisions=[renew])))
    effect_on_rule = ACT | {
        "effects_if_in_force": [{"path": "arenas.council.rule", "value": 1, "op": "add"}]
    }
    assert any(
        "dynamics number" in p for p in _errors(council({"C1": 90}, decisions=[effect_on_rule]))
    )


def test_warnings_for_equal_populations_and_an_unreachable_enhanced_rule():
    data = council({"C1": 90, "C2": 70, "C3": 5}, rule="qmv", decisions=[ACT])
    data["arenas"][0]["rule_switches"] = [switch(to="enhanced")]
    text = yaml.safe_dump(data, sort_keys=False)
    located = parse_located_yaml(text, "c.yaml")
    warnings = [w.one_line() for w in vote_arena_warnings(build(data), located.locate)]
    assert len(warnings) == 2
    assert "equal shares are assumed" in warnings[0] and warnings[0].startswith("c.yaml:")
    assert "can never pass" in warnings[1]
    data["arenas"][0]["population"] = {"shares": {"C1": 1, "C2": 1, "C3": 1}, "assumption": A}
    data["arenas"][0]["rule_switches"] = []
    assert vote_arena_warnings(build(data), located.locate) == []


def test_institution_numbers_are_what_if_paths_and_event_targets():
    ideals = {f"C{k}": 90.0 for k in range(1, 8)} | {"C8": 0.0, "C9": 0.0}
    data = council(ideals, decisions=[ACT], rule_switches=[switch()])
    scenario = build(data)
    never = apply_setting(scenario, "arenas.council.rule_switches.passerelle.probability", 0)
    log = simulate(never, runs=20, seed=11, rounds=4)
    assert log.events(K.RULE_SWITCHED).sum() == 0 and log.events(K.DECISION_PASSED).sum() == 0
    # C8 and C9 accept a proposal of 10 (closer to their 0 than the status quo 20 is)
    # and C1..C7 reject it: unanimity then blocks, QMV (2 of 9) too
    low = apply_setting(scenario, "arenas.council.decisions.act.proposal", 10)
    assert simulate(low, runs=20, seed=11, rounds=4).events(K.DECISION_PASSED).sum() == 0
    with pytest.raises(PathError, match="declares no reversion"):
        apply_setting(scenario, "arenas.council.decisions.act.reversion", 10)
    # an event can move a proposal: from its date on the act proposes 10, which only
    # C8 and C9 prefer to the status quo 20
    data["arenas"][0]["rule_switches"] = []
    data["arenas"][0]["rule"] = "majority"
    data["events"] = [
        {
            "id": "redraft",
            "date": "2026-01-01",
            "probability": 1,
            "assumption": A,
            "effects": [
                {"path": "arenas.council.decisions.act.proposal", "op": "set", "value": 10}
            ],
        }
    ]
    # majority passes 80 in round 1 already (7 of 9): the redraft comes too late
    log = simulate(build(data), runs=5, seed=12, rounds=3)
    assert set(log.day[log.events(K.DECISION_PASSED)].tolist()) == {14}
    data["events"][0]["date"] = "2025-12-05"  # round 1, before the vote: 2 of 9 -> blocked
    log = simulate(build(data), runs=5, seed=12, rounds=3)
    assert log.events(K.DECISION_PASSED).sum() == 0 and log.events(K.DECISION_BLOCKED).sum() == 15


# ---------------------------------------------------------------- the cost of a veto


def _renewal_outcome(veto_cost: float | None, rule: str = "unanimity") -> Any:
    """The rollover (80 in force, reversion 0, renewed on day 28) before C1 90, C2 70, C3 5."""
    fields = {} if veto_cost is None else {"veto_cost": veto_cost}
    data = council({"C1": 90, "C2": 70, "C3": 5}, decisions=[rollover(**fields)], status_quo=80)
    data["arenas"][0]["rule"] = rule
    return simulate(build(data), runs=40, seed=1, rounds=2)


def test_a_veto_cost_above_the_members_loss_lets_the_renewal_pass():
    # C3 loses |80 - 5| - |0 - 5| = 70 points if the 80 is renewed. A veto that costs it
    # 71 points is dearer than the loss (margin 70 - 70 + 1 > 0): it consents. At 69 it
    # still vetoes (margin -1) and the act lapses on day 28, as with no cost at all.
    passed = _renewal_outcome(71)
    renewed = passed.events(K.DECISION_PASSED) & (passed.value == 2)
    assert renewed.sum() == 40 and set(passed.day[renewed].tolist()) == {28}
    assert passed.events(K.DECISION_LAPSED).sum() == 0
    for cost in (69, 0, None):
        log = _renewal_outcome(cost)
        lapsed = log.events(K.DECISION_LAPSED)
        assert lapsed.sum() == 40 and set(log.day[lapsed].tolist()) == {28}
        assert set(log.actor[lapsed].tolist()) == {log.actor_ids.index("C3")}


def test_a_no_under_majority_is_no_veto_and_costs_nothing():
    # C3 (5) and a second opponent C4 (5) against C1 and C2: 2 of 4 say yes, not more than
    # half, so majority fails whatever the veto cost; under unanimity the same cost of 71
    # (above each opponent's loss of 70) makes both consent.
    for rule, lapses in (("majority", 40), ("unanimity", 0)):
        data = council(
            {"C1": 90, "C2": 70, "C3": 5, "C4": 5},
            decisions=[rollover(veto_cost=71)],
            status_quo=80,
            rule=rule,
        )
        log = simulate(build(data), runs=40, seed=1, rounds=2)
        assert log.events(K.DECISION_LAPSED).sum() == lapses, rule


def test_the_veto_cost_is_a_what_if_path_and_its_range_is_checked():
    data = council({"C1": 90, "C2": 70, "C3": 5}, decisions=[rollover()], status_quo=80)
    scenario = apply_setting(build(data), "arenas.council.decisions.rollover.veto_cost", 71)
    assert simulate(scenario, runs=20, seed=1, rounds=2).events(K.DECISION_LAPSED).sum() == 0
    for bad in (150, -1, {"low": 10, "mode": 5, "high": 20}):
        problems = _errors(council({"C1": 90}, decisions=[rollover(veto_cost=bad)], status_quo=80))
        assert len(problems) == 1 and problems[0].startswith("test.yaml:"), problems
        assert "veto_cost" in problems[0]


def test_a_bad_veto_cost_is_one_line_naming_its_place(tmp_path: Any):
    data = council({"C1": 90}, decisions=[rollover(veto_cost=5)], status_quo=80)
    text = yaml.safe_dump(data, sort_keys=False).replace("veto_cost: 5", "veto_cost: .nan")
    path = tmp_path / "council.yaml"
    path.write_text(text)
    line = next(k for k, row in enumerate(text.splitlines(), 1) if "veto_cost" in row)
    out = CliRunner().invoke(app, ["validate", str(path)])
    assert out.exit_code == 2
    lines = out.output.strip().splitlines()
    assert len(lines) == 1 and f"council.yaml:{line}:" in lines[0], out.output
    assert "veto_cost" in lines[0] and "Traceback" not in out.output


def test_same_seed_same_votes_with_an_uncertain_veto_cost():
    # C3's loss is 70; a cost drawn from 60..80 with noise 5 lets some renewals lapse
    data = council(
        {"C1": 90, "C2": 70, "C3": 5},
        decisions=[rollover(veto_cost={"low": 60, "mode": 70, "high": 80})],
        status_quo=80,
    )
    data["dynamics"]["decision_noise"] = {"value": 5, "assumption": A}
    one = simulate(build(data), runs=400, seed=3, rounds=2)
    two = simulate(build(data), runs=400, seed=3, rounds=2)
    for name in ("run", "day", "kind", "arena", "actor", "issue", "value"):
        assert np.array_equal(getattr(one, name), getattr(two, name), equal_nan=True)
    share = one.events(K.DECISION_LAPSED).sum() / 400
    assert 0.2 < share < 0.8  # the cost straddles the loss: both outcomes happen


def test_a_renewal_record_must_name_an_act_in_force_with_a_calendar():
    record = {
        "id": "rollovers",
        "record": "every renewal passed",
        "parameter": "arenas.council.decisions.act.veto_cost",
        "arena": "council",
        "decision": "act",
        "renewals": 10,
        "lapsed": 0,
        "assumption": A,
    }
    data = council({"C1": 90, "C2": 70}, decisions=[ACT])  # adopted, never renewed
    data["calibration"] = [record]
    (problem,) = _errors(data)
    assert "'act' is not in force with a renewal calendar" in problem
    data["calibration"] = [record | {"decision": "acts"}]
    (problem,) = _errors(data)
    assert "unknown decision id 'acts'" in problem and "did you mean 'act'" in problem
    data["arenas"][0]["decisions"] = [rollover()]
    data["calibration"] = [record | {"decision": "rollover"}]
    assert build(data).calibration[0].renewals == 10


def test_a_persistence_record_must_name_a_mediated_track():
    data = council({"C1": 90, "C2": 70}, decisions=[rollover()])
    data["calibration"] = [
        {
            "id": "kept_on",
            "record": "the chair kept convening",
            "parameter": "dynamics.decision_noise",
            "arena": "council",
            "texts": 3,
            "abandoned": 0,
            "assumption": A,
        }
    ]
    (problem,) = _errors(data)
    assert "arena 'council' has no mediator to keep on or give up" in problem
