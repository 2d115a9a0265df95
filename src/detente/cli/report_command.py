"""detente report: one self-contained HTML file of a forecast, plus chart files for slides."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.analysis.runs import DEFAULT_RUNS, DEFAULT_SEED
from detente.cli.output import (
    MAX_RUNS,
    MAX_SEED,
    MonthsOption,
    check_output_file,
    check_output_folder,
    console,
    print_json,
    user_errors,
)
from detente.scenario import load_scenario
from detente.scenario.errors import DetenteError

DEFAULT_SCENARIO = "ukraine-2025-12"
CHART_FORMATS = ("png", "svg")


def _formats(text: str) -> tuple[str, ...]:
    formats = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    bad = [f for f in formats if f not in CHART_FORMATS]
    if bad or not formats:
        raise DetenteError(
            f"--chart-format {text!r}: unknown format {bad[0] if bad else '(none)'}",
            hint="use png, svg or png,svg",
        )
    return formats


@user_errors
def report_command(
    scenario: Annotated[str, typer.Argument(help="built-in name or YAML path")] = DEFAULT_SCENARIO,
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write")] = Path(
        "report.html"
    ),
    runs: Annotated[int, typer.Option(max=MAX_RUNS, help="Monte Carlo runs")] = DEFAULT_RUNS,
    seed: Annotated[int, typer.Option(min=0, max=MAX_SEED, help="random seed")] = DEFAULT_SEED,
    charts_dir: Annotated[
        Path | None, typer.Option("--charts-dir", help="also write every chart here")
    ] = None,
    chart_format: Annotated[str, typer.Option(help="png, svg or png,svg")] = "png,svg",
    sensitivity: Annotated[
        Path | None,
        typer.Option(
            "--sensitivity",
            help="JSON of 'detente sensitivity SCENARIO --json': show its Sobol indices",
        ),
    ] = None,
    months: MonthsOption = "3,6,12",
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Write the forecast as one HTML file that works offline (charts inline, no CDN)."""
    from detente.analysis.outcomes import parse_months
    from detente.report.data import report_data
    from detente.report.figures import write_chart_files
    from detente.report.html import write_report

    formats = _formats(chart_format)
    dates = parse_months(months)
    check_output_file(output, "-o", "report.html")
    check_output_folder(charts_dir, "--charts-dir")
    if runs < 2:
        raise DetenteError(f"--runs {runs}: need at least 2", hint="use --runs 20000")
    s = load_scenario(scenario)
    sobol = None
    if sensitivity is not None:  # checked before the simulation: a bad file fails at once
        from detente.report.sobol_input import load_sobol

        sobol = load_sobol(sensitivity, s.id)
    data = report_data(s, runs=runs, seed=seed, question_set=scenario, months=dates)
    if sobol is not None:
        data["forecast"]["sobol"] = sobol
    written = write_report(data, output)
    charts = write_chart_files(data, charts_dir, formats) if charts_dir is not None else []
    if as_json:
        print_json(
            {
                "scenario": s.id,
                "report": str(written),
                "charts": [str(p) for p in charts],
                "runs": runs,
                "seed": seed,
                "months": list(dates),
            }
        )
        return
    console.print(f"wrote {written}")
    if charts:
        console.print(f"wrote {len(charts)} chart files to {charts_dir}")
