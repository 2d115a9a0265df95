"""Which mediator numbers a run reads: each mediator its own 'NAME.MEDIATOR' where set, else
the shared 'NAME'; patience is one number for all. validate names the rest, and the
simulator confirms it: changing a number validate calls unread changes no run."""

from __future__ import annotations

import numpy as np
from process_scenarios import build, cycle_dict, with_dynamics

from detente.process import compile_scenario, simulate
from detente.process.reads import model_warnings
from detente.scenario.errors import Location


def _unread(scenario) -> set[str]:
    found = model_warnings(scenario, lambda _: Location("test.yaml", 1, 1))
    return {w.message.split(":")[0] for w in found if "changes no run" in w.message}


def _same_runs(a, b) -> bool:
    first = simulate(compile_scenario(a), runs=200, seed=3)
    second = simulate(compile_scenario(b), runs=200, seed=3)
    return all(
        np.array_equal(getattr(first, f), getattr(second, f))
        for f in ("run", "day", "kind", "arena", "actor")
    )


def test_a_shared_number_every_mediator_overrides_is_unread_and_changes_no_run() -> None:
    own = {"mediator_attention.MED": 0.6}
    low = build(with_dynamics(cycle_dict(), mediator_attention=0.1, **own))
    high = build(with_dynamics(cycle_dict(), mediator_attention=0.9, **own))
    unread = _unread(low)
    assert "dynamics.mediator_attention" in unread  # MED has its own
    assert "dynamics.mediator_attention.MED" not in unread
    # so is the test war's event that sets the shared attention: no run sees it
    found = model_warnings(low, lambda where: Location("/".join(map(str, where)), 1, 1))
    assert {w.location.file for w in found if "mediator_attention:" in w.message} == {
        "dynamics/mediator_attention",
        "events/0/effects/0",
    }
    assert _same_runs(low, high)
    # without MED's own value the shared one is read, and it changes the runs
    shared = build(with_dynamics(cycle_dict(), mediator_attention=0.1))
    assert "dynamics.mediator_attention" not in _unread(shared)
    assert not _same_runs(shared, build(with_dynamics(cycle_dict(), mediator_attention=0.9)))


def test_a_track_without_a_mediator_reads_no_mediator_number() -> None:
    data = with_dynamics(cycle_dict(), mediator_attention=0.3, mediator_text_share=0.5)
    talks = data["arenas"][0]
    talks["kind"] = "bilateral"
    for field in ("mediator", "influencers", "leverage"):
        talks.pop(field)
    data["relations"], data["events"] = [], []  # the event sets the mediator's attention
    unread = _unread(build(data))
    assert {"dynamics.mediator_attention", "dynamics.mediator_text_share"} <= unread


def test_an_unread_process_number_says_what_would_read_it():
    """'give the actor a role' was the hint for every unread dynamics number, even one no
    actor owns ('influencer_cohesion' on a track with no influencers)."""
    data = with_dynamics(cycle_dict(), influencer_cohesion=0.5, implementer_tolerance=5)
    for arena in data["arenas"]:
        arena["influencers"] = []
    found = model_warnings(build(data), lambda _: Location("test.yaml", 1, 1))
    hints = {w.message.split(":")[0]: w.hint for w in found if "changes no run" in w.message}
    assert hints["dynamics.influencer_cohesion"] == (
        "it is read only where a track has influencers: make it so, or remove it"
    )
    assert hints["dynamics.implementer_tolerance"] == (
        "it is read only where a track has implementers: make it so, or remove it"
    )
    assert all("actor a role" not in h for k, h in hints.items() if k.startswith("dynamics."))
