"""detente diagnose: how much of a forecast the per-round shocks carry, as a command."""

from __future__ import annotations

import json

import pytest
from hand_logs import hand_log
from typer.testing import CliRunner

from detente.analysis.diagnostics import (
    follow_on_luck_counts,
    settled_under_ceasefire,
    shock_gaps,
)
from detente.cli.main import app
from detente.process import EventKind

RUNNER = CliRunner()


def _diagnose(*args: str) -> dict:
    out = RUNNER.invoke(app, ["diagnose", *args, "--json"])
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)


def test_paired_counts_and_the_sweep_agree_on_the_second_case():
    d = _diagnose("drc-m23-2025", "--runs", "300", "--seed", "4")
    assert d["runs"] == 300
    # 12 months (365 days) is a day past this scenario's horizon (31 Aug 2026, 364 days
    # after as_of): the runs end there, so the counts are to the horizon and say so
    assert d["horizon_day"] == 364 and d["past_horizon"] is True
    # the same runs with and without shocks: what is lost and gained reconciles the totals
    assert (
        d["agreed_without_noise"]
        == d["agreed"] - d["lost_without_noise"] + d["gained_without_noise"]
    )
    assert d["share_carried_by_noise"] == d["lost_without_noise"] / d["agreed"]
    assert (
        d["agreed_shocks_unfelt"]
        == d["agreed"] - d["lost_shocks_unfelt"] + d["gained_shocks_unfelt"]
    )
    assert d["share_carried_by_the_draws"] == d["lost_shocks_unfelt"] / d["agreed"]
    noise = [x["decision_noise"] for x in d["noise_sweep"]]
    assert noise == [0.0, 1.0, 2.0, 5.0, 10.0]
    quiet = d["noise_sweep"][0]
    # noise 0 in the sweep is the noiseless twin of the paired count (same seed, same runs)
    assert round(quiet["agreement"] * 300) == d["agreed_without_noise"]
    assert quiet["luck_share"] == 0.0  # no shock, nothing carried by one
    assert d["noise_sweep"][-1]["luck_share"] > d["noise_sweep"][1]["luck_share"]
    # the bands of rounds add up to the unfelt measure
    assert sum(b["agreed"] for b in d["by_round"]) == d["agreed"]
    assert sum(b["lost_shocks_unfelt"] for b in d["by_round"]) == d["lost_shocks_unfelt"]
    assert [b["first_round"] for b in d["by_round"]] == [1, 3, 5, 9, 14]
    assert d["lost_shocks_unfelt_never_agreed"] <= d["lost_shocks_unfelt"]


def test_same_seed_same_diagnosis_and_a_user_file(tmp_path):
    assert _diagnose("ukraine-2025-12", "--runs", "200") == _diagnose(
        "ukraine-2025-12", "--runs", "200"
    )
    made = RUNNER.invoke(app, ["new", "mine", "--dir", str(tmp_path), "--as-of", "2026-01-01"])
    assert made.exit_code == 0, made.output
    d = _diagnose(str(tmp_path / "mine.yaml"), "--runs", "200", "--months", "6")
    # six calendar months after 2026-01-01, as the forecast's dates count them
    assert d["scenario"] == "mine" and d["horizon_day"] == 181
    assert d["past_horizon"] is False
    assert 0 <= d["agreed"] <= 200


def test_bad_requests_are_one_line():
    for args in (
        ["nope"],
        ["drc-m23-2025", "--months", "0"],
        ["drc-m23-2025", "--months", "1,2,3"],  # forecast takes a list; diagnose one horizon
        ["drc-m23-2025", "--runs", "10**9"],
    ):
        out = RUNNER.invoke(app, ["diagnose", *args])
        assert out.exit_code == 2, out.output
        lines = out.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error:") and "fix:" in lines[0]


