"""detente whatif / detente sensitivity: presentation of detente.analysis results."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from detente.analysis.outcome_words import outcome_rows
from detente.analysis.runs import DEFAULT_SEED
from detente.cli.output import (
    MAX_RUNS,
    MAX_SEED,
    MonthsOption,
    console,
    date_header,
    option_date,
    print_json,
    user_errors,
)
from detente.report.format import num, pct, signed
from detente.scenario.errors import DetenteError

ScenarioArg = Annotated[str, typer.Argument(help="a built-in scenario name or a YAML path")]
JsonFlag = Annotated[bool, typer.Option("--json", help="print JSON for machines")]
SeedOption = Annotated[
    int,
    typer.Option("--seed", min=0, max=MAX_SEED, help="random seed (shared by both sides)"),
]


MAX_SOBOL_SAMPLES = 2**16  # runs = N(p+2): with ~100 numbers this is already ~7M runs


def _diff(d: float, se: float) -> str:
    return f"{signed(100 * d)} ±{num(100 * se)}"


@user_errors
def whatif_command(
    scenario: ScenarioArg,
    settings: Annotated[
        list[str] | None,
        typer.Option("--set", help="PATH=VALUE, repeatable (one intervention together)"),
    ] = None,
    interventions_file: Annotated[
        Path | None, typer.Option("--interventions", help="YAML file of named interventions")
    ] = None,
    runs: Annotated[
        int, typer.Option("--runs", max=MAX_RUNS, help="Monte Carlo runs per side")
    ] = 10_000,
    seed: SeedOption = DEFAULT_SEED,
    as_json: JsonFlag = False,
    workers: Annotated[
        int,
        typer.Option("--workers", min=1, max=64, help="processes (the result is the same)"),
    ] = 2,
    months: MonthsOption = "3,6,12",
) -> None:
    """Compare outcome distributions with and without interventions (common random numbers).

    Without --set or --interventions, a built-in scenario uses the example interventions
    shipped with it.
    """
    from detente.analysis.interventions import (
        builtin_interventions_path,
        load_interventions,
        no_interventions_error,
        parse_set_options,
    )
    from detente.analysis.outcomes import parse_months
    from detente.analysis.question_answers import question_set_path
    from detente.analysis.whatif import compare_interventions
    from detente.forecast.question_file import load_questions
    from detente.forecast.questions.check import Vocabulary
    from detente.scenario import load_scenario

    dates = parse_months(months)
    s = load_scenario(scenario)
    chosen = []
    from_options = parse_set_options(settings or [])
    if from_options is not None:
        chosen.append(from_options)
    file = interventions_file
    if file is None and from_options is None:
        file = builtin_interventions_path(scenario)
        if file is None:
            raise no_interventions_error(scenario)
    if file is not None:
        chosen.extend(load_interventions(file, s))
    questions_file = question_set_path(s, scenario)
    questions = (
        load_questions(questions_file, Vocabulary.from_scenario(s)) if questions_file else ()
    )
    result = compare_interventions(
        s, chosen, runs=runs, seed=seed, questions=questions, workers=workers, months=dates
    )
    if as_json:
        print_json(result.to_dict())
        return
    console.print(
        Text.assemble(
            (result.scenario, "bold"),
            f" as of {result.as_of}: {result.runs:,} runs per side, seed {result.seed}\n",
            (result.standard_error, "dim"),
        )
    )
    for comparison in result.comparisons:
        console.print(Text.assemble("\n", (comparison.name, "bold"), f": {comparison.description}"))
        settings = ", ".join(f"{p} = {v}" for p, v in comparison.settings.items())
        if comparison.name != "set":  # --set already describes itself by its settings
            console.print(f"  {settings}")
        table = Table("outcome", title="share of runs: base -> what-if, difference (pp ± SE)")
        for date in comparison.dates:
            table.add_column(date_header(date), justify="right")
        keys = [row.outcome for row in comparison.dates[0].outcomes]
        for row_index, name in outcome_rows(keys, result.at_war, result.in_force):
            cells = []
            for date in comparison.dates:
                change = date.outcomes[row_index]
                cells.append(
                    f"{num(100 * change.baseline)} -> {num(100 * change.intervention)}\n"
                    f"{_diff(change.difference, change.difference_se)}"
                )
            table.add_row(name, *cells)
        console.print(table)
        table = Table(
            "issue",
            "settled",
            "mean",
            "difference",
            title="settlement over runs that settle the issue: base -> what-if",
        )
        for st in comparison.settlement:
            table.add_row(
                st.issue,
                f"{pct(st.baseline_settled)} -> {pct(st.intervention_settled)}",
                f"{num(st.baseline)} -> {num(st.intervention)}",
                "-"
                if st.difference is None
                else f"{st.difference:+.1f} ±{st.difference_se or 0:.1f}",
            )
        console.print(table)
        if comparison.questions:
            table = Table("question", "base", "what-if", "difference (pp ± SE)")
            for q in comparison.questions:
                table.add_row(
                    q.id,
                    pct(q.baseline),
                    pct(q.intervention),
                    _diff(q.difference, q.difference_se),
                )
            console.print(table)


@user_errors
def sensitivity_command(
    scenario: ScenarioArg,
    samples: Annotated[
        int,
        typer.Option(
            "--samples",
            max=MAX_SOBOL_SAMPLES,
            help="Sobol base samples N (power of 2); runs = N(p+2)",
        ),
    ] = 512,
    seed: SeedOption = DEFAULT_SEED,
    top: Annotated[int, typer.Option("--top", min=0, max=10_000, help="parameters to show")] = 10,
    months: Annotated[
        str | None,
        typer.Option(
            "--months",
            help="read the outputs this many months after as_of instead of at the horizon "
            "(one date): where nearly every run agrees by the horizon, how soon is the question",
        ),
    ] = None,
    on_date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="read the outputs on this date (YYYY-MM-DD) instead: a crisis decided in "
            "days, e.g. the median first agreement 'forecast' names when nearly all agree",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Sobol indices of P(agreement), P(armistice), P(abandoned) at the horizon (or
    --months after as_of, or on --date)."""
    from detente.analysis.outcomes import one_month_point
    from detente.analysis.sensitivity import sobol_sensitivity
    from detente.scenario import load_scenario

    loaded = load_scenario(scenario)
    day, at = None, ""
    date = option_date(on_date, "--date")
    if date is not None and months is not None:
        raise DetenteError(
            "--months and --date both name the date to read the outputs on",
            hint="give one of them",
        )
    if date is not None:
        if not loaded.as_of < date <= loaded.horizon:
            raise DetenteError(
                f"--date {date} is not after as_of {loaded.as_of} and on or before the "
                f"horizon {loaded.horizon}",
                hint="give a date the runs cover",
            )
        day, at = (date - loaded.as_of).days, date.isoformat()
    if months is not None:
        point = one_month_point(months, loaded.as_of, loaded.horizon, "sensitivity")
        day = point.day
        at = (
            f"the horizon {loaded.horizon} ({point.label} asked; the runs end there)"
            if point.past_horizon
            else f"{point.date} ({point.label})"
        )
    result = sobol_sensitivity(loaded, samples=samples, seed=seed, day=day, at=at)
    if as_json:
        print_json(result.to_dict())
        return
    console.print(
        Text.assemble(
            (result.scenario, "bold"),
            f": {result.parameters} uncertain numbers, "
            f"{result.samples} base samples, {result.runs:,} runs, seed {result.seed}\n",
            (result.method, "dim"),
        )
    )
    for out in result.outputs:
        head = f"P({out.output} at {result.at}) = {pct(out.probability)}"
        if out.note or out.warning:  # no indices, or none to rank: say so, not a table
            console.print(f"{head}: {out.note or 'no ranking: ' + out.warning}")
            continue
        table = Table("parameter", "ST", "± conf", "S1", "± conf")
        table.title = f"{head}; by total index"
        for index in out.indices[: max(top, 0)]:
            table.add_row(
                index.parameter,
                f"{index.ST:.3f}",
                f"{index.ST_conf:.3f}",
                f"{index.S1:.3f}",
                f"{index.S1_conf:.3f}",
            )
        console.print(table)
