"""An answer is public: every track's mediator that meets the same side reads it
(``tracks.share_public_answers``), so co-mediators hold one belief about each side's
resolve. Before, each track's mediator learnt only at its own table, and a second track
met a side that had just turned the first one down with its first prior (DRC's AU track
expected M23 to take 38.8% of its texts; M23 took 29.1%)."""

from __future__ import annotations

import copy

import numpy as np
from process_scenarios import A, build, cycle_dict

from detente.analysis.diagnostics import expectations
from detente.process import compile_scenario, simulate
from detente.process.beliefs import (
    answer_under_mood,
    carry_to_other_table,
    read_answer,
)
from detente.process.tracks import TrackState, share_public_answers


def _two_tables(second_signatories: list[str]) -> dict:
    """The cycle scenario with a co-mediator CO running its own table beside MED's, GAIN's
    resolve private (0-25) and shocks of sd 2, so that answers teach."""
    data = copy.deepcopy(cycle_dict())
    data["actors"].append({"id": "CO", "name": "Co-mediator", "capability": 40, "assumption": A})
    data["positions"].append(
        {"actor": "CO", "issue": "territory", "position": 45, "salience": 50, "assumption": A}
    )
    data["arenas"].insert(
        1,
        {
            "id": "second",
            "kind": "mediated",
            "mediator": "CO",
            "signatories": second_signatories,
            "issues": ["territory", "alliance"],
            "packages": ["full"],
        },
    )
    data["dynamics"]["decision_noise"] = {"value": 2, "assumption": A}
    data["dynamics"]["resolve.GAIN"] = {
        "value": {"low": 0, "mode": 10, "high": 25},
        "assumption": A,
    }
    data["events"] = []
    return data


def test_a_co_mediator_reads_the_answers_given_at_the_other_table():
    """Over thousands of answers at each table, the mean P each mediator gave equals the
    share accepted within 3 points. With each mediator learning only at its own table,
    CO gave GAIN 31.5% and GAIN took 24.2% of its texts (same runs, measured)."""
    log = simulate(compile_scenario(build(_two_tables(["WEAK", "GAIN"]))), runs=3000, seed=11)
    found = {(e.arena, e.actor): e for e in expectations(log, 10_000)}
    assert set(found) == {(t, s) for t in ("talks", "second") for s in ("WEAK", "GAIN")}
    for e in found.values():
        assert e.answers > 5_000
        assert abs(e.expected - e.accepted) < 0.03, e


def test_only_a_side_with_the_same_private_offset_is_linked():
    """GAIN fights the war, so its offset holds its war cost; INF, a signatory only at the
    second table, is linked to nobody, and a track is never its own peer."""
    compiled = compile_scenario(build(_two_tables(["GAIN", "INF"])))
    states = [TrackState.__new__(TrackState) for _ in compiled.mediated]
    share_public_answers(compiled.mediated, states)
    talks, second = states
    ids = compiled.actor_ids
    assert [ids[a] for a in compiled.mediated[0].signatories] == ["WEAK", "GAIN"]
    assert talks.peers == [[], [(second, 0)]]
    assert second.peers == [[(talks, 1)], []]


def test_another_tables_mood_moves_as_the_joint_gaussian_says():
    """Offset o, this table's mood m1 and the other's m2, jointly Gaussian with m1 and m2
    independent. An answer bears on d = o - m1; whatever its (moved, shrunk), the exact
    update of a Gaussian family moves every variable x by Cov(x, d) / Var(d) x moved and
    every covariance by Cov(x, d) Cov(y, d) / Var(d)^2 x shrunk. Both tables' beliefs
    must equal that, computed here from the 3 x 3 covariance."""
    rng = np.random.default_rng(4)
    for _ in range(50):
        mean = rng.normal(0, 3, 3)  # o, m1, m2
        # a valid joint: o = a m1 + b m2 + e, with m1, m2 and e independent
        var_1, var_2, var_e = rng.uniform(0.5, 9, 3)
        a, b = rng.normal(0, 1, 2)
        var_o, c1, c2 = a * a * var_1 + b * b * var_2 + var_e, a * var_1, b * var_2
        cov = np.array([[var_o, c1, c2], [c1, var_1, 0.0], [c2, 0.0, var_2]])
        margin, accepted = rng.normal(0, 3), bool(rng.random() < 0.5)
        arr = np.array
        mine = (arr([mean[1]]), arr([var_1]), arr([c1]))
        answer = answer_under_mood(
            arr([mean[0]]), arr([var_o]), mine, arr([margin]), arr([accepted])
        )
        d = np.array([1.0, -1.0, 0.0])  # d = o - m1
        cov_d = cov @ d
        gain = cov_d / (d @ cov @ d)
        want_mean = mean + gain * answer.moved[0]
        want_cov = cov + np.outer(gain, gain) * answer.shrunk[0]
        o_mean, o_var, (m1_mean, m1_var, m1_cov) = read_answer(
            arr([mean[0]]), arr([var_o]), mine, answer
        )
        m2_mean, m2_var, m2_cov = carry_to_other_table(
            (arr([mean[2]]), arr([var_2]), arr([c2])), answer
        )
        got_mean = [o_mean[0], m1_mean[0], m2_mean[0]]
        np.testing.assert_allclose(got_mean, want_mean, rtol=1e-9, atol=1e-9)
        got = [o_var[0], m1_var[0], m1_cov[0], m2_var[0], m2_cov[0]]
        want = [want_cov[0, 0], want_cov[1, 1], want_cov[0, 1], want_cov[2, 2], want_cov[0, 2]]
        np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-9)
