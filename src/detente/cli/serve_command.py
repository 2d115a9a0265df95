"""detente serve: the local dashboard (loopback only unless --host says otherwise)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Annotated

import typer

from detente.analysis.runs import DEFAULT_SEED
from detente.cli.output import MAX_RUNS, MAX_SEED, MonthsOption, error_console, user_errors
from detente.scenario.errors import DetenteError

DEFAULT_SCENARIO = "ukraine-2025-12"


@user_errors
def serve_command(
    scenarios: Annotated[
        list[str] | None, typer.Argument(help="built-in names or YAML paths")
    ] = None,
    host: Annotated[
        str, typer.Option(help="address to bind; anything but loopback exposes the dashboard")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port")] = 8000,
    runs: Annotated[
        int, typer.Option(max=MAX_RUNS, help="Monte Carlo runs per forecast and what-if")
    ] = 10_000,
    seed: Annotated[int, typer.Option(min=0, max=MAX_SEED, help="random seed")] = DEFAULT_SEED,
    sources: Annotated[
        Path | None, typer.Option("--sources", help="folder with the source documents")
    ] = None,
    store: Annotated[Path | None, typer.Option("--store", help="DuckDB evidence store")] = None,
    months: MonthsOption = "3,6,12",
) -> None:
    """Serve the scenario, forecast, what-if, evidence and questions pages (and their JSON)."""
    import uvicorn

    from detente.analysis.outcomes import parse_months
    from detente.web.app import create_app
    from detente.web.security import is_loopback
    from detente.web.settings import LOOPBACK_NAMES, WebSettings

    dates = parse_months(months)
    if sources is not None and not sources.is_dir():
        raise DetenteError(
            f"--sources {sources}: not a directory", hint="give the documents' folder"
        )
    if store is not None and not store.is_file():
        raise DetenteError(f"--store {store}: no such file", hint="give an evidence store file")
    if runs < 2:
        raise DetenteError(f"--runs {runs}: need at least 2", hint="use --runs 10000")
    if not is_loopback(host):
        error_console.print(
            f"warning: binding to {host}: the dashboard will be reachable from other machines; "
            "it has no authentication",
        )
    hosts = LOOPBACK_NAMES if is_loopback(host) else (*LOOPBACK_NAMES, host)
    if host in ("0.0.0.0", "::"):
        hosts = ("*",)  # reachable under any name: the user asked for it (and was warned)
    settings = WebSettings(
        allowed_hosts=hosts,
        scenarios=tuple(scenarios or (DEFAULT_SCENARIO,)),
        runs=runs,
        seed=seed,
        months=dates,
        sources=sources,
        store=store,
    )
    app = create_app(settings)
    # Compute forecasts, charts and what-if baselines now, so the first page is quick.
    threading.Thread(target=app.state.dashboard.warm_up, daemon=True).start()
    error_console.print(f"detente dashboard on http://{host}:{port}/")
    uvicorn.run(app, host=host, port=port, log_level="warning")
