"""The negotiation simulator: declared roles, invariants, limiting cases, the second-generation
mechanisms (one war with tracks, packages, breakdown, learning, payoff-based choices)."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from process_scenarios import A, build, cycle_dict, cycle_scenario, with_dynamics

from detente.analysis.diagnostics import luck_by_round, luck_share, noise_dependence
from detente.process import (
    EventKind,
    OutcomeClass,
    compile_scenario,
    parameter_space,
    run_batch,
    sample_parameters,
    simulate,
)
from detente.process.beliefs import accept_probability, update
from detente.scenario.errors import DetenteError

K = EventKind
IN_FORCE = (OutcomeClass.COMPREHENSIVE, OutcomeClass.ARMISTICE, OutcomeClass.IMPOSED)


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


def _same_ideals(data: dict, value: float = 35) -> dict:
    data = copy.deepcopy(data)
    for p in data["positions"]:
        if p["actor"] in ("WEAK", "GAIN", "MED", "INF") and p["issue"] != "assets":
            p["position"] = value
    return data


@pytest.fixture(scope="module")
def cycle_log():
    return simulate(cycle_scenario(), runs=3000, seed=7, chunk_size=1000)


# ---------------------------------------------------------------- declared structure
def test_roles_are_declared_not_inferred_from_names():
    compiled = compile_scenario(cycle_scenario())
    war = compiled.war
    ids = compiled.actor_ids
    assert ids[war.gainer] == "GAIN" and compiled.issue_ids[war.front_issue] == "territory"
    assert war.direction == 1.0  # GAIN's ideal (70) is above WEAK's (0)
    # rename the front issue to something no name rule would pick: nothing changes
    data = cycle_dict()
    for issue in data["issues"]:
        if issue["id"] == "territory":
            issue["id"] = "hostages"
    for p in data["positions"]:
        p["issue"] = "hostages" if p["issue"] == "territory" else p["issue"]
    data["arenas"][0]["issues"] = ["hostages", "alliance"]
    data["war"]["front_issue"] = "hostages"
    data["packages"][1]["settles"] = ["hostages"]
    renamed = compile_scenario(build(data))
    assert renamed.issue_ids[renamed.war.front_issue] == "hostages"
    # declare the other side as the gainer: the front runs the other way
    data["war"]["gainer"] = "WEAK"
    assert compile_scenario(build(data)).war.direction == -1.0


def test_unknown_roles_name_the_place():
    data = cycle_dict()
    data["war"]["front_issue"] = "territorry"
    with pytest.raises(DetenteError, match=r"unknown issue id 'territorry'.*did you mean"):
        build(data)
    data = cycle_dict()
    data["arenas"][0]["leverage"][0]["target"] = "INF"
    with pytest.raises(DetenteError, match="not a signatory"):
        build(data)


# ---------------------------------------------------------------- invariants
def test_outcome_classes_partition_runs_and_agreements_end_only_by_breakdown(cycle_log):
    log = cycle_log
    previous = np.zeros(log.n_runs, dtype=bool)
    collapse = log.events(K.BREAKDOWN)
    for day in range(0, 400, 14):
        classes = log.outcome_class_at(day)
        assert np.bincount(classes, minlength=len(OutcomeClass)).sum() == log.n_runs
        held = np.isin(classes, IN_FORCE)
        left = np.flatnonzero(previous & ~held)
        assert np.isin(left, log.run[collapse & (log.day == day)]).all()
        previous = held
    assert previous.any() and not previous.all()


def test_log_is_sorted_and_settlements_are_the_agreement_in_force(cycle_log):
    log = cycle_log
    key = log.run.astype(np.int64) * 100_000 + log.day
    assert np.all(np.diff(key) >= 0)
    assert np.array_equal(log.first_day(log.events(K.AGREEMENT)), log.settlement_day)
    end = log.outcome_class_at(10_000)
    in_force = np.isin(end, IN_FORCE)
    assert np.all(np.isfinite(log.settlement[in_force, 0]))  # the line is always settled
    assert np.all(np.isnan(log.settlement[~in_force]))  # collapsed or never agreed
    assert np.all(np.isnan(log.settlement[:, 2]))  # 'assets' is not on the talks' table
    armistice = end == OutcomeClass.ARMISTICE
    assert np.all(np.isnan(log.settlement[armistice, 1]))  # deferred by the ceasefire
    comprehensive = end == OutcomeClass.COMPREHENSIVE
    assert np.all(np.isfinite(log.settlement[comprehensive, 1]))


def test_imposed_agreements_follow_a_lever_that_bypassed_the_influencers(cycle_log):
    log = cycle_log
    agreed = log.events(K.AGREEMENT)
    imposed = agreed & (log.value == OutcomeClass.IMPOSED)
    assert imposed.any()
    bypass_day = log.first_day(log.events(K.BYPASSED))
    runs = log.run[imposed]
    assert np.all(bypass_day[runs] >= 0) and np.all(bypass_day[runs] <= log.day[imposed])
    assert np.array_equal(bypass_day, log.first_day(log.events(K.SUPPORT_CUT)))
    med = log.actor_ids.index("MED")
    assert set(log.actor[log.events(K.SUPPORT_CUT)].tolist()) == {med}


# ---------------------------------------------------------------- limiting cases
def test_complete_information_no_noise_and_overlapping_sets_agree_in_round_one():
    data = with_dynamics(
        _same_ideals(_certain(cycle_dict())),
        mediator_attention=1,
        decision_noise=0,
        breakdown_hazard=0,
    )
    data["events"] = []
    log = simulate(build(data), runs=200, seed=3)
    assert np.all(log.settlement_day == 14)
    assert np.all(log.agreement_class() != OutcomeClass.FIGHTING_WHILE_TALKING)
    np.testing.assert_allclose(log.settlement[:, 0], 35, atol=1e-4)
    assert luck_share(log) == 0.0


def test_disjoint_acceptance_sets_never_agree():
    # resolve 100 puts GAIN's value of fighting on above the best any text can give it
    data = with_dynamics(
        cycle_dict(), decision_noise=0, mediator_attention=1, **{"resolve.GAIN": 100}
    )
    log = simulate(build(data), runs=500, seed=4)
    assert log.events(K.AGREEMENT).sum() == 0
    assert np.all(log.settlement_day == -1)
    gain = log.actor_ids.index("GAIN")
    assert log.events(K.REJECTED, actor=gain).sum() == log.events(K.TEXT_DRAFTED).sum()


def test_agreements_that_only_shocks_reach_are_all_counted_as_carried_by_noise():
    # Without shocks GAIN rejects every text (resolve 20 above the best text); with sd 15
    # some texts get through. The noiseless twins share every other random number.
    data = with_dynamics(
        cycle_dict(), decision_noise=15, mediator_attention=1, **{"resolve.GAIN": 20}
    )
    found = noise_dependence(compile_scenario(build(data)), runs=300, seed=4, horizon_day=365)
    assert found.agreed > 100
    assert found.agreed_without_noise == 0
    assert found.lost == found.agreed and found.share_lost == 1.0
    # shocks drawn and expected but not felt: GAIN decides on its margin, which no text
    # clears at first, so those agreements go too (a mediator that still expects shocks
    # keeps trying, and in a run or two the war's drift later opens a margin)
    assert found.agreed_unfelt <= 3 and found.share_lost_unfelt > 0.98


def test_luck_by_round_counts_each_band_by_hand():
    # rounds of 14 days; horizon day 200; -1 is no agreement
    run = np.array([14, 28, 42, 70, 126, 196, 210, -1])  # rounds 1, 2, 3, 5, 9, 14, 15, -
    twin = np.array([14, -1, 56, -1, 140, -1, 28, 14])
    bands = luck_by_round(run, twin, horizon_day=200, round_days=14)
    got = [(b.first, b.last, b.agreed, b.lost_unfelt) for b in bands]
    # day 210 lies after the horizon: not counted; the twin at day 140 (round 10) keeps
    # the round-9 agreement within the horizon
    assert got == [(1, 2, 2, 1), (3, 4, 1, 0), (5, 8, 1, 1), (9, 13, 1, 0), (14, None, 1, 1)]


def test_the_luck_bands_add_up_to_the_unfelt_measure():
    data = with_dynamics(
        cycle_dict(), decision_noise=15, mediator_attention=1, **{"resolve.GAIN": 20}
    )
    found = noise_dependence(compile_scenario(build(data)), runs=300, seed=4, horizon_day=365)
    assert sum(b.agreed for b in found.by_round) == found.agreed
    assert sum(b.lost_unfelt for b in found.by_round) == found.lost_unfelt
    assert 0 < found.lost_unfelt_never_agreed <= found.lost_unfelt


def test_unfelt_shocks_change_only_the_decisions_the_shocks_tipped():
    """The unfelt twin shares every draw and every expectation: with no noise in the
    scenario it is the same run bit for bit, and with noise no agreement in it is flagged
    as carried by a shock (nobody felt one) while the mediator still convenes the same
    first round in the same runs."""
    quiet = compile_scenario(cycle_scenario(decision_noise=0))
    a = simulate(quiet, runs=300, seed=5)
    b = simulate(quiet, runs=300, seed=5, shocks_felt=False)
    for field in ("run", "day", "kind", "actor", "value"):
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field))
    # GAIN's resolve 20 puts every text below its value of fighting on; shocks of sd 15
    # carry some texts through
    data = with_dynamics(
        cycle_dict(), decision_noise=15, mediator_attention=1, **{"resolve.GAIN": 20}
    )
    noisy = compile_scenario(build(data))
    felt = simulate(noisy, runs=300, seed=5)
    unfelt = simulate(noisy, runs=300, seed=5, shocks_felt=False)
    assert felt.events(K.SHOCK_CARRIED).sum() > 0
    assert unfelt.events(K.SHOCK_CARRIED).sum() == 0
    first = 14  # the first round: same runs convened, same texts, answers tipped by shocks
    held = [
        np.sort(log.run[(log.kind == K.ROUND_HELD) & (log.day == first)]) for log in (felt, unfelt)
    ]
    assert held[0].size > 0
    np.testing.assert_array_equal(held[0], held[1])
    answers = [
        np.sort(log.run[(log.kind == K.REJECTED) & (log.day == first)]) for log in (felt, unfelt)
    ]
    assert not np.array_equal(answers[0], answers[1])  # the shocks did tip some answers


def test_agreements_the_bargaining_reaches_do_not_depend_on_small_shocks():
    data = with_dynamics(
        _same_ideals(_certain(cycle_dict())),
        mediator_attention=1,
        decision_noise=0.5,
        breakdown_hazard=0,
    )
    data["events"] = []
    found = noise_dependence(compile_scenario(build(data)), runs=200, seed=3, horizon_day=365)
    assert found.agreed == found.agreed_without_noise == found.agreed_unfelt == 200
    assert found.lost == found.gained == found.lost_unfelt == found.gained_unfelt == 0


def test_beliefs_converge_toward_the_true_offset_after_repeated_answers():
    """The mediator's probit update, fed answers of a side with offset 12 (noise sd 1)."""
    rng = np.random.default_rng(0)
    true = 12.0
    mean, var = np.zeros(1), np.full(1, 100.0)
    errors = []
    for _ in range(40):
        margin = mean + rng.normal(0, 2, 1)  # offers near what the mediator believes
        accepted = margin - true + rng.normal(0, 1, 1) >= 0
        mean, var = update(mean, var, margin, accepted, 1.0)
        errors.append(abs(float(mean[0]) - true))
    assert errors[-1] < 1.5 and np.mean(errors[-10:]) < np.mean(errors[:10]) / 3
    assert var[0] < 2.0  # from 100: the belief is sharp
    # and P(accept) then reads the truth: an offer 3 points above it is likely taken
    assert accept_probability(np.array([true + 3]), mean, var, 1.0)[0] > 0.9


