"""Charts of a forecast from plain arrays, rendered offline with matplotlib (Agg).

Why plain arrays: the HTML report, the PNG/SVG files for slides and the web
dashboard all draw the same pictures, so each chart is a function of numbers
only (no scenario or event-log objects) and returns a matplotlib Figure that
``to_svg`` / ``to_png`` turn into bytes. ``matplotlib.figure.Figure`` is used
directly (no pyplot): no global figure registry, safe in a web server thread.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from detente.analysis.outcome_words import CYCLE_WITHOUT_WAR, WITHOUT_WAR

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# One colour per outcome class / cycle state, stable across charts.
PALETTE = (
    "#8c8c8c",
    "#1b9e77",
    "#377eb8",
    "#d95f02",
    "#e7298a",
    "#7570b3",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#666666",
)
# Colours by meaning, so the outcome chart and the cycle chart agree.
NAMED_COLOURS = {
    "fighting_while_talking": "#8c8c8c",
    "comprehensive": "#1b9e77",
    "armistice": "#377eb8",
    "imposed": "#d95f02",
    "abandoned": "#e7298a",
    "collapsed": "#7f0000",
    "victory": "#000000",
    "talking: round held, no deal": "#8c8c8c",
    "talking: no round this period": "#c7c7c7",
    "talking: influencers bypassed": "#b39ddb",
    "talking: a ceasefire text offered": "#e6ab02",
    "talks abandoned": "#e7298a",
    "comprehensive settlement": "#1b9e77",
    "imposed deal": "#d95f02",
    "agreement collapsed, war resumed": "#7f0000",
    "military victory": "#000000",
}
# the same colours under the names a case without a war gives them (``outcome_words``)
NAMED_COLOURS |= {
    **{WITHOUT_WAR[key]: NAMED_COLOURS[key] for key in WITHOUT_WAR},
    **{name: NAMED_COLOURS[state] for state, name in CYCLE_WITHOUT_WAR.items()},
}
_SVG_RC = {"svg.fonttype": "none", "svg.hashsalt": "detente"}
# matplotlib is not thread-safe (rc_context edits global rcParams): one save at a time.
_SAVE_LOCK = threading.Lock()


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return fig


def _plain(text: str) -> str:
    """Scenario text as literal chart text: '$' would otherwise start matplotlib mathtext."""
    return str(text).replace("$", r"\$")


def _label(text: str) -> str:
    return _plain(text).replace("_", " ")


def _colours(names: Sequence[str]) -> list[str]:
    return [NAMED_COLOURS.get(n, PALETTE[k % len(PALETTE)]) for k, n in enumerate(names)]


def date_ticks(ax: Any, days: Sequence[str], most: int = 6) -> None:
    """At most ``most`` horizontal date labels: rotated ones stuck out of the figure."""
    x = np.arange(len(days))
    every = max(1, -(-len(x) // most))
    ax.set_xticks(x[::every], list(days)[::every], fontsize=8)


def mark_horizon(ax: Any, days: Sequence[str], horizon: str | None) -> None:
    """A dashed line at the scenario's horizon when the dates run past it (the forecast
    simulates to its last report date): what lies right of it is extrapolated."""
    if horizon is None or not days or horizon >= days[-1]:
        return
    at = next(k for k, day in enumerate(days) if day >= horizon)  # ISO dates sort as text
    ax.axvline(at, color="0.25", linestyle="--", linewidth=1.0, label="_horizon")
    ax.annotate(
        "horizon: beyond it, extrapolated",
        (at, 1.0),
        xytext=(3, -10),
        textcoords="offset points",
        fontsize=7,
        color="0.25",
        bbox={"facecolor": "white", "alpha": 0.7, "linewidth": 0, "pad": 1},
    )


def outcome_area_chart(
    days: Sequence[str],
    classes: Sequence[str],
    probabilities: np.ndarray,
    horizon: str | None = None,
) -> Figure:
    """Stacked area of P(class) over dates; ``probabilities`` is (classes, dates)."""
    p = np.clip(np.asarray(probabilities, dtype=float), 0, 1)
    x = np.arange(len(days))
    fig = _figure(7.0, 3.2)
    ax = fig.add_subplot()
    ax.stackplot(x, p, labels=[wrap(_label(c), 18) for c in classes], colors=_colours(classes))
    date_ticks(ax, days)
    mark_horizon(ax, days, horizon)
    ax.set_ylim(0, 1)
    ax.set_xlim(x[0], x[-1] if len(x) > 1 else x[0] + 1)
    ax.set_ylabel("share of runs")
    ax.set_title("Outcome probabilities over time")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    return fig


def settlement_chart(
    issues: Sequence[str],
    median: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    status_quo: np.ndarray | None = None,
) -> Figure:
    """Settlement per issue on the 0-100 scale: median dot, 80% interval bar, status quo."""
    median, low, high = (np.asarray(a, dtype=float) for a in (median, low, high))
    y = np.arange(len(issues))[::-1]
    fig = _figure(7.0, 0.5 * len(issues) + 1.4)
    ax = fig.add_subplot()
    ok = np.isfinite(median)
    ax.hlines(
        y[ok], low[ok], high[ok], color="#377eb8", linewidth=4, alpha=0.5, label="80% interval"
    )
    ax.plot(median[ok], y[ok], "o", color="#08306b", label="median")
    for k in np.flatnonzero(ok):
        ax.annotate(
            f"{median[k]:.0f}",
            (median[k], y[k]),
            textcoords="offset points",
            xytext=(0, 6),
            ha="center",
            fontsize=8,
        )
    if status_quo is not None:
        sq = np.asarray(status_quo, dtype=float)
        ax.plot(sq, y, "|", color="#d95f02", markersize=14, label="status quo")
    ax.set_yticks(y, [wrap(_plain(i), 30, 3) for i in issues], fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_xlabel("agreed value on the 0-100 scale (runs that settled the issue)", fontsize=8)
    ax.set_title("Settlement per issue")
    fig.legend(loc="outside lower center", ncol=3, frameon=False, fontsize=8)
    return fig


def position_map(
    issue_name: str,
    anchors: Mapping[int, str],
    actors: Sequence[str],
    position: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    salience: np.ndarray,
    status_quo: float | None = None,
) -> Figure:
    """Actors on one issue's 0-100 scale with their ranges; dot size = salience."""
    position, low, high, salience = (
        np.asarray(a, dtype=float) for a in (position, low, high, salience)
    )
    y = np.arange(len(actors))[::-1]
    fig = _figure(8.0, 0.32 * len(actors) + 1.9)
    ax = fig.add_subplot()
    ax.hlines(y, low, high, color="#999999", linewidth=2)
    ax.scatter(position, y, s=20 + 2.5 * salience, color="#1b9e77", zorder=3, edgecolor="black")
    if status_quo is not None:
        ax.axvline(status_quo, color="#d95f02", linestyle="--", linewidth=1, label="status quo")
        ax.legend(loc="upper right", frameon=False, fontsize=7)
    ax.set_yticks(y, [wrap(_plain(a), 28, 2) for a in actors], fontsize=8)
    ax.set_ylim(y.min() - 0.6, y.max() + 0.6)
    ax.set_xlim(-2, 102)
    ticks = sorted(anchors)
    width = max(10, int(75 / max(len(ticks), 1)))
    ax.set_xticks(ticks, [f"{k}\n{wrap(_plain(anchors[k]), width)}" for k in ticks], fontsize=6.5)
    labels = ax.get_xticklabels()
    if len(labels) > 1:  # keep the end anchors inside the figure
        labels[0].set_horizontalalignment("left")
        labels[-1].set_horizontalalignment("right")
    ax.set_title(wrap(_plain(issue_name), 80, 2), loc="left", fontsize=10)
    return fig


