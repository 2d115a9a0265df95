"""Hard cases set heldout33 showed once scored, on short documents written here (never
the pages' text): a signing someone is pushed toward; talks proposed for next week; a
fight that had begun some days before the day named; a war that 'won't start'."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_extraction_general_rules import events, extract


def test_a_signing_pushed_or_proposed_is_a_request_and_one_agreed_to_is_not() -> None:
    text, x = extract(
        "Yerevan on Monday pushed Baku to sign the peace treaty.\n"
        "The prime minister on Wednesday proposed signing the agreement at a summit.\n"
        "The two foreign ministers agreed on Friday to sign the treaty.\n",
        "caucasus",
        "2025-04-19",
    )
    assert events(text, x) == {
        ("REQUEST", "2025-04-14", "Monday"),
        ("REQUEST", "2025-04-16", "Wednesday"),
        ("AGREE", "2025-04-18", "Friday"),
    }


def test_a_day_to_come_after_an_act_told_as_done_dates_the_talks_it_names() -> None:
    text, x = extract(
        "Washington has proposed another round of talks next week, the president said.\n",
        "ukraine",
        "2026-03-10",
    )
    assert events(text, x) == {("CONSULT", "2026-03-16", "next week")}


def test_a_fight_begun_some_days_earlier_is_counted_from_the_day_named() -> None:
    text, x = extract(
        "On Saturday, the confrontation that had begun four days earlier spread to the "
        "air bases.\n",
        "india_pakistan",
        "2025-05-11",
    )
    assert ("ASSAULT", "2025-05-06", "four days earlier") in events(text, x)


def test_an_act_said_not_to_have_happened_is_no_event() -> None:
    text, x = extract(
        "Russian forces did not attack the capital on Monday.\nThe ministers did not meet on "
        "Friday.\nNo proposal guarantees that a new war won't start tomorrow.\nThe clashes "
        "started on Tuesday along the border.\n",
        "ukraine",
        "2025-08-13",
    )
    assert events(text, x) == {("ASSAULT", "2025-08-12", "Tuesday")}
