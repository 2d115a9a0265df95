"""Shared CLI plumbing: one-line errors with exit code 2, JSON or rich output."""

from __future__ import annotations

import errno
import functools
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import numpy as np
import typer
from rich.console import Console
from typer.core import TyperGroup

try:  # typer >= 0.20 carries its own copy of click
    from typer._click.exceptions import ClickException, NoArgsIsHelpError
except ImportError:  # pragma: no cover - older typer on plain click
    from click.exceptions import ClickException, NoArgsIsHelpError

from detente.scenario.errors import MAX_MESSAGE_CHARS, DetenteError, shorten

# "file.yaml:100:3" is a place, not the :100: emoji; and no markup: a title, an assumption or
# a question written "[/]" prints as written (bold headings are rich Text, not markup)
console = Console(emoji=False, markup=False)
error_console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False, markup=False)
F = TypeVar("F", bound=Callable[..., Any])
MAX_RUNS = 10_000_000  # Monte Carlo runs of one command: hours of work, not days
MAX_SEED = 2**32 - 1


def _default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, set | tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: Any) -> None:
    """Machine output: plain JSON on stdout, nothing else."""
    sys.stdout.write(json.dumps(data, indent=2, default=_default, ensure_ascii=False) + "\n")


def fail(message: str, *more: str) -> typer.Exit:
    error_console.print(f"error: {message}")
    for line in more:
        error_console.print(line)
    return typer.Exit(code=2)


MAX_FURTHER_PROBLEMS = 20


def further_problems(exc: DetenteError) -> list[str]:
    """Each problem after the first of a file no command lists in full (questions,
    observed events, resolutions), one line each after the first line: that line names
    only their places, and a user fixing the file wants what is wrong at each. A
    scenario's are left to ``detente validate``, which its first line names."""
    errors = getattr(exc, "errors", None)
    if not errors or len(errors) < 2 or getattr(exc, "scenario", False):
        return []
    lines = [f"  also: {e.one_line()}" for e in errors[1 : 1 + MAX_FURTHER_PROBLEMS]]
    if len(errors) - 1 > MAX_FURTHER_PROBLEMS:
        lines.append(f"  ... and {len(errors) - 1 - MAX_FURTHER_PROBLEMS} more")
    return lines


def option_date(text: str | None, option: str) -> date | None:
    """An ISO date given to ``option`` (None if not given), refused with one line if not a
    date."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DetenteError(
            f"{option} {shorten(repr(text))} is not a date", hint="write YYYY-MM-DD"
        ) from None


def regular_file_or_new(value: Path | None) -> Path | None:
    """Option callback for a database file: refuse folders, pipes and devices up front.

    Why: DuckDB would block on a named pipe forever or report a folder as a lock.
    """
    if value is not None and value.exists() and not value.is_file():
        raise typer.BadParameter(
            f"{shorten(str(value))} is a folder, pipe or device, not a database file"
        )
    return value


def check_output_file(path: Path | None, option: str, example: str) -> None:
    """Refuse a folder where a file will be written, before any work is done."""
    if path is not None and path.is_dir():
        raise DetenteError(
            f"{option} {shorten(str(path))}: is a folder, not a file",
            hint=f"give a file name, e.g. {option} {shorten(str(path / example))}",
        )


def check_output_folder(path: Path | None, option: str) -> None:
    """Refuse a file where a folder of outputs will be written, before any work is done."""
    if path is not None and path.exists() and not path.is_dir():
        raise DetenteError(
            f"{option} {shorten(str(path))}: is a file, not a folder",
            hint=f"{option} names a folder; give a new or existing folder",
        )


def os_error_line(exc: OSError) -> str:
    """One line for a file the system refused (missing, a directory, no permission ...)."""
    name = exc.filename if exc.filename is not None else "(file)"
    reason = exc.strerror or type(exc).__name__
    hints = {
        errno.EISDIR: "give a file name, not a folder",
        errno.ENOENT: "check the path (and that its folder exists)",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.EACCES: "check the permissions, or choose another place",
        errno.ENOSPC: "free some disk space",
        errno.EEXIST: "choose another name or remove the existing file",
    }
    hint = hints.get(exc.errno or 0, "check the path")
    return f"{shorten(str(name), 240)}: {reason} (fix: {hint})"


def user_errors(func: F) -> F:
    """Turn a DetenteError into one line on stderr and exit code 2, never a traceback.

    Several problems in one file give the first one and a count ('detente validate'
    lists them all), still on one line.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DetenteError as exc:
            raise fail(exc.one_line(), *further_problems(exc)) from None
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise
            raise fail(os_error_line(exc)) from None

    return wrapper  # type: ignore[return-value]


class OneLineErrorsGroup(TyperGroup):
    """The root command: usage errors as one line (not a boxed panel), exit code 2.

    Why: a script reads one line on stderr; echoed values are shortened so a 5 MB
    argument is not repeated back. A DetenteError or OSError from a command that
    forgot ``@user_errors`` is also printed as one line rather than a traceback.
    """

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except ClickException as exc:
            error_console.print(f"error: {usage_error_line(exc)}")
            sys.exit(2)
        except typer.Abort:
            error_console.print("error: aborted")
            sys.exit(1)
        except DetenteError as exc:
            error_console.print(f"error: {exc.one_line()}")
            for line in further_problems(exc):
                error_console.print(line)
            sys.exit(2)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                sys.exit(1)
            error_console.print(f"error: {os_error_line(exc)}")
            sys.exit(2)
        sys.exit(result if isinstance(result, int) else 0)


def usage_error_line(exc: ClickException) -> str:
    """A click usage error on one line, with the command whose --help explains it."""
    message = shorten(" ".join(exc.format_message().split()), MAX_MESSAGE_CHARS)
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "detente"
    return f"{command}: {message} (fix: see '{command} --help')"


def date_header(point: Any) -> str:
    """A table column's header for a report date (an OutcomesAtDate or DateComparison)."""
    past = "\npast horizon" if point.past_horizon else ""
    return f"{point.label}\n{point.date}{past}"


MonthsOption = Annotated[
    str,
    typer.Option("--months", help="report dates, in months after as_of (e.g. 1,2,3 for a crisis)"),
]
ObservedOption = Annotated[
    Path | None,
    typer.Option("--observed", help="observed events since as-of (YAML): keep runs fitting them"),
]
