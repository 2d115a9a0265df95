"""Presentation helpers: rounding as written, open-questions numbers, what-if sliders
chosen from the drivers, and charts whose long labels neither overlap nor get cut."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scenario_text import SMALL_SCENARIO

from detente.report import analyst_charts, charts
from detente.report.data import report_data
from detente.report.format import num, pct, quantity, signed, signed_pct
from detente.report.html import render_report
from detente.scenario.loader import parse_scenario_text
from detente.web.sliders import TOP_DRIVERS, parse_settings, scenario_sliders

LONG = (
    "The Extraordinarily Long-Named Provisional Coordinating Authority of the Northern Federation"
)


def test_rounding_follows_the_written_number():
    # binary 0.35 is 0.34999..., so f"{0.35:.1f}" gave "0.3"
    assert num(0.35) == "0.4" and num(0.95) == "1.0" and num(0.25, 1) == "0.3"
    assert num(0.35, 2) == "0.35" and num(2.675, 2) == "2.68"
    assert quantity(0.35) == "0.35" and quantity(0.95) == "0.95" and quantity(40.0) == "40"
    assert quantity(0.015) == "0.015" and quantity(1234.5) == "1235" and quantity(None) == "–"
    assert pct(0.1235) == "12.4%" and pct(None) == "–"
    assert signed(-0.04) == "+0.0" and signed(-0.05) == "-0.1" and signed_pct(0.0) == "+0.0 pp"


def test_open_questions_table_prints_ranges_as_written():
    text = SMALL_SCENARIO + (
        "dynamics:\n"
        "  mediator_attention: {value: {low: 0.35, mode: 0.6, high: 0.95}, assumption: test}\n"
    )
    html = render_report(report_data(parse_scenario_text(text, "s.yaml"), runs=100, seed=1))
    table = html[html.index('id="open-questions-table"') :]
    table = table[: table.index("</table>")]
    assert "<td>0.35</td><td>0.6</td><td>0.95</td>" in table


def test_sliders_start_with_the_drivers_and_keep_the_scenario_value():
    scenario = parse_scenario_text(
        SMALL_SCENARIO
        + "dynamics:\n"
        + "  war_cost.AAA: {value: {low: 1, mode: 1.5, high: 3}, assumption: test}\n"
        + "  lookahead_rounds: {value: 6, assumption: test}\n",
        "s.yaml",
    )
    drivers = ["dynamics.war_cost.AAA", "dynamics.resolve.BBB", "actors.AAA.capability"]
    sliders = scenario_sliders(scenario, drivers)
    top = [s for s in sliders if s.group == TOP_DRIVERS]
    assert [s.path for s in top] == drivers  # in the drivers' order, defaults included
    assert top[1].value == 0.0 and top[1].label == "resolve: Party B"
    paths = [s.path for s in sliders]
    assert len(paths) == len(set(paths))  # a driver is not offered twice
    assert "dynamics.lookahead_rounds" in paths  # every dynamics number, not a word list
    for s in sliders:  # the browser never snaps an untouched slider off the scenario value
        k = (s.value - s.low) / s.step
        assert abs(k - round(k)) < 1e-6, s
    untouched = {s.path: str(s.value) for s in sliders}
    assert parse_settings(untouched, sliders) == {}
    assert parse_settings({"dynamics.war_cost.AAA": "2"}, sliders) == {"dynamics.war_cost.AAA": 2.0}


def _drawn_texts(fig, ax) -> list:
    """The texts of ``ax`` that are drawn: titles, labels, ticks in view, annotations."""
    texts = [ax.title, ax._left_title, ax._right_title, *ax.texts]
    if ax.axison:
        texts += [ax.xaxis.label, ax.yaxis.label]
        for axis, (low, high) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            low, high = sorted((low, high))
            texts += [t.label1 for t in axis.get_major_ticks() if low <= t.get_loc() <= high]
    legend = ax.get_legend()
    if legend is not None:
        texts += legend.get_texts()
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def _boxes_inside_and_apart(fig) -> None:
    """Every drawn text lies inside the figure (nothing cut), and the y tick labels of
    each axes are apart (no overlap)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    frame = fig.bbox
    texts = [t for ax in fig.axes for t in _drawn_texts(fig, ax)]
    texts += [t for legend in fig.legends for t in legend.get_texts()]
    assert texts
    for text in texts:
        box = text.get_window_extent(renderer)
        assert box.x0 >= frame.x0 - 1 and box.x1 <= frame.x1 + 1, text.get_text()
        assert box.y0 >= frame.y0 - 1 and box.y1 <= frame.y1 + 1, text.get_text()
    for ax in fig.axes:
        if not ax.axison:
            continue
        low, high = sorted(ax.get_ylim())
        boxes = sorted(
            (
                tick.label1.get_window_extent(renderer)
                for tick in ax.yaxis.get_major_ticks()
                if low <= tick.get_loc() <= high and tick.label1.get_text()
            ),
            key=lambda b: b.y0,
        )
        for lower, upper in itertools.pairwise(boxes):
            assert lower.y1 <= upper.y0 + 0.5, "y tick labels overlap"


