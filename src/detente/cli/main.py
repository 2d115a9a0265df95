"""The ``detente`` command."""

from __future__ import annotations

import typer

from detente.cli.evidence_commands import evidence_app
from detente.cli.forecast_command import forecast_command
from detente.cli.scenario_commands import (
    diff_command,
    list_command,
    show_command,
    validate_command,
)

app = typer.Typer(
    help="detente: evidence-linked models and forecasts of war-ending negotiations.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("list")(list_command)
app.command("show")(show_command)
app.command("validate")(validate_command)
app.command("diff")(diff_command)
app.command("forecast")(forecast_command)
app.add_typer(evidence_app, name="evidence")

if __name__ == "__main__":
    app()
