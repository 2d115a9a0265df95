"""detente runs / detente history: what the run store holds and how a forecast moved."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from detente.cli.output import console, print_json, regular_file_or_new, user_errors

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        callback=regular_file_or_new,
        help="run store file (default: $DETENTE_HOME/detente.duckdb)",
    ),
]


def _open_for_reading(store: Path | None) -> Any:
    """Read-only when possible (other processes may read too); migrate an old store first."""
    from detente.store import StoreError, open_store
    from detente.store.paths import resolve_store_path

    path = resolve_store_path(store)
    if not path.exists():
        return None
    try:
        return open_store(path, read_only=True)
    except StoreError as exc:
        if "schema version" not in exc.message:
            raise
        return open_store(path)


@user_errors
def runs_command(
    scenario: Annotated[
        str | None, typer.Option("--scenario", help="only runs of this scenario id")
    ] = None,
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List the recorded runs: scenario snapshot, seed, runs, engine, forecasts."""
    opened = _open_for_reading(store)
    rows = [] if opened is None else opened.list_runs(scenario_id=scenario)
    if opened is not None:
        opened.close()
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("no runs recorded yet ('detente sweep SCENARIO' records one)")
        return
    table = Table("run", "recorded (UTC)", "scenario", "as of", "snapshot", "runs", "seed")
    for name in ("engine", "forecasts", "label"):
        table.add_column(name)
    for r in rows:
        table.add_row(
            str(r["run_id"]),
            r["created_at"].strftime("%Y-%m-%d %H:%M"),
            r["scenario_id"],
            str(r["as_of"]),
            r["scenario_hash"][:12],
            f"{r['runs']:,}",
            str(r["seed"]),
            r["engine"],
            str(r["forecasts"]),
            r["label"] or "",
        )
    console.print(table)


@user_errors
def history_command(
    question_id: Annotated[str, typer.Argument(help="question id, e.g. from 'detente ask'")],
    include_what_if: Annotated[
        bool, typer.Option("--what-if", help="also runs with overridden settings")
    ] = False,
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """How one question's forecast moved across scenario snapshots and runs."""
    opened = _open_for_reading(store)
    rows = [] if opened is None else opened.history(question_id, include_what_if=include_what_if)
    if opened is not None:
        opened.close()
    previous = None
    for row in rows:
        row["change"] = None if previous is None else row["probability"] - previous
        previous = row["probability"]
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print(f"no forecasts of {question_id!r} recorded yet")
        return
    table = Table(
        "as of",
        "snapshot",
        "run",
        "runs",
        "probability",
        "± s.e.",
        "change",
        "label",
        title=f"{question_id} ({', '.join(sorted({r['scenario_id'] for r in rows}))}): "
        f"{rows[-1]['text'] or ''}",
    )
    for r in rows:
        change = "" if r["change"] is None else f"{r['change']:+.3f}"
        error = "" if r["standard_error"] is None else f"{r['standard_error']:.3f}"
        table.add_row(
            str(r["as_of"]),
            r["scenario_hash"][:8],
            str(r["run_id"]),
            f"{r['runs']:,}",
            f"{r['probability']:.3f}",
            error,
            change,
            r["label"] or "",
        )
    console.print(table)
