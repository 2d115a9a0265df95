"""Progressive what-if: a fresh setting is answered from a small paired run at once and
refined to the full count in the background (real server, real threads, real chromium).
Each answer equals analysis.whatif.compare_interventions at the run count it reports."""

from __future__ import annotations

import json
import threading
import time
import warnings
from pathlib import Path

import pytest
from web_scenario import write_hostile

from detente.analysis.interventions import Intervention
from detente.analysis.whatif import compare_interventions
from detente.scenario import load_scenario
from detente.web.app import create_app
from detente.web.local_server import running_server
from detente.web.refiner import IdleRefiner
from detente.web.settings import WebSettings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

ID = "small"
RUNS, QUICK, SEED = 3_000, 500, 5
PATH = "positions.AAA.line.position"


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory) -> Path:
    return write_hostile(tmp_path_factory.mktemp("progressive"))[0]


def settings_for(scenario_file: Path, **extra) -> WebSettings:
    chosen = {
        "runs": RUNS,
        "seed": SEED,
        "whatif_quick_runs": QUICK,
        "allowed_hosts": ("127.0.0.1", "testserver"),
        **extra,
    }
    return WebSettings(scenarios=(str(scenario_file),), **chosen)


def reference(scenario_file: Path, value: float, runs: int) -> list:
    scenario = load_scenario(scenario_file)
    description = f"{PATH}={value:g}"
    result = compare_interventions(
        scenario, [Intervention("whatif", description, ((PATH, value),))], runs=runs, seed=SEED
    ).to_dict()
    return json.loads(json.dumps(result["comparisons"][0]["dates"]))


@pytest.mark.parametrize("workers", [2, 0])  # worker processes, or the server's own threads
def test_fresh_setting_is_quick_then_full_and_both_match_compare_interventions(
    scenario_file, workers
):
    app = create_app(settings_for(scenario_file, whatif_workers=workers))
    client = TestClient(app)
    url = f"/api/scenarios/{ID}/whatif"
    quick = client.post(url, json={"settings": {PATH: 40}}).json()
    assert quick["complete"] is False
    assert (quick["runs"], quick["full_runs"]) == (QUICK, RUNS)
    assert quick["comparisons"][0]["dates"] == reference(scenario_file, 40.0, QUICK)
    full = client.post(f"{url}?full=true", json={"settings": {PATH: 40}}).json()
    assert full["complete"] is True and full["runs"] == RUNS
    assert full["comparisons"][0]["dates"] == reference(scenario_file, 40.0, RUNS)
    se_quick = quick["comparisons"][0]["dates"][0]["outcomes"][0]["difference_se"]
    se_full = full["comparisons"][0]["dates"][0]["outcomes"][0]["difference_se"]
    assert se_full <= se_quick  # six times the runs: the paired SE does not grow
    app.state.dashboard.close()


def test_the_page_says_the_quick_answer_is_provisional_and_the_full_one_is_not(scenario_file):
    app = create_app(settings_for(scenario_file, whatif_workers=0))
    client = TestClient(app)
    url = f"/scenarios/{ID}/whatif/run"
    quick = client.post(url, data={PATH: "35"})
    assert quick.status_code == 200 and quick.headers.get("x-detente-partial") == "1"
    assert "Provisional" in quick.text and f"all {RUNS} replaces it" in quick.text
    assert f"{QUICK} runs, seed {SEED}" in quick.text
    full = client.post(url, data={PATH: "35"}, headers={"X-Detente-Refine": "1"})
    assert full.status_code == 200 and "x-detente-partial" not in full.headers
    assert "Provisional" not in full.text and f"{RUNS} runs, seed {SEED}" in full.text
    app.state.dashboard.close()


def test_the_idle_refiner_completes_the_answer_without_another_request(scenario_file):
    with TestClient(create_app(settings_for(scenario_file))) as client:  # lifespan: closes
        refined_without_asking(client)


