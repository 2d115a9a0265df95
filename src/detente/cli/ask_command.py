"""detente ask: simulate a scenario and answer its forecast questions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from detente.analysis.runs import DEFAULT_RUNS, DEFAULT_SEED
from detente.cli.output import (
    MAX_RUNS,
    MAX_SEED,
    ObservedOption,
    console,
    print_json,
    regular_file_or_new,
    user_errors,
)


@user_errors
def ask_command(
    scenario: Annotated[str, typer.Argument(help="built-in name or scenario YAML path")],
    questions: Annotated[
        Path | None,
        typer.Argument(
            help="questions YAML; default: the set 'forecast' uses (shipped with a built-in "
            "scenario, or NAME.questions.yaml next to a scenario file NAME.yaml)"
        ),
    ] = None,
    runs: Annotated[int, typer.Option("--runs", min=1, max=MAX_RUNS)] = DEFAULT_RUNS,
    seed: Annotated[int, typer.Option("--seed", min=0, max=MAX_SEED)] = DEFAULT_SEED,
    as_json: Annotated[bool, typer.Option("--json", help="print FORECASTS.json")] = False,
    record: Annotated[
        bool, typer.Option("--record", help="record the forecasts in the run store (history)")
    ] = False,
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            callback=regular_file_or_new,
            help="run store file (default: user data dir)",
        ),
    ] = None,
    observed: ObservedOption = None,
) -> None:
    """Probability of each question (share of Monte Carlo runs) with its standard error."""
    # imported here, not at the top: every command (e.g. `detente solve`) imports this module
    from detente.analysis.question_answers import question_set_path
    from detente.forecast.conditioning import observed_filter
    from detente.forecast.forecasts import forecast_questions, forecasts_document
    from detente.forecast.question_file import load_questions
    from detente.forecast.questions.check import Vocabulary
    from detente.forecast.reachability import unreachable_terms
    from detente.process import compile_scenario, simulate
    from detente.scenario import load_scenario
    from detente.scenario.errors import DetenteError

    s = load_scenario(scenario)
    if questions is None:
        questions = question_set_path(s, scenario)  # the same file 'forecast' answers
        if questions is None:
            raise DetenteError(
                f"no default question set for {scenario!r}",
                hint="give a questions YAML file as the second argument, or put one "
                "next to the scenario as NAME.questions.yaml",
            )
    specs = load_questions(questions, Vocabulary.from_scenario(s))
    keep = observed_filter(observed, s, runs)  # None without --observed; checked first
    log = simulate(s, runs=runs, seed=seed)
    if keep is not None:
        log = log.select(keep(log))
    forecasts = forecast_questions(specs, log)
    document = forecasts_document(forecasts, scenario=s.id, log=log, seed=seed)
    if keep is not None:
        document["observed"] = keep.diagnostics.to_dict()
    run_id = None
    if record:
        from detente.store import record_forecast_file

        observed_settings = None if keep is None else {"observed": document["observed"]}
        run_id = record_forecast_file(document, s, store=store, settings=observed_settings)
    if as_json:
        print_json({**document, "run_id": run_id} if record else document)
        return
    if keep is not None:
        console.print(keep.diagnostics.line())
    table = Table(
        title=f"{s.id} as of {s.as_of}: {log.n_runs} runs, seed {seed}", box=box.SIMPLE_HEAD
    )
    # on an 80-column terminal the question keeps a readable width; long ids fold
    table.add_column("id", overflow="fold", max_width=16)
    table.add_column("by", no_wrap=True)
    table.add_column("p", justify="right", no_wrap=True)
    table.add_column("± s.e.", justify="right", no_wrap=True)
    table.add_column("no change", no_wrap=True)
    table.add_column("question", ratio=1)
    for f in forecasts:
        table.add_row(
            f.id,
            f.resolution_date,
            f"{f.probability:.3f}",
            f"{f.standard_error:.3f}",
            "holds" if f.status_quo_holds else "fails",
            f.text,
        )
    console.print(table)
    console.print(
        "p = share of runs where the question holds; 'no change': whether it holds "
        "(holds / fails) if nothing happens after the as-of date"
    )
    compiled = compile_scenario(s)
    for spec in specs:
        for term in unreachable_terms(spec.tree, compiled):
            console.print(
                f"! {spec.id}: {term}; its answer comes from the scenario's structure",
            )
    if run_id is not None:
        console.print(f"recorded as run {run_id}; see 'detente history QUESTION_ID'")
