"""detente new: write a commented template scenario (and its questions) to fill in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from detente.cli.output import console, option_date, user_errors
from detente.scenario.errors import DetenteError
from detente.scenario.ids import is_identifier


@user_errors
def new_command(
    name: Annotated[str, typer.Argument(help="scenario id, also the file name (NAME.yaml)")],
    folder: Annotated[
        Path, typer.Option("--dir", help="folder to write NAME.yaml and NAME.questions.yaml in")
    ] = Path("."),
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="the scenario's date YYYY-MM-DD (default today)")
    ] = None,
    round_days: Annotated[
        int,
        typer.Option(
            "--round-days",
            min=1,
            max=365,
            help="days between negotiation rounds; every per-round number is written for it",
        ),
    ] = 14,
) -> None:
    """A template scenario that validates, every number marked 'assumption:', and a checklist."""
    from detente.cli.scenario_template import CHECKLIST, questions_template, scenario_template

    if not is_identifier(name):
        raise DetenteError(
            f"{name!r} is not a usable scenario id",
            hint="start with a letter; use letters, digits, _ and - (at most 64)",
        )
    today = option_date(as_of, "--as-of") or dt.date.today()
    if not folder.is_dir():
        raise DetenteError(f"{folder}: no such folder", hint="create it or pick another --dir")
    scenario = folder / f"{name}.yaml"
    questions = folder / f"{name}.questions.yaml"
    for path in (scenario, questions):
        if path.exists():
            raise DetenteError(
                f"{path} already exists; not overwritten", hint="pick another NAME or --dir"
            )
    scenario.write_text(scenario_template(name, today, scenario.name, round_days), encoding="utf-8")
    questions.write_text(questions_template(name, today, scenario.name), encoding="utf-8")
    console.print(f"wrote {scenario} and {questions}", highlight=False)
    console.print("Fill in, in this order (also written as comments in the file):")
    for k, item in enumerate(CHECKLIST, 1):
        console.print(f"  [ ] {k}. {item.replace('NAME', name)}", highlight=False)
    console.print(
        f"Then: detente validate {scenario} && detente forecast {scenario}",
        highlight=False,
    )
