"""Signing conditions (``packages[].conditions``): what a signatory needs before it signs,
that no other term can buy: a precondition on the world, or a red line on the text.

Computed by hand on the ripening test war with GAIN's resolve at 0: every number is known,
no shock, both sides' ideals are today's status quo (35 on both issues), so the text the
mediator drafts is 35 on both and each side's value of fighting on is below it (GAIN:
0 - 6 rounds x 1 < 0). Without a condition every run signs the full text in round 1
(day 14)."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest
from process_scenarios import build, cycle_dict, ripening_war, with_dynamics

from detente.process import compile_scenario, simulate
from detente.process.eventlog import EventKind, OutcomeClass
from detente.scenario.errors import ScenarioErrors

RUNS = 20


def _war() -> dict[str, Any]:
    return with_dynamics(ripening_war(None), **{"resolve.GAIN": 0})


def _with_condition(data: dict[str, Any], packages: tuple[str, ...], **condition: Any) -> dict:
    data = copy.deepcopy(data)
    for package in data["packages"]:
        if package["id"] in packages:
            package["conditions"] = [{"actor": "GAIN", "assumption": "a test", **condition}]
    return data


def _classes(log) -> set[int]:
    return set(log.value[log.kind == EventKind.AGREEMENT].astype(int).tolist())


def test_without_a_condition_every_run_signs_the_full_text_in_round_one() -> None:
    log = simulate(compile_scenario(build(_war())), runs=RUNS, seed=2)
    assert np.all(log.settlement_day == 14)
    assert _classes(log) == {OutcomeClass.COMPREHENSIVE}


def test_a_precondition_no_text_can_meet_blocks_every_signature_until_an_event_meets_it() -> None:
    """GAIN signs neither text while the alliance stands below 60 (it stands at 35): no run
    agrees, and GAIN turns down every text put to it. An event certain to fire on
    2026-03-01 (87 days after as_of) sets the alliance's status quo to 70: the first round
    held after it is round 7 (day 98), where every run agrees (fighting on is then worth
    even less to GAIN, whose ideal is 35)."""
    blocked = _with_condition(_war(), ("full", "truce"), issue="alliance", at_least=60)
    log = simulate(compile_scenario(build(blocked)), runs=RUNS, seed=2)
    assert np.all(log.settlement_day == -1)
    gain = log.actor_ids.index("GAIN")
    texts = (log.kind == EventKind.TEXT_DRAFTED).sum()
    assert texts > 0 and log.events(EventKind.REJECTED, actor=gain).sum() == texts
    blocked["events"] = [
        {
            "id": "referendum",
            "window": {"start": "2026-03-01", "end": "2026-03-01"},
            "probability": 1,
            "assumption": "a test event",
            "effects": [{"path": "issues.alliance.status_quo", "op": "set", "value": 70}],
        }
    ]
    met = simulate(compile_scenario(build(blocked)), runs=RUNS, seed=2)
    assert np.all(met.settlement_day == 98)


@pytest.mark.parametrize(
    ("at_most", "expected"),
    [(20, OutcomeClass.ARMISTICE), (35, OutcomeClass.COMPREHENSIVE)],
)
def test_a_red_line_on_the_text_sends_the_mediator_to_the_package_that_respects_it(
    at_most: float, expected: OutcomeClass
) -> None:
    """GAIN's red line on the full text: the alliance at most 20. The full text settles it
    at 35, across the line, so the mediator tables the ceasefire, which defers the alliance
    and so does not cross it: an armistice in round 1. At most 35 the full text is on the
    line, which meets it: the full text, as without a condition."""
    data = _with_condition(_war(), ("full",), issue="alliance", at_most=at_most, of="text")
    log = simulate(compile_scenario(build(data)), runs=RUNS, seed=2)
    assert np.all(log.settlement_day == 14)
    assert _classes(log) == {expected}


def test_a_condition_always_met_changes_no_run_event_for_event() -> None:
    """On the full test war (private resolve, shocks, levers, a council), with enough runs
    for the compiled kernels: a condition every state of the world meets."""
    data = cycle_dict()
    plain = simulate(compile_scenario(build(data)), runs=300, seed=5)
    met = _with_condition(data, ("full", "truce"), issue="territory", at_least=0)
    conditioned = simulate(compile_scenario(build(met)), runs=300, seed=5)
    for field in ("run", "day", "kind", "arena", "actor", "issue"):
        assert np.array_equal(getattr(plain, field), getattr(conditioned, field)), field
    assert np.array_equal(plain.value, conditioned.value, equal_nan=True)
    assert plain.settlement_day.max() > 0  # some runs agree: the condition had work to do


@pytest.mark.parametrize(
    ("condition", "packages", "message"),
    [
        ({"issue": "alliance", "at_least": 60, "at_most": 70}, ("full",), "exactly one of"),
        ({"issue": "alliance"}, ("full",), "exactly one of"),
        ({"issue": "alliance", "at_least": 160}, ("full",), "at_least"),
        ({"issue": "alliance", "at_most": 20, "of": "text"}, ("truce",), "does not settle"),
        ({"issue": "alliances", "at_least": 60}, ("full",), "unknown issue id 'alliances'"),
        ({"issue": "assets", "at_least": 60}, ("full",), "not an issue of 'talks'"),
        ({"issue": "alliance", "at_least": 60}, ("swap",), "belong to comprehensive"),
        ({"issue": "alliance", "at_least": 60, "evidence": ["ev_nope"]}, ("full",), "ev_nope"),
    ],
)
def test_a_bad_condition_is_one_clear_error(condition, packages, message) -> None:
    data = _with_condition(cycle_dict(), packages, **condition)
    with pytest.raises(ScenarioErrors) as caught:
        build(data)
    assert message in str(caught.value)
    assert "test.yaml:" in str(caught.value)


def test_a_condition_of_an_actor_that_does_not_sign_is_an_error() -> None:
    data = copy.deepcopy(cycle_dict())
    data["packages"][0]["conditions"] = [
        {"actor": "INF", "issue": "alliance", "at_least": 60, "assumption": "a test"}
    ]
    with pytest.raises(ScenarioErrors, match="signing condition of 'INF', not a signatory"):
        build(data)


def test_show_and_the_report_say_what_each_side_needs_to_sign(tmp_path) -> None:
    import json

    import yaml
    from typer.testing import CliRunner

    from detente.cli.main import app
    from detente.report.data import report_data
    from detente.report.html import render_report

    data = _with_condition(cycle_dict(), ("full",), issue="alliance", at_least=60)
    data["packages"][1]["conditions"] = [
        {"actor": "WEAK", "issue": "territory", "at_most": 20, "of": "text", "assumption": "a test"}
    ]
    path = tmp_path / "conditioned.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    shown = CliRunner().invoke(app, ["show", str(path)])
    assert shown.exit_code == 0, shown.output
    assert "signed only if" in shown.output
    view = CliRunner().invoke(app, ["show", str(path), "--json"])
    labels = {
        p["id"]: p["conditions_label"] for p in json.loads(view.stdout)["structure"]["packages"]
    }
    assert labels == {
        "full": "GAIN: alliance at least 60 as it stands",
        "truce": "WEAK: the text's territory at most 20",
        "swap": "-",
    }
    html = render_report(report_data(build(data), runs=40, seed=1))
    assert "GAIN: alliance at least 60 as it stands" in html


def test_validate_warns_where_nothing_can_meet_a_precondition(tmp_path) -> None:
    """The alliance stands at 30 and no event moves it: a package conditioned on 60 can
    never be signed, which validate says with the file's line; an event that moves the
    alliance's status quo, or a condition the status quo meets, silences it."""
    import json

    import yaml
    from typer.testing import CliRunner

    from detente.cli.main import app

    def warnings(data: dict) -> list[str]:
        path = tmp_path / "c.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False))
        result = CliRunner().invoke(app, ["validate", str(path), "--json"])
        assert result.exit_code == 0, result.output
        return [w for w in json.loads(result.stdout)["warnings"] if "never be signed" in w]

    blocked = _with_condition(cycle_dict(), ("full",), issue="alliance", at_least=60)
    found = warnings(blocked)
    assert len(found) == 1 and found[0].startswith(f"{tmp_path / 'c.yaml'}:")
    assert "GAIN needs alliance at least 60 as it stands, it stands at 30-30" in found[0]
    blocked["events"][0]["effects"].append(
        {"path": "issues.alliance.status_quo", "op": "set", "value": 70}
    )
    assert warnings(blocked) == []
    assert warnings(_with_condition(cycle_dict(), ("full",), issue="alliance", at_most=40)) == []


