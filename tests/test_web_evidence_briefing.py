"""The dashboard's evidence page shows the briefing a person reads (sentences from the
files, titles, dates): over HTTP, and in a real headless chromium when Debian's is there."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from typer.testing import CliRunner

from detente.cli.main import app
from detente.web.app import create_app
from detente.web.local_server import running_server
from detente.web.settings import WebSettings

SCENARIO = "ukraine-2025-12"
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def store(tmp_path_factory, seeds_dir: Path) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("web-briefing") / "s.duckdb"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(seeds_dir), "--store", str(path)]).exit_code == 0
    result = runner.invoke(app, ["brief", "--store", str(path), "--as-of", "2025-12-04", "--json"])
    assert result.exit_code == 0, result.output
    return path, json.loads(result.stdout)


def test_evidence_page_shows_the_same_sentences_as_the_cli(store) -> None:
    path, briefing = store
    settings = WebSettings(
        scenarios=(SCENARIO,), runs=50, store=path, allowed_hosts=("testserver",)
    )
    with TestClient(create_app(settings)) as client:
        page = client.get(f"/scenarios/{SCENARIO}/evidence")
    assert page.status_code == 200
    assert 'id="briefing"' in page.text and "Who said what" in page.text
    for quote in briefing["quotes"]:
        for pointer in quote["sources"]:
            assert str(escape(pointer["sentence"])) in page.text
    # actor candidates: the names and the sentences they occur in, as in the CLI's JSON
    assert briefing["candidates"] and "Actor candidates" in page.text
    for candidate in briefing["candidates"]:
        assert f"{escape(candidate['name'])} ({candidate['kind']}," in page.text
        for pointer in candidate["pointers"][:2]:
            assert str(escape(pointer["sentence"])) in page.text
    assert "Column on the failed Putin-Witkoff talks" in page.text  # a title, with its date
    assert "(s001, 2025-12-04)" in page.text
    # the sources table does not count a stored document's spans: it says so rather
    # than showing 0 (it read '0 cited spans' beside documents the scenario cites)
    table = page.text.split('id="documents-table"')[1].split("</table>")[0]
    rows = table.split("<tr>")[2:]
    assert rows and all("<td>0</td>" not in row and ">open</span>" in row for row in rows)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed")
def test_evidence_briefing_renders_in_chromium(store, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    path, briefing = store
    sentence = briefing["quotes"][0]["sources"][0]["sentence"]
    settings = WebSettings(scenarios=(SCENARIO,), runs=50, store=path)
    profile = tempfile.mkdtemp(prefix="detente-chromium-")
    try:
        with running_server(settings, warm=False) as url, sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile,
                executable_path=str(CHROMIUM),
                headless=True,
                args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
                viewport={"width": 1280, "height": 900},
            )
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            response = page.goto(f"{url}/scenarios/{SCENARIO}/evidence")
            assert response is not None and response.status == 200
            page.wait_for_selector("#briefing blockquote")
            shown = page.inner_text("#briefing")
            assert " ".join(sentence.split()) in " ".join(shown.split())
            first = briefing["candidates"][0]
            assert f"--accept-actor '{first['name']}={first['suggested_id']}'" in shown
            page.screenshot(path=str(tmp_path / "evidence.png"), full_page=True)
            assert (tmp_path / "evidence.png").stat().st_size > 10_000
            assert errors == []
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
