"""Paragraphs in another language are cut; English ones with few function words (a
headline, a photo caption full of names) are not. Sentences written here."""

from __future__ import annotations

import pytest

from detente.evidence.mixed_language import foreign_paragraphs

CAPTION = (
    "Malaysian Prime Minister Anwar Ibrahim (C), Cambodian Prime Minister Hun Manet (L) and "
    "Thailand's acting Prime Minister Phumtham Wechayachai shake hands in Putrajaya, Malaysia, "
    "July 28, 2025. (Bernama)"
)
HEADLINE = "Manet: Thais retracted ceasefire agreement just one hour after talks with ASEAN chair"


@pytest.mark.parametrize("paragraph", [CAPTION, HEADLINE])
def test_english_names_and_headlines_are_kept(paragraph: str) -> None:
    text = f"The leaders met on Monday and agreed to a ceasefire.\n\n{paragraph}\n"
    assert foreign_paragraphs(text) == []


@pytest.mark.parametrize(
    "paragraph",
    [
        "Der Minister sagte, dass die Verhandlungen in Genf mit den Parteien fortgesetzt werden.",
        "El ministro dijo que las negociaciones continuarán en Ginebra con las partes.",
        "Министр заявил, что переговоры продолжатся в Женеве на следующей неделе.",
    ],
)
def test_paragraphs_in_another_language_are_cut(paragraph: str) -> None:
    text = f"The leaders met on Monday and agreed to a ceasefire.\n\n{paragraph}\n"
    (cut,) = foreign_paragraphs(text)
    assert text[cut.start : cut.end] == paragraph
