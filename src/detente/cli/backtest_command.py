"""detente backtest: what each snapshot would have forecast, scored on resolutions;
with --observed, one snapshot re-conditioned month by month (rolling mode)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.table import Column, Table

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
    observed: Annotated[
        list[Path] | None,
        typer.Option(
            "--observed",
            help="rolling mode: monthly observed-events files or a folder of them (repeatable); "
            "each file holds only what happened since the one before (they add up, in date "
            "order); one snapshot, re-conditioned and scored as of each file",
        ),
    ] = None,
) -> None:
    """Brier and log score and calibration of every snapshot, next to the baselines.

    With --observed (rolling mode): one snapshot, simulated once, conditioned each month
    on the events observed so far and scored on the questions still open then.
    """
    from detente.backtest import backtest

    if observed:
        if record or engine != "local":
            from detente.scenario.errors import DetenteError

            raise DetenteError(
                "the rolling mode (--observed) runs locally and records nothing",
                hint="drop --record and --engine, or drop --observed",
            )
        _rolling(snapshots, observed, resolutions, questions, runs, seed, as_json)
        return
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


def _rolling(
    snapshots: list[str],
    observed: list[Path],
    resolutions: Path,
    questions: Path | None,
    runs: int,
    seed: int,
    as_json: bool,
) -> None:
    """The month-by-month table of a rolling backtest (one snapshot, observed events)."""
    from detente.backtest.rolling import rolling_backtest
    from detente.scenario.errors import DetenteError

    if len(snapshots) != 1:
        raise DetenteError(
            f"a rolling backtest takes one snapshot, got {len(snapshots)}",
            hint="give one snapshot with --observed, or drop --observed to compare snapshots",
        )
    result = rolling_backtest(
        snapshots[0], observed, resolutions, runs=runs, seed=seed, questions=questions
    )
    if as_json:
        print_json(
            {
                "settings": result.settings,
                "snapshot": result.snapshot,
                "scenario": result.scenario_id,
                "as_of": result.as_of,
                "months": [
                    {
                        "observed": m.label,
                        "as_of": m.as_of,
                        "observations": m.observations,
                        "runs_kept": m.runs_kept,
                        "effective_sample_size": m.runs_kept,
                        "refused": m.refused,
                        "scored": m.scored,
                        "skipped": m.skipped,
                        "scores": _scores_json(m.scores),
                        "snapshot_scores": _scores_json(m.snapshot_scores),
                    }
                    for m in result.months
                ],
            }
        )
        return
    table = Table(
        Column("observed", no_wrap=True),
        Column("as of", no_wrap=True),
        "obs.",
        "runs kept",
        "scored",
        "Brier",
        "Brier snap.",
        "log",
        "log snap.",
        title=f"rolling backtest of {result.snapshot} (as of {result.as_of}): "
        f"{runs:,} runs, seed {seed}",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    for m in result.months:
        kept = f"{m.runs_kept:,}"
        if m.refused is not None or m.scores is None:
            table.add_row(Path(m.label).stem, m.as_of, str(m.observations), kept, "0", *["-"] * 4)
            continue
        table.add_row(
            Path(m.label).stem,
            m.as_of,
            str(m.observations),
            kept,
            str(m.scores.n),
            f"{m.scores.model.brier:.3f}",
            f"{m.snapshot_scores.model.brier:.3f}",
            f"{m.scores.model.log:.3f}",
            f"{m.snapshot_scores.model.log:.3f}",
        )
    console.print(table)
    console.print(
        "each row: the snapshot's runs kept if consistent with every event observed so far "
        "(runs kept = effective sample size), scored on the questions still open then; "
        "'snap.' = the unconditioned snapshot on the same questions. Brier: lower is better; "
        "log: higher is better.",
    )
    for m in result.months:
        if m.refused is not None:
            console.print(f"{m.label}: not scored ({m.refused})")