def test_rejections_move_the_belief_up_and_acceptances_down():
    mean, var = np.zeros(2), np.full(2, 25.0)
    new_mean, new_var = update(mean, var, np.zeros(2), np.array([False, True]), 2.0)
    assert new_mean[0] > 0 > new_mean[1]
    assert np.all(new_var < var)


# ---------------------------------------------------------------- packages and breakdown
def test_limited_deals_do_not_end_the_war():
    data = with_dynamics(cycle_dict(), mediator_attention=1, **{"resolve.GAIN": 100})
    data["packages"][2]["value"] = {"WEAK": 5, "GAIN": 5}
    log = simulate(build(data), runs=300, seed=5)
    deals = log.events(K.LIMITED_DEAL)
    assert (log.first_day(deals) >= 0).mean() > 0.9
    assert log.events(K.AGREEMENT).sum() == 0
    classes = log.outcome_class_at(400)
    assert set(classes.tolist()) <= {
        OutcomeClass.FIGHTING_WHILE_TALKING,
        OutcomeClass.ABANDONED,
    }
    # offered again only every third round: at most one deal per three rounds per run
    per_run = log.count_by_run(deals)
    assert per_run.max() <= 28 // 3 + 1


def test_a_truce_of_stated_length_expires():
    # no breakdown: a truce then runs its course (``test_truce_breakdown`` breaks them)
    data = with_dynamics(
        cycle_dict(), mediator_attention=1, breakdown_hazard=0, **{"resolve.GAIN": 100}
    )
    data["packages"][2].update(
        {"value": {"WEAK": 5, "GAIN": 5}, "duration_days": 28, "pauses_fighting": True}
    )
    log = simulate(build(data), runs=200, seed=6)
    start = log.first_day(log.events(K.LIMITED_DEAL))
    end = log.first_day(log.events(K.LIMITED_ENDED))
    both = (start >= 0) & (end >= 0)
    assert both.mean() > 0.9
    assert np.all(end[both] == start[both] + 28)  # two rounds of 14 days, then it ends


