"""A document's text with its cited or extracted spans marked, escaped piece by piece.

Why build the markup here and not in a template loop: spans overlap (a quote inside a
stance inside an event), so the text is cut at every span boundary and each piece is
escaped with markupsafe and wrapped in one ``<mark>`` naming all spans that cover it.
Nothing from the document reaches the page unescaped, ``<script>`` included.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str  # e.g. evidence id or "quote"
    kind: str  # css class suffix: evidence, mention, quote, event, stance
    note: str = ""  # tooltip: the claim, speaker, event type ...


def highlight(text: str, spans: Sequence[Span]) -> Markup:
    """HTML of ``text`` with every span inside it marked; spans past the end are clipped."""
    n = len(text)
    usable = [s for s in spans if 0 <= s.start < s.end and s.start < n]
    cuts = sorted({0, n, *(s.start for s in usable), *(min(s.end, n) for s in usable)})
    pieces: list[str] = []
    for left, right in itertools.pairwise(cuts):
        chunk = escape(text[left:right])
        covering = [s for s in usable if s.start <= left and min(s.end, n) >= right]
        if not covering:
            pieces.append(str(chunk))
            continue
        kinds = " ".join(sorted({f"span-{s.kind}" for s in covering}))
        labels = " ".join(sorted({s.label for s in covering}))
        notes = "; ".join(f"{s.label}: {s.note}" if s.note else s.label for s in covering)
        pieces.append(
            f'<mark class="{escape(kinds)}" data-spans="{escape(labels)}" '
            f'title="{escape(notes)}">{chunk}</mark>'
        )
    return Markup("".join(pieces))
