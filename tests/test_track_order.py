"""The order in which a scenario lists its tracks decides nothing: each run draws the
order its tracks meet in, afresh each round (``simulator._meeting_order``). Within a round
the first track to agree stops the war for the others and a later one reads an earlier
one's answers, so with the listed order the first track took a bigger share of the
deals (on a Sudan trial, 4 points of a truce track's 3-month chance; between two copies
of one table, 98% of the deals)."""

from __future__ import annotations

import copy

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from process_scenarios import A, build, cycle_dict

from detente.process import EventKind, compile_scenario, simulate
from detente.process.simulator import _meeting_order

RUNS = 6000


def _twin_tables() -> dict:
    """The cycle scenario's talks twice over: a co-mediator CO with MED's positions runs a
    copy of the same table, and both meet every round, so both often reach a deal in the
    same round and only the order can say which."""
    data = copy.deepcopy(cycle_dict())
    data["actors"].append({"id": "CO", "name": "Co-mediator", "capability": 100, "assumption": A})
    data["positions"] += [{**p, "actor": "CO"} for p in data["positions"] if p["actor"] == "MED"]
    twin = copy.deepcopy(data["arenas"][0])
    twin.update(id="second", mediator="CO")
    data["arenas"].insert(1, twin)
    data["dynamics"]["mediator_attention"] = {"value": 1, "assumption": A}
    data["events"] = []
    return data


def _deals_by_track(data: dict) -> dict[str, float]:
    """Per track, the share of runs whose first agreement came there within a year."""
    log = simulate(compile_scenario(build(data)), runs=RUNS, seed=2)
    deal = np.flatnonzero((log.kind == int(EventKind.AGREEMENT)) & (log.day <= 365))
    deal = deal[np.lexsort((log.day[deal], log.run[deal]))]  # by run, then day
    _, first = np.unique(log.run[deal], return_index=True)
    arenas = log.arena[deal][first]
    return {a: float((arenas == k).sum()) / RUNS for k, a in enumerate(log.arena_ids)}


def test_twin_tracks_share_the_deals_whichever_is_listed_first():
    """Two copies of one table: listed either way round, each track's share of the deals
    is the same within 4 standard errors of the difference, and each takes half of them.
    With the listed order played (measured, then reverted) the first-listed copy took 98%
    of the deals, whichever it was."""
    data = _twin_tables()
    flipped = copy.deepcopy(data)
    flipped["arenas"][0], flipped["arenas"][1] = flipped["arenas"][1], flipped["arenas"][0]
    listed, reversed_ = _deals_by_track(data), _deals_by_track(flipped)
    for shares in (listed, reversed_):
        total = shares["talks"] + shares["second"]
        assert total > 0.5  # deals are common: the order has something to decide
        half = shares["talks"] / total
        assert abs(half - 0.5) < 4 * np.sqrt(0.25 / (total * RUNS)), shares
    for track in ("talks", "second"):
        p, q = listed[track], reversed_[track]
        se = np.sqrt(p * (1 - p) / RUNS + q * (1 - q) / RUNS)
        assert abs(p - q) < 4 * se, (track, p, q)


@settings(max_examples=60, deadline=None)
@given(
    count=st.integers(min_value=0, max_value=5),
    n=st.integers(min_value=0, max_value=40),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_every_run_meets_every_track_once_a_round(count: int, n: int, seed: int):
    """Whatever the number of tracks and runs, each place in the order holds exactly one
    track in every run, and each track meets once in every run: the order is a
    permutation per run, not a sample."""
    calls = list(_meeting_order(count, n, np.random.default_rng(seed)))
    if count <= 1:
        assert calls == [(k, None) for k in range(count)]
        return
    assert len(calls) == count * count
    met = np.zeros((count, n), dtype=int)
    for place in range(count):
        at_place = calls[place * count : (place + 1) * count]
        assert [k for k, _ in at_place] == list(range(count))
        masks = np.array([mask for _, mask in at_place])
        assert (masks.sum(axis=0) == 1).all()  # one track at this place in every run
        met += masks
    assert (met == 1).all()
