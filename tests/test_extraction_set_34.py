"""Hard cases set heldout34 showed once scored, on short documents written here (never
the pages' text): talks 'broken off'; a ceasefire dated by what it did; a meeting
'slammed'; talks someone was 'invited' to; a role's possessor who is not its holder;
'Sir' before a given name."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_extraction_general_rules import events, extract, speakers


def test_talks_broken_off_are_a_rejection_not_talks() -> None:
    text, x = extract(
        "Moscow says Kyiv had broken off the negotiations in 2022.\n", "ukraine", "2025-05-11"
    )
    assert events(text, x) == {("REJECT", "2022-01-01", "2022")}


def test_a_ceasefire_that_did_something_was_made_and_one_championed_was_not() -> None:
    text, x = extract(
        "A ceasefire in October halted two years of war.\nThe border is calm despite a "
        "December truce that ended the clashes.\nOn Saturday, the president dropped plans for "
        "a ceasefire he had championed.\n",
        "gaza",
        "2026-01-14",
    )
    assert events(text, x) == {
        ("AGREE", "2025-10-01", "October"),
        ("AGREE", "2025-12-01", "December"),
    }


def test_a_meeting_slammed_is_an_accusation() -> None:
    text, x = extract(
        "The foreign minister earlier this week slammed the White House meeting as a clumsy "
        "attempt to change the plan.\n",
        "ukraine",
        "2025-08-22",
    )
    assert events(text, x) == {("ACCUSE", "2025-08-18", "this week")}


def test_talks_someone_was_invited_to_are_asked_for() -> None:
    text, x = extract(
        "The Russian leader invited his Ukrainian counterpart for peace talks in Moscow during "
        "a press conference on Wednesday.\n",
        "ukraine",
        "2025-09-05",
    )
    assert events(text, x) == {("REQUEST", "2025-09-03", "Wednesday")}


def test_the_possessor_of_a_role_is_not_the_one_who_holds_it() -> None:
    _, x = extract(
        "President Donald Trump’s special envoy and a key US negotiator on Iran, Gaza, and "
        "Ukraine, Steve Witkoff, has said that the United States is moving to phase two of "
        "the plan. The second stage is about beginning the “full demilitarisation and "
        "reconstruction of Gaza, starting with the weapons.”\n",
        "gaza",
        "2026-01-14",
    )
    assert speakers(x) == ["Steve Witkoff"]


def test_sir_before_a_given_name_is_the_full_name_given_before() -> None:
    _, x = extract(
        "European leaders, including Prime Minister Sir Keir Starmer, visited Kyiv on "
        "Saturday.\n\nSir Keir later told the BBC that the demand was one “that must be met by "
        "Moscow without delay”.\n",
        "ukraine",
        "2025-05-11",
    )
    assert speakers(x) == ["Keir Starmer"]
