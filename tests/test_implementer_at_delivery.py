"""An implementer that acts only at delivery: a spoiler not at the table (``acts_at``).

The scenario is ``test_process_implementers``'s: every party at the table wants ``aid``
at 100 (status quo 0), so every comprehensive text puts aid at 100, and IMP, outside the
table, implements it. Declared ``acts_at: delivery``, IMP is never asked to sign: the
signatories sign without it, and it delivers aid only if 100 leaves it no worse off than
the status quo 0 on its own scale, that is when |100 - ideal| <= |0 - ideal|: ideal 50 or
more (by hand; the loss aversion adds to the loss side only).
"""

from __future__ import annotations

import copy

import numpy as np
import pytest
import yaml
from process_scenarios import build, scenario_file, with_talks
from test_process_implementers import _classes, _same_log, _simulate, implementer_dict
from typer.testing import CliRunner

from detente.cli.main import app
from detente.forecast.questions import parse_question
from detente.forecast.reachability import unreachable_terms
from detente.process import EventKind, OutcomeClass, compile_scenario
from detente.scenario.errors import ScenarioError
from detente.scenario.loader import parse_scenario_text

K = EventKind


def at_delivery(imp_ideal: float, *, full_only: bool = True) -> dict:
    """IMP acts at delivery; ``full_only``: the talks offer the full text alone, so the
    choice is that text or the war (with the truce on offer, a full text that loses aid
    to the spoiler is worth less to the table than the truce, and the mediator narrows)."""
    data = implementer_dict(imp_ideal)
    data["arenas"][0]["implementers"][0]["acts_at"] = "delivery"
    if full_only:
        data["arenas"][0]["packages"] = ["full"]
    return data


def _pairs(log, mask) -> set:
    return set(zip(log.run[mask].tolist(), log.day[mask].tolist(), strict=True))


def _aid_in_force(log) -> np.ndarray:
    """aid in each full deal's settlement, where the last agreement did not defer it."""
    aid = log.issue_ids.index("aid")
    full = log.agreement_class() == OutcomeClass.COMPREHENSIVE
    settled = log.settlement[full, aid]
    settled = settled[~np.isnan(settled)]
    assert settled.size > 100
    return settled


@pytest.fixture(scope="module")
def spoiler():
    """IMP at 0 (the status quo of aid): as a veto player it blocks every full text."""
    veto = at_delivery(0)
    veto["arenas"][0]["implementers"][0]["acts_at"] = "signature"
    return _simulate(at_delivery(0)), _simulate(veto)


def test_a_spoiler_at_delivery_cannot_block_signature(spoiler):
    delivery, veto = spoiler
    assert _classes(veto)[OutcomeClass.COMPREHENSIVE] == 0  # the veto blocks every full text
    assert _classes(delivery)[OutcomeClass.COMPREHENSIVE] > 100  # signed without IMP
    imp = delivery.actor_ids.index("IMP")
    assert not delivery.events(K.REJECTED, actor=imp).any()  # never asked


def test_a_spoiler_withholds_what_leaves_it_worse_off_in_every_full_deal(spoiler):
    delivery, _ = spoiler
    aid, imp = delivery.issue_ids.index("aid"), delivery.actor_ids.index("IMP")
    full = delivery.events(K.AGREEMENT) & (delivery.value == OutcomeClass.COMPREHENSIVE)
    withheld = delivery.events(K.WITHHELD)
    assert np.all(delivery.actor[withheld] == imp) and np.all(delivery.issue[withheld] == aid)
    assert _pairs(delivery, withheld) == _pairs(delivery, full)  # each full deal, that day
    # the deal in force keeps aid at the status quo (0), not the text's 100
    assert np.all(_aid_in_force(delivery) == 0.0)


@pytest.mark.parametrize(("ideal", "delivers"), [(45, False), (55, True)])
def test_delivery_follows_the_implementers_own_scale(ideal: float, delivers: bool):
    # by hand: aid at 100 against the status quo 0 is no loss to an ideal of 55 (45 < 55)
    # and a loss to an ideal of 45 (55 > 45)
    log = _simulate(at_delivery(ideal))
    assert log.events(K.WITHHELD).any() is not delivers
    assert np.all(_aid_in_force(log) == (100.0 if delivers else 0.0))


def test_an_implementer_at_delivery_who_agrees_with_the_table_changes_nothing():
    # IMP at 100 delivers every text and is never asked: run for run, the talks without it
    agreeing = _simulate(at_delivery(100, full_only=False))
    unlisted = _simulate(implementer_dict(100, listed=False))
    assert _same_log(agreeing, unlisted)


def test_talks_under_a_ceasefire_never_ask_a_spoiler_either():
    data = with_talks(at_delivery(0, full_only=False))
    log = _simulate(data)
    imp = log.actor_ids.index("IMP")
    assert not log.events(K.REJECTED, actor=imp).any()
    under_truce = log.events(K.AGREEMENT) & (log.value == OutcomeClass.COMPREHENSIVE)
    assert _pairs(log, log.events(K.WITHHELD)) == _pairs(log, under_truce)


def test_withholding_without_a_bypassing_lever_is_reachable_only_at_delivery():
    question = parse_question("event(kind=withheld, arena=talks, actor=IMP) by 2026-12-01")
    for acts_at, reachable in (("delivery", True), ("signature", False)):
        data = implementer_dict(0)
        data["arenas"][0]["implementers"][0]["acts_at"] = acts_at
        data["arenas"][0]["leverage"][0]["bypasses_influencers"] = False
        compiled = compile_scenario(build(data))
        assert (unreachable_terms(question, compiled) == ()) is reachable


def test_an_unknown_stage_is_refused_with_its_place():
    data = copy.deepcopy(at_delivery(0))
    data["arenas"][0]["implementers"][0]["acts_at"] = "later"
    with pytest.raises(ScenarioError) as caught:
        parse_scenario_text(yaml.safe_dump(data, sort_keys=False), "spoiler.yaml")
    message = str(caught.value)
    assert "acts_at" in message and "'signature'" in message and "'delivery'" in message


def test_show_says_where_each_implementer_acts(tmp_path):
    path = scenario_file(tmp_path / "spoiler.yaml", at_delivery(0))
    result = CliRunner().invoke(app, ["show", str(path)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "IMP on aid (acts at delivery)" in result.output


def test_validate_asks_where_an_implementer_acts(tmp_path):
    data = at_delivery(0)
    path = scenario_file(tmp_path / "spoiler.yaml", data)
    said = CliRunner().invoke(app, ["validate", str(path)], terminal_width=300)
    del data["arenas"][0]["implementers"][0]["acts_at"]
    scenario_file(path, data)
    unsaid = CliRunner().invoke(app, ["validate", str(path)], terminal_width=300)
    assert said.exit_code == unsaid.exit_code == 0
    assert "does not say where it acts" not in said.output
    (line,) = [x for x in unsaid.output.splitlines() if "does not say where it acts" in x]
    assert "spoiler.yaml:" in line and "implementer 'IMP' of track 'talks'" in line
    assert "acts_at: delivery" in line
