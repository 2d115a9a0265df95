"""The negotiation-cycle simulator: invariants, limiting cases, events, vote arenas."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from process_scenarios import A, build, cycle_dict, cycle_scenario

from detente.process import (
    EventKind,
    OutcomeClass,
    compile_scenario,
    parameter_space,
    run_batch,
    sample_parameters,
    simulate,
)
from detente.scenario.errors import DetenteError

K = EventKind
ABSORBING = (OutcomeClass.COMPREHENSIVE, OutcomeClass.ARMISTICE, OutcomeClass.IMPOSED)


def _dyn(data: dict, **values: float) -> dict:
    data = copy.deepcopy(data)
    for name, value in values.items():
        data["dynamics"][name] = {"value": value, "assumption": A}
    return data


def _certain(data: dict) -> dict:
    """Every uncertain number replaced by its mode."""
    data = copy.deepcopy(data)

    def fix(node):
        if isinstance(node, dict):
            if set(node) == {"low", "mode", "high"}:
                return node["mode"]
            return {k: fix(v) for k, v in node.items()}
        if isinstance(node, list):
            return [fix(v) for v in node]
        return node

    return fix(data)


@pytest.fixture(scope="module")
def cycle_log():
    return simulate(cycle_scenario(), runs=3000, seed=7, chunk_size=1000)


def test_roles_are_read_from_arenas_and_relations():
    compiled = compile_scenario(cycle_scenario())
    (talks,) = compiled.mediated
    ids = compiled.actor_ids
    assert ids[talks.signatories[talks.weaker]] == "WEAK"  # depends on the mediator
    assert ids[talks.signatories[talks.gainer]] == "GAIN"
    assert compiled.issue_ids[talks.issues[talks.front]] == "territory"
    assert talks.front_direction == 1.0  # GAIN's ideal (70) is above WEAK's (0)
    assert talks.political.tolist() == [False, True]


def test_outcome_classes_partition_runs_and_absorbing_shares_never_fall(cycle_log):
    log = cycle_log
    previous = np.zeros(log.n_runs, dtype=bool)
    for day in range(0, 400, 7):
        classes = log.outcome_class_at(day)
        assert classes.min() >= 0 and classes.max() <= 4
        counts = np.bincount(classes, minlength=5)
        assert counts.sum() == log.n_runs
        absorbed = np.isin(classes, ABSORBING)
        assert np.all(absorbed[previous])  # once agreed, always agreed
        previous = absorbed
    assert previous.any() and not previous.all()


def test_log_is_sorted_and_settlements_match_agreements(cycle_log):
    log = cycle_log
    key = log.run.astype(np.int64) * 100_000 + log.day
    assert np.all(np.diff(key) >= 0)
    agreed = log.events(K.AGREEMENT)
    first = log.first_day(agreed)
    assert np.array_equal(first, log.settlement_day)
    has = log.settlement_day >= 0
    # the talks' issues are settled where there is an agreement; 'assets' never is
    assert np.all(np.isfinite(log.settlement[has, 0]))
    assert np.all(np.isnan(log.settlement[~has]))
    assert np.all(np.isnan(log.settlement[:, 2]))
    klass = log.agreement_class()
    armistice = has & (klass == OutcomeClass.ARMISTICE)
    assert np.all(np.isnan(log.settlement[armistice, 1]))  # political issue deferred
    comprehensive = has & (klass == OutcomeClass.COMPREHENSIVE)
    assert np.all(np.isfinite(log.settlement[comprehensive, 1]))


def test_imposed_agreements_follow_a_bypass_and_a_support_cut(cycle_log):
    log = cycle_log
    klass = log.agreement_class()
    imposed = np.flatnonzero((log.settlement_day >= 0) & (klass == OutcomeClass.IMPOSED))
    assert imposed.size > 0
    bypass_day = log.first_day(log.events(K.BYPASSED))
    cut_day = log.first_day(log.events(K.SUPPORT_CUT))
    assert np.all(bypass_day[imposed] >= 0)
    assert np.all(bypass_day[imposed] < log.settlement_day[imposed])
    assert np.array_equal(bypass_day, cut_day)


def test_probabilities_of_events_are_shares_in_unit_interval(cycle_log):
    log = cycle_log
    for kind in K:
        share = (log.first_day(log.events(kind)) >= 0).mean()
        assert 0.0 <= share <= 1.0


def test_same_ideal_points_agree_in_the_first_round():
    data = _dyn(cycle_dict(), mediator_attention=1, decision_noise=0, channel_open_hazard=0)
    for p in data["positions"]:
        if p["actor"] in ("WEAK", "GAIN", "MED", "INF") and p["issue"] != "assets":
            p["position"] = 35
    log = simulate(build(data), runs=200, seed=3)
    assert np.all(log.settlement_day == 14)
    assert np.all(log.agreement_class() == OutcomeClass.COMPREHENSIVE)
    np.testing.assert_allclose(log.settlement[:, :2], 35, atol=1e-4)


def test_a_signatory_with_nothing_acceptable_in_reach_blocks_every_agreement():
    # resolve 100 puts GAIN's value of fighting on above 0, the best utility any text gives
    data = _dyn(cycle_dict(), decision_noise=0, **{"resolve.GAIN": 100, "channel_open_hazard": 0.3})
    log = simulate(build(data), runs=500, seed=4)
    assert log.events(K.AGREEMENT).sum() == 0
    assert np.all(log.settlement_day == -1)
    rejected = log.events(K.REJECTED, actor=log.actor_ids.index("GAIN"))
    assert rejected.sum() == log.events(K.TEXT_DRAFTED).sum()


def test_unanimity_with_one_opposed_member_never_passes_majority_does():
    data = _dyn(cycle_dict(), decision_noise=0, vote_attention=1)
    log = simulate(build(data), runs=300, seed=5)
    council = log.arena_ids.index("council")
    assert log.events(K.DECISION_PASSED, arena=council).sum() == 0
    blocked = log.events(K.DECISION_BLOCKED, arena=council)
    assert blocked.sum() == 300 * 28
    assert set(log.actor[blocked].tolist()) == {log.actor_ids.index("VETO")}
    data["arenas"][1]["rule"] = "majority"
    log = simulate(build(data), runs=300, seed=5)
    passed = log.events(K.DECISION_PASSED, arena=council)
    assert passed.sum() == 300  # once per run, in the first round, then settled
    assert np.all(log.day[passed] == 14)


def test_without_uncertainty_and_noise_every_run_is_identical():
    data = _certain(cycle_dict())
    data = _dyn(
        data,
        decision_noise=0,
        front_noise_per_round=0,
        mediator_attention=1,
        channel_open_hazard=0,
        resume_hazard=0,
        vote_attention=1,
        mediator_patience_rounds=1,
        bypass_weight=0,
        narrow_weight=0,
    )
    data["events"][0] = {
        "id": "distraction",
        "date": "2026-03-01",
        "probability": 1,
        "assumption": A,
        "effects": [{"path": "dynamics.mediator_attention", "op": "set", "value": 0}],
    }
    scenario = build(data)
    assert len(parameter_space(compile_scenario(scenario))) == 0
    log = simulate(scenario, runs=50, seed=11)
    per_run = [
        [
            tuple(x)
            for x in zip(
                log.day[log.run == r], log.kind[log.run == r], log.actor[log.run == r], strict=True
            )
        ]
        for r in range(50)
    ]
    assert all(events == per_run[0] for events in per_run)
    assert np.unique(log.settlement_day).size == 1


def test_a_dated_certain_event_fires_in_every_run_and_takes_effect():
    data = _dyn(cycle_dict(), mediator_attention=1, **{"resolve.GAIN": 100})
    data["events"][0] = {
        "id": "walkout",
        "date": "2026-03-01",
        "probability": 1,
        "assumption": A,
        "effects": [{"path": "dynamics.mediator_attention", "op": "set", "value": 0}],
    }
    log = simulate(build(data), runs=200, seed=2)
    fired = log.events(K.EXOGENOUS)
    assert fired.sum() == 200
    # 2026-03-01 is day 87: the first round on or after it is round 7 (day 98)
    assert np.all(log.day[fired] == 98)
    talks = log.arena_ids.index("talks")
    assert log.day[log.events(K.ROUND_HELD, arena=talks)].max() < 98


def test_overrides_fix_a_parameter_in_every_run():
    data = cycle_dict()
    data["events"] = []  # the event would set the attention again
    scenario = build(data)
    log = simulate(scenario, runs=300, seed=1, overrides={"dynamics.mediator_attention": 0.0})
    talks = log.arena_ids.index("talks")
    assert log.events(K.ROUND_HELD, arena=talks).sum() == 0
    with pytest.raises(DetenteError):
        simulate(scenario, runs=10, seed=1, overrides={"dynamics.no_such_thing": 1.0})


def test_drafting_rules_are_selectable_and_unknown_ones_rejected():
    scenario = cycle_scenario()
    median = simulate(scenario, runs=300, seed=1, drafting="weighted_median")
    mean = simulate(scenario, runs=300, seed=1)
    assert not np.array_equal(median.settlement_day, mean.settlement_day)
    with pytest.raises(DetenteError, match="drafting rule"):
        simulate(scenario, runs=10, seed=1, drafting="no_such_rule")


def test_run_batch_takes_theta_from_the_parameter_space():
    compiled = compile_scenario(cycle_scenario())
    space = parameter_space(compiled)
    rng = np.random.default_rng(0)
    theta = sample_parameters(space, rng, 400)
    assert theta.shape == (400, len(space))
    assert np.all(theta >= space.low) and np.all(theta <= space.high)
    log = run_batch(compiled, theta, rng, rounds=5)
    assert log.n_runs == 400 and log.day.max() <= 5 * 14
    with pytest.raises(ValueError):
        run_batch(compiled, theta[:, :-1], rng)


def test_scenario_with_only_vote_arenas_runs():
    data = cycle_dict()
    data["arenas"] = [data["arenas"][1]]
    data["arenas"][0]["rule"] = "qmv"
    log = simulate(build(data), runs=100, seed=1)
    assert np.all(log.outcome_class_at(400) == OutcomeClass.FIGHTING_WHILE_TALKING)
    assert log.events(K.DECISION_PASSED).sum() + log.events(K.DECISION_BLOCKED).sum() > 0


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    patience=st.floats(1, 30),
    attention=st.floats(0, 1),
    resume=st.floats(0, 1),
    noise=st.floats(0, 20),
)
def test_property_classes_partition_and_agreements_absorb(seed, patience, attention, resume, noise):
    compiled = compile_scenario(cycle_scenario())
    log = simulate(
        compiled,
        runs=64,
        seed=seed,
        overrides={
            "dynamics.mediator_patience_rounds": patience,
            "dynamics.mediator_attention": attention,
            "dynamics.resume_hazard": resume,
            "dynamics.decision_noise": noise,
        },
    )
    previous = np.zeros(64, dtype=bool)
    for day in range(0, 393, 14):
        classes = log.outcome_class_at(day)
        assert np.bincount(classes, minlength=5).sum() == 64
        absorbed = np.isin(classes, ABSORBING)
        assert np.all(absorbed[previous])
        previous = absorbed
    # abandonment and resumption alternate within a run
    toggles = log.events(K.ABANDONED, arena=0) | log.events(K.RESUMED, arena=0)
    for r in np.unique(log.run[toggles]):
        kinds = log.kind[toggles & (log.run == r)]
        assert kinds[0] == K.ABANDONED
        assert np.all(kinds[1:] != kinds[:-1])


def test_the_influencers_channel_is_a_second_route_to_an_armistice():
    # the mediator never sits; the channel opens in round 1 and meets every round
    data = _dyn(
        cycle_dict(),
        mediator_attention=0,
        channel_open_hazard=1,
        influencer_cohesion=1,
    )
    data["events"] = []
    log = simulate(build(data), runs=400, seed=8)
    inf = log.actor_ids.index("INF")
    opened = log.events(K.CHANNEL_OPENED, actor=inf)
    assert opened.sum() == 400 and np.all(log.day[opened] == 14)
    assert np.all(log.arena[opened] == -1)
    agreed = log.events(K.AGREEMENT)
    assert agreed.sum() > 0
    assert np.all(log.value[agreed] == OutcomeClass.ARMISTICE)
    assert np.all(log.actor[agreed] == inf)  # the route
    has = log.settlement_day >= 0
    assert np.all(np.isnan(log.settlement[has, 1]))  # the political issue is deferred
    drafted = log.events(K.TEXT_DRAFTED)
    assert np.all(log.value[drafted] == 2) and np.all(log.arena[drafted] == -1)


def test_narrowing_gives_ceasefire_only_texts_and_armistices():
    data = _dyn(
        cycle_dict(),
        mediator_patience_rounds=1,
        abandon_weight=0,
        bypass_weight=0,
        narrow_weight=1,
        channel_open_hazard=0,
        mediator_attention=1,
    )
    log = simulate(build(data), runs=400, seed=9)
    narrowed = log.first_day(log.events(K.NARROWED))
    assert (narrowed >= 0).any()
    drafted = log.events(K.TEXT_DRAFTED)
    after = drafted & (log.day > narrowed[log.run]) & (narrowed[log.run] >= 0)
    assert np.all(log.value[after] == 2)
    before = drafted & ((log.day <= narrowed[log.run]) | (narrowed[log.run] < 0))
    assert np.all(log.value[before] == 1)
    klass = log.agreement_class()
    late = (log.settlement_day > narrowed) & (narrowed >= 0)
    assert np.all(klass[late] == OutcomeClass.ARMISTICE)
    # no bypass is ever chosen, so nothing is imposed
    assert log.events(K.BYPASSED).sum() == 0 and not np.any(klass == OutcomeClass.IMPOSED)


def test_enhanced_cooperation_needs_nine_willing_members():
    # TEU art. 20(2): at least nine members; INF and M1 (2 of 3) are willing, which is
    # not enough (9 against 8 willing: tests/test_vote_institutions.py)
    data = _dyn(cycle_dict(), decision_noise=0, vote_attention=1)
    data["arenas"][1]["rule"] = "enhanced"
    log = simulate(build(data), runs=50, seed=5)
    council = log.arena_ids.index("council")
    assert log.events(K.DECISION_PASSED, arena=council).sum() == 0
    assert log.events(K.DECISION_BLOCKED, arena=council).sum() == 50 * 28


def test_a_bilateral_arena_talks_every_round_without_a_mediator():
    data = cycle_dict()
    data["arenas"][0] = {
        "id": "direct",
        "kind": "bilateral",
        "signatories": ["WEAK", "GAIN"],
        "issues": ["territory", "alliance"],
    }
    data["events"] = []
    log = simulate(build(data), runs=200, seed=1, rounds=6)
    held = log.count_by_run(log.events(K.ROUND_HELD, arena=0))
    agreed_round = np.where(log.settlement_day >= 0, log.settlement_day // 14, 6)
    assert np.array_equal(held, agreed_round)  # one round per round until agreement
    assert log.events(K.ABANDONED).sum() == 0 and log.events(K.BYPASSED).sum() == 0
