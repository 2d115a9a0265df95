"""Paragraphs in another language inside an English document, cut like boilerplate.

Why: a bilingual article (an English report quoting a statement in Russian or
French) is worth reading, but the English pipeline reads the other language as
confident nonsense. Such paragraphs become cuts: kept in the text, so offsets
stay valid, and left out of extraction; ingest reports how many it left out.
"""

from __future__ import annotations

import re

from detente.evidence.boilerplate import Cut
from detente.evidence.language import looks_english

PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
MIN_WORDS = 8  # shorter paragraphs (datelines, names) are too short to judge
REASON = "not English"
# function words of the other languages news pages in Latin script quote (French,
# Spanish, Portuguese, German, Italian), none of them an English word or a name particle
# ('de', 'la', 'die', 'a' are left out: 'de Mistura', 'La Paz')
OTHER_FUNCTION_WORDS = frozenset(
    [
        "le",
        "les",
        "des",
        "du",
        "et",
        "que",
        "qui",
        "une",
        "est",
        "dans",
        "pour",
        "pas",
        "sur",
        "avec",
        "au",
        "aux",
        "se",
        "ne",
        "el",
        "los",
        "las",
        "y",
        "del",
        "por",
        "con",
        "una",
        "es",
        "para",
        "não",
        "em",
        "com",
        "uma",
        "dos",
        "das",
        "der",
        "und",
        "ist",
        "nicht",
        "mit",
        "von",
        "zu",
        "dem",
        "ein",
        "eine",
        "auf",
        "für",
        "il",
        "che",
        "della",
        "sono",
        "per",
    ]
)
LATIN_WORD = re.compile(r"[^\W\d_]+")


def foreign_paragraphs(text: str) -> list[Cut]:
    """Cuts for paragraphs of at least MIN_WORDS words in another language."""
    cuts = []
    for match in PARAGRAPH.finditer(text):
        paragraph = match.group()
        if len(paragraph.split()) >= MIN_WORDS and _in_another_language(paragraph):
            cuts.append(Cut(match.start(), match.end(), REASON))
    return cuts


def _in_another_language(paragraph: str) -> bool:
    """Few English function words, and the letters of another script or another
    language's function words: a headline or a photo caption ('Anwar Ibrahim, Hun Manet
    and Phumtham Wechayachai shake hands in Putrajaya, Malaysia, July 28, 2025') is
    names with few function words, but English."""
    if looks_english(paragraph):
        return False
    letters = [c for c in paragraph if c.isalpha()]
    latin = sum(c.isascii() or "\u00c0" <= c <= "\u024f" for c in letters)
    if letters and latin / len(letters) < 0.5:
        return True
    words = [w.lower() for w in LATIN_WORD.findall(paragraph)]
    hits = sum(w in OTHER_FUNCTION_WORDS for w in words)
    return hits >= 2 and hits / max(len(words), 1) >= 0.1
