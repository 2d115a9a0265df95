"""Errors that name the place (file:line:col), what is wrong and what to do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import get_close_matches

MAX_SHOWN_CHARS = 120  # an echoed value longer than this is cut in the middle
MAX_MESSAGE_CHARS = 600  # a whole message (place and hint aside)


def shorten(text: str, limit: int = MAX_SHOWN_CHARS) -> str:
    """``text`` cut in the middle to at most about ``limit`` characters.

    Why: an error line echoes what the user typed, and a 5 MB value must not
    become a 5 MB error line.
    """
    if len(text) <= limit:
        return text
    keep = max(limit // 2 - 10, 1)
    return f"{text[:keep]}...[{len(text) - 2 * keep} characters cut]...{text[-keep:]}"


@dataclass(frozen=True)
class Location:
    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        file = shorten(self.file, 2 * MAX_SHOWN_CHARS)
        if self.line is None:
            return file
        return f"{file}:{self.line}:{self.column or 1}"


class DetenteError(Exception):
    """Base class of every error a user can cause; the CLI prints it on one line, exit 2."""

    def __init__(self, message: str, *, location: Location | None = None, hint: str = "") -> None:
        self.message = message
        self.location = location
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{self.location}: " if self.location else ""
        fix = f" (fix: {shorten(self.hint, MAX_MESSAGE_CHARS)})" if self.hint else ""
        return f"{where}{shorten(self.message, MAX_MESSAGE_CHARS)}{fix}"


class ScenarioError(DetenteError):
    """A scenario file that cannot be read or does not validate."""


class ScenarioErrors(ScenarioError):
    """Several problems in one file; the first is the headline, all are listed.

    A scenario's line points to ``detente validate``, which lists every problem; any other
    file (observed events, resolutions) names the other problems' places itself, since
    ``validate`` reads only scenarios."""

    def __init__(
        self, errors: list[ScenarioError], total: int | None = None, *, scenario: bool = True
    ) -> None:
        self.errors = errors
        self.total = max(total or 0, len(errors))  # problems found, listed or not
        self.scenario = scenario
        first = errors[0]
        super().__init__(first.message, location=first.location, hint=first.hint)

    def one_line(self) -> str:
        head = super().one_line()
        more = getattr(self, "total", len(getattr(self, "errors", []))) - 1
        if more <= 0:
            return head
        if not getattr(self, "scenario", True):
            return head + others_by_place(self.errors)
        return f"{head} [+{more} more problem(s); run 'detente validate']"


MAX_PLACES_SHOWN = 5


def others_by_place(errors: list[DetenteError]) -> str:
    """' [+N more problem(s): file:line:col, ...]' for the problems after the first: where
    to look, when no command lists them all."""
    if len(errors) <= 1:
        return ""
    places = [str(e.location) for e in errors[1:] if e.location is not None]
    cut = " ..." if len(places) > MAX_PLACES_SHOWN else ""
    shown = ", ".join(places[:MAX_PLACES_SHOWN]) + cut
    return f" [+{len(errors) - 1} more problem(s): {shown}]"


MAX_SUGGESTION_POOL = 300  # fuzzy matching is quadratic; beyond this, only list the ids


def suggest_known(name: str, allowed: Iterable[str]) -> str:
    """A fix hint for an unknown id: the closest known one, and the ids known."""
    allowed = list(allowed)
    fits = len(allowed) <= MAX_SUGGESTION_POOL and len(name) <= 200
    close = get_close_matches(name, allowed, n=1) if fits else []
    listed = ", ".join(allowed[:12]) + (" ..." if len(allowed) > 12 else "")
    if not allowed:
        return "define it first"
    return f"did you mean {close[0]!r}? known: {listed}" if close else f"known: {listed}"
