"""Split long kept segments into pieces spaCy can parse, at paragraph or sentence breaks.

Why: spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters) and its
parser's memory grows with the length of one text, so a long document under the
size limit must be parsed in pieces. A piece ends at the last paragraph break
before the limit, else the last sentence end, else the last space, so a quote or
a sentence is only cut where the text gives no better place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

PIECE_CHARS = 20_000  # also bounds a run-on "sentence" (lists, tables) for the extractors
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]?\s"))


def _cut_point(text: str, start: int, limit: int) -> int:
    """The end of the piece that starts at ``start``: a break at or before ``start + limit``."""
    window_end = start + limit
    floor = start + limit // 2  # never make pieces shorter than half the limit
    for pattern in _BREAKS:
        last = None
        for match in pattern.finditer(text, floor, window_end):
            last = match.end()
        if last is not None:
            return last
    space = text.rfind(" ", floor, window_end)
    return space + 1 if space > floor else window_end


def split_segment(
    text: str, start: int, end: int, limit: int = PIECE_CHARS
) -> Iterator[tuple[int, int]]:
    """Pieces (start, end) covering text[start:end], each at most ``limit`` characters."""
    while end - start > limit:
        cut = _cut_point(text, start, limit)
        yield start, cut
        start = cut
    if end > start:
        yield start, end
