"""The charts analysts expect, from plain arrays (like ``charts``): outcome bands,
a tornado of drivers, the actor network, common event paths, settlement distributions
against positions and the static models, what-if deltas with error bars.

Why long names never overlap or get cut: every label is wrapped (``charts.wrap``)
and each figure grows with its number of rows and lines; the constrained layout then
keeps every label inside the figure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from detente.report.charts import (
    _colours,
    _figure,
    _label,
    _plain,
    date_ticks,
    mark_horizon,
    wrap,
)
from detente.report.format import pct

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Z95 = 1.96
RELATION_COLOURS = {"dependency": "#377eb8", "influence": "#d95f02", "alliance": "#1b9e77"}


def _lines(text: str) -> int:
    return text.count("\n") + 1


def outcome_bands_chart(
    days: Sequence[str],
    classes: Sequence[str],
    probabilities: np.ndarray,
    standard_errors: np.ndarray,
    horizon: str | None = None,
) -> Figure:
    """Each outcome class over the round dates with its 95% Monte Carlo band (± 1.96 SE)."""
    p = np.asarray(probabilities, dtype=float)
    se = np.asarray(standard_errors, dtype=float)
    x = np.arange(len(days))
    fig = _figure(7.0, 3.4)
    ax = fig.add_subplot()
    for k, (name, colour) in enumerate(zip(classes, _colours(classes), strict=True)):
        ax.fill_between(
            x,
            np.clip(p[k] - Z95 * se[k], 0, 1),
            np.clip(p[k] + Z95 * se[k], 0, 1),
            color=colour,
            alpha=0.25,
            linewidth=0,
        )
        ax.plot(x, p[k], color=colour, linewidth=1.6, label=wrap(_label(name), 18))
    date_ticks(ax, days)
    mark_horizon(ax, days, horizon)
    ax.set_ylim(0, 1)
    ax.set_xlim(x[0], x[-1] if len(x) > 1 else x[0] + 1)
    ax.set_ylabel("share of runs")
    ax.set_title("Outcome classes with 95% Monte Carlo bands")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=8)
    return fig


def tornado_chart(
    parameters: Sequence[str],
    p_low: np.ndarray,
    p_high: np.ndarray,
    overall: float,
    measure: str,
    errors_low: np.ndarray | None = None,
    errors_high: np.ndarray | None = None,
) -> Figure:
    """Per driver, the outcome's probability with the parameter low vs high, widest on top."""
    p_low, p_high = np.asarray(p_low, dtype=float), np.asarray(p_high, dtype=float)
    order = np.argsort(-np.abs(p_high - p_low), kind="stable")
    labels = [wrap(_plain(parameters[k]), 30) for k in order]
    height = 0.9 + sum(0.18 * _lines(t) + 0.14 for t in labels)
    fig = _figure(7.0, max(height, 1.8))
    ax = fig.add_subplot()
    y = np.arange(len(order))[::-1]
    for row, k in zip(y, order, strict=True):
        ax.barh(row, p_low[k] - overall, left=overall, color="#d95f02", height=0.6)
        ax.barh(row, p_high[k] - overall, left=overall, color="#1b9e77", height=0.6)
        if errors_low is not None and errors_high is not None:
            ax.errorbar(
                [p_low[k], p_high[k]],
                [row, row],
                xerr=[Z95 * errors_low[k], Z95 * errors_high[k]],
                fmt="none",
                ecolor="black",
                elinewidth=0.8,
                capsize=2,
            )
    ax.axvline(overall, color="black", linewidth=0.8)
    ax.set_yticks(y, labels, fontsize=7)
    ax.set_xlim(*_share_axis(p_low, p_high, overall, errors_low, errors_high))
    ax.xaxis.set_major_formatter(lambda value, _: pct(value))
    ax.set_xlabel(wrap(measure, 80, 2), fontsize=8)
    ax.set_title("Drivers: low (orange) vs high (green) draws")
    return fig


def _share_axis(
    p_low: np.ndarray,
    p_high: np.ndarray,
    overall: float,
    errors_low: np.ndarray | None,
    errors_high: np.ndarray | None,
) -> tuple[float, float]:
    """The share axis around what is drawn (bars and their 95% bars), not 0-1: a 0.4%
    outcome's swings are invisible on the whole axis. At least 2 points wide."""
    spread_low = Z95 * errors_low if errors_low is not None else 0.0
    spread_high = Z95 * errors_high if errors_high is not None else 0.0
    lo = min(np.min(p_low - spread_low), np.min(p_high - spread_high), overall)
    hi = max(np.max(p_low + spread_low), np.max(p_high + spread_high), overall)
    pad = max(0.1 * (hi - lo), 0.5 * max(0.02 - (hi - lo), 0.0))
    return max(0.0, lo - pad), min(1.0, hi + pad)


