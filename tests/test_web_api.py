"""The dashboard's app through FastAPI's TestClient: JSON endpoints, OpenAPI, escaping,
path traversal, body size limit, security headers, what-if numbers."""

from __future__ import annotations

import warnings
from importlib import resources
from pathlib import Path

import pytest
from web_scenario import IMG, SCRIPT, write_hostile

from detente.web.app import create_app
from detente.web.highlight import Span, highlight
from detente.web.security import is_loopback
from detente.web.settings import WebSettings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

RUNS = 400
ID = "small"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, Path]:
    return write_hostile(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def client(hostile) -> TestClient:
    scenario, sources = hostile
    settings = WebSettings(
        scenarios=(str(scenario),),
        runs=RUNS,
        seed=11,
        sources=sources,
        allowed_hosts=("127.0.0.1", "localhost", "testserver"),
    )
    return TestClient(create_app(settings))


def test_json_endpoints_carry_each_page_data(client):
    assert client.get("/api/scenarios").json()["scenarios"][0]["id"] == ID
    scenario = client.get(f"/api/scenarios/{ID}").json()
    assert [a["id"] for a in scenario["scenario"]["actors"]] == ["MED", "AAA", "BBB"]
    assert scenario["positions"][0]["anchors"]["50"] == "split"
    forecast = client.get(f"/api/scenarios/{ID}/forecast").json()
    assert forecast["runs"] == RUNS
    outcomes = forecast["summary"]["outcomes"]
    assert [o["months"] for o in outcomes] == [3, 6, 12]
    for o in outcomes:  # the five classes partition the runs
        assert sum(o["probabilities"].values()) == pytest.approx(1.0)
    shares = forecast["cycle"]["shares"]
    for r in range(len(forecast["cycle"]["rounds"])):
        assert sum(state[r] for state in shares) == pytest.approx(1.0)
    evidence = client.get(f"/api/scenarios/{ID}/evidence").json()
    rows = [r for r in evidence["parameters"] if r["evidence"] == "e1"]
    assert rows[0]["parameter"] == "positions.BBB.line" and rows[0]["source"] == "s1"
    doc = client.get(f"/api/scenarios/{ID}/evidence/s1").json()
    assert doc["available"] and doc["spans"][0]["kind"] == "evidence"  # pointer resolves
    questions = client.get(f"/api/scenarios/{ID}/questions").json()
    assert questions["questions"] == []  # the small scenario ships no question set
    sliders = client.get(f"/api/scenarios/{ID}/whatif").json()["sliders"]
    assert {"positions.AAA.line.position", "relations.dependency.AAA.MED.strength"} <= {
        s["path"] for s in sliders
    }


def test_openapi_documents_every_json_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    expected = {
        "/api/scenarios",
        "/api/scenarios/{scenario_id}",
        "/api/scenarios/{scenario_id}/forecast",
        "/api/scenarios/{scenario_id}/whatif",
        "/api/scenarios/{scenario_id}/evidence",
        "/api/scenarios/{scenario_id}/evidence/{source_id}",
        "/api/scenarios/{scenario_id}/questions",
        "/api/documents/{file_name}",
    }
    assert expected <= set(paths)
    assert "post" in paths["/api/scenarios/{scenario_id}/whatif"]
    assert not any(p.startswith("/scenarios") for p in paths)  # pages are not API


@pytest.mark.parametrize(
    "url",
    [
        f"/scenarios/{ID}",
        f"/scenarios/{ID}/forecast",
        f"/scenarios/{ID}/evidence",
        f"/scenarios/{ID}/evidence/s1",
        f"/scenarios/{ID}/whatif",
    ],
)
def test_pages_escape_scenario_and_document_text(client, url):
    page = client.get(url)
    assert page.status_code == 200
    assert SCRIPT not in page.text and IMG not in page.text
    assert "<script>" not in page.text  # our own scripts carry a src attribute
    assert "&lt;script&gt;" in page.text or "&lt;img" in page.text


def test_document_page_highlights_the_cited_span(client):
    page = client.get(f"/scenarios/{ID}/evidence/s1").text
    assert 'data-spans="e1"' in page
    assert "<mark" in page and "Party B wants the whole line</mark>" in page


def test_highlight_escapes_and_handles_overlaps():
    text = "ab<c>de"
    html = str(
        highlight(
            text, [Span(0, 5, "x", "quote"), Span(2, 7, "y", "event"), Span(9, 12, "z", "event")]
        )
    )
    assert "<c>" not in html and "&lt;c&gt;" in html
    # pieces: [0,2) x ; [2,5) x+y ; [5,7) y  -> three marks, the middle one names both spans
    assert html.count("<mark") == 3 and 'data-spans="x y"' in html


def test_form_fields_and_errors_are_escaped(client):
    response = client.post(f"/scenarios/{ID}/whatif/run", data={SCRIPT: "1"})
    assert response.status_code == 422
    assert SCRIPT not in response.text and "&lt;script&gt;" in response.text
    api = client.post(f"/api/scenarios/{ID}/whatif", json={"settings": {SCRIPT: 1}})
    assert api.status_code == 422
    assert api.headers["content-type"].startswith("application/json")


def test_unknown_scenario_is_404_and_escaped(client):
    response = client.get("/scenarios/%3Cscript%3E")
    assert response.status_code == 404
    assert "<script>" not in response.text
    assert client.get("/api/scenarios/nope/forecast").status_code == 404


@pytest.mark.parametrize(
    "name",
    ["..", ".hidden", "..%5C..%5Cwindows", "..%2F..%2Fetc%2Fpasswd", "%2E%2E", "missing.txt"],
)
def test_path_traversal_is_refused(client, name):
    # 400 when our check refuses the name, 404 when the client or router already
    # normalised it away: either way nothing outside the sources folder is read.
    response = client.get(f"/api/documents/{name}")
    assert response.status_code in (400, 404)
    assert "root:" not in response.text and "text" not in response.json()


@pytest.mark.parametrize(
    "name", ["../doc1.txt", "..", ".hidden", "a/b.txt", "..\\x", "/etc/passwd"]
)
def test_safe_document_path_refuses_anything_but_a_plain_listed_name(hostile, name):
    from detente.web.documents import UnsafePath, safe_document_path

    with pytest.raises(UnsafePath):
        safe_document_path(hostile[1], name)
    assert safe_document_path(hostile[1], "doc1.txt").name == "doc1.txt"


def test_dot_names_get_400_from_the_api(client):
    assert client.get("/api/documents/.hidden").status_code == 400
    assert client.get("/api/documents/..%5Cx").status_code == 400


def test_documents_by_plain_name_are_served_escaped_in_json(client):
    doc = client.get("/api/documents/doc1.txt").json()
    assert SCRIPT in doc["text"]  # JSON carries the text as data, the browser never runs it
    assert client.get("/api/documents/doc1.txt").headers["content-type"] == "application/json"


def test_oversized_bodies_get_413(client):
    big = b"x" * (1024 * 1024 + 1)
    declared = client.post(f"/api/scenarios/{ID}/whatif", content=big)
    assert declared.status_code == 413

    def chunks():  # no Content-Length: the limit is enforced on the bytes received
        for _ in range(20):
            yield b"y" * 65536

    form = {"content-type": "application/x-www-form-urlencoded"}
    streamed = client.post(f"/scenarios/{ID}/whatif/run", content=chunks(), headers=form)
    assert streamed.status_code == 413
    as_json = {"content-type": "application/json"}
    streamed = client.post(f"/api/scenarios/{ID}/whatif", content=chunks(), headers=as_json)
    assert streamed.status_code == 413
    small = client.post(f"/api/scenarios/{ID}/whatif", json={"settings": {}})
    assert small.status_code == 200


def test_security_headers_on_pages_and_api(client):
    for url in (f"/scenarios/{ID}", f"/api/scenarios/{ID}"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_htmx_is_served_from_the_installed_package(client):
    served = client.get("/static/htmx.min.js")
    packaged = resources.files("js_lib_htmx").joinpath("static", "htmx", "htmx.min.js")
    assert served.content == packaged.read_bytes()
    assert served.headers["content-type"].startswith("text/javascript")
    repo_src = Path(__file__).resolve().parents[1] / "src"
    assert not list(repo_src.rglob("htmx*.js"))  # not vendored
    assert client.get("/static/..%2Fsettings.py").status_code == 404


def test_whatif_moves_numbers_and_untouched_sliders_change_nothing(client):
    url = f"/api/scenarios/{ID}/whatif"
    same = client.post(url, json={"settings": {"positions.AAA.line.position": 10}}).json()
    # 10 is the scenario's own value: not an intervention, every difference is exactly 0
    assert same["settings"] == {}
    diffs = [o["difference"] for d in same["comparisons"][0]["dates"] for o in d["outcomes"]]
    assert diffs and all(d == 0 for d in diffs)
    moved = client.post(url, json={"settings": {"positions.AAA.line.position": 90}}).json()
    cmp = moved["comparisons"][0]
    assert cmp["settings"] == {"positions.AAA.line.position": 90.0}
    line = next(s for s in cmp["settlement"] if s["issue"] == "line")
    # Party A moving from 10 to 90 (B sits at ~90) pulls any agreed line up.
    assert line["intervention"] > line["baseline"]
    bad = client.post(url, json={"settings": {"positions.AAA.line.position": 101}})
    assert bad.status_code == 422 and "outside" in bad.json()["detail"]


def test_dashboard_whatif_equals_analysis_compare_interventions(hostile):
    from detente.analysis.interventions import Intervention
    from detente.analysis.whatif import compare_interventions
    from detente.scenario import load_scenario
    from detente.web.whatif_runner import run_whatif, simulate_baseline

    scenario = load_scenario(hostile[0])
    settings = {"positions.AAA.line.position": 40.0, "relations.dependency.AAA.MED.strength": 0.2}
    base = simulate_baseline(scenario, runs=300, seed=5, chunk_size=100)
    mine = run_whatif(base, settings).to_dict()
    name = mine["comparisons"][0]["description"]
    reference = compare_interventions(
        scenario,
        [Intervention("whatif", name, tuple(sorted(settings.items())))],
        runs=300,
        seed=5,
        chunk_size=100,
    ).to_dict()
    assert mine == reference


def test_loopback_detection():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert is_loopback("127.3.2.1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    assert not is_loopback("example.org")


def test_serve_binds_loopback_by_default_and_warns_otherwise(monkeypatch, hostile):
    import uvicorn
    from typer.testing import CliRunner

    from detente.cli.main import app

    seen = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: seen.append(host))
    runner = CliRunner()
    scenario = str(hostile[0])
    quiet = runner.invoke(app, ["serve", scenario, "--runs", "50"])
    assert quiet.exit_code == 0 and seen[-1] == "127.0.0.1"
    assert "warning" not in quiet.output
    loud = runner.invoke(app, ["serve", scenario, "--runs", "50", "--host", "0.0.0.0"])
    assert loud.exit_code == 0 and seen[-1] == "0.0.0.0"
    assert "warning: binding to 0.0.0.0" in loud.output


def test_evidence_page_reads_the_duckdb_store_and_escapes_its_text(tmp_path, hostile):
    import datetime as dt

    from detente.evidence import EXTRACTOR_VERSION
    from detente.evidence.records import Extraction, Mention, Quote
    from detente.evidence.store import EvidenceStore
    from detente.scenario.text import normalise_text, sha256_text

    text = normalise_text(f'Party B said: "we want all of it" {SCRIPT} and more.\n')
    sha = sha256_text(text)
    store_path = tmp_path / "store.duckdb"  # "evidence.duckdb" trips the store (catalog = schema)
    quote_start = text.index("we want")
    with EvidenceStore(store_path) as store:
        store.add_document(
            sha256=sha,
            path="doc.txt",
            title=f"stored {IMG}",
            kind="text",
            published=dt.date(2025, 12, 1),
            date_source="test",
            text=text,
            cuts=[],
            body=(0, len(text)),
            file_sha256=sha,
        )
        extraction = Extraction(
            mentions=(Mention(0, 7, "BBB", "Party B", "alias"),),
            quotes=(Quote(quote_start, quote_start + 16, "Party B", "BBB", 0, 7, "test", "x"),),
        )
        store.add_extraction(sha, ID, EXTRACTOR_VERSION, extraction)
    settings = WebSettings(
        scenarios=(str(hostile[0]),), runs=50, store=store_path, allowed_hosts=("testserver",)
    )
    with TestClient(create_app(settings)) as store_client:
        listing = store_client.get(f"/api/scenarios/{ID}/evidence").json()["documents"]
        assert [d["id"] for d in listing] == [sha]
        page = store_client.get(f"/scenarios/{ID}/evidence/{sha}")
        assert page.status_code == 200
        assert SCRIPT not in page.text and IMG not in page.text
        assert 'class="span-mention"' in page.text and 'class="span-quote"' in page.text
        assert store_client.get(f"/scenarios/{ID}/evidence/..%2Fx").status_code == 404
        assert store_client.get(f"/scenarios/{ID}/evidence/{'0' * 64}").status_code == 404


def test_foreign_host_headers_are_refused(client):
    # DNS rebinding: a foreign site's name pointing at 127.0.0.1 must not read the data
    response = client.get(f"/api/scenarios/{ID}/forecast", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert client.get(f"/api/scenarios/{ID}", headers={"host": "localhost:8000"}).status_code == 200