def _breakdowns(commitment_position: float) -> float:
    """Share of runs whose round-1 agreement breaks down within a year."""
    data = with_dynamics(
        _same_ideals(_certain(cycle_dict())),
        mediator_attention=1,
        decision_noise=0,
        breakdown_hazard=0.05,
        commitment_effect=0.8,
        resume_hazard=0,
    )
    for p in data["positions"]:
        if p["issue"] == "alliance" and p["actor"] in ("WEAK", "GAIN", "MED", "INF"):
            p["position"] = commitment_position
    data["events"] = []
    log = simulate(build(data), runs=2000, seed=8)
    assert np.all(log.settlement_day == 14)
    return float((log.first_day(log.events(K.BREAKDOWN)) >= 0).mean())


def test_a_ceasefire_with_strong_guarantees_breaks_down_less_often():
    strong, weak = _breakdowns(100), _breakdowns(0)
    # hazard 0.05 x (1 - 0.8) a round against 0.05: about 0.19 against 0.67 in 26 rounds
    assert strong < 0.3 < 0.55 < weak


def test_a_broken_agreement_reopens_the_talks():
    data = with_dynamics(
        _same_ideals(_certain(cycle_dict())),
        mediator_attention=1,
        decision_noise=0,
        breakdown_hazard=1,
        commitment_effect=0,
    )
    data["events"] = []
    log = simulate(build(data), runs=50, seed=9, rounds=6)
    # agree, collapse the next round, agree again, ...: every second round
    assert np.all(log.count_by_run(log.events(K.AGREEMENT)) == 3)
    assert np.all(log.outcome_class_at(28) == OutcomeClass.COLLAPSED)


