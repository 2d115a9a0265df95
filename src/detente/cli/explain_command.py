"""detente explain: why a question gets its probability (paths, drivers, example runs)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Column, Table
from rich.text import Text

from detente.analysis.runs import DEFAULT_RUNS, DEFAULT_SEED
from detente.cli.output import console, print_json, user_errors
from detente.report.format import pct, signed


@user_errors
def explain_command(
    scenario: Annotated[str, typer.Argument(help="built-in name or scenario YAML path")],
    question_id: Annotated[str, typer.Argument(help="id of a question in the question set")],
    questions: Annotated[
        Path | None,
        typer.Option("--questions", help="questions YAML (default: the set 'forecast' uses)"),
    ] = None,
    runs: Annotated[
        int, typer.Option("--runs", min=2, max=1_000_000, help="as 'forecast' (same number)")
    ] = DEFAULT_RUNS,
    seed: Annotated[int, typer.Option("--seed", min=0, help="as 'forecast'")] = DEFAULT_SEED,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON for machines")] = False,
) -> None:
    """Which event paths lead to yes, what drives the answer, and three runs as stories."""
    from detente.analysis.explain import explain_question
    from detente.scenario import load_scenario

    s = load_scenario(scenario)
    e = explain_question(s, question_id, source=scenario, questions=questions, runs=runs, seed=seed)
    if as_json:
        print_json(e.to_dict())
        return
    console.print(
        Text.assemble(
            (e.question, "bold"),
            f" ({e.question_file}): {e.text}\n{e.expression}\n"
            f"probability {pct(e.probability)} ± {pct(e.standard_error)} "
            f"({e.runs:,} runs, seed {e.seed})",
        )
    )
    table = Table(
        Column("path (salient events up to the first agreement)", overflow="fold", ratio=1),
        Column("of yes-runs", justify="right"),
        Column("of no-runs", justify="right"),
        Column("P(yes | path)", justify="right"),
        title="which paths lead to yes",
    )
    for p in e.paths:
        table.add_row(p.path, pct(p.share_of_yes), pct(p.share_of_no), pct(p.probability_yes))
    console.print(table)
    if e.drivers:
        table = Table(Column("parameter", overflow="fold"), "Spearman rho", "effect")
        table.title = "drivers of this answer"
        for d in e.drivers:
            table.add_row(d.parameter, signed(d.spearman, 3), f"{d.direction} the chance of yes")
        console.print(table)
    else:
        console.print("drivers: none (the answer is the same in every run)")
    for x in e.examples:
        console.print(
            Text.assemble(
                "\n", (f"run {x.run}", "bold"), f" ({'yes' if x.answer else 'no'}): {x.path}"
            )
        )
        for day in x.story:
            console.print(f"  {day.date}  {day.text}", highlight=False)
