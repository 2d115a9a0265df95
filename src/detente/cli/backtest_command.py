"""detente backtest: what each snapshot would have forecast, scored on resolutions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from detente.cli.output import MAX_RUNS, MAX_SEED, console, print_json, user_errors
from detente.cli.store_commands import StoreOption
from detente.cli.sweep_command import EngineOption, SchedulerOption, WorkersOption


def _scores_json(scored: Any) -> dict[str, Any] | None:
    if scored is None:
        return None

    def one(s: Any) -> dict[str, Any]:
        return {
            "brier": s.brier,
            "log": s.log,
            "calibration": [bin_.__dict__ for bin_ in s.calibration],
        }

    return {
        "n": scored.n,
        "model": one(scored.model),
        "baseline_half": one(scored.half),
        "baseline_no_change": one(scored.status_quo),
    }


@user_errors
def backtest_command(
    snapshots: Annotated[
        list[str], typer.Argument(help="scenario snapshots (built-in names or YAML paths)")
    ],
    resolutions: Annotated[
        Path, typer.Option("--resolutions", help="YAML list of {id, outcome, resolved_on?}")
    ],
    questions: Annotated[
        Path | None,
        typer.Option("--questions", help="one question set for every snapshot"),
    ] = None,
    runs: Annotated[int, typer.Option("--runs", min=1, max=MAX_RUNS)] = 10_000,
    seed: Annotated[int, typer.Option("--seed", min=0, max=MAX_SEED)] = 0,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, max=MAX_RUNS)] = 10_000,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    workers: WorkersOption = 2,
    store: StoreOption = None,
    record: Annotated[
        bool, typer.Option("--record/--no-record", help="also record the forecasts in the store")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Brier and log score and calibration of every snapshot, next to the baselines."""
    from detente.backtest import backtest

    result = backtest(
        snapshots,
        resolutions,
        runs=runs,
        seed=seed,
        chunk_size=chunk_size,
        questions=questions,
        engine=engine,
        scheduler=scheduler,
        workers=workers,
        store=store,
        record=record,
    )
    if as_json:
        print_json(
            {
                "settings": result.settings,
                "snapshots": [
                    {
                        "snapshot": s.name,
                        "scenario": s.scenario_id,
                        "as_of": s.as_of,
                        "scenario_hash": s.scenario_hash,
                        "run_id": s.run_id,
                        "scored": s.scored,
                        "skipped": s.skipped,
                        "scores": _scores_json(s.scores),
                        "forecasts": s.document,
                    }
                    for s in result.snapshots
                ],
                "pooled": _scores_json(result.pooled),
            }
        )
        return
    table = Table(
        "snapshot",
        "as of",
        "scored",
        "Brier",
        "Brier 0.5",
        "Brier no change",
        "log",
        "log 0.5",
        "log no change",
        title=f"backtest: {runs:,} runs per snapshot, seed {seed} (Brier: lower is better; "
        "log: higher is better)",
    )
    rows = [(s.name, s.as_of, s.scores) for s in result.snapshots]
    rows.append(("pooled", "", result.pooled))
    for name, as_of, scores in rows:
        if scores is None:
            table.add_row(name, as_of, "0", *[""] * 6)
            continue
        table.add_row(
            name,
            as_of,
            str(scores.n),
            f"{scores.model.brier:.3f}",
            f"{scores.half.brier:.3f}",
            f"{scores.status_quo.brier:.3f}",
            f"{scores.model.log:.3f}",
            f"{scores.half.log:.3f}",
            f"{scores.status_quo.log:.3f}",
        )
    console.print(table)
    for s in result.snapshots:
        for qid, why in s.skipped.items():
            console.print(f"{s.name}: {qid} not scored ({why})")
    if result.pooled is not None:
        calibration = Table(
            "forecast bin", "n", "mean forecast", "observed", title="calibration (pooled)"
        )
        for b in result.pooled.model.calibration:
            calibration.add_row(
                f"{b.lower:.1f}-{b.upper:.1f}",
                str(b.count),
                f"{b.mean_forecast:.3f}",
                f"{b.observed_frequency:.3f}",
            )
        console.print(calibration)
