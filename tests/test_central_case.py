"""The central case (every number at its mode, known to all, no shocks): Fearon's
benchmark, which says whether a forecast's agreements come from the bargaining itself."""

from __future__ import annotations

import copy
import json

import numpy as np
from process_scenarios import build, cycle_dict, ripening_war, with_dynamics
from typer.testing import CliRunner

from detente.analysis.central_case import central_case, central_overrides
from detente.cli.main import app
from detente.process import compile_scenario, parameter_space


def test_the_central_case_fixes_every_range_at_its_mode_and_the_shock_at_zero() -> None:
    compiled = compile_scenario(
        build(with_dynamics(cycle_dict(), decision_noise={"low": 1, "mode": 2, "high": 4}))
    )
    space = parameter_space(compiled)
    assert len(space) > 5  # capabilities, positions, costs, the noise ...
    fixed = compiled.with_overrides(central_overrides(compiled))
    assert len(parameter_space(fixed)) == 0
    for name, mode in zip(space.names, space.mode, strict=True):
        expected = 0.0 if name == "dynamics.decision_noise" else mode
        assert fixed.mode[compiled.column(name)] == expected


def test_where_every_side_wants_the_same_text_the_central_case_agrees_at_once() -> None:
    data = copy.deepcopy(cycle_dict())
    for p in data["positions"]:
        if p["actor"] in ("WEAK", "GAIN", "MED", "INF") and p["issue"] != "assets":
            p["position"] = 35
    data = with_dynamics(data, mediator_attention=1, breakdown_hazard=0)
    data["events"] = []
    found = central_case(compile_scenario(build(data)), runs=50, seed=2, horizon_day=365)
    assert found.agreed == 1.0 and found.first_day == found.median_day == 14


def test_where_no_text_beats_fighting_on_it_never_agrees_and_says_who_refused() -> None:
    """GAIN's resolve 100 puts fighting on above any text: every text it is asked about it
    turns down, whatever the other numbers' draws would have done."""
    data = with_dynamics(cycle_dict(), mediator_attention=1, **{"resolve.GAIN": 100})
    found = central_case(compile_scenario(build(data)), runs=50, seed=2, horizon_day=365)
    assert found.agreed == 0.0 and found.median_day is None
    [talks] = [d for d in found.decisions if d.arena == "talks"]
    assert talks.texts > 1 and talks.rejections["GAIN"] == talks.texts


def test_a_ripening_war_agrees_in_its_central_case_on_the_day_computed_by_hand() -> None:
    """The weariness test war (every number certain): day 98 (test_war_weariness)."""
    found = central_case(
        compile_scenario(build(ripening_war(1.0))), runs=20, seed=1, horizon_day=365
    )
    assert found.agreed == 1.0 and found.first_day == found.median_day == 98


def test_diagnose_reports_the_central_case() -> None:
    """On the DRC built-in the central case agrees (its forecast is the bargaining's); on
    ukraine-2025-12 it never does within the year (its forecast is the tails' and the
    shocks'), Russia turning down every text."""
    runner = CliRunner()
    drc = json.loads(
        runner.invoke(app, ["diagnose", "drc-m23-2025", "--runs", "200", "--json"]).stdout
    )
    assert drc["central_case"]["agreement"] > 0.9
    out = runner.invoke(app, ["diagnose", "ukraine-2025-12", "--runs", "200", "--json"])
    ukraine = json.loads(out.stdout)["central_case"]
    assert ukraine["agreement"] == 0.0 and ukraine["median_day"] is None
    [talks] = ukraine["decisions"]
    assert np.isclose(talks["rejections"]["RUS"], talks["texts"]) and talks["texts"] > 1
    text = runner.invoke(app, ["diagnose", "ukraine-2025-12", "--runs", "200"]).stdout
    assert "central case" in text and "not from the central case's bargaining" in " ".join(
        text.split()
    )


def test_a_count_per_run_too_small_for_two_decimals_is_not_shown_as_none() -> None:
    """One refusal in 1,000 runs is 0.001 a run: '<0.01', not '0.00' beside its actor."""
    from detente.cli.diagnose_command import _per_run

    assert [_per_run(x) for x in (0.0, 0.001, 0.03, 5.84)] == ["0.00", "<0.01", "0.03", "5.8"]
