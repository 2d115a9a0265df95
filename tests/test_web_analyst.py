"""The dashboard's analyst endpoints (real app, real simulator): the forecast JSON carries
the chart series, sliders start with the drivers, a question's explanation, and the
what-if of a driver moves the numbers."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from detente.analysis.explain import explain_question
from detente.cli.scenario_template import scenario_template
from detente.scenario import load_scenario
from detente.web.app import create_app
from detente.web.settings import WebSettings

RUNS, SEED = 400, 3
QUESTIONS = "- id: deal_6m\n  question: agreement(arena=talks) by 2026-07-05\n"


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    # the 'detente new' template: its outcomes vary, so it has drivers to offer
    folder = tmp_path_factory.mktemp("analyst")
    scenario = folder / "cycle.yaml"
    scenario.write_text(scenario_template("cycle", dt.date(2026, 1, 5), "cycle.yaml"))
    (folder / "cycle.questions.yaml").write_text(QUESTIONS)
    settings = WebSettings(
        scenarios=(str(scenario),), runs=RUNS, seed=SEED, allowed_hosts=("testserver",)
    )
    return scenario, TestClient(create_app(settings))


def test_forecast_json_has_the_chart_series(setup):
    _, client = setup
    data = client.get("/api/scenarios/cycle/forecast").json()
    assert {"sanity", "tornado", "event_paths", "settlement_distribution"} <= set(data)
    assert len(data["path"]["standard_errors"]) == len(data["path"]["probabilities"])
    drivers = [d["parameter"] for d in data["summary"]["drivers"]]
    assert [r["parameter"] for r in data["tornado"]["rows"]] == drivers
    network = client.get("/api/scenarios/cycle").json()["network"]
    assert network["relations"] and {"kind", "from", "to", "strength"} <= set(
        network["relations"][0]
    )


def test_sliders_start_with_the_forecast_drivers_and_move_the_numbers(setup):
    _, client = setup
    drivers = [
        d["parameter"]
        for d in client.get("/api/scenarios/cycle/forecast").json()["summary"]["drivers"]
    ]
    sliders = client.get("/api/scenarios/cycle/whatif").json()["sliders"]
    top = [s for s in sliders if s["group"] == "Top drivers"]
    assert [s["path"] for s in top] == drivers and top  # every driver gets a slider
    first = top[0]
    moved = first["low"] if first["value"] != first["low"] else first["high"]
    result = client.post(
        "/api/scenarios/cycle/whatif", json={"settings": {first["path"]: moved}}
    ).json()
    diffs = [o["difference"] for d in result["comparisons"][0]["dates"] for o in d["outcomes"]]
    assert any(abs(x) > 0 for x in diffs)  # the top driver moved to its end changes something


def test_explain_endpoint_matches_the_library_and_404s_unknown_ids(setup):
    path, client = setup
    data = client.get("/api/scenarios/cycle/questions/deal_6m").json()
    direct = explain_question(
        load_scenario(path), "deal_6m", source=str(path), runs=RUNS, seed=SEED
    )
    assert data["probability"] == direct.probability
    assert [p["path"] for p in data["paths"]] == [p.path for p in direct.paths]
    page = client.get("/scenarios/cycle/questions/deal_6m")
    assert page.status_code == 200 and "Three runs, told day by day" in page.text
    missing = client.get("/api/scenarios/cycle/questions/nope")
    assert missing.status_code == 404 and "deal_6m" in missing.json()["detail"]


def test_the_network_says_which_relations_the_model_reads():
    """An India-Pakistan trial's report listed relations that validate said change no run,
    as if they mattered: each relation now says whether the model reads it, the same
    answer validate gives (ukraine-2025-12: Russia's influence on Slovakia is unread)."""
    from detente.process.reads import model_warnings
    from detente.report.series import network
    from detente.scenario import load_scenario

    scenario = load_scenario("ukraine-2025-12")
    unread = {w.message.split(":")[0] for w in model_warnings(scenario, lambda where: None)}
    flags = {
        f"relations.{r['kind']}.{r['from']}.{r['to']}.strength": r["read"]
        for r in network(scenario)["relations"]
    }
    assert flags["relations.influence.RUS.SVK.strength"] is False
    assert any(flags.values())  # the dependencies the model reads
    assert {path for path, read in flags.items() if not read} == unread & set(flags)