def test_decisions_count_the_texts_of_the_runs_as_the_scenario_stands():
    from detente.process import EventKind, compile_scenario, simulate
    from detente.scenario import load_scenario

    d = _diagnose("ukraine-2025-12", "--runs", "300", "--seed", "4")
    scenario = load_scenario("ukraine-2025-12")
    log = simulate(compile_scenario(scenario), runs=300, seed=4)
    within = log.day <= d["horizon_day"]
    for track in d["decisions"]:
        arena = log.arena_ids.index(track["arena"])
        here = within & (log.arena == arena)
        texts = int((here & (log.kind == EventKind.TEXT_DRAFTED)).sum())
        assert round(track["texts"] * 300) == texts > 0
        for actor, per_run in track["rejections"].items():
            turned_down = here & (log.kind == EventKind.REJECTED)
            turned_down &= log.actor == log.actor_ids.index(actor)
            assert round(per_run * 300) == int(turned_down.sum()) <= texts
    counted = [r for r in scenario.calibration if r.texts is not None or r.window is not None]
    assert [r["id"] for r in d["text_records"]] == [r.id for r in counted] and counted
    for record in d["text_records"]:
        if record["window_days"] is None:
            continue
        arena = log.arena_ids.index(record["arena"])
        span = (log.day <= record["window_days"]) & (log.arena == arena)
        texts = int((span & (log.kind == EventKind.TEXT_DRAFTED)).sum())
        assert round(record["model_texts_in_window"] * 300) == texts > 0


def test_the_gap_a_shock_closed_counted_by_hand():
    """Only a shock-carried accept on the day of an agreement, by the horizon, counts."""
    agree, lucky = EventKind.AGREEMENT, EventKind.SHOCK_CARRIED
    events = [
        (0, 14, lucky, 0, -1, -1, 1.0),
        (0, 14, agree, 0, -1, -1, 1.0),
        (1, 28, lucky, 0, -1, -1, 3.0),
        (1, 28, agree, 0, -1, -1, 1.0),
        (2, 42, lucky, 0, -1, -1, 5.0),  # another side turned the text down: no agreement
        (3, 400, lucky, 0, -1, -1, 7.0),  # after the horizon
        (3, 400, agree, 0, -1, -1, 1.0),
    ]
    log = hand_log(events)
    # the gaps 1 and 3: numpy's linear percentiles 1.2, 2.0 and 2.8
    assert shock_gaps(log, 365) == pytest.approx((1.2, 2.0, 2.8))
    assert shock_gaps(log, 10) is None  # nothing by day 10


def test_settlements_under_a_ceasefire_counted_by_hand():
    """A second agreement with no breakdown between counts; one after a breakdown, one
    after the horizon and a run's only agreement do not."""
    agree, broke = EventKind.AGREEMENT, EventKind.BREAKDOWN
    events = [
        (0, 14, agree, 0, -1, -1, 2.0),
        (1, 14, agree, 0, -1, -1, 2.0),
        (0, 98, agree, 0, -1, -1, 1.0),  # run 0: the ceasefire's track settled
        (1, 56, broke, 0, -1, -1, 2.0),
        (1, 98, agree, 0, -1, -1, 1.0),  # run 1: a new agreement after a breakdown
        (2, 14, agree, 0, -1, -1, 2.0),
        (2, 400, agree, 0, -1, -1, 1.0),  # run 2: after the horizon
        (3, 28, agree, 0, -1, -1, 1.0),  # run 3: one agreement
    ]
    log = hand_log(events)
    assert settled_under_ceasefire(log, 365).tolist() == [True, False, False, False]
    assert settled_under_ceasefire(log, 401).tolist() == [True, False, True, False]


def test_diagnose_counts_the_settlements_under_a_ceasefire_and_their_luck():
    """The DRC's phased deal negotiates on: no full text beats its ceasefire for both
    sides, so every settlement under it is one a shock carried (none with shocks unfelt)."""
    d = _diagnose("drc-m23-2025", "--runs", "1500", "--seed", "1")
    assert d["settled_under_ceasefire"] > 20
    assert d["settled_under_ceasefire_lost_shocks_unfelt"] == d["settled_under_ceasefire"]
    # the Ukraine snapshot's talks stop under a ceasefire: none there
    ukraine = _diagnose("ukraine-2025-12", "--runs", "300", "--seed", "1")
    assert ukraine["settled_under_ceasefire"] == 0


def test_diagnose_reports_the_gap_a_shock_closed():
    d = _diagnose("drc-m23-2025", "--runs", "300", "--seed", "4")
    low, mid, high = d["shock_gap_10_50_90"]
    assert 0 <= low <= mid <= high
    out = RUNNER.invoke(app, ["diagnose", "drc-m23-2025", "--runs", "300", "--seed", "4"])
    text = " ".join(out.stdout.split())  # however the console wraps it
    assert "the gap a shock closed" in text and "M23 5-20" in text


def test_the_forecast_report_says_how_near_the_shock_carried_deals_were(tmp_path):
    report = tmp_path / "drc.html"
    out = RUNNER.invoke(app, ["forecast", "drc-m23-2025", "--runs", "400", "--report", str(report)])
    assert out.exit_code == 0, out.output
    assert "the gap those shocks closed" in " ".join(out.stdout.split())
    page = " ".join(report.read_text(encoding="utf-8").split())
    assert "The gap those shocks closed: median <strong>" in page


