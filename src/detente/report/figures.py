"""The report's charts, built from the report data dict (see ``data.report_data``).

Why a separate step from ``charts``: ``charts`` knows arrays only; this module knows
where in the report data each array lives, names every chart, and writes the files
for slides (``--charts-dir``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from detente.analysis.outcome_words import cycle_label, shown
from detente.report import analyst_charts, charts
from detente.report.format import outcome_label, pct, ranked_date

Builder = Callable[[], Any]


def _nan(values: list[float | None]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def chart_builders(data: dict[str, Any]) -> dict[str, Builder]:
    """Chart name -> a function drawing it (lazy: the web page draws only what it shows).

    Without a ``forecast`` key (the scenario alone) the position maps and the network
    are offered. The HTML report leaves the position maps out (``report_chart_names``):
    its settlement distributions carry the actors' positions too; slides get both.
    """
    builders: dict[str, Builder] = {}
    if "forecast" in data:
        builders.update(_forecast_builders(data["forecast"]))
    for issue in data["positions"]:
        if issue["actors"]:
            builders[f"positions-{issue['issue']}"] = _position_builder(issue)
    network = data.get("network")
    if network and network["relations"]:
        builders["network"] = lambda: analyst_charts.network_chart(
            [(a["id"], a["name"]) for a in network["actors"]], network["relations"]
        )
    return builders


def _forecast_builders(forecast: dict[str, Any]) -> dict[str, Builder]:
    summary = forecast["summary"]
    path, cycle = forecast["path"], forecast["cycle"]
    settlement = summary["settlement"]
    drivers = summary["drivers"]
    ranked = f"by {ranked_date(summary) or 'the horizon'}"
    # a case without a war names its classes and cycle states in its own words, and has
    # no victory to draw
    at_war = summary["scenario"].get("at_war", True)
    named = shown(path["classes"], at_war)
    classes = [c if at_war else outcome_label(c, at_war) for c in np.take(path["classes"], named)]
    probabilities = np.array(path["probabilities"])[named]
    kept = shown(cycle["states"], at_war)
    states = [cycle_label(state, at_war) for state in np.take(cycle["states"], kept)]
    shares = np.array(cycle["shares"])[kept]
    builders: dict[str, Builder] = {
        "outcomes": lambda: charts.outcome_area_chart(
            path["dates"], classes, probabilities, path.get("horizon")
        ),
        "settlement": lambda: charts.settlement_chart(
            [row["name"] for row in settlement],
            _nan([row["p50"] for row in settlement]),
            _nan([row["p10"] for row in settlement]),
            _nan([row["p90"] for row in settlement]),
            _nan([row["status_quo"] for row in settlement]),
        ),
        "cycle": lambda: charts.cycle_chart(cycle["rounds"], states, shares),
    }
    if path.get("standard_errors") is not None:
        errors = np.array(path["standard_errors"])[named]
        builders["outcome-bands"] = lambda: analyst_charts.outcome_bands_chart(
            path["dates"],
            classes,
            probabilities,
            errors,
            path.get("horizon"),
        )
    sobol = forecast.get("sobol")
    if sobol and sobol["indices"]:
        rows_s = sobol["indices"]
        builders["sobol"] = lambda: analyst_charts.sobol_chart(
            [r["parameter"] for r in rows_s],
            np.array([r["ST"] for r in rows_s]),
            np.array([r["ST_conf"] for r in rows_s]),
            np.array([r["S1"] for r in rows_s]),
            np.array([r["S1_conf"] for r in rows_s]),
        )
    tornado = forecast.get("tornado")
    if tornado and tornado["rows"]:
        rows = tornado["rows"]
        builders["tornado"] = lambda: analyst_charts.tornado_chart(
            [r["parameter"] for r in rows],
            np.array([r["p_low"] for r in rows]),
            np.array([r["p_high"] for r in rows]),
            tornado["overall"],
            f"P(agreement {ranked}) in the runs with the parameter's "
            f"lowest vs highest {pct(tornado['tail'], 0)} of draws",
            np.array([r["p_low_se"] for r in rows]),
            np.array([r["p_high_se"] for r in rows]),
        )
    elif drivers:
        builders["drivers"] = lambda: charts.drivers_chart(
            [d["parameter"] for d in drivers],
            np.array([d["spearman"] for d in drivers]),
            f"Spearman rho with 'agreement {ranked}'",
        )
    paths = forecast.get("event_paths")
    if paths:
        builders["event-paths"] = lambda: analyst_charts.event_paths_chart(
            [p["path"] for p in paths],
            np.array([p["share"] for p in paths]),
            np.array([p["standard_error"] for p in paths]),
        )
    distributions = forecast.get("settlement_distribution")
    if distributions:
        builders["settlement-distributions"] = lambda: (
            analyst_charts.settlement_distributions_chart(distributions)
        )
    return builders


def _position_builder(issue: dict[str, Any]) -> Builder:
    rows = issue["actors"]
    return lambda: charts.position_map(
        issue["name"],
        {int(k): v for k, v in issue["anchors"].items()},
        [r["name"] for r in rows],
        np.array([r["mode"] for r in rows]),
        np.array([r["low"] for r in rows]),
        np.array([r["high"] for r in rows]),
        np.array([r["salience"] for r in rows]),
        issue["status_quo"],
    )


def report_chart_names(data: dict[str, Any]) -> list[str]:
    """The charts the HTML report shows (position maps only without a forecast)."""
    names = list(chart_builders(data))
    if "forecast" in data:
        names = [n for n in names if not n.startswith("positions-")]
    return names


def inline_svgs(data: dict[str, Any], names: list[str] | None = None) -> dict[str, str]:
    """Chart name -> SVG markup ready to inline (ids prefixed so several SVGs coexist)."""
    builders = chart_builders(data)
    chosen = names if names is not None else list(builders)
    out = {}
    for name in chosen:
        if name in builders:
            out[name] = charts.unique_ids(charts.to_svg(builders[name]()), name)
    return out


def write_chart_files(data: dict[str, Any], folder: Path, formats: tuple[str, ...]) -> list[Path]:
    """Every chart as ``NAME.png`` and/or ``NAME.svg`` in ``folder``, for slides."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in chart_builders(data).items():
        figure = build()
        for fmt in formats:
            path = folder / f"{name}.{fmt}"
            if fmt == "png":
                path.write_bytes(charts.to_png(figure))
            else:
                path.write_text(charts.to_svg(figure), encoding="utf-8")
            written.append(path)
    return written
