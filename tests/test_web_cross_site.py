"""Cross-site requests and offline /docs against the real server (uvicorn on 127.0.0.1)
and a real headless chromium: another origin's form post to the what-if is refused,
the dashboard's own pages still post, and /docs renders with no request leaving
127.0.0.1 and no console (CSP) error."""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path

import httpx
import pytest
from web_scenario import write_hostile

from detente.web.local_server import free_port, running_server
from detente.web.settings import WebSettings

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ID = "small"
SETTING = {"positions.AAA.line.position": "40"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    scenario, sources = write_hostile(tmp_path_factory.mktemp("site"))
    settings = WebSettings(scenarios=(str(scenario),), runs=300, seed=5, sources=sources)
    with running_server(settings) as url:
        yield url


def _post(url: str, headers: dict[str, str]) -> httpx.Response:
    return httpx.post(f"{url}/scenarios/{ID}/whatif/run", data=SETTING, headers=headers)


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},  # another port on 127.0.0.1 is same-site
        {"Origin": "http://127.0.0.1:1", "Sec-Fetch-Site": "same-origin"},
    ],
)
def test_cross_site_posts_are_refused_with_403(server, headers):
    answer = _post(server, headers)
    assert answer.status_code == 403
    assert "cross-site request refused" in answer.json()["detail"]
    json_api = httpx.post(
        f"{server}/api/scenarios/{ID}/whatif", json={"settings": {}}, headers=headers
    )
    assert json_api.status_code == 403


def test_same_origin_and_non_browser_posts_still_work(server):
    own = {"Origin": server, "Sec-Fetch-Site": "same-origin", "HX-Request": "true"}
    assert _post(server, own).status_code == 200
    assert _post(server, {}).status_code == 200  # curl and scripts send neither header
    assert httpx.get(f"{server}/scenarios/{ID}", headers={"Origin": "http://x"}).is_success


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="detente-chromium-")
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile, executable_path=str(CHROMIUM), headless=True, args=ARGS
            )
            yield context
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def attacker_site(tmp_path, server):
    """A page on another origin (another port) that auto-posts the what-if form."""
    (tmp_path / "attack.html").write_text(
        f'<form id="f" method="post" action="{server}/scenarios/{ID}/whatif/run">'
        '<input name="positions.AAA.line.position" value="40"></form>'
        "<script>document.getElementById('f').submit()</script>",
        encoding="utf-8",
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    port = free_port()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/attack.html"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_chromium_form_post_from_another_origin_is_refused(browser, server, attacker_site):
    page = browser.new_page()
    statuses: list[int] = []
    page.on(
        "response",
        lambda r: statuses.append(r.status) if r.url.endswith("/whatif/run") else None,
    )
    with page.expect_navigation(url=f"{server}/scenarios/{ID}/whatif/run"):
        page.goto(attacker_site)
    assert statuses == [403]
    assert "cross-site request refused" in page.content()
    page.close()


def test_docs_render_offline_in_chromium(browser, server, tmp_path):
    page = browser.new_page()
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert "detente dashboard" in page.inner_text(".swagger-ui .info")
    operations = page.locator(".swagger-ui .opblock-summary-path").all_inner_texts()
    assert any("/api/scenarios/{scenario_id}/whatif" in op for op in operations)
    outside = [u for u in requested if not u.startswith(("http://127.0.0.1:", "data:"))]
    assert outside == []
    assert any(u.endswith("/static/docs/swagger-ui-bundle.js") for u in requested)
    assert errors == []
    page.screenshot(path=str(tmp_path / "docs.png"), full_page=True)
    page.close()


def test_redoc_is_not_offered_since_it_would_need_a_cdn(server):
    assert httpx.get(f"{server}/redoc").status_code == 404
    docs = httpx.get(f"{server}/docs")
    assert "cdn" not in docs.text.lower()
    assert "'unsafe-inline'" not in docs.headers["content-security-policy"].split("style-src")[0]
