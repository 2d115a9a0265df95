"""detente solve: where static models say a settlement lands; presentation only."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from detente.cli.output import console, error_console, print_json, user_errors
from detente.scenario.errors import DetenteError

if TYPE_CHECKING:
    from detente.scenario.importers.common import NativeScale


def _fmt(value: float) -> str:
    return "-" if value != value else f"{value:.1f}"


def _cell(value: float, scale: NativeScale | None) -> str:
    """'7.39 years (56.5)': the file's own units first, the 0-100 value beside it."""
    if scale is None or value != value:
        return _fmt(value)
    unit = f" {scale.unit}" if scale.unit else ""
    return f"{scale.to_native(value):.2f}{unit} ({value:.1f})"


def _native(values: Any, scales: list[NativeScale | None]) -> list[float | None]:
    """Each value in its issue's own units (issues the file gives on 0-100 stay as they are)."""
    return [
        None if v != v else round(float(v) if sc is None else sc.to_native(float(v)), 6)
        for v, sc in zip(values, scales, strict=True)
    ]


def _load(scenario: str, lenient: bool) -> tuple[str, Any, dict[str, NativeScale]]:
    """The scenario's id, its arrays and, for an imported file, each issue's scale in the
    file's units. A lenient import prints one line per item it left out (file:line and
    what). A plainly valid imported table skips the pydantic Scenario (see table_arrays)."""
    from detente.scenario.arrays import ScenarioArrays
    from detente.scenario.importers import import_table, is_importable
    from detente.scenario.importers.table_arrays import table_arrays

    if not is_importable(scenario):
        if lenient:
            raise DetenteError(
                "--lenient applies to imported KTAB, Decide and BDM files only",
                hint="drop --lenient for a YAML scenario",
            )
        from detente.scenario import load_scenario

        loaded = load_scenario(scenario)
        return loaded.id, ScenarioArrays.from_scenario(loaded), {}
    table = import_table(scenario, lenient=lenient)
    fast = table_arrays(table)
    if fast is None:
        loaded = table.to_scenario()
        fast = loaded.id, ScenarioArrays.from_scenario(loaded)
    for line in table.skipped:
        error_console.print(f"skipped: {line}", soft_wrap=True)
    return *fast, table.native_scales_by_id()


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
    lenient: Annotated[
        bool,
        typer.Option(
            "--lenient",
            help="imported files: leave out bad data rows or cells (each is listed) "
            "instead of stopping at the first",
        ),
    ] = False,
) -> None:
    """Predicted outcome per issue (and the trajectory of dynamic models).

    Imported files show outcomes in the file's own units with the 0-100 value beside it."""
    from detente.solvers.registry import ModelInputs, compare_models, run_model

    scenario_id, arrays, native = _load(scenario, lenient)
    scales = [native.get(i) for i in arrays.issue_ids]
    x, sal, c = arrays.modes()
    inputs = ModelInputs(x, sal, c, arrays.has_position, arrays.status_quo[:, 1])
    chosen = list(option or [])
    results = compare_models(inputs) if compare else [run_model(model, inputs, chosen)]
    issues = list(arrays.issue_ids)  # ids: names are long sentences in real scenarios
    if as_json:
        print_json(
            {
                "scenario": scenario_id,
                "issues": list(arrays.issue_ids),
                "status_quo": arrays.status_quo[:, 1],
                "scale": "0-100",
                **(
                    {
                        "native_scales": {i: asdict(sc) for i, sc in native.items()},
                        "status_quo_native": _native(arrays.status_quo[:, 1], scales),
                    }
                    if native
                    else {}
                ),
                "models": {
                    r.model: {
                        "outcome": [None if v != v else float(v) for v in r.outcome],
                        **({"outcome_native": _native(r.outcome, scales)} if native else {}),
                        "trajectory": None if r.trajectory is None else r.trajectory,
                        "note": r.note,
                    }
                    for r in results
                },
            }
        )
        return
    table = Table("issue", "status quo", *(r.model for r in results))
    table.title = f"{scenario_id}: predicted outcome per issue " + (
        "(the file's units; 0-100 in brackets)" if native else "(0-100 scale)"
    )
    for j, name in enumerate(issues):
        sc = scales[j]
        table.add_row(
            name, _cell(arrays.status_quo[j, 1], sc), *(_cell(r.outcome[j], sc) for r in results)
        )
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
