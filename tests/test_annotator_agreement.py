"""Two hand annotations of one page scored against each other by the extraction scorer."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from detente.evidence.gold import annotator_agreement

DATA = Path(__file__).resolve().parent / "data"


def _page() -> dict:
    return {
        "sha256": "a" * 64,
        "mentions": [],
        "quotes": [
            {"start": 10, "end": 40, "speaker": "Peskov"},
            {"start": 50, "end": 90, "speaker": "Zelensky"},
        ],
        "events": [
            {
                "start": 100,
                "end": 106,
                "kind": "CONSULT",
                "date": "2026-01-23",
                "granularity": "day",
            },
        ],
        "stances": [
            {"start": 120, "end": 160, "actor": "RUS", "issue": "territory", "polarity": "demand"},
            {"start": 170, "end": 200, "actor": "UKR", "issue": "territory", "polarity": "oppose"},
        ],
    }


def test_an_annotation_agrees_with_itself_and_with_a_reading_of_its_own_by_hand():
    first = {"p": _page()}
    keys, same, _ = annotator_agreement(first, copy.deepcopy(first))
    assert keys == ["p"]
    assert all(s.precision == s.recall == 1.0 for s in same.values())
    second = copy.deepcopy(first)
    page = second["p"]
    page["quotes"][1]["speaker"] = "Umerov"  # the second reader gives it to the aide
    page["stances"][0]["polarity"] = "conditional"  # and reads the demand as a condition
    page["stances"].append(
        {"start": 210, "end": 230, "actor": "USA", "issue": "territory", "polarity": "support"}
    )
    page["events"][0]["granularity"] = "week"  # the same meeting, a coarser date
    _, b_on_a, a_on_b = annotator_agreement(first, second)
    # by hand: quotes 1 of 2 both ways; stances 1 of the second's 3 and of the first's 2
    assert (b_on_a["quotes"].precision, b_on_a["quotes"].recall) == (0.5, 0.5)
    assert b_on_a["stances"].true_positives == 1
    assert b_on_a["stances"].precision == pytest.approx(1 / 3)
    assert b_on_a["stances"].recall == 0.5
    assert (a_on_b["stances"].precision, a_on_b["stances"].recall) == (0.5, pytest.approx(1 / 3))
    # the kind and day agree; the date's granularity does not
    assert b_on_a["events"].true_positives == 1 and b_on_a["event_dates"].true_positives == 0


def test_annotations_of_different_texts_are_refused():
    other = {"p": dict(_page(), sha256="b" * 64)}
    with pytest.raises(ValueError, match="different texts"):
        annotator_agreement({"p": _page()}, other)


def test_the_committed_second_annotation_points_into_the_same_texts_as_the_first():
    first = json.loads((DATA / "news_gold.json").read_text(encoding="utf-8"))["documents"]
    second = json.loads((DATA / "news_gold_second.json").read_text(encoding="utf-8"))
    keys, b_on_a, _ = annotator_agreement(first, second["documents"])
    assert len(keys) == len(second["documents"]) >= 4  # every page is one of the first's
    assert b_on_a["quotes"].expected > 0 and b_on_a["stances"].expected > 0
