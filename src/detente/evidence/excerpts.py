"""The sentence behind a pointer, read from the source file at display time.

Why read the file and not the store's copy: a briefing shows what the document
says now, and a pointer is only trustworthy while the file still hashes to the
sha256 recorded at ingest. A missing or changed file is said so, and the
pointer (source, offsets) is shown instead of a sentence that may be wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from detente.evidence.dating import CRAWLER_HEADER
from detente.evidence.documents import DocumentSkipped, read_document

MAX_SENTENCE_CHARS = 420
_SENTENCE_END = re.compile(r"(?:[.!?][\"'”’)\]]*\s)|\n")
# "U.S. officials", "Mr. Witkoff", "Feb. 17": a period that does not end a sentence
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.)*[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Jr|Sr|Prof|No|vs"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))\.$"
)


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    if match.group() == "\n":
        return True
    rest = text[match.end() : match.end() + 2].lstrip()
    if rest[:1].islower():
        return False
    word = text[max(0, match.start() - 12) : match.start() + 1].split()[-1:]
    return not (word and _ABBREVIATION.search(word[0]))


@dataclass(frozen=True)
class SourceText:
    text: str | None
    problem: str = ""  # empty when the file is there and unchanged


@dataclass(frozen=True)
class Excerpt:
    sentence: str | None
    problem: str = ""
    span: str = ""  # the pointed words themselves (a quote's words), one line


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) around text[start:end]: from the previous sentence end to the next."""
    left = max(0, start - MAX_SENTENCE_CHARS)
    for match in _SENTENCE_END.finditer(text, left, start):
        if _ends_sentence(text, match):
            left = match.end()
    header = CRAWLER_HEADER.match(text)  # ' date 2025-10-26 KUALA LUMPUR, ...': not said
    if header is not None and left < header.end() <= start:
        left = header.end()
    right = len(text)
    for match in _SENTENCE_END.finditer(text, max(start, end - 1), end + MAX_SENTENCE_CHARS):
        if _ends_sentence(text, match):
            right = match.end()
            break
    return left, max(right, end)


def shorten(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> str:
    """One line of at most about ``limit`` characters, keeping the pointed span whole."""
    left, right = sentence_bounds(text, start, end)
    if right - left > limit:
        room = max(0, limit - (end - start)) // 2
        left, right = max(left, start - room), min(right, end + room)
        prefix = "…" if left > 0 else ""
        return prefix + " ".join(text[left:right].split()) + "…"
    return " ".join(text[left:right].split())


class SourceReader:
    """Reads each source file once per briefing and checks it against the store's sha256."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], SourceText] = {}

    def read(self, path: str, sha256: str) -> SourceText:
        key = (path, sha256)
        if key not in self._cache:
            self._cache[key] = self._read(path, sha256)
        return self._cache[key]

    @staticmethod
    def _read(path: str, sha256: str) -> SourceText:
        if not path or not Path(path).is_file():
            return SourceText(None, f"source file missing ({path or 'no path recorded'})")
        try:
            raw = read_document(Path(path))
        except DocumentSkipped as exc:
            return SourceText(None, f"source file unreadable ({exc.message})")
        if raw.sha256 != sha256:
            return SourceText(
                None,
                f"source file changed since ingest (sha256 {sha256[:12]} -> {raw.sha256[:12]})",
            )
        return SourceText(raw.text)

    def excerpt(self, path: str, sha256: str, start: int, end: int) -> Excerpt:
        source = self.read(path, sha256)
        if source.text is None:
            return Excerpt(None, source.problem)
        if not 0 <= start < end <= len(source.text):
            return Excerpt(None, f"offsets {start}-{end} outside the document")
        return Excerpt(
            shorten(source.text, start, end), span=" ".join(source.text[start:end].split())
        )
