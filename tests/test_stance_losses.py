"""gold.stance_losses: where each gold stance is lost, counted by hand on a short text."""

from __future__ import annotations

from types import SimpleNamespace

from detente.evidence.gold import STANCE_LOSSES, stance_losses
from detente.evidence.issue_terms import IssueVocabulary

TEXT = (
    "Kyiv rejects the ceasefire plan. Moscow wants the ceasefire. "
    "Russia insisted on it again. Kyiv opposed the guarantees."
)


def _span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def _gold(phrase: str, actor: str, issue: str, polarity: str) -> dict:
    start, end = _span(phrase)
    return {"start": start, "end": end, "actor": actor, "issue": issue, "polarity": polarity}


def _extracted(phrase: str, actor: str, issue: str, polarity: str) -> SimpleNamespace:
    start, end = _span(phrase)
    return SimpleNamespace(start=start, end=end, actor=actor, issue=issue, polarity=polarity)


def test_each_gold_stance_is_counted_once_in_the_first_loss_that_holds() -> None:
    vocabulary = IssueVocabulary.from_ids(("ceasefire", "amnesty"))
    gold = {
        "stances": [
            _gold("Kyiv rejects", "UKR", "ceasefire", "oppose"),  # found
            _gold("Moscow wants", "RUS", "ceasefire", "demand"),  # extracted as support
            _gold("Russia insisted on it", "RUS", "ceasefire", "demand"),  # named before only
            _gold("Kyiv opposed", "UKR", "amnesty", "oppose"),  # 'amnesty' never named
            _gold("the ceasefire plan", "EUR", "ceasefire", "support"),  # held by UKR there
        ]
    }
    extraction = SimpleNamespace(
        stances=[
            _extracted("Kyiv rejects the ceasefire plan", "UKR", "ceasefire", "oppose"),
            _extracted("Moscow wants the ceasefire", "RUS", "ceasefire", "support"),
        ]
    )
    losses = stance_losses(gold, extraction, TEXT, vocabulary)
    assert losses == {
        "found": 1,
        "wrong polarity": 1,
        "missed, issue named elsewhere in the document": 1,
        "missed, issue never named": 1,
        "wrong actor": 1,
    }
    assert set(losses) <= set(STANCE_LOSSES)


def test_a_miss_in_a_sentence_that_names_the_issue_is_the_grammars() -> None:
    vocabulary = IssueVocabulary.from_ids(("ceasefire",))
    gold = {"stances": [_gold("Moscow wants", "RUS", "ceasefire", "demand")]}
    losses = stance_losses(gold, SimpleNamespace(stances=[]), TEXT, vocabulary)
    assert losses == {"missed, issue named in its sentence": 1}
