"""Implementers: third parties whose consent a comprehensive text needs (process/implementers).

The scenario is the simulator tests' cycle scenario plus one political issue, ``aid``,
that every party at the table wants at 100 (status quo 0), and one actor IMP outside the
table that may be listed as the talks' implementer of ``aid``. Every comprehensive text
puts ``aid`` at 100 (every ideal at the table is 100; implementers cannot shape the text),
so IMP's ideal alone decides whether it can ever consent.
"""

from __future__ import annotations

import copy
import re

import numpy as np
import pytest
import yaml
from process_scenarios import A, build, cycle_dict

from detente.process import (
    EventKind,
    OutcomeClass,
    compile_scenario,
    simulate,
)
from detente.process.implementers import delivered_texts, implementer_margins, issue_margins
from detente.process.parameters import full_parameters, parameter_space, sample_parameters
from detente.process.simulator import Model
from detente.scenario.errors import ScenarioError
from detente.scenario.loader import parse_scenario_text

K = EventKind
RUNS, SEED = 3000, 11


def implementer_dict(imp_ideal: float, *, listed: bool = True, **dynamics: float) -> dict:
    data = copy.deepcopy(cycle_dict())
    data["issues"].append(
        {"id": "aid", "name": "Aid", "scale": {0: "none", 100: "all"}, "status_quo": 0}
    )
    data["actors"].append({"id": "IMP", "name": "Implementer", "capability": 30, "assumption": A})
    for actor in ("MED", "WEAK", "GAIN", "INF"):
        data["positions"].append(
            {"actor": actor, "issue": "aid", "position": 100, "salience": 50, "assumption": A}
        )
    data["positions"].append(
        {"actor": "IMP", "issue": "aid", "position": imp_ideal, "salience": 80, "assumption": A}
    )
    talks = data["arenas"][0]
    talks["issues"] = [*talks["issues"], "aid"]
    talks["leverage"][0]["cost"] = 200  # pressing WEAK over IMP's head never pays here
    if listed:
        talks["implementers"] = [{"actor": "IMP", "issues": ["aid"], "assumption": A}]
    for name, value in dynamics.items():
        data["dynamics"][name] = {"value": value, "assumption": A}
    return data


def _simulate(data: dict, seed: int = SEED):
    return simulate(build(data), runs=RUNS, seed=seed, chunk_size=1000)


def _classes(log) -> np.ndarray:
    return np.bincount(log.agreement_class(), minlength=5)


def _same_log(a, b) -> bool:
    fields = ("run", "day", "kind", "arena", "actor", "issue", "value", "settlement_day")
    same = all(np.array_equal(getattr(a, f), getattr(b, f), equal_nan=True) for f in fields)
    return same and np.array_equal(a.settlement, b.settlement, equal_nan=True)


# --- blocking ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def blocked_and_free():
    # No draft moves toward IMP, so every comprehensive text has aid = 100 and IMP (ideal 0 =
    # status quo) loses 100 x (1 + aversion) points on it: it always refuses.
    blocked = _simulate(implementer_dict(0))
    free = _simulate(implementer_dict(0, listed=False))
    return blocked, free


@pytest.fixture(scope="module")
def mild():
    # IMP at 50: a text with aid = 100 is worth what the status quo is (no loss beyond it);
    # a tolerance of 1 makes it consent unless its shock is below -1 point (about 3 times
    # in 10), so the mediator (who knows this up to the shock) tries and IMP sometimes refuses.
    return _simulate(implementer_dict(50, implementer_tolerance=1))


def test_far_implementer_blocks_every_comprehensive_deal(blocked_and_free):
    blocked, free = blocked_and_free
    classes, control = _classes(blocked), _classes(free)
    assert control[OutcomeClass.COMPREHENSIVE] > 100  # without IMP those deals happen
    assert classes[OutcomeClass.COMPREHENSIVE] == 0
    # the mediator knows IMP would refuse: it never even tables a comprehensive text
    assert blocked.events(K.REJECTED, actor=blocked.actor_ids.index("IMP")).sum() == 0
    assert classes[OutcomeClass.ARMISTICE] > control[OutcomeClass.ARMISTICE]  # no IMP needed


