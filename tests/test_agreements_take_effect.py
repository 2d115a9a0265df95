"""What an agreement does at signature stays done: the front takes the agreed line, and an
issue declared ``irreversible`` keeps its agreed value after a breakdown.

The test war is ``steady_war``: the front moves exactly 2 points a round toward the gainer
(no noise), so where it stands after an agreement and after a breakdown can be said by hand.
"""

from __future__ import annotations

import numpy as np
import pytest
from process_scenarios import build, steady_war, with_dynamics

from detente.process import EventKind, compile_scenario, simulate
from detente.process.engine import chunk_draws
from detente.process.implementation import take_effect
from detente.process.parameters import full_parameters
from detente.process.state import Model

K = EventKind


@pytest.fixture(scope="module")
def relapsing():
    """Agreements that break down often (a hazard of 0.3 a round)."""
    data = with_dynamics(steady_war(), breakdown_hazard=0.3)
    compiled = compile_scenario(build(data))
    return compiled, simulate(compiled, runs=800, seed=4)


def _terms(log, issue: str) -> dict[tuple[int, int], float]:
    """(run, day) of each agreement -> what it settles on ``issue`` (NaN: deferred)."""
    j = log.issue_ids.index(issue)
    rows = log.events(K.TERMS) & (log.issue == j)
    return {
        (int(r), int(d)): float(v)
        for r, d, v in zip(log.run[rows], log.day[rows], log.value[rows], strict=True)
    }


def test_the_front_takes_the_agreed_line_and_a_relapse_fights_on_from_there(relapsing):
    _, log = relapsing
    line = _terms(log, "territory")
    assert len(line) > 100
    for (run, day), agreed in line.items():
        assert log.front[run, day // 14] == pytest.approx(agreed, abs=1e-3)
    # each breakdown: the war resumes that round from the line of the deal that broke
    broke = np.flatnonzero(log.events(K.BREAKDOWN))
    checked = 0
    for i in broke:
        run, day = int(log.run[i]), int(log.day[i])
        before = [d for (r, d) in line if r == run and d < day]
        agreed = line[(run, max(before))]
        assert log.front[run, day // 14] == pytest.approx(min(100.0, agreed + 2.0), abs=1e-3)
        checked += 1
    assert checked > 50


def test_irreversible_terms_stay_done_and_the_others_return(relapsing):
    compiled, _ = relapsing
    data = steady_war()
    issue = next(i for i in data["issues"] if i["id"] == "alliance")
    issue["irreversible"] = True
    compiled = compile_scenario(build(data))
    ids = list(compiled.issue_ids)
    assert compiled.takes_effect.tolist() == [i in ("territory", "alliance") for i in ids]
    _, theta, _ = chunk_draws(compiled, 1, 0, 3)
    model = Model(compiled, np.ascontiguousarray(full_parameters(compiled, theta).T))
    issues = np.arange(len(ids))
    before = model.status_quo_of(np.arange(3), issues).copy()
    agreed = np.full((2, len(ids)), 77.0)
    agreed[1, ids.index("alliance")] = np.nan  # run 2 defers the alliance
    take_effect(model, np.array([0, 2]), issues, agreed)
    after = model.status_quo_of(np.arange(3), issues)
    for name in ids:
        j = ids.index(name)
        if name == "territory":
            assert after[[0, 2], j].tolist() == [77.0, 77.0]  # the front: always
        elif name == "alliance":
            assert after[0, j] == 77.0 and after[2, j] == before[2, j]  # deferred: as it was
        else:
            assert np.array_equal(after[:, j], before[:, j])  # returns if the deal breaks
        assert after[1, j] == before[1, j]  # a run without a deal: nothing changes