def wrap(text: str, width: int = 22, lines_max: int = 4) -> str:
    """Chart text on lines of at most ``width`` characters, at most ``lines_max`` lines.

    Breaks at spaces, and after dots and commas inside a word so that scenario paths
    (``dynamics.war_cost.XYZ``) wrap too; a word longer than a line is cut into pieces.
    """
    tokens: list[tuple[str, str]] = []  # (glue before, piece)
    for chunk in str(text).split():
        for k, part in enumerate(re.split(r"(?<=[.,])(?=\S)", chunk)):
            for j in range(0, len(part), width):
                tokens.append((" " if k == 0 and j == 0 else "", part[j : j + width]))
    lines, line = [], ""
    for glue, piece in tokens:
        if line and len(line) + len(glue) + len(piece) > width:
            lines.append(line)
            line = piece
        else:
            line = f"{line}{glue}{piece}" if line else piece
    lines.append(line)
    if len(lines) > lines_max:  # keep the end: names often differ only there ("... A", "... B")
        tail = ""
        for glue, piece in reversed(tokens):
            if tail and len(tail) + len(glue) + len(piece) + 2 > width:
                break
            tail = piece + (glue + tail if tail else "")
        lines = [*lines[: lines_max - 1], "… " + tail.strip()]
    return "\n".join(lines)


