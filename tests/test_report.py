"""The HTML report: self-contained (no external loads), carries the charts and the forecast's
numbers, escapes scenario text; chart files for slides; the per-round cycle series."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner
from web_scenario import IMG, SCRIPT, write_hostile

from detente.cli.main import app
from detente.process import OutcomeClass, simulate
from detente.report.cycle import CYCLE_STATES, cycle_shares, outcome_path
from detente.report.data import report_data
from detente.report.figures import chart_builders, report_chart_names
from detente.report.format import num, pct
from detente.report.html import render_report
from detente.scenario import load_scenario

RUNS = 400
EXTERNAL = re.compile(r"""(?:src|href|xlink:href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    path, _ = write_hostile(tmp_path_factory.mktemp("report"))
    return load_scenario(path)


@pytest.fixture(scope="module")
def data(scenario):
    return report_data(scenario, runs=RUNS, seed=3)


@pytest.fixture(scope="module")
def html(data) -> str:
    return render_report(data)


def test_report_is_self_contained(html):
    assert html.startswith("<!doctype html>")
    assert not EXTERNAL.search(html), EXTERNAL.search(html)
    assert "<link" not in html and "@import" not in html
    assert "<script" not in html  # no script at all: nothing to fetch, nothing to run
    assert "<style>" in html  # CSS inline


def test_report_contains_every_chart(html, data):
    expected = {"outcomes", "outcome-bands", "settlement", "cycle", "event-paths"}
    expected |= {"settlement-distributions", "network"}  # the scenario has a relation
    if data["forecast"]["summary"]["drivers"]:
        expected.add("tornado")
    assert set(report_chart_names(data)) == expected
    positions = {f"positions-{i['issue']}" for i in data["positions"] if i["actors"]}
    assert set(chart_builders(data)) == expected | positions  # slides get the maps too
    assert html.count("<svg") == len(expected)
    for name in expected:  # each chart inlined once, its ids prefixed with its name
        assert f'id="{name}-' in html
    # ids are prefixed per chart, so two inlined SVGs never share one
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_report_shows_the_forecast_summary_numbers(html, data):
    summary = data["forecast"]["summary"]
    assert pct(summary["agreement_by_horizon"]) in html
    for outcome in summary["outcomes"]:
        for value in outcome["probabilities"].values():
            assert pct(value) in html
    for issue in summary["settlement"]:
        assert issue["name"] in html
        if issue["p50"] is not None:
            assert f"{num(issue['p10'])} – {num(issue['p90'])}" in html
    assert f"{summary['runs']} Monte Carlo runs" in html
    assert 'id="dated-records"' not in html  # no dated calibration record in this scenario


def test_report_has_position_map_anchors_and_evidence_table(html):
    assert "A keeps everything" in html and "B gets everything" in html  # scale anchors
    assert "positions.<wbr>BBB.<wbr>line" in html and ">e1<" in html  # parameter -> evidence id
    assert "assumption: test actor" in html


def test_the_evidence_table_keeps_an_assumption_beside_evidence(data):
    """A number with evidence and an assumption: the row shows the claim and the
    assumption (the size is a judgement), not the evidence alone."""
    rows = [dict(r) for r in data["evidence"]]
    sourced = next(r for r in rows if r["evidence"] == "e1")
    sourced["assumption"] = "its size is a judgement"
    page = render_report({**data, "evidence": rows})
    row = page.split(">e1<")[1].split("</tr>")[0]
    assert "assumption: its size is a judgement" in row
    assert "assumption: its size" not in render_report(data)


def test_report_escapes_scenario_text(html):
    assert SCRIPT not in html and IMG not in html
    assert "&lt;script&gt;" in html


def test_cycle_states_partition_the_runs_and_match_the_outcome_classes(scenario):
    log = simulate(scenario, runs=300, seed=9)
    n_rounds = 10
    cycle = cycle_shares(log, n_rounds)
    assert cycle.shares.shape == (len(CYCLE_STATES), n_rounds)
    np.testing.assert_allclose(cycle.shares.sum(axis=0), 1.0)
    last_day = int(cycle.days[-1])
    classes = log.outcome_class_at(last_day)
    # the last five states are the agreement classes, a collapse and a victory, read off
    # the log
    for state, cls in zip(
        CYCLE_STATES[-5:],
        (
            OutcomeClass.COMPREHENSIVE,
            OutcomeClass.ARMISTICE,
            OutcomeClass.IMPOSED,
            OutcomeClass.COLLAPSED,
            OutcomeClass.VICTORY,
        ),
        strict=True,
    ):
        k = CYCLE_STATES.index(state)
        assert cycle.shares[k, -1] == pytest.approx(np.mean(classes == cls))
    path = outcome_path(log, np.array([0, last_day]))
    np.testing.assert_allclose(path.sum(axis=0), 1.0)
    assert path[OutcomeClass.COMPREHENSIVE, 1] == pytest.approx(
        np.mean(classes == OutcomeClass.COMPREHENSIVE)
    )


def test_report_command_writes_html_and_chart_files(tmp_path, scenario):
    source = tmp_path / "s"
    path, _ = write_hostile(source)
    out = tmp_path / "out" / "report.html"
    charts = tmp_path / "charts"
    result = CliRunner().invoke(
        app,
        [
            "report",
            str(path),
            "-o",
            str(out),
            "--runs",
            "200",
            "--charts-dir",
            str(charts),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert listed["report"] == str(out) and out.read_text().startswith("<!doctype html>")
    pngs = sorted(charts.glob("*.png"))
    svgs = sorted(charts.glob("*.svg"))
    names = {p.stem for p in pngs}
    assert {"outcomes", "settlement", "cycle", "positions-line"} <= names
    assert {p.stem for p in svgs} == names
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    assert all(p.read_text().startswith("<svg") for p in svgs)


def test_report_command_refuses_bad_chart_format(tmp_path):
    result = CliRunner().invoke(
        app, ["report", "x.yaml", "-o", str(tmp_path / "r.html"), "--chart-format", "gif"]
    )
    assert result.exit_code == 2
    assert "gif" in result.output and not Path(tmp_path / "r.html").exists()


def test_charts_draw_scenario_text_literally():
    from detente.report import charts

    figure = charts.position_map(
        "costs $5 <b>bold</b>",
        {0: "$x^2$ nothing", 100: "all $"},
        ["A $\\alpha$", "B"],
        np.array([10.0, 90.0]),
        np.array([5.0, 80.0]),
        np.array([20.0, 95.0]),
        np.array([50.0, 70.0]),
        40.0,
    )
    svg = charts.to_svg(figure)  # mathtext would fail on or rewrite these '$' strings
    assert "<b>" not in svg and "&lt;b&gt;bold" in svg
    assert "$x^2$ nothing" in svg.replace("\\", "")


def test_per_round_series_come_from_the_same_runs_as_the_summary(scenario, data):
    # report_data simulates once and reads both the summary and the per-round series off
    # that one event log. An independent process.simulate with the same runs and seed is,
    # by the chunk seeding of PROCESS_API.md, the very same run set: the summary's class
    # shares, the outcome path and the cycle shares must all agree with it exactly.
    import datetime as dt

    from detente.forecast.summaries import outcome_probabilities

    summary = data["forecast"]["summary"]
    log = simulate(scenario, runs=RUNS, seed=3)
    dates = [dt.date.fromisoformat(o["date"]) for o in summary["outcomes"]]
    shares = outcome_probabilities(log, dates)
    for k, outcome in enumerate(summary["outcomes"]):
        for key, value in outcome["probabilities"].items():
            assert shares[key][0][k] == value
    path = data["forecast"]["path"]
    days = np.array(path["days"])
    assert np.array_equal(outcome_path(log, days), np.array(path["probabilities"]))
    cycle = data["forecast"]["cycle"]
    expected = cycle_shares(log, len(cycle["rounds"]))
    assert np.array_equal(expected.shares, np.array(cycle["shares"]))


def test_forecast_report_reuses_the_forecast_runs(scenario, data):
    # `detente forecast --report` hands its simulated runs to the report instead of
    # simulating again; the report data must be the same as report_data's.
    from detente.analysis.forecast_summary import forecast_summary, forecast_summary_with_runs
    from detente.report.data import report_data_from_runs

    summarised = forecast_summary_with_runs(scenario, runs=RUNS, seed=3)
    assert summarised.sampled.log.n_runs == RUNS
    assert summarised.summary.to_dict() == forecast_summary(scenario, runs=RUNS, seed=3).to_dict()
    assert report_data_from_runs(scenario, summarised) == data


def test_table_of_contents_links_to_every_section(html):
    toc = html[html.index('<nav class="toc"') : html.index("</nav>")]
    targets = re.findall(r'href="#([^"]+)"', toc)
    assert len(targets) >= 9 and "sanity" in targets and "paths" in targets
    for target in targets:
        assert html.count(f'id="{target}"') == 1, target  # the link lands on one place
        assert f'<a class="anchor" href="#{target}">' in html  # the heading links to itself


def test_report_carries_the_new_analyst_sections(html, data):
    forecast = data["forecast"]
    # the toy scenario settles at once: the sanity panel says so, naming the drivers
    assert forecast["sanity"] and forecast["sanity"][0]["check"] == "early_agreement"
    assert 'data-check="early_agreement"' in html
    for path in forecast["event_paths"]:
        assert path["path"] in html
    assert sum(p["share"] for p in forecast["event_paths"]) <= 1 + 1e-9
    assert forecast["path"]["runs"] == RUNS
    p, se = (
        np.array(forecast["path"]["probabilities"]),
        np.array(forecast["path"]["standard_errors"]),
    )
    np.testing.assert_allclose(se, np.sqrt(p * (1 - p) / RUNS))
    for issue in forecast["settlement_distribution"]:
        settled = next(s for s in forecast["summary"]["settlement"] if s["issue"] == issue["issue"])
        assert sum(issue["counts"]) == round(settled["share_settled"] * RUNS)


def test_report_shows_sobol_indices_from_a_sensitivity_file(tmp_path):
    # a small Sobol run through the real CLI, then handed to the report
    path, _ = write_hostile(tmp_path)
    sens = CliRunner().invoke(app, ["sensitivity", str(path), "--samples", "16", "--json"])
    assert sens.exit_code == 0, sens.output
    (tmp_path / "sens.json").write_text(sens.stdout)
    out = tmp_path / "r.html"
    args = ["report", str(path), "--runs", "200", "-o", str(out), "--sensitivity"]
    done = CliRunner().invoke(app, [*args, str(tmp_path / "sens.json")])
    assert done.exit_code == 0, done.output
    html = out.read_text()
    assert 'id="sobol-' in html and "Sobol indices of P(agreement at the horizon)" in html
    doc = json.loads(sens.stdout)
    top = max(doc["outputs"][0]["indices"], key=lambda i: i["ST"])["parameter"]
    assert top in html
    (tmp_path / "other.json").write_text(json.dumps({**doc, "scenario": "another"}))
    wrong = CliRunner().invoke(app, [*args, str(tmp_path / "other.json")])
    assert wrong.exit_code == 2 and "'another'" in wrong.stderr


def test_report_command_takes_the_report_dates(tmp_path):
    """``--months`` sets the outcome table's columns, as in ``forecast``; a bad one writes
    nothing."""
    path, _ = write_hostile(tmp_path / "s")
    out = tmp_path / "crisis.html"
    args = ["report", str(path), "-o", str(out), "--runs", "200"]
    done = CliRunner().invoke(app, [*args, "--months", "1,2", "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["months"] == [1, 2]
    header = re.search(r"<th>outcome</th>(.*?)</tr>", out.read_text(), re.S)
    assert header is not None
    assert re.findall(r"<th>(\d+ months?)<br>", header.group(1)) == ["1 month", "2 months"]
    out.unlink()
    refused = CliRunner().invoke(app, [*args, "--months", "0"])
    assert refused.exit_code == 2 and "--months" in refused.output
    assert not out.exists()
