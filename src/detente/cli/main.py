"""The ``detente`` command.

Each command's module is imported only when that command runs (or when ``--help`` lists
them all). Why: importing every command up front (scenario schema, rich tables, DuckDB
stores, the web app ...) cost about 0.4 s of every process, more than ``solve`` itself.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import typer
from typer.main import get_command_from_info, get_group
from typer.models import CommandInfo

from detente.cli.output import OneLineErrorsGroup

# name -> "module:attribute", in the order ``detente --help`` lists them. An attribute is
# a command function or a Typer (a group of subcommands).
COMMANDS = {
    "list": "detente.cli.scenario_commands:list_command",
    "show": "detente.cli.scenario_commands:show_command",
    "validate": "detente.cli.scenario_commands:validate_command",
    "new": "detente.cli.new_command:new_command",
    "diff": "detente.cli.scenario_commands:diff_command",
    "forecast": "detente.cli.forecast_command:forecast_command",
    "solve": "detente.cli.solve_command:solve_command",
    "whatif": "detente.cli.analysis_commands:whatif_command",
    "sensitivity": "detente.cli.analysis_commands:sensitivity_command",
    "calibrate": "detente.cli.calibrate_command:calibrate_command",
    "diagnose": "detente.cli.diagnose_command:diagnose_command",
    "ask": "detente.cli.ask_command:ask_command",
    "explain": "detente.cli.explain_command:explain_command",
    "score": "detente.cli.score_command:score_command",
    "report": "detente.cli.report_command:report_command",
    "serve": "detente.cli.serve_command:serve_command",
    "sweep": "detente.cli.sweep_command:sweep_command",
    "runs": "detente.cli.store_commands:runs_command",
    "history": "detente.cli.store_commands:history_command",
    "backtest": "detente.cli.backtest_command:backtest_command",
    "ingest": "detente.cli.evidence_ingest_command:ingest_command",
    "brief": "detente.cli.evidence_ingest_command:brief_command",
    "update": "detente.cli.update_command:update_command",
    "evidence": "detente.cli.evidence_commands:evidence_app",
}


class LazyCommandsGroup(OneLineErrorsGroup):
    """click's "lazily loading subcommands" pattern on typer's group: a command is built
    from its module the first time it is looked up."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*COMMANDS, *(n for n in super().list_commands(ctx) if n not in COMMANDS)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            self.commands[cmd_name] = self._load(cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in COMMANDS:  # a typo: typer suggests from the loaded ones
            for name in COMMANDS:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

    def _load(self, name: str) -> Any:
        module_name, _, attribute = COMMANDS[name].partition(":")
        target = getattr(importlib.import_module(module_name), attribute)
        if isinstance(target, typer.Typer):
            command = get_group(target)
        else:
            command = get_command_from_info(
                CommandInfo(name=name, callback=target),
                pretty_exceptions_short=True,
                rich_markup_mode=self.rich_markup_mode,
            )
        command.name = name
        for each in (command, *getattr(command, "commands", {}).values()):
            if each.help:
                each.help = flowing_paragraphs(each.help)
        return command


def flowing_paragraphs(docstring: str) -> str:
    """A docstring's paragraphs each on one line. Why: typer's rich help keeps a
    docstring's line breaks, so a help wrapped at 88 columns in the source came out
    ragged at any other width (and the command list showed it across eight rows)."""
    paragraphs = inspect.cleandoc(docstring).split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


app = typer.Typer(
    cls=LazyCommandsGroup,
    help="detente: evidence-linked models and forecasts of war-ending negotiations.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _root() -> None:
    # A callback makes typer build a group although no command is registered up front.
    pass


if __name__ == "__main__":
    app()