# ---------------------------------------------------------------- tracks
def _second_track(data: dict, **fields) -> dict:
    data = copy.deepcopy(data)
    track = {
        "id": "second",
        "kind": "mediated",
        "mediator": "M1",
        "signatories": ["WEAK", "GAIN"],
        "issues": ["territory", "alliance"],
        "packages": ["truce"],
    }
    track.update(fields)
    data["arenas"].insert(1, track)
    data["positions"].append(
        {"actor": "M1", "issue": "territory", "position": 30, "salience": 50, "assumption": A}
    )
    return data


def test_a_second_track_in_yaml_alone_shares_the_one_war():
    # GAIN's private resolve makes an agreement on one track a coin flip (about 0.55)
    data = with_dynamics(cycle_dict(), **{"resolve.GAIN": {"low": 8, "mode": 16, "high": 24}})
    one = simulate(build(data), runs=2000, seed=10)
    two = simulate(build(_second_track(data)), runs=2000, seed=10)
    for log in (one, two):
        for day in (98, 196, 392):
            classes = log.outcome_class_at(day)
            assert np.bincount(classes, minlength=len(OutcomeClass)).sum() == log.n_runs
    # never two agreements in force: a second one only after a breakdown
    agreements = two.count_by_run(two.events(K.AGREEMENT))
    breakdowns = two.count_by_run(two.events(K.BREAKDOWN))
    assert np.all(agreements <= breakdowns + 1)
    # both tracks act, and a second route can only add agreements
    second = two.arena_ids.index("second")
    assert two.events(K.AGREEMENT, arena=second).sum() > 0
    p_one = (one.settlement_day >= 0).mean()
    p_two = (two.settlement_day >= 0).mean()
    assert p_two > p_one - 3 * np.sqrt(p_one * (1 - p_one) / 2000)
    assert 0.2 < p_one < 0.9 and p_two < 0.99  # not 0.1.0's agreement in every run


