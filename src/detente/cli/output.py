"""Shared CLI plumbing: one-line errors with exit code 2, JSON or rich output."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import numpy as np
import typer
from rich.console import Console

from detente.scenario.errors import DetenteError, ScenarioErrors

console = Console()
error_console = Console(stderr=True, highlight=False, soft_wrap=True)
F = TypeVar("F", bound=Callable[..., Any])


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


def fail(message: str) -> typer.Exit:
    error_console.print(f"error: {message}", markup=False)
    return typer.Exit(code=2)


def user_errors(func: F) -> F:
    """Turn a DetenteError into one line on stderr and exit code 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ScenarioErrors as exc:
            for problem in exc.errors[:1]:
                error_console.print(f"error: {problem.one_line()}", markup=False)
            if len(exc.errors) > 1:
                error_console.print(
                    f"({len(exc.errors) - 1} more problem(s); 'detente validate FILE' lists all)",
                    markup=False,
                )
            raise typer.Exit(code=2) from None
        except DetenteError as exc:
            raise fail(exc.one_line()) from None

    return wrapper  # type: ignore[return-value]
