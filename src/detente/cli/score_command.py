"""detente score: Brier score, log score and calibration of forecasts against resolutions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from detente.cli.output import console, print_json, user_errors

if TYPE_CHECKING:
    from detente.forecast.scoring import Scores


def _scores_json(scores: Scores) -> dict:
    from detente.forecast.resolutions import finite_or_none

    return {
        "n": scores.n,
        "brier": finite_or_none(scores.brier),
        "log_score": finite_or_none(scores.log),
        "calibration": [b.__dict__.copy() for b in scores.calibration],
    }


@user_errors
def score_command(
    forecasts: Annotated[Path, typer.Argument(help="FORECASTS.json from 'detente ask --json'")],
    resolutions: Annotated[Path, typer.Argument(help="RESOLUTIONS.yaml: [{id, outcome}]")],
    bins: Annotated[int, typer.Option("--bins", min=1, max=100)] = 10,
    sources: Annotated[
        Path | None,
        typer.Option(
            "--sources",
            file_okay=False,
            help="folder of the documents the resolutions' evidence points into: check each span",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Score forecasts; log score = mean ln p(outcome), p clipped to [1e-6, 1-1e-6]."""
    # imported here: every command (e.g. `detente solve`) imports this module
    from detente.forecast.resolutions import (
        load_forecasts,
        load_resolutions,
        score_report,
        verify_evidence,
    )

    document = load_forecasts(forecasts)
    known = {item["id"] for item in document["forecasts"]}
    resolved = load_resolutions(resolutions, known)
    report = score_report(document, resolved, bins)
    pointers = sum(len(r.evidence) for r in resolved)
    verified, problems = verify_evidence(resolved, sources) if sources else (0, [])
    rows = {
        "model": report.model,
        "baseline_half": report.half,
        "baseline_no_change": report.status_quo,
    }
    if as_json:
        print_json(
            {
                "scenario": document.get("scenario"),
                "n_forecasts": report.n_forecasts,
                "n_resolved": report.n_resolved,
                "log_score_note": "mean natural log of p(outcome); p clipped to [1e-6, 1-1e-6]",
                **{name: _scores_json(s) for name, s in rows.items()},
                "evidence": {
                    "pointers": pointers,
                    "checked_in": None if sources is None else str(sources),
                    "verified": verified if sources else None,
                    "problems": problems,
                },
            }
        )
        return
    if sources is not None:
        console.print(f"evidence: {verified} of {pointers} pointers verified in {sources}")
        for problem in problems:
            console.print(f"  not verified: {problem}")
    console.print(
        f"{report.n_resolved} of {report.n_forecasts} forecasts resolved; "
        "log score = mean ln p(outcome), p clipped to [1e-6, 1-1e-6], higher is better"
    )
    summary = Table("forecaster", "Brier (lower better)", "log score (higher better)")
    for name, s in rows.items():
        summary.add_row(name, f"{s.brier:.4f}", f"{s.log:.4f}")
    console.print(summary)
    for name, s in rows.items():
        table = Table("bin", "count", "mean forecast", "observed", title=f"calibration: {name}")
        for b in s.calibration:
            table.add_row(
                f"{b.lower:.1f}-{b.upper:.1f}",
                str(b.count),
                f"{b.mean_forecast:.3f}",
                f"{b.observed_frequency:.3f}",
            )
        console.print(table)