def test_refusals_are_logged_only_for_comprehensive_texts_before_bypass(mild):
    blocked = mild
    imp = blocked.actor_ids.index("IMP")
    talks = blocked.arena_ids.index("talks")
    refused = blocked.events(K.REJECTED, actor=imp)
    assert refused.sum() > 0
    assert not blocked.events(K.ACCEPTED, actor=imp).any()  # only refusals are logged
    assert np.all(blocked.arena[refused] == talks)
    drafted = blocked.events(K.TEXT_DRAFTED, arena=talks)
    comprehensive = set(
        zip(
            blocked.run[drafted & (blocked.value == 1)].tolist(),
            blocked.day[drafted & (blocked.value == 1)].tolist(),
            strict=True,
        )
    )
    pairs = list(zip(blocked.run[refused].tolist(), blocked.day[refused].tolist(), strict=True))
    assert all(pair in comprehensive for pair in pairs)
    first_exit = blocked.first_day(blocked.events(K.BYPASSED))
    runs, days = blocked.run[refused], blocked.day[refused]
    assert np.all((first_exit[runs] < 0) | (days <= first_exit[runs]))


def test_every_round_with_a_refusal_fails(mild):
    blocked = mild
    imp = blocked.actor_ids.index("IMP")
    refused = blocked.events(K.REJECTED, actor=imp)
    agreed = blocked.events(K.AGREEMENT)
    refusals = set(zip(blocked.run[refused].tolist(), blocked.day[refused].tolist(), strict=True))
    deals = set(zip(blocked.run[agreed].tolist(), blocked.day[agreed].tolist(), strict=True))
    assert refusals and not refusals & deals


def test_the_mediator_drafts_with_the_implementer_in_view(blocked_and_free):
    # A mediator that knows IMP will refuse a comprehensive text offers the ceasefire (which
    # defers aid) or goes over IMP's head far more often than without IMP.
    blocked, free = blocked_and_free

    def other_routes(log) -> float:
        ceasefire = log.events(K.TEXT_DRAFTED) & (log.value == 2)
        return float(ceasefire.sum() + log.events(K.BYPASSED).sum()) / log.n_runs

    assert other_routes(blocked) > 2 * other_routes(free) + 0.1


# --- over the implementer's head: signed, but its parts withheld ----------------------


@pytest.fixture(scope="module")
def imposed():
    # The lever costs the cycle scenario's 0.5 again, so the mediator goes over IMP's head.
    # IMP (ideal 0 = the status quo of aid) loses on any aid above 0: it never delivers.
    data = implementer_dict(0)
    data["arenas"][0]["leverage"][0]["cost"] = 0.5
    free = copy.deepcopy(data)
    del free["arenas"][0]["implementers"]
    return _simulate(data), _simulate(free)


def test_an_imposed_deal_is_signed_but_the_implementer_withholds_its_part(imposed):
    with_imp, without = imposed
    aid = with_imp.issue_ids.index("aid")
    imp = with_imp.actor_ids.index("IMP")
    deals = with_imp.agreement_class() == OutcomeClass.IMPOSED
    assert deals.sum() > 100  # bypassing IMP does not need its consent to sign
    # IMP withholds aid in every imposed deal, on the day it is signed
    withheld = with_imp.events(K.WITHHELD)
    assert np.all(with_imp.actor[withheld] == imp) and np.all(with_imp.issue[withheld] == aid)
    agreed = with_imp.events(K.AGREEMENT) & (with_imp.value == OutcomeClass.IMPOSED)

    def pairs(mask):
        return set(zip(with_imp.run[mask].tolist(), with_imp.day[mask].tolist(), strict=True))

    assert pairs(withheld) <= pairs(agreed)  # an imposed ceasefire defers aid: no withholding
    # so a deal in force that settles aid keeps it at its status quo (0), and IMP withheld it
    settles_aid = deals & ~np.isnan(with_imp.settlement[:, aid])
    assert settles_aid.sum() > 100
    assert np.all(with_imp.settlement[settles_aid, aid] == 0.0)
    assert np.isin(np.flatnonzero(settles_aid), with_imp.run[withheld]).all()
    # (without IMP the table agrees on its own text, aid at 100, and needs no lever)
    free_aid = without.settlement[:, aid]
    free_aid = free_aid[~np.isnan(free_aid)]
    assert free_aid.size > 100 and np.all(free_aid > 99.0)
    assert not without.events(K.WITHHELD).any()


