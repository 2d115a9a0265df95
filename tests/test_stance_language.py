"""Stance language the extractor reads: one short sentence of our own per rule, with
what the rule must extract and what it must leave alone (never article text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.evidence.actors import ActorLexicon
from detente.evidence.extract import PreparedDocument, extract_documents
from detente.evidence.issue_terms import IssueVocabulary
from detente.scenario import load_scenario
from detente.scenario.text import normalise_text

NEWS_SCENARIOS = Path(__file__).resolve().parent / "data" / "news_scenarios"


def stances_of(text: str, name: str = "india_pakistan") -> set[tuple[str, str, str]]:
    """(actor, issue, polarity) of every stance extracted from ``text``."""
    scenario = load_scenario(NEWS_SCENARIOS / f"{name}.yaml")
    document = PreparedDocument(
        "t", normalise_text(" date 2025-05-12 " + text), dt.date(2025, 5, 12), ()
    )
    [(_, extraction)] = list(
        extract_documents(
            [document],
            ActorLexicon.from_scenario(scenario),
            IssueVocabulary.from_scenario(scenario),
        )
    )
    return {(s.actor, s.issue, s.polarity) for s in extraction.stances}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # willingness, commitment, priority, importance and striving state support
        ("Pakistan was willing to go for a ceasefire.", {("PAK", "ceasefire", "support")}),
        ("Pakistan restated its commitment to the ceasefire.", {("PAK", "ceasefire", "support")}),
        (
            "India stressed the importance of a lasting ceasefire.",
            {("IND", "ceasefire", "support")},
        ),
        ("India is working to achieve a ceasefire.", {("IND", "ceasefire", "support")}),
        # an outcome reported as done is news, not a stance
        ("The ceasefire was achieved on Saturday.", set()),
        # ruling out, dismissing: opposition
        ("India ruled out a ceasefire.", {("IND", "ceasefire", "oppose")}),
        ("Pakistan dismissed the ceasefire.", {("PAK", "ceasefire", "oppose")}),
        # advocating is asking for it
        ("The United States advocated for a ceasefire.", {("USA", "ceasefire", "demand")}),
    ],
)
def test_stance_words(sentence: str, expected: set) -> None:
    assert stances_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("India expects Pakistan to respect the ceasefire.", {("IND", "ceasefire", "demand")}),
        # a forecast in the passive asks nothing of anyone
        ("The ceasefire is expected to hold.", set()),
    ],
)
def test_expecting_someone_to_act_is_a_demand(sentence: str, expected: set) -> None:
    assert stances_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "India said any ceasefire requires Pakistan to end its attacks.",
            {("IND", "ceasefire", "demand")},
        ),
        # an institution's own rule is no demand on the issue
        ("The United States requires a vote for any ceasefire aid.", set()),
    ],
)
def test_a_requirement_is_a_demand_of_whoever_states_it(sentence: str, expected: set) -> None:
    assert stances_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Pakistan announced a unilateral ceasefire.", {("PAK", "ceasefire", "support")}),
        ('"We announce a ceasefire from midnight," Dar said.', {("PAK", "ceasefire", "support")}),
        # announcing something else in a ceasefire sentence supports nothing
        ("India announced new strikes despite the ceasefire.", set()),
    ],
)
def test_announcing_a_ceasefire_supports_it(sentence: str, expected: set) -> None:
    assert stances_of(sentence) == expected


def test_worked_out_an_understanding_is_an_agreement() -> None:
    found = stances_of("India and Pakistan worked out an understanding on a ceasefire.")
    assert found == {("IND", "ceasefire", "support"), ("PAK", "ceasefire", "support")}
    assert stances_of("India worked out of Delhi during the ceasefire.") == set()


def test_efforts_are_the_stating_actor_s() -> None:
    found = stances_of("Washington said efforts are continuing to achieve a ceasefire.")
    assert found == {("USA", "ceasefire", "support")}


def test_both_sides_are_the_pair_a_hyphen_joins() -> None:
    found = stances_of(
        "At the India-Pakistan meeting hosted by the United States, the two sides "
        "agreed to a ceasefire."
    )
    assert found == {("IND", "ceasefire", "support"), ("PAK", "ceasefire", "support")}


def test_a_long_line_cut_short_is_no_title() -> None:
    """An excerpt may end mid-sentence: a long last line without a full stop is body text
    (a title line, short, still states nothing: see test_extraction_general_rules)."""
    text = (
        "Officials in Islamabad said on Monday that Pakistan agreed to a ceasefire with "
        "India after several days of talks in the capital and more meetings with envoys"
    )
    assert ("PAK", "ceasefire", "support") in stances_of(text)
