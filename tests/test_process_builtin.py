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
    talks = compiled.mediated[0]
    assert ids[talks.mediator] == "US"
    war = compiled.war
    assert war is not None and ids[war.gainer] == "RUS"  # declared, not inferred
    assert compiled.issue_ids[war.front_issue] == "territory"
    assert war.direction == 1.0  # Russia's ideal is the high end of the territory scale
    assert compiled.issue_ids[talks.issues[talks.front]] == "territory"
    assert talks.ends_war
    assert compiled.names[talks.influence_cols[0]] == "relations.influence.EUR.UKR.strength"
    log = simulate(compiled, runs=1500, seed=1, chunk_size=500)
    in_force = (OutcomeClass.COMPREHENSIVE, OutcomeClass.ARMISTICE, OutcomeClass.IMPOSED)
    previous = np.zeros(log.n_runs, dtype=bool)
    collapses = log.kind == EventKind.BREAKDOWN
    for day in range(0, (compiled.horizon - compiled.as_of).days + 1, compiled.round_days):
        classes = log.outcome_class_at(day)
        assert np.bincount(classes, minlength=len(OutcomeClass)).sum() == log.n_runs
        held = np.isin(classes, in_force)
        # an agreement leaves force only by a breakdown logged that day
        left = np.flatnonzero(previous & ~held)
        broke = np.unique(log.run[collapses & (log.day == day)])
        assert np.isin(left, broke).all()
        assert np.all(classes[left] == OutcomeClass.COLLAPSED)
        previous = held
    # the EU Council's unanimity: whenever it blocks, a member is named
    blocked = log.events(EventKind.DECISION_BLOCKED)
    assert np.all(log.actor[blocked] >= 0)
