"""detente sweep: Monte Carlo (and one-at-a-time sweeps) on this machine or a Dask cluster,
results streamed to Parquet, forecasts recorded in the run store."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from detente.cli.output import (
    MAX_RUNS,
    MAX_SEED,
    check_output_folder,
    console,
    print_json,
    user_errors,
)
from detente.cli.store_commands import StoreOption

EngineOption = Annotated[
    str, typer.Option("--engine", help="local (this process) or dask (a cluster)")
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Dask scheduler address, e.g. tcp://host:8786 "
        "(default with --engine dask: a LocalCluster on 127.0.0.1)",
    ),
]
WorkersOption = Annotated[
    int,
    typer.Option("--workers", min=1, max=256, help="workers of the LocalCluster (no --scheduler)"),
]


@user_errors
def sweep_command(
    scenario: Annotated[str, typer.Argument(help="built-in name or scenario YAML path")],
    questions: Annotated[
        Path | None,
        typer.Option("--questions", help="questions YAML (default: the snapshot's own set)"),
    ] = None,
    runs: Annotated[int, typer.Option("--runs", min=1, max=MAX_RUNS)] = 10_000,
    seed: Annotated[int, typer.Option("--seed", min=0, max=MAX_SEED)] = 0,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, max=MAX_RUNS)] = 10_000,
    vary: Annotated[
        list[str] | None,
        typer.Option("--vary", help="PATH=V1,V2,... one setting per value (repeatable)"),
    ] = None,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    workers: WorkersOption = 2,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            help="keep the per-run Parquet files in this folder "
            "(a shared path for a multi-machine cluster)",
        ),
    ] = None,
    store: StoreOption = None,
    record: Annotated[
        bool, typer.Option("--record/--no-record", help="record forecasts in the run store")
    ] = True,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Simulate a snapshot, answer its questions for every setting, record them."""
    from detente.backtest.snapshots import load_snapshot
    from detente.distributed.sweeps import parse_vary, run_sweep
    from detente.store import open_store

    check_output_folder(output, "--output")
    snapshot = load_snapshot(scenario, questions)
    settings_vary = parse_vary(vary or [])
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="detente-sweep-") as scratch:
        folder = output if output is not None else Path(scratch)
        sweep = run_sweep(
            snapshot.scenario,
            snapshot.questions,
            folder,
            runs=runs,
            seed=seed,
            chunk_size=chunk_size,
            vary=settings_vary,
            engine=engine,
            scheduler=scheduler,
            workers=workers,
        )
        elapsed = time.perf_counter() - started
        documents = sweep.documents(snapshot.scenario.id)
        outcomes = [sweep.results.outcome_probabilities(k) for k in range(len(sweep.settings))]
    run_ids: list[int | None] = [None] * len(documents)
    store_path = None
    if record:
        with open_store(store) as run_store:
            store_path = str(run_store.path)
            for k, (setting, document) in enumerate(zip(sweep.settings, documents, strict=True)):
                run_ids[k] = run_store.record_run(
                    snapshot.scenario,
                    runs=runs,
                    seed=seed,
                    engine=engine,
                    settings={
                        "chunk_size": chunk_size,
                        "overrides": setting,
                        "questions": str(snapshot.questions_file),
                    },
                    forecasts=document["forecasts"],
                    label="what-if" if setting else None,
                )
    simulated = runs * len(sweep.settings)
    if as_json:
        print_json(
            {
                "scenario": snapshot.scenario.id,
                "as_of": snapshot.scenario.as_of,
                "runs": runs,
                "seed": seed,
                "engine": engine,
                "output": str(output) if output is not None else None,
                "store": store_path,
                "seconds": elapsed,
                "runs_per_second": simulated / elapsed,
                "settings": [
                    {"overrides": s, "run_id": r, "forecasts": d, "outcome_classes": o}
                    for s, r, d, o in zip(sweep.settings, run_ids, documents, outcomes, strict=True)
                ],
            }
        )
        return
    _print_table(snapshot.scenario.id, sweep.settings, documents)
    console.print(
        f"{simulated:,} runs in {elapsed:.1f} s ({simulated / elapsed:,.0f} runs/s, "
        f"engine {engine})"
        + (f"; recorded as run(s) {', '.join(map(str, run_ids))} in {store_path}" if record else "")
        + (f"; Parquet in {output}" if output is not None else "")
    )


def _print_table(scenario_id: str, settings: tuple, documents: list[dict]) -> None:
    table = Table(title=f"{scenario_id}: probability by setting (± s.e. of the baseline)")
    table.add_column("id", no_wrap=True)
    table.add_column("baseline", justify="right", no_wrap=True)
    for setting in settings[1:]:
        ((path, value),) = setting.items()
        table.add_column(f"{path.rsplit('.', 1)[-1]}={value:g}", justify="right")
    table.add_column("question", ratio=1)
    by_setting = [{f["id"]: f for f in d["forecasts"]} for d in documents]
    for forecast in documents[0]["forecasts"]:
        qid = forecast["id"]
        cells = [f"{forecast['probability']:.3f} ± {forecast['standard_error']:.3f}"]
        cells += [f"{b[qid]['probability']:.3f}" for b in by_setting[1:]]
        table.add_row(qid, *cells, forecast["text"])
    console.print(table)
