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

from detente.evidence.documents import DocumentSkipped, read_document

MAX_SENTENCE_CHARS = 420
_SENTENCE_END = re.compile(r"(?:[.!?][\"'”’)\]]*\s)|\n")


@dataclass(frozen=True)
class SourceText:
    text: str | None
    problem: str = ""  # empty when the file is there and unchanged


@dataclass(frozen=True)
class Excerpt:
    sentence: str | None
    problem: str = ""


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) around text[start:end]: from the previous sentence end to the next."""
    left = 0
    for match in _SENTENCE_END.finditer(text, max(0, start - MAX_SENTENCE_CHARS), start):
        left = match.end()
    match = _SENTENCE_END.search(text, max(end, start + 1) - 1 if end > start else end)
    right = match.end() if match else len(text)
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
        return Excerpt(shorten(source.text, start, end))
