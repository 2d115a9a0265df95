"""Errors that name the place (file:line:col), what is wrong and what to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"


class DetenteError(Exception):
    """Base class of every error a user can cause; the CLI prints it on one line, exit 2."""

    def __init__(self, message: str, *, location: Location | None = None, hint: str = "") -> None:
        self.message = message
        self.location = location
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{self.location}: " if self.location else ""
        fix = f" (fix: {self.hint})" if self.hint else ""
        return f"{where}{self.message}{fix}"


class ScenarioError(DetenteError):
    """A scenario file that cannot be read or does not validate."""


class ScenarioErrors(ScenarioError):
    """Several problems in one file; the first is the headline, all are listed."""

    def __init__(self, errors: list[ScenarioError]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(first.message, location=first.location, hint=first.hint)

    def one_line(self) -> str:
        head = super().one_line()
        more = len(getattr(self, "errors", [])) - 1
        return head if more <= 0 else f"{head} [+{more} more problem(s); run 'detente validate']"