def _two_implementers(imp_ideal: float):
    """IMP implements aid; IMP2 (ideals 50, saliences 50/50) implements aid and alliance."""
    data = implementer_dict(imp_ideal, concession_aversion=0.5, implementer_tolerance=4)
    data["actors"].append({"id": "IMP2", "name": "Second", "capability": 10, "assumption": A})
    for issue in ("aid", "alliance"):
        data["positions"].append(
            {"actor": "IMP2", "issue": issue, "position": 50, "salience": 50, "assumption": A}
        )
    data["arenas"][0]["implementers"].append(
        {"actor": "IMP2", "issues": ["aid", "alliance"], "assumption": A}
    )
    compiled = compile_scenario(build(data))
    theta = sample_parameters(parameter_space(compiled), np.random.default_rng(1), 3)
    model = Model(compiled, np.ascontiguousarray(full_parameters(compiled, theta).T))
    (talks,) = compiled.mediated
    return model, talks, [compiled.issue_ids[i] for i in talks.issues]


def test_each_implementer_withholds_only_the_parts_that_leave_it_worse_off():
    # Status quo: aid 0, alliance 30. Text: aid 100, alliance 95 (territory 20 everywhere).
    # Loss aversion 0.5, tolerance 4 (shared by an implementer's issues by weight).
    # IMP2 (weights 0.5/0.5, ideals 50): aid: reference |0-50| = 50, distance 50, no loss:
    # 0.5 x (50 - 50 + 4) = 2 -> delivers; alliance: reference 20, distance 45, 25 of it a
    # loss: 0.5 x (20 - (45 + 0.5 x 25) + 4) = -16.75 -> withholds. Its two margins add up
    # to its consent margin (-14.75). IMP (ideal 0 on aid alone): 0 - (100 + 50) + 4 = -146.
    model, talks, issues = _two_implementers(0)
    aid, alliance = issues.index("aid"), issues.index("alliance")
    idx = np.arange(3)
    status_quo = np.zeros((3, len(issues)))
    status_quo[:, issues.index("territory")] = 20
    status_quo[:, alliance] = 30
    texts = status_quo[:, None, :].copy()
    texts[..., aid], texts[..., alliance] = 100, 95
    margins = issue_margins(talks, model, idx, texts, status_quo)  # (r, c, e, k)
    imp, imp2 = 0, 1
    assert margins[:, 0, imp2, aid] == pytest.approx([2.0] * 3)
    assert margins[:, 0, imp2, alliance] == pytest.approx([-16.75] * 3)
    assert margins[:, 0, imp, aid] == pytest.approx([-146.0] * 3)
    assert margins[:, 0, imp, alliance] == pytest.approx([0.0] * 3)  # not its issue
    joint = implementer_margins(talks, model, idx, texts, status_quo)
    assert np.allclose(margins.sum(axis=-1), joint)
    everyone_acting = np.ones((3, 2), dtype=bool)
    delivered, withheld = delivered_texts(talks, model, idx, texts, status_quo, everyone_acting)
    assert withheld[0, 0, imp].tolist() == [i == "aid" for i in issues]
    assert withheld[0, 0, imp2].tolist() == [i == "alliance" for i in issues]
    assert delivered[0, 0].tolist() == status_quo[0].tolist()  # aid needs both: withheld
    # with IMP wanting aid too (ideal 100: margin 100 + 4), both deliver it
    model, talks, issues = _two_implementers(100)
    delivered, withheld = delivered_texts(talks, model, idx, texts, status_quo, everyone_acting)
    assert delivered[0, 0, aid] == 100 and delivered[0, 0, alliance] == 30
    assert not withheld[..., aid].any()


# --- no effect when the implementer agrees with the table ------------------------------


def test_implementer_sharing_the_common_ideal_changes_nothing():
    # IMP's ideal is the table's common ideal (100): every comprehensive text has aid = 100,
    # worth 0 to IMP against -80/80 x 100 = -100 for the status quo: it always consents, the
    # mediator knows it (P(consent) = 1), and its shocks come from a draw of the same shape.
    with_imp = _simulate(implementer_dict(100))
    without = _simulate(implementer_dict(100, listed=False))
    assert _same_log(with_imp, without)
    assert _classes(with_imp)[OutcomeClass.COMPREHENSIVE] > 0


def test_tolerance_lets_a_mildly_opposed_implementer_consent():
    # IMP at 50 with status quo 0: a text with aid = 100 is worth -50 to it, as is the status
    # quo (no loss beyond it), so it consents iff noise + tolerance >= 0. A tolerance of 100
    # points (50 noise sd) makes it consent always -> the log without IMP, run for run.
    tolerant = _simulate(implementer_dict(50, implementer_tolerance=100))
    without = _simulate(implementer_dict(50, listed=False, implementer_tolerance=100))
    assert _same_log(tolerant, without)
    strict = _simulate(implementer_dict(50, implementer_tolerance=-100))
    assert _classes(strict)[OutcomeClass.COMPREHENSIVE] == 0