def sobol_chart(
    parameters: Sequence[str],
    total: np.ndarray,
    total_conf: np.ndarray,
    first: np.ndarray,
    first_conf: np.ndarray,
) -> Figure:
    """Sobol total-order (light) and first-order (dark) indices side by side, largest on top,
    with SALib's 95% bootstrap half-widths as error bars."""
    labels = [wrap(_plain(p), 30) for p in parameters]
    height = 1.0 + sum(0.18 * _lines(t) + 0.14 for t in labels)
    fig = _figure(7.0, max(height, 1.8))
    ax = fig.add_subplot()
    y = np.arange(len(parameters))[::-1]
    common = {"height": 0.36, "capsize": 2, "error_kw": {"elinewidth": 0.8}}
    ax.barh(y + 0.19, total, xerr=total_conf, color="#9ecae1", label="total order (ST)", **common)
    ax.barh(y - 0.19, first, xerr=first_conf, color="#08519c", label="first order (S1)", **common)
    ax.set_yticks(y, labels, fontsize=7)
    ax.set_xlim(0, max(1.0, float(np.max(np.asarray(total) + np.asarray(total_conf), initial=0))))
    ax.set_xlabel("share of the variance of P(agreement at the horizon)", fontsize=8)
    ax.set_title("Drivers: Sobol indices")
    fig.legend(loc="outside lower center", ncol=2, frameon=False, fontsize=8)
    return fig


def network_chart(actors: Sequence[tuple[str, str]], relations: Sequence[dict[str, Any]]) -> Figure:
    """Actors on a circle, relations as arrows: colour = kind, width = strength.

    Only actors in some relation sit on the circle (more room between them); the others
    are named below it, so a reader sees that they have none.
    """
    from matplotlib.lines import Line2D

    linked = {r["from"] for r in relations} | {r["to"] for r in relations}
    placed = [a for a in actors if a[0] in linked]
    alone = [name for actor_id, name in actors if actor_id not in linked]
    n = max(len(placed), 1)
    start = 0.0 if n == 2 else math.pi / 2  # two actors side by side, else one on top
    angle = {a[0]: start - 2 * math.pi * k / n for k, a in enumerate(placed)}
    pos = {a: (math.cos(t), math.sin(t)) for a, t in angle.items()}
    fig = _figure(7.0, min(3.6 + 0.2 * n, 6.5))
    ax = fig.add_subplot()
    for r in relations:
        if r["from"] not in pos or r["to"] not in pos:
            continue
        (x0, y0), (x1, y1) = pos[r["from"]], pos[r["to"]]
        ax.annotate(
            "",
            xy=(x1, y1),
            xytext=(x0, y0),
            arrowprops={
                "arrowstyle": "-|>" if r["kind"] != "alliance" else "-",
                "color": RELATION_COLOURS.get(r["kind"], "#666666"),
                "linewidth": 0.8 + 4 * float(r["strength"]),
                "linestyle": "-" if r.get("read", True) else "--",
                "alpha": 0.75 if r.get("read", True) else 0.4,
                "shrinkA": 9,
                "shrinkB": 9,
                "connectionstyle": "arc3,rad=0.12",
            },
        )
    xs = [pos[a[0]][0] for a in placed]
    ys = [pos[a[0]][1] for a in placed]
    ax.scatter(xs, ys, s=90, color="#08306b", zorder=3)
    for actor_id, name in placed:
        x, y = pos[actor_id]
        ha = "left" if x > 0.2 else "right" if x < -0.2 else "center"
        va = "bottom" if y > 0.2 else "top" if y < -0.2 else "center"
        ax.annotate(
            wrap(_plain(name), 16, 3),
            (x, y),
            xytext=(8 * x, 8 * y),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=7.5,
        )
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.85, 1.45)
    ax.axis("off")
    handles = [Line2D([], [], color=c, linewidth=2.5, label=k) for k, c in RELATION_COLOURS.items()]
    fig.legend(handles=handles, loc="outside lower center", ncol=3, frameon=False, fontsize=8)
    unread = any(not r.get("read", True) for r in relations)
    ax.set_title(
        "Actor network (arrow: from -> to; width: strength)"
        + ("\ndashed: a relation the model does not read" if unread else ""),
        fontsize=10,
    )
    if alone:  # inside the axes, under the circle: the layout keeps it clear of the legend
        ax.text(
            0,
            -1.72,
            wrap("No relation declared: " + ", ".join(_plain(a) for a in alone), 100, 3),
            ha="center",
            va="center",
            fontsize=7.5,
            color="#555555",
        )
    return fig