def test_a_track_that_lacks_a_side_of_the_war_reaches_only_an_understanding():
    data = _second_track(
        cycle_dict(),
        kind="bilateral",
        mediator=None,
        signatories=["MED", "GAIN"],
        packages=["full"],
    )
    data["arenas"][1].pop("mediator")
    data["positions"] = [
        {**p, "position": 70} if p["actor"] == "MED" and p["issue"] == "territory" else p
        for p in data["positions"]
    ]
    log = simulate(build(data), runs=500, seed=11)
    side = log.arena_ids.index("second")
    assert log.events(K.AGREEMENT, arena=side).sum() == 0
    assert log.events(K.UNDERSTANDING, arena=side).sum() > 0


def test_a_closed_track_opens_in_its_window():
    data = _second_track(
        cycle_dict(),
        opens={
            "window": {"start": "2026-03-01", "end": "2026-04-30"},
            "probability": 1,
            "assumption": A,
        },
    )
    log = simulate(build(data), runs=200, seed=12)
    second = log.arena_ids.index("second")
    opened = log.events(K.CHANNEL_OPENED, arena=second)
    assert opened.sum() == 200
    assert np.all((log.day[opened] >= 87) & (log.day[opened] <= 155))
    held = log.events(K.ROUND_HELD, arena=second)
    assert np.all(log.day[held] >= log.first_day(opened)[log.run[held]])


# ---------------------------------------------------------------- the mediator chooses
def test_the_mediator_abandons_only_when_no_option_is_worth_a_round():
    base = with_dynamics(
        cycle_dict(), mediator_attention=1, resume_hazard=0, **{"resolve.GAIN": 100}
    )
    base["events"] = []
    costly = simulate(
        build(with_dynamics(base, mediator_round_cost=5, mediator_patience_rounds=1)),
        runs=300,
        seed=13,
    )
    free = simulate(build(with_dynamics(base, mediator_round_cost=0)), runs=300, seed=13)
    assert (costly.first_day(costly.events(K.ABANDONED)) >= 0).mean() > 0.9
    assert free.events(K.ABANDONED).sum() == 0


