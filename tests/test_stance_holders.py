"""Who holds a stance, and which words say what it is about: the misreadings a new
analyst's Armenia-Azerbaijan briefing made, in short documents written here.

'X must ...' is a demand of whoever says so, never of X; the issue's own words ('the EU
mission', 'Armenia's constitution') name its owner, not who states the stance; and a
scenario's anchors say which issue a sentence is about only through their content
words: not the deal's own name ('treaty'), not a manner adverb ('formally'), and not,
as a direction, a word the anchor negates ('no plan to change it')."""

from __future__ import annotations

import re

import pytest
import yaml
from test_extraction_hard_cases import extract

from detente.evidence.issue_terms import IssueVocabulary
from detente.scenario.loader import parse_scenario_text

A = "a test"


def _scenario(packages: bool = True):
    data = {
        "id": "treaty-talks",
        "as_of": "2025-03-01",
        "horizon": "2025-12-31",
        "actors": [
            {"id": "ARM", "name": "Armenia", "capability": 20, "assumption": A},
            {
                "id": "AZE",
                "name": "Azerbaijan",
                "capability": 40,
                "assumption": A,
                "aliases": ["Baku", "Aliyev", "Ilham Aliyev"],
            },
            {
                "id": "EU",
                "name": "European Union",
                "capability": 60,
                "assumption": A,
                "aliases": ["EU"],
            },
        ],
        "issues": [
            {
                "id": "constitution",
                "name": "Armenia's constitution",
                "status_quo": 30,
                "scale": {
                    0: "constitution unchanged and no plan to change it",
                    100: "new constitution adopted before the treaty is signed",
                },
            },
            {
                "id": "observers",
                "name": "Observers on the border",
                "aliases": ["EU mission"],
                "status_quo": 50,
                "scale": {0: "observers stay", 100: "observers formally withdrawn"},
            },
            {
                "id": "assets",
                "name": "Frozen assets",
                "status_quo": 0,
                "scale": {0: "assets stay frozen", 100: "assets returned to their owner"},
            },
        ],
        "positions": [
            {"actor": a, "issue": i, "position": 50, "salience": 50, "assumption": A}
            for a in ("ARM", "AZE", "EU")
            for i in ("constitution", "observers", "assets")
        ],
        "arenas": [
            {
                "id": "direct",
                "kind": "bilateral",
                "signatories": ["ARM", "AZE"],
                "issues": ["constitution", "observers", "assets"],
                "meets": {"share": 0.3, "assumption": A},
                **({"packages": ["treaty"]} if packages else {}),
            }
        ],
    }
    if packages:
        data["packages"] = [{"id": "treaty", "kind": "comprehensive", "assumption": A}]
    return parse_scenario_text(yaml.safe_dump(data, sort_keys=False), "treaty.yaml")


@pytest.fixture(scope="module")
def talks():
    return _scenario()


def _held(text: str, scenario) -> set[tuple[str, str, str]]:
    _, x = extract(text, scenario, "2025-02-01")
    return {(s.actor, s.issue, s.polarity) for s in x.stances}


def _signs(scenario, issue: str, word: str) -> set[int]:
    patterns = IssueVocabulary.from_scenario(scenario).patterns[issue]
    return {sign for pattern, sign in patterns if pattern.search(word)}


def test_whoever_must_is_asked_and_holds_no_demand(talks) -> None:
    """A parse that finds no subject for 'stated' must not hand the demand to Armenia; the
    one named before does (Aliyev)."""
    held = _held(
        "Ilham Aliyev spoke in Baku. His deputy, speaking at a conference titled "
        '"The Main Obstacles to Signing a Peace Agreement Between Azerbaijan and Armenia," '
        "stated that Armenia must amend its constitution.",
        talks,
    )
    assert ("ARM", "constitution", "demand") not in held
    held = _held(
        "Aliyev set out Baku's terms. Two other conditions that Armenia must meet are: "
        "changing its constitution.",
        talks,
    )
    assert ("AZE", "constitution", "demand") in held
    assert not any(actor == "ARM" for actor, _, _ in held)


def test_the_issues_own_words_name_its_owner_not_the_holder(talks) -> None:
    held = _held(
        "Ilham Aliyev said late last year that the EU mission posed a threat to the peace "
        "process with Armenia, calling for an immediate halt to the effort.",
        talks,
    )
    assert ("AZE", "observers", "demand") in held
    assert not any(actor == "EU" for actor, _, _ in held)
    held = _held(
        '"The claims in Armenia\'s constitution are a barrier to achieving peace," the '
        "deputy minister told a conference in Baku.",
        talks,
    )
    assert not any(actor == "ARM" for actor, _, _ in held)


def test_the_deals_own_name_is_no_issue_word() -> None:
    """'treaty' of the constitution's 100 anchor is the scenario's deal (its package
    'treaty'): no sign of the constitution. Without that package it was one."""
    sentence = "Azerbaijan and Armenia have agreed on 15 of 17 articles of the draft treaty."
    assert _signs(_scenario(packages=False), "constitution", "treaty") == {1}
    assert _signs(_scenario(), "constitution", "treaty") == set()
    assert not any(issue == "constitution" for _, issue, _ in _held(sentence, _scenario()))


def test_a_manner_adverb_and_a_negated_word_of_an_anchor(talks) -> None:
    # 'formally withdrawn': 'withdrawn' is generic; 'formally' says how, not what
    assert _signs(talks, "observers", "formally") == set()
    assert not any(
        issue == "observers"
        for _, issue, _ in _held(
            "Both sides said they want to sign a deal to formally end the conflict.", talks
        )
    )
    # 'no plan to change it' (the 0 anchor): 'change' is about the constitution, toward
    # neither end, where it read as a move toward 0
    assert _signs(talks, "constitution", "change") == {0}
    assert _signs(talks, "constitution", "unchanged") == {-1}
    assert re.search("plan", "no plan") and _signs(talks, "constitution", "plan") == set()


def test_return_is_no_issue_word(talks) -> None:
    """'assets returned to their owner' made 'in return for', 'on his return to the White
    House' and 'the return of essential services' stances on frozen assets (three wrong
    stances on the rebuilt news pages, and a new analyst's Western Tigray edit)."""
    assert _signs(talks, "assets", "returned") == set()
    assert _signs(talks, "assets", "assets") == {0}
    held = _held("In return for a ceasefire, Aliyev demands the observers stay.", talks)
    assert not any(issue == "assets" for _, issue, _ in held)
