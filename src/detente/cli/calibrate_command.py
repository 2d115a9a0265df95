"""detente calibrate: reproduce a scenario's calibration targets from its records."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from detente.cli.output import console, print_json, user_errors
from detente.cli.scenario_commands import JsonFlag, ScenarioArg
from detente.scenario import load_scenario
from detente.scenario.errors import DetenteError


@user_errors
def calibrate_command(
    scenario: ScenarioArg,
    runs: Annotated[
        int, typer.Option("--runs", help="runs per grid point", min=100, max=100_000)
    ] = 2000,
    seed: Annotated[int, typer.Option("--seed", help="random seed", min=0)] = 1,
    points: Annotated[int, typer.Option("--points", help="grid points", min=3, max=41)] = 9,
    as_json: JsonFlag = False,
) -> None:
    """Likelihood of each calibration record (``calibration:``) over its parameter's range."""
    from detente.analysis.calibration import calibrate

    s = load_scenario(scenario)
    if not s.calibration:
        raise DetenteError(
            f"scenario {s.id!r} has no calibration targets",
            hint="add calibration: [{id, record, parameter, arena, actor, texts, rejected}] "
            "(or window: {start, end} and accepted instead of texts and rejected), "
            "[{id, record, parameter, arena, decision, renewals, lapsed}] or "
            "[{id, record, parameter, arena, texts (or window), abandoned}]",
        )
    results = calibrate(s, runs=runs, seed=seed, points=points)
    if as_json:
        print_json(
            [
                {
                    "id": r.target.id,
                    "parameter": r.target.parameter,
                    "record": r.target.record,
                    "values": r.values,
                    "likelihood": r.likelihood,
                    "runs_used": r.runs_used,
                    "best": r.best,
                    "interval": r.interval,
                    "scenario_range": r.scenario_range,
                    "verdict": r.verdict,
                    "prior": r.prior,
                    "posterior_5_50_95": r.posterior,
                    "reproduced": r.reproduced,
                }
                for r in results
            ]
        )
        return
    for r in results:
        table = Table(title=f"{r.target.id}: {r.target.parameter}")
        table.add_column("value", justify="right")
        table.add_column("P(record)", justify="right")
        table.add_column("runs used", justify="right")
        for value, p, n in zip(r.values, r.likelihood, r.runs_used, strict=True):
            table.add_row(f"{value:.3g}", f"{p:.3f}", str(n))
        console.print(table)
        low, mode, high = r.scenario_range
        lo, hi = r.interval
        console.print(f"record: {r.target.record}", markup=False)
        console.print(
            f"best {r.best:.3g}; likelihood interval {lo:.3g}..{hi:.3g}; scenario "
            f"{mode:.3g} [{low:.3g}-{high:.3g}]: {r.verdict}",
            markup=False,
        )
        p5, p50, p95 = r.posterior
        a, m, b = r.prior
        console.print(
            f"posterior (prior {m:.3g} [{a:.3g}-{b:.3g}] x likelihood): 5% {p5:.3g}, "
            f"median {p50:.3g}, 95% {p95:.3g}; the scenario "
            + ("carries it (reproduced)" if r.reproduced else "does NOT carry it"),
            markup=False,
        )
