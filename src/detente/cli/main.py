"""The ``detente`` command."""

from __future__ import annotations

import typer

from detente.cli.analysis_commands import sensitivity_command, whatif_command
from detente.cli.ask_command import ask_command
from detente.cli.backtest_command import backtest_command
from detente.cli.calibrate_command import calibrate_command
from detente.cli.evidence_commands import evidence_app
from detente.cli.evidence_ingest_command import brief_command, ingest_command
from detente.cli.explain_command import explain_command
from detente.cli.forecast_command import forecast_command
from detente.cli.new_command import new_command
from detente.cli.output import OneLineErrorsGroup
from detente.cli.report_command import report_command
from detente.cli.scenario_commands import (
    diff_command,
    list_command,
    show_command,
    validate_command,
)
from detente.cli.score_command import score_command
from detente.cli.serve_command import serve_command
from detente.cli.solve_command import solve_command
from detente.cli.store_commands import history_command, runs_command
from detente.cli.sweep_command import sweep_command
from detente.cli.update_command import update_command

app = typer.Typer(
    cls=OneLineErrorsGroup,
    help="detente: evidence-linked models and forecasts of war-ending negotiations.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("list")(list_command)
app.command("show")(show_command)
app.command("validate")(validate_command)
app.command("new")(new_command)
app.command("diff")(diff_command)
app.command("forecast")(forecast_command)
app.command("solve")(solve_command)
app.command("whatif")(whatif_command)
app.command("sensitivity")(sensitivity_command)
app.command("calibrate")(calibrate_command)
app.command("ask")(ask_command)
app.command("explain")(explain_command)
app.command("score")(score_command)
app.command("report")(report_command)
app.command("serve")(serve_command)
app.add_typer(evidence_app, name="evidence")
app.command("sweep")(sweep_command)
app.command("runs")(runs_command)
app.command("history")(history_command)
app.command("backtest")(backtest_command)
app.command("ingest")(ingest_command)
app.command("brief")(brief_command)
app.command("update")(update_command)

if __name__ == "__main__":
    app()