def test_settlements_that_replaced_a_ceasefire_and_their_luck_counted_by_hand():
    """Run 0's second agreement replaced its ceasefire on a good day, run 2's on its merits;
    run 1's came after a breakdown (a new deal, not a replacement). Two replaced, one lucky."""
    agree, broke, lucky = EventKind.AGREEMENT, EventKind.BREAKDOWN, EventKind.SHOCK_CARRIED
    events = [
        (0, 14, agree, 0, -1, -1, 2.0),
        (0, 98, lucky, 0, -1, -1, 0.5),
        (0, 98, agree, 0, -1, -1, 1.0),
        (1, 14, agree, 0, -1, -1, 2.0),
        (1, 56, broke, 0, -1, -1, 2.0),
        (1, 98, lucky, 0, -1, -1, 0.5),
        (1, 98, agree, 0, -1, -1, 1.0),
        (2, 14, agree, 0, -1, -1, 2.0),
        (2, 70, agree, 0, -1, -1, 1.0),
    ]
    assert follow_on_luck_counts(hand_log(events)) == (2, 1)


def test_the_forecast_and_its_report_say_how_many_ceasefires_a_shock_replaced(tmp_path):
    """On the DRC every settlement that replaced the ceasefire needed a side's favourable
    leaning; the forecast and the report say so. Ukraine's talks stop under a ceasefire: no line."""
    report = tmp_path / "drc.html"
    args = ["forecast", "drc-m23-2025", "--runs", "1500", "--report", str(report)]
    out = RUNNER.invoke(app, args)
    assert out.exit_code == 0, out.output
    text = " ".join(out.stdout.split())
    assert "settlements that replaced a ceasefire in force:" in text
    assert "of which 100.0% only a side's leaning carried" in text
    page = " ".join(report.read_text(encoding="utf-8").split())
    assert "Settlements that replaced a ceasefire in force: <strong>" in page
    # the terminal and the report round the round flag alike (they printed 1% and 1.4%)
    flag = text.split("round flag: ")[1].split(" of agreements")[0]
    assert f"Round flag: <strong>{flag}</strong>" in page and "." in flag
    data = json.loads(RUNNER.invoke(app, [*args[:4], "--json"]).stdout)
    assert data["ceasefire_replaced"] == data["ceasefire_replaced_by_shock"] > 10
    ukraine = RUNNER.invoke(app, ["forecast", "--runs", "500"])
    assert "replaced a ceasefire" not in " ".join(ukraine.stdout.split())


def test_diagnose_says_what_followed_the_breakdowns():
    """The command's figures are those of ``relapses`` on the same runs, and its line
    gives the share signed again (DRC: deals break down often and are often re-signed)."""
    from detente.analysis.relapse import relapses
    from detente.process import compile_scenario, simulate
    from detente.scenario import load_scenario

    whole = _diagnose("drc-m23-2025", "--runs", "300", "--seed", "4")
    d = whole["after_breakdown"]
    log = simulate(compile_scenario(load_scenario("drc-m23-2025")), runs=300, seed=4)
    want = relapses(log, whole["horizon_day"])
    assert d["breakdowns"] == want.breakdowns > 0
    assert d["signed_again"] == want.signed_again
    assert d["signed_again_on_the_same_terms"] == want.same_terms <= want.signed_again
    out = RUNNER.invoke(app, ["diagnose", "drc-m23-2025", "--runs", "300", "--seed", "4"])
    text = " ".join(out.stdout.split())
    assert f"after the {want.breakdowns:,} breakdowns" in text
    assert "signed again, a median" in text


def test_diagnose_reads_the_forecast_s_runs_by_default():
    """Same default seed as ``forecast``: the runs diagnose explains are the ones the
    forecast counted (22 of 300 agree within the year in both)."""
    d = _diagnose("drc-m23-2025", "--runs", "400")
    forecast = json.loads(
        RUNNER.invoke(
            app, ["forecast", "drc-m23-2025", "--runs", "400", "--months", "12", "--json"]
        ).stdout
    )["outcomes"][0]
    assert d["agreed"] == round(forecast["agreement"] * 400)
    # seed 1, the default before, counts other runs (343 of 400 against 347 here)
    assert _diagnose("drc-m23-2025", "--runs", "400", "--seed", "1")["agreed"] != d["agreed"]
