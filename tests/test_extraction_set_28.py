"""Hard cases set heldout28 showed once scored, on short documents written here (never
the pages' text): a body that 'responded:' and a statement of several paragraphs in
straight marks, each left open as the next opens; a war 'which erupted' named through
its place; 'Speaking at a conference on Saturday' dating a statement, not an event; and a
closing mark typed the wrong way round (seen on set 12)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_extraction_general_rules import events, extract
from test_extraction_referents import speaker_of


def test_a_statement_over_paragraphs_left_open_is_all_said_by_who_responded() -> None:
    """'responded:' before a quote is an answer in words; each paragraph opened with a
    straight mark and left open goes on in the next, and the same office says it."""
    text, x = extract(
        "Reports on Saturday said the group considered the truce over.\n\n"
        'The Defence Office responded: "Today the group broke the truce again, and our '
        'forces answered."\n\n'
        '"We have kept every term of the truce, and they have not.\n\n'
        '"We call on the mediators to insist that the group keeps its side of the '
        'truce."\n',
        "gaza",
        "2025-11-23",
    )
    assert speaker_of(text, x, "Today the group broke") == "The Defence Office"
    assert speaker_of(text, x, "We have kept every term") == "The Defence Office"
    assert speaker_of(text, x, "We call on the mediators") == "The Defence Office"


def test_a_war_that_erupted_named_through_its_place_is_fighting() -> None:
    text, x = extract(
        "Last month, the mediators proposed a roadmap to halt the war in Sudan, which "
        "erupted in mid-April 2023 and has displaced millions.\n",
        "sudan",
        "2025-10-23",
    )
    assert ("ASSAULT", "2023-04-01", "mid-April 2023") in events(text, x)


def test_speaking_at_a_conference_dates_a_statement_not_an_event() -> None:
    text, x = extract(
        "Speaking at the annual security conference on Saturday, the president said this as "
        "Washington seeks to broker an agreement to end the war.\n",
        "ukraine",
        "2026-02-14",
    )
    assert not any(day == "Saturday" for _, _, day in events(text, x))


def test_a_closing_mark_typed_the_wrong_way_still_closes_the_quote() -> None:
    """'...,“ Ushakov told': a slip seen on a studied set, before the name that said it
    (a quote inside a quote, '“We said “no” to them”', keeps its own marks)."""
    text, x = extract(
        "“The missiles will not change the situation on the battlefield at all,“ Yuri "
        "Ushakov told reporters on Friday.\n",
        "ukraine",
        "2025-10-17",
    )
    assert speaker_of(text, x, "The missiles will not change") == "Yuri Ushakov"
