"""Boilerplate cuts on any text: spans in bounds, sorted and apart, a caption always ending
at its bracketed credit; built from the pieces the rules look for, so the fuzz reaches them
(credits, captions' verbs, sentence ends, abbreviations, line breaks)."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.evidence.boilerplate import find_cuts

PIECES = (
    "(AP)",
    "(AFP Photo)",
    "(AP Photo/Jane Doe)",
    "(Photo by X/AFP via Getty Images)",
    "(Reuters)",
    "(",
    ")",
    " speaks",
    ", left,",
    "Gen. ",
    "Sept. 26, 2024",
    ". ",
    "said. ",
    "\n",
    "\n\n",
    " date 2025-01-01\n",
    "Share\n",
    "REUTERS/Jane Doe\n",
    "FAQ\n",
    "—\n",
    "Mediators meet the delegations",
    "“",
    "”",
    "x" * 50,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=120))
def test_cuts_are_spans_in_order_and_captions_end_at_their_credit(pieces: list[str]) -> None:
    text = "".join(pieces)
    cuts = find_cuts(text)
    for cut in cuts:
        assert 0 <= cut.start < cut.end <= len(text)
        if cut.reason == "photo caption":
            assert text[cut.start : cut.end].rstrip(" \t").endswith(")")
    for first, second in pairwise(cuts):  # merged where they touch
        assert first.end < second.start


def test_a_long_run_of_caption_lines_is_cut_line_by_line() -> None:
    line = "Mediator Ali Khan, left, meets the delegation in Doha, Sept. 26, 2024 (AP)\n"
    text = line * 20_000  # 1.5 MB of captions: every line is one caption, nothing else
    cuts = find_cuts(text)
    assert len(cuts) == 20_000
    assert all(text[c.start : c.end] == line.rstrip("\n") for c in cuts)