# --- common random numbers and determinism --------------------------------------------


def test_same_seed_same_log_different_seed_different_log():
    data = implementer_dict(50, implementer_tolerance=1)
    first, again = _simulate(data, seed=3), _simulate(data, seed=3)
    assert _same_log(first, again)
    imp = first.actor_ids.index("IMP")
    assert first.events(K.REJECTED, actor=imp).any()
    assert not _same_log(first, _simulate(data, seed=4))


def test_compiled_arena_carries_implementers_and_their_issues():
    compiled = compile_scenario(build(implementer_dict(0)))
    (talks,) = compiled.mediated
    assert [compiled.actor_ids[a] for a in talks.implementers] == ["IMP"]
    issues = [compiled.issue_ids[i] for i in talks.issues]
    assert talks.implementer_issues.tolist() == [[i == "aid" for i in issues]]
    plain = compile_scenario(build(implementer_dict(0, listed=False))).mediated[0]
    assert plain.implementers.size == 0 and plain.implementer_issues.shape == (0, 3)


# --- schema -----------------------------------------------------------------------------


def _yaml(implementers: list[dict]) -> str:
    data = implementer_dict(0, listed=False)
    data["arenas"][0]["implementers"] = implementers
    return yaml.safe_dump(data, sort_keys=False)


def _error(text: str) -> str:
    with pytest.raises(ScenarioError) as info:
        parse_scenario_text(text, "imp.yaml")
    return str(info.value)


def _line_of(text: str, pattern: str) -> int:
    lines = text.splitlines()
    return next(k + 1 for k, line in enumerate(lines) if re.search(pattern, line))


@pytest.mark.parametrize(
    ("implementer", "bad_line", "fragment"),
    [
        ({"actor": "NOPE", "issues": ["aid"]}, r"actor: NOPE", "unknown actor id 'NOPE'"),
        ({"actor": "IMP", "issues": ["aidd"]}, r"- aidd", "'aidd' is not an issue of arena"),
        ({"actor": "IMP", "issues": ["assets"]}, r"- assets", "'assets' is not an issue"),
        ({"actor": "WEAK", "issues": ["aid"]}, r"actor: WEAK", "is a signatory"),
        ({"actor": "M1", "issues": ["aid"]}, r"- aid$", "has no position on 'aid'"),
    ],
    ids=["unknown actor", "unknown issue", "issue outside arena", "signatory", "no position"],
)
def test_bad_implementers_name_the_place(implementer, bad_line, fragment):
    text = _yaml([{**implementer, "assumption": A}])
    message = _error(text)
    assert fragment in message, message
    # the implementers block is the only place where the offending token sits on its own line
    start = _line_of(text, r"^\s+implementers:")
    line = start + _line_of("\n".join(text.splitlines()[start:]), bad_line)
    assert re.search(rf"imp\.yaml:{line}:\d+", message), (message, line)


def test_implementer_needs_a_basis_and_issues():
    assert "assumption" in _error(_yaml([{"actor": "IMP", "issues": ["aid"]}]))
    assert "issues" in _error(_yaml([{"actor": "IMP", "issues": [], "assumption": A}]))


def test_vote_arena_cannot_have_implementers():
    data = implementer_dict(0, listed=False)
    data["arenas"][1]["implementers"] = [{"actor": "IMP", "issues": ["assets"], "assumption": A}]
    assert "cannot have implementers" in _error(yaml.safe_dump(data, sort_keys=False))


# --- built-in snapshots -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["ukraine-2025-12", "ukraine-2026-06"])
def test_builtin_europe_implements_what_only_it_can_deliver(name):
    from detente.scenario import load_scenario

    scenario = load_scenario(name)
    (eur,) = scenario.arena("peace_talks").implementers
    assert eur.actor == "EUR"
    assert {"sanctions_relief", "frozen_assets", "european_force"} <= set(eur.issues)
    assert "territory" not in eur.issues and "us_military_aid" not in eur.issues
    assert {"ev001_disrupt_not_shape", "ev002_eu_unanimity"} <= set(eur.evidence)
    assert set(eur.evidence) <= {ev.id for ev in scenario.evidence}
