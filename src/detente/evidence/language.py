"""A cheap English check: the share of words that are common English function words.

Running an English pipeline over another language gives confident nonsense;
this catches it without a language-identification model (none is offline).
"""

from __future__ import annotations

import re

FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "that",
        "for",
        "it",
        "on",
        "with",
        "as",
        "was",
        "by",
        "be",
        "are",
        "this",
        "at",
        "from",
        "or",
        "an",
        "not",
        "but",
        "have",
        "has",
        "had",
        "its",
        "which",
        "their",
        "they",
        "will",
        "would",
        "can",
        "could",
        "been",
        "were",
        "his",
        "her",
        "he",
        "she",
        "we",
        "there",
        "than",
        "more",
        "also",
        "into",
        "who",
        "what",
        "when",
        "so",
        "if",
        "no",
    ]
)
MIN_SHARE = 0.12


def english_share(text: str, limit: int = 20000) -> float:
    words = re.findall(r"[A-Za-z]+", text[:limit].lower())
    if not words:
        return 0.0
    return sum(w in FUNCTION_WORDS for w in words) / len(words)


def looks_english(text: str) -> bool:
    return english_share(text) >= MIN_SHARE