def test_whatif_measures_a_package_without_its_conditions() -> None:
    """`packages.ID.conditions=none` drops a package's conditions: on the blocked war every
    run then signs in round 1, as without them; any other value is one clear error."""
    from detente.scenario.paths import PathError, apply_setting

    blocked = build(_with_condition(_war(), ("full", "truce"), issue="alliance", at_least=60))
    freed = apply_setting(
        apply_setting(blocked, "packages.full.conditions", "none"),
        "packages.truce.conditions",
        "none",
    )
    log = simulate(compile_scenario(freed), runs=RUNS, seed=2)
    assert np.all(log.settlement_day == 14)
    with pytest.raises(PathError, match="not 'none'"):
        apply_setting(blocked, "packages.full.conditions", "60")
    with pytest.raises(PathError, match="its settable fields"):
        apply_setting(build(_war()), "packages.full.conditions", "none")


def test_red_lines_no_one_text_meets_are_named_and_rule_the_class_out(tmp_path) -> None:
    """A Gaza trial: one side needed disarmament at least 75 and the other at most 50 in
    the comprehensive package, and nothing said it could never be signed; the sanity panel
    blamed the timing's drivers. validate now names the clash with its line, the class is
    ruled out with the reason, and no run signs the package; at 40 against 50 no text is
    ruled out."""
    import json

    import yaml
    from typer.testing import CliRunner

    from detente.cli.main import app
    from detente.forecast.reachability import impossible_classes

    def clashing(at_least: float) -> dict:
        data = copy.deepcopy(_war())
        full = next(p for p in data["packages"] if p["id"] == "full")
        full["conditions"] = [
            {
                "actor": "GAIN",
                "issue": "alliance",
                "at_least": at_least,
                "of": "text",
                "assumption": "a test",
            },
            {
                "actor": "WEAK",
                "issue": "alliance",
                "at_most": 50,
                "of": "text",
                "assumption": "a test",
            },
        ]
        return data

    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(clashing(75), sort_keys=False))
    result = CliRunner().invoke(app, ["validate", str(path), "--json"])
    (line,) = [w for w in json.loads(result.stdout)["warnings"] if "never be signed" in w]
    assert line.startswith(f"{path}:")
    assert "GAIN needs alliance at least 75 and WEAK needs it at most 50" in line
    compiled = compile_scenario(build(clashing(75)))
    assert "red lines no one text meets" in impossible_classes(compiled)["comprehensive"]
    log = simulate(compiled, runs=RUNS, seed=2)
    assert OutcomeClass.COMPREHENSIVE not in _classes(log)
    assert "comprehensive" not in impossible_classes(compile_scenario(build(clashing(40))))
