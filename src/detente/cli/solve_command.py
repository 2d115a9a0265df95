"""detente solve: where static models say a settlement lands; presentation only."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from detente.cli.output import console, print_json, user_errors


def _fmt(value: float) -> str:
    return "-" if value != value else f"{value:.1f}"


@user_errors
def solve_command(
    scenario: Annotated[
        str, typer.Argument(help="built-in name, YAML path, or a KTAB/Decide/BDM file")
    ],
    model: Annotated[str, typer.Option("--model", "-m", help="model name")] = "weighted-mean",
    option: Annotated[
        list[str] | None, typer.Option("--option", "-o", help="model setting key=value")
    ] = None,
    compare: Annotated[
        bool, typer.Option("--compare", help="all models side by side (default settings)")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON for machines")] = False,
) -> None:
    """Predicted outcome per issue (and the trajectory of dynamic models)."""
    from detente.scenario import load_scenario
    from detente.scenario.arrays import ScenarioArrays
    from detente.solvers.registry import ModelInputs, compare_models, run_model

    s = load_scenario(scenario)
    arrays = ScenarioArrays.from_scenario(s)
    x, sal, c = arrays.modes()
    inputs = ModelInputs(x, sal, c, arrays.has_position, arrays.status_quo[:, 1])
    chosen = list(option or [])
    results = compare_models(inputs) if compare else [run_model(model, inputs, chosen)]
    issues = list(arrays.issue_ids)  # ids: names are long sentences in real scenarios
    if as_json:
        print_json(
            {
                "scenario": s.id,
                "issues": list(arrays.issue_ids),
                "status_quo": arrays.status_quo[:, 1],
                "models": {
                    r.model: {
                        "outcome": [None if v != v else float(v) for v in r.outcome],
                        "trajectory": None if r.trajectory is None else r.trajectory,
                        "note": r.note,
                    }
                    for r in results
                },
            }
        )
        return
    table = Table("issue", "status quo", *(r.model for r in results))
    table.title = f"{s.id}: predicted outcome per issue (0-100 scale)"
    for j, name in enumerate(issues):
        table.add_row(name, _fmt(arrays.status_quo[j, 1]), *(_fmt(r.outcome[j]) for r in results))
    console.print(table)
    for r in results:
        if r.note:
            console.print(f"{r.model}: {r.note}")
    if not compare and results[0].trajectory is not None:
        traj = Table("step", *issues)
        traj.title = f"{results[0].model} trajectory"
        for t, row in enumerate(results[0].trajectory):
            traj.add_row(str(t), *(_fmt(v) for v in row))
        console.print(traj)
