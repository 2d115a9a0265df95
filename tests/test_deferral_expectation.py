"""How the sides value what a ceasefire defers (``dynamics.deferral_expectation``).

0 (the default) values a deferred issue where it stands; 1 where the full text drafted
beside the ceasefire would settle it. The cycle scenario's truce settles the line and
defers 'alliance', whose status quo (30) suits the gaining side (ideal 0) better than
any text the mediator drafts, so the truce is its way to keep the alliance open.
"""

from __future__ import annotations

import numpy as np
import pytest
from process_scenarios import cycle_scenario

from detente.forecast import evaluate_question, parse_question
from detente.process import compile_scenario, simulate
from detente.process.engine import chunk_draws
from detente.process.parameters import full_parameters
from detente.process.state import Model
from detente.process.tracks import _with_deferral_expectation

RUNS = 1500


def _model(expectation: float):
    compiled = compile_scenario(cycle_scenario(deferral_expectation=expectation))
    _, theta, _ = chunk_draws(compiled, 1, 0, 6)
    model = Model(compiled, np.ascontiguousarray(full_parameters(compiled, theta).T))
    arena = compiled.mediated[0]
    truce = next(p for p in arena.packages if not p.settles.all())
    full = next(p for p in arena.packages if p.settles.all())
    return arena, model, truce, full


def test_deferred_issue_moves_the_stated_share_toward_the_full_text() -> None:
    arena, model, truce, full = _model(0.25)
    idx = np.arange(6)
    line, alliance = list(arena.issues).index(0), list(arena.issues).index(1)
    drafted = np.zeros((6, 2, arena.issues.size))
    drafted[..., line], drafted[..., alliance] = 55.0, 70.0
    truce_text = drafted.copy()
    truce_text[..., alliance] = 30.0  # the status quo it defers to
    valued = _with_deferral_expectation(arena, model, idx, truce, truce_text, drafted)
    assert np.allclose(valued[..., alliance], 30 + 0.25 * (70 - 30))  # 40, by hand
    assert np.array_equal(valued[..., line], truce_text[..., line])  # settled: as drafted
    assert (truce_text[..., alliance] == 30.0).all()  # the text itself is not changed
    # a package that settles everything, and an expectation of 0, are left as they are
    assert _with_deferral_expectation(arena, model, idx, full, drafted, drafted) is drafted
    arena, model, truce, _ = _model(0.0)
    assert _with_deferral_expectation(arena, model, idx, truce, truce_text, drafted) is truce_text


def _ceasefire_share(**dynamics: float) -> tuple[float, np.ndarray]:
    log = simulate(compile_scenario(cycle_scenario(**dynamics)), runs=RUNS, seed=3)
    query = parse_question("state(terms=ceasefire) by 2026-12-31")
    return evaluate_question(query, log).probability, log.settlement


def test_zero_is_the_default_and_hope_takes_the_truce_s_advantage_away() -> None:
    undeclared, settled = _ceasefire_share()
    at_zero, settled_zero = _ceasefire_share(deferral_expectation=0.0)
    assert at_zero == undeclared
    assert np.array_equal(settled, settled_zero, equal_nan=True)
    at_half, _ = _ceasefire_share(deferral_expectation=0.5)
    at_one, _ = _ceasefire_share(deferral_expectation=1.0)
    # valued as the full text would settle it, the deferred alliance is no longer what
    # the gaining side keeps by a truce: ceasefire terms give way to full terms
    assert at_zero > 0.2 and at_half > 0.2
    assert at_one == pytest.approx(0.0, abs=0.01)


def test_the_structure_says_how_deferred_issues_are_valued() -> None:
    from detente.scenario.structure_view import describe_structure

    assert "the default 0" in describe_structure(cycle_scenario())["deferred_valued"]
    declared = describe_structure(cycle_scenario(deferral_expectation=0.3))["deferred_valued"]
    assert declared.startswith("0.3 of the way") and "assumption: test actor" in declared