@pytest.mark.parametrize(
    "build",
    [
        lambda: analyst_charts.tornado_chart(
            [f"dynamics.war_cost.{LONG.replace(' ', '_')}", "positions.X.Y.position"],
            np.array([0.2, 0.4]),
            np.array([0.7, 0.5]),
            0.45,
            "P(agreement by the horizon) in the runs with the parameter low vs high draws",
            np.array([0.01, 0.01]),
            np.array([0.01, 0.01]),
        ),
        lambda: analyst_charts.event_paths_chart(
            [", ".join(["rejected ×3+", "bypassed", "support cut"] * 4), "comprehensive"],
            np.array([0.3, 0.1]),
            np.array([0.01, 0.01]),
        ),
        lambda: analyst_charts.network_chart(
            [(f"A{k}", f"{LONG} {k}") for k in range(7)],
            [{"kind": "dependency", "from": "A0", "to": "A3", "strength": 0.8}],
        ),
        lambda: analyst_charts.outcome_bands_chart(
            [f"2026-{m:02d}-01" for m in range(1, 13)],
            ["fighting_while_talking", "comprehensive"],
            np.array([np.linspace(1, 0.5, 12), np.linspace(0, 0.5, 12)]),
            np.full((2, 12), 0.01),
        ),
        lambda: analyst_charts.settlement_distributions_chart(
            [
                {
                    "name": f"{LONG}: the issue",
                    "edges": np.linspace(0, 100, 51).tolist(),
                    "counts": [0] * 20 + [5, 9, 4] + [0] * 27,
                    "status_quo": 40.0,
                    "weighted_mean": 48.0,
                    "weighted_median": 50.0,
                    "actors": [
                        {"name": f"{LONG} {k}", "position": p} for k, p in enumerate((0, 35, 100))
                    ],
                }
            ]
        ),
        lambda: charts.settlement_chart(
            [f"{LONG} issue", "short"],
            np.array([40.0, 50.0]),
            np.array([30.0, 45.0]),
            np.array([60.0, 55.0]),
            np.array([40.0, 50.0]),
        ),
    ],
    ids=["tornado", "event-paths", "network", "bands", "distributions", "settlement"],
)
def test_long_labels_stay_inside_and_apart(build):
    _boxes_inside_and_apart(build())


def test_wrap_breaks_paths_and_keeps_the_distinguishing_end():
    text = charts.wrap(f"{LONG} A", 20, 2)
    assert text.startswith("The Extraordinarily") and text.endswith("Federation A")
    assert all(len(line) <= 22 for line in text.splitlines())
    assert charts.wrap("dynamics.war_cost.XYZ", 12) == "dynamics.\nwar_cost.XYZ"
    assert math.isclose(len(charts.wrap("x" * 50, 10, 9).splitlines()), 5)


@pytest.mark.parametrize(
    ("horizon", "line_at"),
    [("2026-06-15", 6), ("2026-06-01", 5), ("2026-12-31", None), (None, None)],
)
def test_outcome_charts_mark_the_horizon_when_the_dates_run_past_it(
    horizon: str | None, line_at: int | None
) -> None:
    """The forecast simulates to its last report date, which can lie past the scenario's
    horizon: a dashed line says where extrapolation begins (the first date on or after it)."""
    days = [f"2026-{m:02d}-01" for m in range(1, 13)]
    p = np.array([np.linspace(1, 0.5, 12), np.linspace(0, 0.5, 12)])
    classes = ["fighting_while_talking", "comprehensive"]
    for figure in (
        charts.outcome_area_chart(days, classes, p, horizon),
        analyst_charts.outcome_bands_chart(days, classes, p, np.full((2, 12), 0.01), horizon),
    ):
        [ax] = figure.axes
        marks = [line.get_xdata()[0] for line in ax.lines if line.get_label() == "_horizon"]
        assert marks == ([] if line_at is None else [line_at])


def test_the_tornado_s_axis_spans_what_it_draws() -> None:
    """A 0.4% outcome swinging 0.2-0.9%: by hand the drawn span is 0.002-0.009 with
    error bars of 1.96 x 0.001, so 0.00004-0.01096 (1.092 points); under 2 points wide,
    each side gains half the shortfall, 0.00454: 0 (never below) to 0.0155. A wide swing
    gains a tenth of its span each side: 0.2-0.7 -> 0.15-0.75."""
    fig = analyst_charts.tornado_chart(
        ["a", "b"],
        np.array([0.002, 0.003]),
        np.array([0.009, 0.006]),
        0.004,
        "P(agreement)",
        np.array([0.001, 0.001]),
        np.array([0.001, 0.001]),
    )
    low, high = fig.axes[0].get_xlim()
    assert low == 0.0 and high == pytest.approx(0.0155)
    wide = analyst_charts.tornado_chart(
        ["a"], np.array([0.2]), np.array([0.7]), 0.45, "P(agreement)"
    )
    assert wide.axes[0].get_xlim() == pytest.approx((0.15, 0.75))
