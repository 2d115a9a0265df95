"""The scenario's words the evidence pipeline reads. Where a scenario declares a ceasefire
package, a sentence about the ceasefire shows no stance on an issue that merely names it
('Monitoring the ceasefire'); the issue's whole name and aliases still find it. An actor
id that is its name's initials is one of its names. A stance an unnamed newcomer reports
is not given to the actor the story was about."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

from detente.evidence.actors import ActorLexicon
from detente.evidence.extract import PreparedDocument, extract_documents
from detente.evidence.issue_terms import IssueVocabulary
from detente.scenario import load_scenario
from detente.scenario.schema import Issue
from detente.scenario.text import normalise_text

NEWS = Path(__file__).resolve().parent / "data" / "news_scenarios" / "thai_cambodia.yaml"
MONITORING = Issue(
    id="monitoring",
    name="Monitoring the ceasefire",
    scale={0: "no observers", 100: "international observers on the border"},
    status_quo=10,
    aliases=("observers", "ceasefire monitoring"),
)
TEXT = (
    "Cambodia supports an immediate ceasefire, the foreign ministry said on Monday. "
    "Thailand rejected ceasefire monitoring by foreign observers, its army said."
)


def _with(*, package: bool, ceasefire_issue: bool):
    """The news scenario with the monitoring issue, with or without a ceasefire package
    and with or without its own 'ceasefire' issue."""
    loaded = load_scenario(NEWS)
    issues = tuple(i for i in loaded.issues if ceasefire_issue or i.id != "ceasefire")
    packages = (SimpleNamespace(kind="ceasefire"),) if package else ()
    return SimpleNamespace(
        id=loaded.id, actors=loaded.actors, issues=(*issues, MONITORING), packages=packages
    )


def _stances(scenario, text: str = TEXT) -> set[tuple[str, str, str]]:
    """(actor, issue, polarity) of every stance extracted from ``text`` by ``scenario``."""
    document = PreparedDocument("t", normalise_text(text), dt.date(2025, 7, 28), ())
    lexicon, vocabulary = (
        ActorLexicon.from_scenario(scenario),
        IssueVocabulary.from_scenario(scenario),
    )
    [(_, extraction)] = list(extract_documents([document], lexicon, vocabulary))
    return {(s.actor, s.issue, s.polarity) for s in extraction.stances}


def test_a_ceasefire_package_keeps_ceasefire_stances_off_an_issue_that_only_names_it() -> None:
    got = _stances(_with(package=True, ceasefire_issue=False))
    assert ("THA", "monitoring", "oppose") in got  # the alias, a whole phrase
    assert not any(actor == "KHM" for actor, _, _ in got)  # the deal is no issue here


def test_without_a_package_the_word_still_names_the_issue_as_before() -> None:
    got = _stances(_with(package=False, ceasefire_issue=False))
    assert ("KHM", "monitoring", "support") in got


def test_an_issue_that_is_the_ceasefire_keeps_its_stances() -> None:
    got = _stances(_with(package=True, ceasefire_issue=True))
    assert ("KHM", "ceasefire", "support") in got
    assert ("KHM", "monitoring", "support") not in got


def test_an_actor_id_that_is_its_name_s_initials_is_one_of_its_names() -> None:
    """'UAE' for 'United Arab Emirates' is how the news writes it; 'THA' for Thailand is a
    code the news does not use, so it is no alias."""
    loaded = load_scenario(NEWS)
    gulf = loaded.actors[0].model_copy(
        update={"id": "UAE", "name": "United Arab Emirates", "aliases": ()}
    )
    scenario = SimpleNamespace(id=loaded.id, actors=(*loaded.actors, gulf))
    table = ActorLexicon.from_scenario(scenario).alias_to_actor
    assert table["UAE"] == "UAE"
    assert "THA" not in table and "KHM" not in table


SUDAN = NEWS.parent / "sudan.yaml"
REPORTED = (
    "The Rapid Support Forces said on Thursday it accepted the humanitarian truce proposed "
    "by the Quad. {speaker} told The Associated Press that the {holder} will only agree to a "
    "humanitarian truce which includes withdrawing from civilian areas."
)


def _sudan_stances(text: str, *, army_alias: bool) -> set[tuple[str, str, str]]:
    """The Sudan news scenario, with or without 'army' among the SAF's names."""
    loaded = load_scenario(SUDAN)
    actors = tuple(
        a.model_copy(update={"aliases": tuple(x for x in a.aliases if x != "army")})
        if a.id == "SAF" and not army_alias
        else a
        for a in loaded.actors
    )
    scenario = SimpleNamespace(id=loaded.id, actors=actors, issues=loaded.issues, packages=())
    return _stances(scenario, text)


def test_a_stance_an_unnamed_newcomer_reports_is_not_given_to_the_last_actor() -> None:
    """'A Sudan military official told AP that the army will only agree ...': an
    indefinite speaker is someone new, so an unresolved holder is no one, not the RSF of
    the sentence before; with 'army' a name of the SAF, the SAF holds it; 'Its commander'
    points back to the RSF and keeps it."""
    official = REPORTED.format(speaker="A Sudan military official", holder="army")
    assert _sudan_stances(official, army_alias=False) == {("RSF", "humanitarian_truce", "support")}
    assert ("SAF", "humanitarian_truce", "conditional") in _sudan_stances(official, army_alias=True)
    own = REPORTED.format(speaker="Its commander", holder="group")
    assert ("RSF", "humanitarian_truce", "conditional") in _sudan_stances(own, army_alias=False)
