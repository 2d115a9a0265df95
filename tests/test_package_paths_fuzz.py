"""Hostile values for the structural package settings of ``whatif`` (``settles``,
``freezes``) and for a date option: a Scenario that still compiles, or one clear error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from process_scenarios import build, cycle_dict

from detente.cli.output import option_date
from detente.process import compile_scenario
from detente.scenario.errors import DetenteError
from detente.scenario.paths import apply_setting

SCENARIO = build(cycle_dict())
ISSUE_WORDS = st.sampled_from(["territory", "alliance", "assets", "none", "", " ", "\u202e"])
VALUES = st.one_of(
    st.lists(ISSUE_WORDS, max_size=4).map(",".join),
    st.text(max_size=300),
    st.sampled_from(["nan", "1e308", "-0", "x" * 10_000, "territory" * 50]),
)


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(["settles", "freezes"]), value=VALUES)
def test_a_package_setting_gives_a_scenario_that_compiles_or_one_clear_error(
    field: str, value: str
) -> None:
    try:
        changed = apply_setting(SCENARIO, f"packages.truce.{field}", value)
    except DetenteError as exc:
        assert exc.hint and len(str(exc)) < 2_000 and "\n" not in str(exc)
        return
    truce = next(p for p in changed.packages if p.id == "truce")
    named = [*truce.settles, *truce.freezes, *truce.defers]
    assert sorted(named) == ["alliance", "territory"]  # every issue once, none lost
    assert truce.settles or truce.freezes
    compile_scenario(changed)


@settings(max_examples=100, deadline=500)
@given(text=st.text(max_size=200))
def test_a_date_option_is_a_date_or_one_clear_line(text: str) -> None:
    try:
        day = option_date(text, "--date")
    except DetenteError as exc:
        assert "--date" in str(exc) and exc.hint == "write YYYY-MM-DD"
        assert len(str(exc)) < 400 and "\n" not in str(exc)
        return
    assert day is not None and day.isoformat()[:4].isdigit()


def test_none_is_no_date() -> None:
    assert option_date(None, "--date") is None
    with pytest.raises(DetenteError, match="is not a date"):
        option_date("2026-02-30", "--date")


def test_ready_after_days_takes_every_op() -> None:
    """'multiply' was looked up under another name and raised KeyError."""
    data = cycle_dict()
    next(p for p in data["packages"] if p["id"] == "full")["ready_after_days"] = 40
    scenario = build(data)

    def ready(value: float, op: str) -> int:
        changed = apply_setting(scenario, "packages.full.ready_after_days", value, op)  # type: ignore[arg-type]
        return next(p for p in changed.packages if p.id == "full").ready_after_days

    assert (ready(60, "set"), ready(30, "add"), ready(1.5, "multiply")) == (60, 70, 60)


def test_a_limited_deal_s_value_is_set_per_signatory_and_moves_its_acceptance() -> None:
    """``packages.ID.value.ACTOR`` (the number explain and sensitivity rank) moves like any
    number; set low, GAIN never takes the exchange; set high, both take it whenever it is
    offered (WEAK's is 3), more often than at GAIN's declared {-2, 1, 3}."""
    from detente.process import EventKind, simulate

    added = apply_setting(SCENARIO, "packages.swap.value.GAIN", 2, "add")
    swap = next(p for p in added.packages if p.id == "swap")
    assert (swap.value["GAIN"].low, swap.value["GAIN"].mode, swap.value["GAIN"].high) == (0, 3, 5)
    assert swap.value["WEAK"].mode == 3  # the other signatory's is kept

    def deals(value: float) -> int:
        changed = apply_setting(SCENARIO, "packages.swap.value.GAIN", value)
        log = simulate(compile_scenario(changed), runs=400, seed=1)
        return int((log.kind == EventKind.LIMITED_DEAL).sum())

    assert deals(-90) == 0 < deals(1) < deals(90)
    for bad, message in (
        ("packages.swap.value.NOBODY", "declares no value for 'NOBODY'"),
        ("packages.swap.value.GAIN.x", "expected 3"),
    ):
        with pytest.raises(DetenteError, match=message):
            apply_setting(SCENARIO, bad, 1)
    with pytest.raises(DetenteError, match=r"outside -100\.\.100"):
        apply_setting(SCENARIO, "packages.swap.value.GAIN", 1e6)
