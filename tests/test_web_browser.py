"""The dashboard in a real headless chromium (Debian's, driven by playwright): every page
loads without console errors (CSP included), a what-if slider moved with the keyboard
changes the numbers, screenshots are written to a tmp dir (never committed)."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest

from detente.web.local_server import running_server
from detente.web.settings import WebSettings

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCENARIO = "ukraine-2025-12"
RUNS = 2_000

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian chromium not installed (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def server(seeds_dir):
    settings = WebSettings(scenarios=(SCENARIO,), runs=RUNS, sources=seeds_dir)
    with running_server(settings) as url:
        yield url


@pytest.fixture(scope="module")
def browser_context():
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="detente-chromium-")
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile,
                executable_path=str(CHROMIUM),
                headless=True,
                args=ARGS,
                viewport={"width": 1280, "height": 900},
            )
            yield context
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    page.close()


def sideways_overflow(page) -> dict:
    """How far the page is wider than the window (0 = no horizontal scrollbar), and the
    sections that scroll sideways inside themselves (style.css lets a too-wide table
    scroll within its card as a last resort; a fitting layout needs none of that)."""
    return page.evaluate(
        """() => ({
            page: Math.max(document.documentElement.scrollWidth - window.innerWidth, 0),
            sections: [...document.querySelectorAll('section')]
                .filter(s => s.scrollWidth > s.clientWidth).map(s => s.id),
        })"""
    )


PAGES = [
    ("", "#scenario-title", "scenario"),
    ("/forecast", "#outcomes-table", "forecast"),
    ("/whatif", "#whatif-table", "whatif"),
    ("/evidence", "#evidence-table", "evidence"),
    ("/questions", "#questions-table", "questions"),
    ("/questions/deal_6m", "#explain-paths-table", "explain"),
]
WIDTHS = (1280, 800)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("suffix, selector, name", PAGES)
def test_each_page_loads_in_chromium(server, page, tmp_path, suffix, selector, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    response = page.goto(f"{server}/scenarios/{SCENARIO}{suffix}")
    assert response is not None and response.status == 200
    page.wait_for_selector(selector)
    assert page.locator(selector).is_visible()
    if name in ("scenario", "forecast"):
        assert page.locator(".chart svg").count() >= 1
    page.screenshot(path=str(tmp_path / f"{name}-{width}.png"), full_page=True)
    assert (tmp_path / f"{name}-{width}.png").stat().st_size > 10_000
    assert page.console_errors == []
    assert sideways_overflow(page) == {"page": 0, "sections": []}
    assert requested and all(url.startswith(server) for url in requested)  # no network


def test_forecast_page_shows_the_analyst_charts(server, page):
    page.goto(f"{server}/scenarios/{SCENARIO}/forecast")
    for chart in ("outcome-bands", "settlement-distributions", "event-paths", "tornado"):
        assert page.locator(f"#chart-{chart} svg").count() == 1, chart
    assert page.locator("#sanity").is_visible()
    assert page.locator("#event-paths-table tbody tr").count() == 10
    page.click("a[href='#drivers']")  # the contents links jump to their section
    assert page.evaluate("() => location.hash") == "#drivers"
    page.goto(f"{server}/scenarios/{SCENARIO}")
    assert page.locator("#chart-network svg").count() == 1
    assert page.locator("#network-table tbody tr").count() >= 1
    assert page.console_errors == []


def test_questions_link_to_their_explanation(server, page):
    page.goto(f"{server}/scenarios/{SCENARIO}/questions")
    page.click("#questions-table a[href$='/questions/deal_6m']")
    page.wait_for_selector("#explain-stories")
    assert page.locator("#explain-stories details").count() == 3
    assert re.fullmatch(r"\d+\.\d%", page.inner_text("#explain-probability"))
    assert page.locator("#explain-drivers-table tbody tr").count() >= 1
    assert page.console_errors == []


def test_forecast_page_numbers_are_percentages(server, page):
    page.goto(f"{server}/scenarios/{SCENARIO}/forecast")
    text = page.inner_text("#agreement-horizon")
    assert re.fullmatch(r"\d+\.\d%", text)


def test_moving_a_whatif_slider_changes_the_numbers(server, page, tmp_path):
    page.goto(f"{server}/scenarios/{SCENARIO}/whatif")
    page.wait_for_function("() => window.htmx !== undefined")
    before = page.inner_text("#whatif-table")
    assert "+0.0 pp" in before or "−" not in before  # baseline vs itself
    widths = page.eval_on_selector_all(
        "#whatif-chart rect", "rs => rs.map(r => +r.getAttribute('width'))"
    )
    assert widths and all(w == 0 for w in widths)  # no bar: nothing changed
    slider = page.locator("input[type=range][name='positions.RUS.territory.position']")
    start = float(slider.input_value())
    slider.focus()
    for _ in range(30):
        page.keyboard.press("ArrowLeft")  # a real user moving the slider
    assert float(slider.input_value()) == start - 30
    shown = page.inner_text("#s-positions-RUS-territory-position-value")
    assert float(shown) == start - 30  # app.js mirrors the value while it moves
    page.wait_for_function(
        "() => document.querySelector('#whatif-settings').textContent"
        ".includes('positions.RUS.territory.position')",
        timeout=30_000,
    )
    after = page.inner_text("#whatif-table")
    assert after != before
    widths = page.eval_on_selector_all(
        "#whatif-chart rect", "rs => rs.map(r => +r.getAttribute('width'))"
    )
    assert any(w > 0 for w in widths)  # the delta chart shows the change
    diffs = page.locator("#whatif-table td.diff").all_inner_texts()
    assert any(not d.startswith("+0.0 pp") for d in diffs)
    page.screenshot(path=str(tmp_path / "whatif-moved.png"), full_page=True)
    page.click("#whatif-reset")  # back to the scenario's values: the baseline again
    page.wait_for_function(
        "() => !document.querySelector('#whatif-settings').textContent.includes('RUS')",
        timeout=30_000,
    )
    assert float(page.inner_text("#s-positions-RUS-territory-position-value")) == start
    diffs = page.locator("#whatif-table td.diff").all_inner_texts()
    assert all(d.startswith("+0.0 pp") for d in diffs)
    assert page.console_errors == []


def test_evidence_document_page_highlights_spans(server, page, tmp_path):
    page.goto(f"{server}/scenarios/{SCENARIO}/evidence")
    link = page.locator("#documents-table a").first
    link.click()
    page.wait_for_selector("#document-title")
    marks = page.locator("#document-text mark")
    assert marks.count() >= 1
    assert page.locator("#document-text script").count() == 0
    page.screenshot(path=str(tmp_path / "document.png"), full_page=True)
    assert page.console_errors == []


def test_report_fits_a_1280_px_window(page, tmp_path):
    # the question texts and open-question assumptions used to sit in nowrap cells and
    # pushed the report ~300 px wider than a 1280 px window
    from detente.report.data import report_data
    from detente.report.html import write_report
    from detente.scenario import load_scenario

    scenario = load_scenario(SCENARIO)
    data = report_data(scenario, runs=200, seed=1, question_set=SCENARIO)
    assert data["forecast"]["summary"]["questions"]  # the long-text table is in the report
    path = write_report(data, tmp_path / "report.html")
    page.goto(path.as_uri())
    assert page.evaluate("() => window.innerWidth") == 1280
    assert page.locator("#questions-table").is_visible()
    assert sideways_overflow(page) == {"page": 0, "sections": []}
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert page.console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_report_with_long_names_fits_the_window(page, tmp_path, width):
    # synthetic names far longer than any real one: they must wrap, not push the page wider
    from scenario_text import SMALL_SCENARIO

    from detente.report.data import report_data
    from detente.report.html import write_report
    from detente.scenario.loader import parse_scenario_text

    long = "The Extraordinarily Long-Named Provisional Coordinating Authority of the North"
    text = (
        SMALL_SCENARIO.replace("name: Party A", f"name: '{long} A'")
        .replace("name: Party B", f"name: '{long} B'")
        .replace("name: Ceasefire line", f"name: '{long}: the ceasefire line'")
    )
    data = report_data(parse_scenario_text(text, "long.yaml"), runs=300, seed=1)
    path = write_report(data, tmp_path / "report.html")
    page.set_viewport_size({"width": width, "height": 900})
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(path.as_uri())
    assert sideways_overflow(page) == {"page": 0, "sections": []}
    assert page.locator("#toc a").count() >= 9
    assert page.locator("#sanity li").count() >= 1  # this toy scenario settles at once
    page.screenshot(path=str(tmp_path / f"report-long-{width}.png"), full_page=True)
    assert requested == [path.as_uri()]  # the report loads nothing else
    assert page.console_errors == []