def cycle_chart(rounds: Sequence[int], states: Sequence[str], shares: np.ndarray) -> Figure:
    """Share of runs in each state of the negotiation cycle, per round; (states, rounds)."""
    s = np.asarray(shares, dtype=float)
    x = np.asarray(rounds)
    fig = _figure(8.0, 3.4)
    ax = fig.add_subplot()
    bottom = np.zeros(len(x))
    for k, (state, colour) in enumerate(zip(states, _colours(states), strict=True)):
        ax.bar(x, s[k], bottom=bottom, width=0.9, color=colour, label=wrap(_label(state), 24))
        bottom = bottom + s[k]
    ax.set_ylim(0, 1)
    ax.set_xlabel("round")
    ax.set_ylabel("share of runs")
    ax.set_title("State of the cycle per round")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    return fig


def drivers_chart(names: Sequence[str], effects: np.ndarray, measure: str) -> Figure:
    """Horizontal bars of each parameter's effect on one forecast number (sensitivity)."""
    effects = np.asarray(effects, dtype=float)
    order = np.argsort(np.abs(effects))
    fig = _figure(7.0, 0.3 * len(names) + 1.2)
    ax = fig.add_subplot()
    colours = ["#1b9e77" if e >= 0 else "#d95f02" for e in effects[order]]
    ax.barh(np.arange(len(order)), effects[order], color=colours)
    ax.set_yticks(np.arange(len(order)), [wrap(_plain(names[k]), 30, 3) for k in order], fontsize=7)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel(measure)
    ax.set_title("Drivers")
    return fig


def to_svg(fig: Figure) -> str:
    """The figure as an SVG fragment that can be inlined into HTML (no XML prolog)."""
    import matplotlib

    buffer = io.StringIO()
    with _SAVE_LOCK, matplotlib.rc_context(_SVG_RC):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    return re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.DOTALL)


def to_png(fig: Figure, dpi: int = 150) -> bytes:
    buffer = io.BytesIO()
    with _SAVE_LOCK:
        fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def unique_ids(svg: str, prefix: str) -> str:
    """Prefix the ids of an inlined SVG so that several SVGs in one page never clash.

    One pass over the text (a substitution per id was quadratic: 3 s for a large chart).
    """
    ids = set(re.findall(r'id="([^"]+)"', svg))

    def prefixed(match: re.Match[str]) -> str:
        lead, name = match.group(1), match.group(2)
        return f"{lead}{prefix}-{name}" if name in ids else match.group(0)

    return re.sub(r'(id="|#)([^"#)\s]+)(?=["\)])', prefixed, svg)