def refined_without_asking(client: TestClient) -> None:
    url = f"/api/scenarios/{ID}/whatif"
    assert client.post(url, json={"settings": {PATH: 70}}).json()["complete"] is False
    deadline = time.monotonic() + 120
    board = client.app.state.dashboard
    key = (ID, ((PATH, 70.0),))
    while board._whatifs.peek(key) is None:
        assert time.monotonic() < deadline, "refinement never ran on an idle server"
        time.sleep(0.1)
    again = client.post(url, json={"settings": {PATH: 70}}).json()
    assert again["complete"] is True and again["runs"] == RUNS


def test_no_quick_answer_when_the_full_count_is_small(scenario_file):
    client = TestClient(create_app(settings_for(scenario_file, runs=QUICK)))
    answer = client.post(f"/api/scenarios/{ID}/whatif", json={"settings": {PATH: 40}}).json()
    assert answer["complete"] is True and answer["runs"] == QUICK


def test_refiner_waits_for_quiet_runs_newest_first_and_drops_the_oldest():
    refiner = IdleRefiner(pending=2, quiet_seconds=0.2)
    ran: list[str] = []
    done = threading.Event()

    def job(name: str):
        def run() -> None:
            ran.append(name)
            if len(ran) == 2:
                done.set()

        return run

    with refiner.request():  # a quick answer in progress: nothing may start
        for name in ("a", "b", "c"):
            refiner.submit(name, job(name))
        time.sleep(0.4)
        assert ran == []
    assert refiner.dropped == 1  # "a" was the oldest beyond the bound of 2
    assert done.wait(10)
    assert ran == ["c", "b"]


def test_chromium_shows_the_quick_answer_then_the_full_one(scenario_file, tmp_path):
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Debian chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    served = running_server(settings_for(scenario_file, allowed_hosts=("127.0.0.1",)))
    with served as url, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(chromium), args=["--headless", "--no-sandbox"]
        )
        page = browser.new_page()
        answers: list[str] = []
        page.on(
            "response",
            lambda r: (
                answers.append(r.headers.get("x-detente-partial", "full"))
                if r.url.endswith("/whatif/run")
                else None
            ),
        )
        page.goto(f"{url}/scenarios/{ID}/whatif")
        page.wait_for_function("() => window.htmx !== undefined")
        slider = page.locator(f"input[type=range][name='{PATH}']")
        slider.focus()
        for _ in range(7):
            page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "() => document.querySelector('#whatif-result').textContent"
            f".includes('{RUNS} runs') && document.querySelector('#whatif-settings')"
            f".textContent.includes('{PATH}')",
            timeout=60_000,
        )
        assert answers[0] == "1" and answers[-1] == "full"
        assert PATH in page.inner_text("#whatif-settings")
        assert page.locator("#whatif-provisional").count() == 0  # refined: no longer marked
        page.screenshot(path=str(tmp_path / "whatif-refined.png"), full_page=True)
        browser.close()


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie (an exited child waiting to be reaped by init)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_detente_serve_stops_its_worker_processes_on_ctrl_c(scenario_file):
    import signal
    import subprocess
    import sys

    import httpx

    from detente.web.local_server import free_port

    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "detente.cli.main",
            "serve",
            str(scenario_file),
            "--port",
            str(port),
            "--runs",
            str(RUNS),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/api/scenarios/{ID}/whatif"
        deadline = time.monotonic() + 120
        answer = None
        while answer is None:
            assert time.monotonic() < deadline and server.poll() is None
            try:
                answer = httpx.post(url, json={"settings": {PATH: 55}}, timeout=60).json()
            except httpx.HTTPError:
                time.sleep(0.3)
        assert answer["complete"] is False  # answered by a worker process
        workers = _children(server.pid)
        assert len(workers) >= 2
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        time.sleep(1.0)
        assert not [w for w in workers if _running(w)]
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=10)