def test_walking_away_costs_the_mediator_rounds_of_patience():
    """Abandon only when another round costs more than walking away: with a round cost of
    5 x failed rounds and a walk-out cost of 20, the mediator keeps on through four
    failures it would otherwise have quit after the first."""
    base = with_dynamics(
        cycle_dict(), mediator_attention=1, resume_hazard=0, **{"resolve.GAIN": 100}
    )
    base["events"] = []
    costly = with_dynamics(base, mediator_round_cost=5, mediator_patience_rounds=1)
    quits = simulate(build(costly), runs=300, seed=13)
    holds = simulate(build(with_dynamics(costly, mediator_abandon_cost=20)), runs=300, seed=13)
    first_quit = quits.first_day(quits.events(K.ABANDONED))
    first_hold = holds.first_day(holds.events(K.ABANDONED))
    assert np.median(first_quit[first_quit >= 0]) <= 2 * 14
    assert (first_hold >= 0).mean() > 0.9  # the cost of rounds still wins in the end
    assert first_hold[first_hold >= 0].min() >= 5 * 14  # 5 x failed > 20 from the 5th


def test_a_lever_is_pulled_only_when_it_pays():
    data = with_dynamics(cycle_dict(), mediator_attention=1, **{"resolve.WEAK": 30})
    data["events"] = []
    cheap = simulate(build(data), runs=500, seed=14)
    data["arenas"][0]["leverage"][0]["cost"] = 200
    dear = simulate(build(data), runs=500, seed=14)
    assert cheap.events(K.LEVERAGE).sum() > 0
    assert dear.events(K.LEVERAGE).sum() == 0


# ---------------------------------------------------------------- vote arenas, events, API
def test_unanimity_with_one_opposed_member_never_passes_majority_does():
    data = with_dynamics(cycle_dict(), decision_noise=0, vote_attention=1)
    log = simulate(build(data), runs=300, seed=5)
    council = log.arena_ids.index("council")
    assert log.events(K.DECISION_PASSED, arena=council).sum() == 0
    blocked = log.events(K.DECISION_BLOCKED, arena=council)
    assert blocked.sum() == 300 * 28
    assert set(log.actor[blocked].tolist()) == {log.actor_ids.index("VETO")}
    data["arenas"][1]["rule"] = "majority"
    log = simulate(build(data), runs=300, seed=5)
    passed = log.events(K.DECISION_PASSED, arena=council)
    assert passed.sum() == 300
    assert np.all(log.day[passed] == 14)


def test_without_uncertainty_and_noise_every_run_is_identical():
    data = with_dynamics(
        _certain(cycle_dict()),
        decision_noise=0,
        front_noise_per_round=0,
        mediator_attention=1,
        resume_hazard=0,
        vote_attention=1,
        breakdown_hazard=0,
    )
    data["events"] = []
    scenario = build(data)
    assert len(parameter_space(compile_scenario(scenario))) == 0
    log = simulate(scenario, runs=50, seed=11)
    per_run = [
        list(
            zip(log.day[log.run == r], log.kind[log.run == r], log.actor[log.run == r], strict=True)
        )
        for r in range(50)
    ]
    assert all(events == per_run[0] for events in per_run)
    assert np.unique(log.settlement_day).size == 1


