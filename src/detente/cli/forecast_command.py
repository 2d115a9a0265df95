"""detente forecast: the main job on a scenario (built-in default)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from detente.cli.output import console, print_json, user_errors
from detente.scenario import load_scenario
from detente.scenario.arrays import ScenarioArrays
from detente.solvers.compromise import plain_mean, weighted_mean, weighted_median

DEFAULT_SCENARIO = "ukraine-2025-12"


@user_errors
def forecast_command(
    scenario: Annotated[str, typer.Argument(help="built-in name or YAML path")] = DEFAULT_SCENARIO,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Summary of the scenario and where the compromise model puts the settlement."""
    s = load_scenario(scenario)
    arrays = ScenarioArrays.from_scenario(s)
    x, sal, cap = arrays.modes()
    mean, median, plain = (
        weighted_mean(x, sal, cap),
        weighted_median(x, sal, cap),
        plain_mean(x, sal),
    )
    rows = [
        {
            "issue": issue.id,
            "name": issue.name,
            "status_quo": issue.status_quo.mode,
            "weighted_mean": float(mean[k]),
            "weighted_median": float(median[k]),
            "mean": float(plain[k]),
        }
        for k, issue in enumerate(s.issues)
    ]
    if as_json:
        print_json({"scenario": s.id, "as_of": s.as_of, "settlement": rows})
        return
    console.print(
        f"[bold]{s.id}[/] as of {s.as_of}: {len(s.actors)} actors, "
        f"{len(s.issues)} issues, {len(s.arenas)} arenas"
    )
    table = Table(
        "issue",
        "status quo",
        "weighted mean",
        "weighted median",
        "mean",
        title="compromise model settlement (0-100 scale)",
    )
    for r in rows:
        table.add_row(
            r["name"],
            f"{r['status_quo']:.0f}",
            f"{r['weighted_mean']:.1f}",
            f"{r['weighted_median']:.1f}",
            f"{r['mean']:.1f}",
        )
    console.print(table)
