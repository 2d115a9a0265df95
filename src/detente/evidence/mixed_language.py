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


def foreign_paragraphs(text: str) -> list[Cut]:
    """Cuts for paragraphs of at least MIN_WORDS words that do not look English."""
    cuts = []
    for match in PARAGRAPH.finditer(text):
        paragraph = match.group()
        if len(paragraph.split()) >= MIN_WORDS and not looks_english(paragraph):
            cuts.append(Cut(match.start(), match.end(), REASON))
    return cuts