def event_paths_chart(paths: Sequence[str], shares: np.ndarray, errors: np.ndarray) -> Figure:
    """The most common compressed event paths with their share of runs (± 1.96 SE)."""
    shares, errors = np.asarray(shares, dtype=float), np.asarray(errors, dtype=float)
    labels = [wrap(_plain(p), 44, 4) for p in paths]
    height = 0.9 + sum(0.17 * _lines(t) + 0.12 for t in labels)
    fig = _figure(7.5, max(height, 1.8))
    ax = fig.add_subplot()
    y = np.arange(len(paths))[::-1]
    ax.barh(y, shares, xerr=Z95 * errors, color="#377eb8", height=0.6, capsize=2)
    ends = shares + Z95 * errors  # the label sits right of the error bar, never on it
    for row, value, end in zip(y, shares, ends, strict=True):
        ax.annotate(
            pct(value),
            (end, row),
            xytext=(5, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
        )
    ax.set_yticks(y, labels, fontsize=7)
    ax.set_xlim(0, min(1.0, max(float(ends.max(initial=0)) * 1.25, 0.05)))
    ax.set_xlabel("share of runs")
    ax.set_title("Most common event paths")
    return fig


def settlement_distributions_chart(issues: Sequence[dict[str, Any]]) -> Figure:
    """Every issue's settlement distribution in one figure: per issue a histogram of the
    settled values over the actors' positions, with the status quo and static models.

    Why one figure placed by hand (no layout engine): one save instead of one per issue
    and no constrained-layout passes over dozens of axes keep the report fast; the
    margins are fixed in inches, wide enough for labels wrapped to 28 characters.
    """
    from matplotlib.figure import Figure

    width, left, right = 7.5, 1.95, 1.35  # inches: label column, legend column
    blocks = []
    for issue in issues:
        title = wrap(_plain(issue["name"]), 70, 2)
        labels = [wrap(_plain(a["name"]), 28, 2) for a in issue["actors"]]
        rows = max(sum(0.16 * _lines(t) + 0.06 for t in labels), 0.45)
        blocks.append((0.22 + 0.17 * _lines(title), 1.0, 0.08, rows, 0.45))
    height = sum(sum(b) for b in blocks) + 0.1
    fig = Figure(figsize=(width, height), dpi=100)
    cursor = height - 0.05
    for k, (issue, (head, hist, gap, rows, foot)) in enumerate(zip(issues, blocks, strict=True)):
        cursor -= head + hist
        top = fig.add_axes(
            (left / width, cursor / height, (width - left - right) / width, hist / height)
        )
        cursor -= gap + rows
        bottom = fig.add_axes(
            (left / width, cursor / height, (width - left - right) / width, rows / height)
        )
        cursor -= foot
        _distribution_panels(top, bottom, issue, legend=k == 0)
    return fig


_MARK_STYLES = {
    "status quo": ("#d95f02", "--"),
    "weighted mean": ("#7570b3", "-"),
    "weighted median": ("#e7298a", ":"),
}


def _distribution_panels(top: Any, bottom: Any, issue: dict[str, Any], legend: bool) -> None:
    edges = np.asarray(issue["edges"], dtype=float)
    counts = np.asarray(issue["counts"], dtype=float)
    total = counts.sum()
    shares = counts / total if total else counts
    top.stairs(shares, edges, fill=True, color="#9ecae1")  # one artist, not 50 bars
    top.stairs(shares, edges, color="#3182bd", linewidth=0.6)
    top.set_ylabel("share of\nsettled runs", fontsize=7)
    top.tick_params(labelsize=7, labelbottom=False)
    top.set_xlim(-2, 102)
    if not total:
        top.text(
            50,
            0.5,
            "no run settles this issue",
            ha="center",
            va="center",
            transform=top.get_xaxis_transform(),
            fontsize=8,
        )
    marks = {
        "status quo": issue["status_quo"],
        "weighted mean": issue["weighted_mean"],
        "weighted median": issue["weighted_median"],
    }
    for name, value in marks.items():
        if value is None or not math.isfinite(value):
            continue
        colour, style = _MARK_STYLES[name]
        for ax in (top, bottom):
            ax.axvline(
                value,
                color=colour,
                linestyle=style,
                linewidth=1.2,
                label=name if ax is top else None,
            )
    actors = issue["actors"]
    labels = [wrap(_plain(a["name"]), 28, 2) for a in actors]
    y = np.arange(len(actors))[::-1]
    bottom.scatter(
        [a["position"] for a in actors], y, s=22, color="#1b9e77", edgecolor="black", zorder=3
    )
    bottom.set_yticks(y, labels, fontsize=7)
    bottom.set_ylim(-0.7, max(len(actors), 1) - 0.3)
    bottom.set_xlim(-2, 102)  # dots at 0 and 100 stay whole
    bottom.tick_params(axis="x", labelsize=7)
    top.set_title(wrap(_plain(issue["name"]), 70, 2), loc="left", fontsize=9)
    if legend:
        top.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=7)
