"""A person named in full, then by honorific and surname ('added Mr Costa'): the speaker
is the full name given before, where the small model tags neither word of the second
naming, or tags the full name an organisation. Short documents written here (never the
pages' text), on two negotiations."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_extraction_general_rules import extract, speakers


@pytest.mark.parametrize(
    ("text", "scenario", "full_name"),
    [
        (
            "Council President Antonio Costa told reporters the bloc would keep the assets "
            'frozen "until Russia ends its war and pays for the damage".\n\nLeaders meet again '
            "next week.\n\n“The next step is to secure the money for the next two years,” added "
            "Mr Costa, who chairs the summit.\n",
            "ukraine",
            "Antonio Costa",
        ),
        (
            "The United States envoy Tom Perriello said the sides had met in Jeddah "
            '"to agree on a humanitarian truce before the rainy season".\n\nThe talks resume on '
            "Monday.\n\n“We are closer than we have been for months,” added Mr Perriello, who "
            "chairs the talks.\n",
            "sudan",
            "Tom Perriello",
        ),
        (  # 'Ramtane Lamamra' tagged ORG, 'Lamamra' PERSON
            "The United Nations envoy Ramtane Lamamra said the sides had met in Jeddah "
            '"to agree on a humanitarian truce before the rainy season".\n\nThe talks resume on '
            "Monday.\n\n“We are closer than we have been for months,” added Mr Lamamra, who "
            "chairs the talks.\n",
            "sudan",
            "Ramtane Lamamra",
        ),
    ],
)
def test_honorific_and_surname_is_the_full_name_given_before(
    text: str, scenario: str, full_name: str
) -> None:
    _, x = extract(text, scenario, "2025-11-20")
    assert speakers(x) == [full_name, full_name]


def test_a_text_named_with_its_owner_speaks_for_the_owner() -> None:
    """'Pakistan's statement said', 'The Kremlin readout said': the quote is the owner's,
    with its actor; a statement signed by several leaders has no one speaker."""
    _, x = extract(
        'Pakistan’s statement said that "any just and lasting settlement must be in '
        'accordance with the resolutions".\n',
        "india_pakistan",
        "2025-11-24",
    )
    assert [(q.speaker, q.speaker_actor) for q in x.quotes] == [("Pakistan", "PAK")]
    _, x = extract(
        'The Kremlin readout said the two presidents "agreed to continue contacts at all '
        'levels in the coming weeks".\n\nThe statement signed by Ukraine’s Volodymyr '
        'Zelensky, France’s Emmanuel Macron and Germany’s Friedrich Merz said "the current '
        'line of contact should be the starting point of negotiations".\n',
        "ukraine",
        "2025-10-21",
    )
    assert [(q.speaker, q.speaker_actor) for q in x.quotes] == [
        ("Kremlin", "RUS"),
        ("The statement", None),
    ]
