"""detente forecast: the main job on a scenario (built-in default); presentation only."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Column, Table
from rich.text import Text

from detente.analysis.outcome_words import agreement_label, outcome_labels
from detente.analysis.runs import DEFAULT_RUNS, DEFAULT_SEED
from detente.cli.output import (
    MAX_RUNS,
    MAX_SEED,
    MonthsOption,
    ObservedOption,
    check_output_file,
    console,
    date_header,
    print_json,
    user_errors,
)
from detente.report.format import num, pct, ranked_date, signed

DEFAULT_SCENARIO = "ukraine-2025-12"


def _pct(p: float | None, se: float | None = None) -> str:
    return pct(p) if se is None or p is None else f"{pct(p)} ±{num(100 * se)}"


def _num(x: float | None) -> str:
    return num(x, 0)


@user_errors
def forecast_command(
    scenario: Annotated[str, typer.Argument(help="built-in name or YAML path")] = DEFAULT_SCENARIO,
    runs: Annotated[
        int, typer.Option("--runs", max=MAX_RUNS, help="Monte Carlo runs")
    ] = DEFAULT_RUNS,
    seed: Annotated[
        int, typer.Option("--seed", min=0, max=MAX_SEED, help="random seed")
    ] = DEFAULT_SEED,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON for machines")] = False,
    report: Annotated[
        Path | None, typer.Option("--report", help="also write the offline HTML report here")
    ] = None,
    observed: ObservedOption = None,
    workers: Annotated[
        int,
        typer.Option("--workers", min=1, max=64, help="processes (the result is the same)"),
    ] = 2,
    months: MonthsOption = "3,6,12",
) -> None:
    """Outcome probabilities at 3/6/12 months, settlement per issue, drivers, questions."""
    from detente.analysis.forecast_summary import forecast_summary
    from detente.analysis.outcomes import parse_months
    from detente.forecast.conditioning import observed_filter
    from detente.scenario import load_scenario

    check_output_file(report, "--report", "report.html")
    dates = parse_months(months)
    s = load_scenario(scenario)
    keep = observed_filter(observed, s, runs)  # None without --observed
    written = None
    if report is None:  # streaming: memory bounded by the chunk size, not by --runs
        summary = forecast_summary(
            s,
            runs=runs,
            seed=seed,
            months=dates,
            question_set=scenario,
            chunk_filter=keep,
            workers=workers,
        )
    else:  # one pass feeds the summary and the report's series, streamed as well
        from detente.report.data import forecast_and_report_data
        from detente.report.html import write_report

        summary, data = forecast_and_report_data(
            s,
            runs=runs,
            seed=seed,
            question_set=scenario,
            chunk_filter=keep,
            workers=workers,
            months=dates,
        )
        written = write_report(data, report)
    from detente.analysis.sanity import sanity_warnings

    warnings = sanity_warnings(summary.to_dict())
    if as_json:
        print_json(
            {
                **summary.to_dict(),
                "sanity": [w.to_dict() for w in warnings],
                "report": None if written is None else str(written),
                "observed": None if keep is None else keep.diagnostics.to_dict(),
            }
        )
        return
    if keep is not None:
        console.print(keep.diagnostics.line())
    _print(summary)
    _print_sanity(warnings)
    if written is not None:
        console.print(f"wrote {written}")


def _print_sanity(warnings) -> None:  # SanityWarning tuple (imported lazily)
    from rich.panel import Panel

    if not warnings:
        return
    lines = []
    for w in warnings:
        lines.append(f"! {w.message}")
        if w.drivers:
            lines.append(f"  look first at: {', '.join(w.drivers)}")
    console.print(Panel("\n".join(lines), title="sanity check", border_style="yellow"))


def _print(summary) -> None:  # a ForecastSummary (imported lazily)
    sc = summary.scenario
    console.print(
        Text.assemble(
            (sc["id"], "bold"),
            f" {sc['title']}\nas of {sc['as_of']}, horizon {sc['horizon']}: "
            f"{sc['actors']} actors, {sc['issues']} issues, {sc['arenas']} arenas, "
            f"{sc['uncertain_parameters']} uncertain numbers; {summary.runs:,} runs, "
            f"seed {summary.seed}",
        )
    )
    table = Table("outcome", *(date_header(o) for o in summary.outcomes))
    table.title = "where the talks stand (share of runs ± Monte Carlo SE)"
    for key, label in outcome_labels(sc.get("at_war", True)).items():
        table.add_row(
            label,
            *(_pct(o.probabilities[key], o.standard_errors[key]) for o in summary.outcomes),
        )
    if summary.outcomes and summary.outcomes[0].truce is not None:
        table.add_row(
            "a truce in force, no agreement (counted above)",
            *(_pct(o.truce, o.truce_se) for o in summary.outcomes),
        )
    table.add_row(
        Text(agreement_label(sc.get("in_force", False)), style="bold"),
        *(_pct(o.agreement, o.agreement_se) for o in summary.outcomes),
    )
    console.print(table)

    table = Table("issue", "status quo", "settled in", "mean", "80% interval (p10-p90)", "median")
    table.title = (
        f"settlement per issue in force at the horizon ({sc['horizon']}), over runs that "
        "settle it (0-100 scale)"
    )
    for row in summary.settlement:
        interval = "-" if row.p10 is None else f"{row.p10:.0f} - {row.p90:.0f}"
        if row.p10 is None and row.runs_settled:  # a run or two's value is no median
            interval = f"too few runs ({row.runs_settled})"
        table.add_row(
            row.name,
            _num(row.status_quo),
            _pct(row.share_settled),
            _num(row.mean),
            interval,
            _num(row.p50),
        )
    console.print(table)

    if summary.drivers:
        table = Table(Column("parameter", overflow="fold"), "Spearman rho", "effect")
        table.title = f"top drivers of agreement by {_ranked_date(summary)}"
        for d in summary.drivers:
            table.add_row(d.parameter, signed(d.spearman, 3), d.direction)
        console.print(table)
    else:
        console.print(
            f"top drivers: none (agreement by {_ranked_date(summary)} in all runs or in none)"
        )

    if summary.expectations:
        table = Table("source expectation", "model", "verdict")
        table.title = "what the sources expect, checked (not tuned) on these runs"
        for check in summary.expectations:
            shown = _pct(check["probability"])
            if check["rival"] is not None:
                shown += f" vs {_pct(check['rival'])}"
            if check.get("test") == "before":
                shown = f"first in {shown}"
            verdict = check["verdict"] + (" (by construction)" if check["structural"] else "")
            table.add_row(check["statement"], shown, verdict)
        console.print(table)
        for check in summary.expectations:
            for term in check["structural"]:
                console.print(f"by construction, {check['id']}: {term}")
    console.print(
        f"round flag: {pct(summary.luck_share)} of agreements were accepted in a round where "
        "some side's margin without its per-round shock was negative; many would come a round "
        "or two later anyway ('detente diagnose' counts those that would not come at all)",
    )
    if summary.ceasefire_replaced:
        by_shock = summary.ceasefire_replaced_by_shock / summary.ceasefire_replaced
        console.print(
            f"settlements that replaced a ceasefire in force: {summary.ceasefire_replaced:,}, "
            f"of which {pct(by_shock)} only a side's leaning carried (drawn at the shock's "
            "size; at 100% no text was worth more than the ceasefire to every side: they come "
            "from that draw, not the bargaining)",
        )
    if summary.shock_gap is not None:
        low, mid, high = summary.shock_gap
        console.print(
            f"the gap those shocks closed: median {mid:.2g} utility points (10-90%: "
            f"{low:.2g}-{high:.2g}): how near acceptance those deals were without them",
        )
    if summary.stationary_sides:
        sides = summary.stationary_sides
        trial = " ".join(f"--set dynamics.war_cost_growth.{a}=0.25" for a in sides)
        console.print(
            f"a stationary war: the cost of fighting of {', '.join(sides)} does not grow with "
            "the war (war_cost_growth 0), so nothing ripens over the horizon; "
            f"'detente whatif {summary.scenario['named_as']} {trial}' shows what mounting "
            "costs would do",
        )
    if summary.assumed_points:
        points = ", ".join(f"{path} = {value:g}" for path, value in summary.assumed_points)
        console.print(
            f"declared as points with no evidence, so no driver can rank them: {points}; "
            f"'detente whatif {summary.scenario['named_as']} --set PATH=VALUE' measures what "
            "another value would do",
        )
    if summary.dated_records:
        console.print(
            f"dated calibration records, each read into one number: "
            f"{', '.join(summary.dated_records)}; read into every number at once, a record can "
            f"move P(agreement) ('detente calibrate {summary.scenario['named_as']} --joint' "
            "measures how much)",
        )

    if summary.questions:
        table = Table("id", "question", "by", "probability")
        table.title = f"default questions ({summary.question_set})"
        for q in summary.questions:
            table.add_row(q.id, q.text, q.date, _pct(q.probability, q.standard_error))
        console.print(table)

    if summary.open_questions:
        ranked = summary.open_questions[0].effect is not None
        table = Table("low-mode-high", "share of its range", "rho", "why assumed")
        table.columns.insert(0, Column("number (its size assumed)", overflow="fold"))
        table.title = (
            "open questions: numbers whose size is an assumption, by their effect on "
            "agreement by "
            + (
                f"{summary.open_questions_date} (every run agrees by the horizon)"
                if summary.open_questions_date
                else "the horizon"
            )
            + " (rho)"
            if ranked
            else "open questions: widest ranges whose size is an assumption"
        )
        for q in summary.open_questions:
            table.add_row(
                q.path,
                f"{q.low:g}-{q.mode:g}-{q.high:g}",
                f"{100 * q.relative_width:.0f}%",
                "-" if q.effect is None else (f"{q.effect:+.3f}" if q.effect else "~0"),
                ("(direction evidenced) " if q.evidenced else "") + q.assumption,
            )
        console.print(table)

    table = Table("issue", "status quo", "weighted mean", "weighted median", "mean")
    table.title = "static compromise model (modes, no process; 0-100 scale)"
    for r in summary.static_compromise:
        table.add_row(
            r.name,
            num(r.status_quo, 0),
            num(r.weighted_mean),
            num(r.weighted_median),
            num(r.mean),
        )
    console.print(table)


def _ranked_date(summary: Any) -> str:  # a ForecastSummary (imported lazily)
    """'the horizon', or the earlier date the drivers rank agreement by, and why."""
    date = ranked_date(summary)
    return f"{date} (the median run's first agreement)" if date else "the horizon"
