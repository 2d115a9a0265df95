"""The simulator on the built-in scenarios: roles read from arenas, a short run holds up."""

from __future__ import annotations

import numpy as np
import pytest

from detente.process import EventKind, OutcomeClass, compile_scenario, simulate
from detente.scenario import builtin_names, load_scenario

NAMES = [n for n in ("ukraine-2025-12", "ukraine-2026-06") if n in builtin_names()]


@pytest.mark.parametrize("name", NAMES)
def test_builtin_roles_and_a_short_simulation(name):
    compiled = compile_scenario(load_scenario(name))
    ids = compiled.actor_ids
    (talks,) = compiled.mediated
    assert ids[talks.mediator] == "US"
    assert ids[talks.signatories[talks.weaker]] == "UKR"  # depends on the US
    assert ids[talks.signatories[talks.gainer]] == "RUS"
    assert compiled.issue_ids[talks.issues[talks.front]] == "territory"
    assert compiled.names[talks.influence_cols[0]] == "relations.influence.EUR.UKR.strength"
    log = simulate(compiled, runs=1500, seed=1, chunk_size=500)
    absorbing = (OutcomeClass.COMPREHENSIVE, OutcomeClass.ARMISTICE, OutcomeClass.IMPOSED)
    previous = np.zeros(log.n_runs, dtype=bool)
    for day in range(0, (compiled.horizon - compiled.as_of).days + 1, compiled.round_days):
        classes = log.outcome_class_at(day)
        assert np.bincount(classes, minlength=5).sum() == log.n_runs
        absorbed = np.isin(classes, absorbing)
        assert np.all(absorbed[previous])
        previous = absorbed
    # the EU Council's unanimity: whenever it blocks, a member is named
    blocked = log.events(EventKind.DECISION_BLOCKED)
    assert np.all(log.actor[blocked] >= 0)