def test_a_dated_certain_event_fires_in_every_run_and_takes_effect():
    data = with_dynamics(cycle_dict(), mediator_attention=1, **{"resolve.GAIN": 100})
    data["events"][0] = {
        "id": "walkout",
        "date": "2026-03-01",
        "probability": 1,
        "assumption": A,
        "effects": [{"path": "dynamics.mediator_attention", "op": "set", "value": 0}],
        "logs_as": {"kind": "support_cut", "actor": "MED"},
    }
    log = simulate(build(data), runs=200, seed=2)
    fired = log.events(K.EXOGENOUS)
    assert fired.sum() == 200
    # 2026-03-01 is day 87: the first round on or after it is round 7 (day 98)
    assert np.all(log.day[fired] == 98)
    talks = log.arena_ids.index("talks")
    assert log.day[log.events(K.ROUND_HELD, arena=talks)].max() < 98
    # logs_as: the event also counts as a support cut by MED (every route to a cut counts)
    cuts = log.events(K.SUPPORT_CUT, actor=log.actor_ids.index("MED"))
    assert (log.first_day(cuts) >= 0).all()


def test_overrides_fix_a_parameter_in_every_run():
    data = cycle_dict()
    data["events"] = []
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
    assert not np.array_equal(median.settlement, mean.settlement, equal_nan=True)
    with pytest.raises(DetenteError, match="drafting rule"):
        simulate(scenario, runs=10, seed=1, drafting="no_such_rule")


def test_a_family_of_drafting_rules_offers_every_member_s_texts():
    """compromise+median: the mediator weighs the compromise's texts and the median's
    together, in that order along the candidate axis, so it can split an issue or trade
    issues."""
    from detente.process.drafting import drafting_rule
    from detente.process.drafting_search import candidate_texts
    from detente.process.parameters import full_parameters
    from detente.process.state import Model

    compiled = compile_scenario(cycle_scenario())
    theta = sample_parameters(parameter_space(compiled), np.random.default_rng(3), 50)
    model = Model(compiled, np.ascontiguousarray(full_parameters(compiled, theta).T))
    arena = compiled.mediated[0]
    idx = np.arange(50)
    x, s = model.view(arena.signatories, arena.issues)
    keep = np.ones(50)
    texts = {
        name: candidate_texts(arena, model, idx, drafting_rule(name), x[idx], s[idx], keep)
        for name in ("compromise", "weighted_median", "compromise+median")
    }
    both = np.concatenate([texts["compromise"], texts["weighted_median"]], axis=1)
    np.testing.assert_array_equal(texts["compromise+median"], both)
    # the median of two signatories gives an issue to one side: its texts (before the
    # mediator's own pull) are not all the compromise's, so the family is wider
    assert not np.allclose(texts["compromise"], texts["weighted_median"])


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


@settings(max_examples=12, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    patience=st.floats(1, 30),
    attention=st.floats(0, 1),
    resume=st.floats(0, 1),
    noise=st.floats(0, 20),
    hazard=st.floats(0, 1),
)
def test_property_classes_partition_and_only_breakdowns_end_agreements(
    seed, patience, attention, resume, noise, hazard
):
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
            "dynamics.breakdown_hazard": hazard,
        },
    )
    previous = np.zeros(64, dtype=bool)
    for day in range(0, 393, 14):
        classes = log.outcome_class_at(day)
        assert np.bincount(classes, minlength=len(OutcomeClass)).sum() == 64
        held = np.isin(classes, IN_FORCE)
        left = np.flatnonzero(previous & ~held)
        assert np.isin(left, log.run[log.events(K.BREAKDOWN) & (log.day == day)]).all()
        previous = held
    # abandonment and resumption alternate within a run
    toggles = log.events(K.ABANDONED, arena=0) | log.events(K.RESUMED, arena=0)
    for r in np.unique(log.run[toggles]):
        kinds = log.kind[toggles & (log.run == r)]
        assert kinds[0] == K.ABANDONED
        assert np.all(kinds[1:] != kinds[:-1])


def test_enhanced_cooperation_needs_nine_willing_members():
    # TEU art. 20(2): at least nine members; INF and M1 (2 of 3) are willing, which is
    # not enough (9 against 8 willing: tests/test_vote_institutions.py)
    data = with_dynamics(cycle_dict(), decision_noise=0, vote_attention=1)
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
    # one round per round while the war goes on (a breakdown would reopen talks)
    assert np.all(held >= agreed_round)
