"""Run store: migrations, scenarios by content hash, concurrent readers, a killed writer."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from scenario_text import SMALL_SCENARIO

from detente.scenario import parse_scenario_text
from detente.store import StoreError, default_store_path, open_store, scenario_hash
from detente.store.run_store import record_forecast_file
from detente.store.schema import LATEST_VERSION, VERSION_TABLE, current_version, migrate

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def scenario():
    return parse_scenario_text(SMALL_SCENARIO, "small.yaml")


def forecasts(k: int, n: int = 3) -> list[dict]:
    """n forecasts whose numbers encode k, so a torn write would show."""
    return [
        {
            "id": f"q{j}",
            "text": f"question {j}",
            "question": "agreement(arena=talks) by 2026-06-30",
            "resolution_date": "2026-06-30",
            "probability": ((k * 7 + j) % 100) / 100,
            "standard_error": 0.01,
            "status_quo_holds": j == 0,
        }
        for j in range(n)
    ]


def test_default_location_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DETENTE_HOME", str(tmp_path / "home"))
    assert default_store_path() == tmp_path / "home" / "detente.duckdb"
    monkeypatch.delenv("DETENTE_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_store_path() == tmp_path / "xdg" / "detente" / "detente.duckdb"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    assert default_store_path() == tmp_path / "user" / ".local/share/detente/detente.duckdb"


def test_migrations_upgrade_an_old_store_and_keep_its_rows(tmp_path, scenario):
    path = tmp_path / "old.duckdb"
    connection = duckdb.connect(str(path))
    assert migrate(connection, target=1) == [1]
    connection.execute(
        "INSERT INTO scenarios VALUES ('h1', 'old', '', DATE '2025-01-01', DATE '2025-12-31',"
        " '{}', now())"
    )
    connection.execute(
        "INSERT INTO runs (scenario_hash, created_at, runs, seed, package_version, engine,"
        " settings) VALUES ('h1', now(), 100, 7, '0.0.1', 'local', '{}')"
    )
    connection.close()

    with open_store(path) as store:
        assert store.schema_version() == LATEST_VERSION == 2
        (old,) = store.list_runs()
        assert (old["scenario_id"], old["runs"], old["seed"]) == ("old", 100, 7)
        # the table migration 2 added is usable: sources of a new snapshot land in it
        digest = store.record_scenario(scenario)
        rows = store.connection.execute(
            "SELECT source_id FROM scenario_sources WHERE scenario_hash = ?", [digest]
        ).fetchall()
        assert rows == [("s1",)]
        # opening again applies nothing and keeps one row per version
        assert migrate(store.connection) == []
        versions = store.connection.execute(f"SELECT version FROM {VERSION_TABLE}").fetchall()
        assert sorted(v for (v,) in versions) == [1, 2]


def test_a_read_only_open_refuses_an_unmigrated_store(tmp_path):
    path = tmp_path / "old.duckdb"
    connection = duckdb.connect(str(path))
    migrate(connection, target=1)
    assert current_version(connection) == 1
    connection.close()
    with pytest.raises(StoreError, match="schema version 1"):
        open_store(path, read_only=True)
    with pytest.raises(StoreError, match="no run store"):
        open_store(tmp_path / "missing.duckdb", read_only=True)


def test_scenarios_are_stored_once_by_content(tmp_path, scenario):
    reformatted = parse_scenario_text(
        "# the same content, laid out differently\n"
        + SMALL_SCENARIO.replace("id: small", "id:  small"),
        "other.yaml",
    )
    changed = parse_scenario_text(
        SMALL_SCENARIO.replace("status_quo: 40", "status_quo: 41"), "changed.yaml"
    )
    with open_store(tmp_path / "s.duckdb") as store:
        first = store.record_scenario(scenario)
        assert store.record_scenario(scenario) == first
        assert store.record_scenario(reformatted) == first == scenario_hash(reformatted)
        assert store.record_scenario(changed) != first
        store.record_run(scenario, runs=10, seed=1, forecasts=forecasts(1))
        count = store.connection.execute("SELECT count(*) FROM scenarios").fetchone()[0]
        assert count == 2
        assert store.scenario_content(first)["id"] == "small"


def test_history_follows_a_question_across_snapshots(tmp_path, scenario):
    later = parse_scenario_text(
        SMALL_SCENARIO.replace("as_of: 2025-12-04", "as_of: 2026-01-15"), "later.yaml"
    )
    with open_store(tmp_path / "h.duckdb") as store:
        # recorded out of order: history sorts by the evidence date, then by run
        store.record_run(later, runs=1000, seed=3, forecasts=[{"id": "q", "probability": 0.4}])
        store.record_run(scenario, runs=1000, seed=1, forecasts=[{"id": "q", "probability": 0.2}])
        store.record_run(scenario, runs=1000, seed=2, forecasts=[{"id": "q", "probability": 0.3}])
        rows = store.history("q")
        assert [(str(r["as_of"]), r["probability"]) for r in rows] == [
            ("2025-12-04", 0.2),
            ("2025-12-04", 0.3),
            ("2026-01-15", 0.4),
        ]
        assert store.history("unknown") == []
        with pytest.raises(StoreError, match="not in"):
            store.record_run(scenario, runs=1, seed=1, forecasts=[{"id": "x", "probability": 2}])
        # the failed transaction left nothing behind
        assert len(store.list_runs()) == 3


def test_record_forecast_file_is_one_call(tmp_path, scenario):
    payload = {
        "scenario": "small",
        "as_of": "2025-12-04",
        "runs": 5000,
        "seed": 11,
        "package_version": "0.1.0",
        "forecasts": forecasts(4),
    }
    path = tmp_path / "f.duckdb"
    run_id = record_forecast_file(payload, scenario, store=path)
    with open_store(path, read_only=True) as store:
        (run,) = store.list_runs()
        assert (run["run_id"], run["runs"], run["seed"], run["forecasts"]) == (run_id, 5000, 11, 3)
        stored = store.forecasts_of(run_id)
        assert [f["probability"] for f in stored] == [f["probability"] for f in forecasts(4)]
        assert str(stored[0]["as_of"]) == "2025-12-04"


def test_readers_see_only_whole_runs_while_a_writer_commits(tmp_path, scenario):
    """'Concurrent readers' in DuckDB terms: connections of the writing process read snapshots.

    Every run is written with 3 forecasts in one transaction; a reader must never
    see a run with fewer, and the number of runs it sees never goes down.
    """
    store = open_store(tmp_path / "c.duckdb")
    readers = [store.reader(), store.reader()]
    stop = threading.Event()
    problems: list[str] = []
    seen: list[list[int]] = [[], []]

    def read(k: int) -> None:
        while not stop.is_set():
            runs = readers[k].list_runs()
            torn = [r["run_id"] for r in runs if r["forecasts"] != 3]
            if torn:
                problems.append(f"reader {k} saw partial runs {torn}")
            seen[k].append(len(runs))
            time.sleep(0.002)  # let the writer thread have the GIL now and then

    threads = [threading.Thread(target=read, args=(k,)) for k in range(2)]
    for thread in threads:
        thread.start()
    for k in range(20):
        store.record_run(scenario, runs=100, seed=k, forecasts=forecasts(k))
    stop.set()
    for thread in threads:
        thread.join()
    assert problems == []
    for counts in seen:
        assert counts and counts == sorted(counts)
    assert len(readers[0].list_runs()) == 20
    store.close()

    # once the writer has closed, several processes can read the file together
    script = (
        "import sys, time; from detente.store import open_store\n"
        "s = open_store(sys.argv[1], read_only=True); print(len(s.list_runs()), flush=True)\n"
        "time.sleep(1.0)\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(store.path)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert outputs == ["20", "20"]


KILLED_WRITER = """
import sys
from detente.scenario import parse_scenario_text
from detente.store import open_store
from scenario_text import SMALL_SCENARIO
from tests.test_store import forecasts

scenario = parse_scenario_text(SMALL_SCENARIO, "small.yaml")
store = open_store(sys.argv[1])
for k in range(100_000):
    run_id = store.record_run(scenario, runs=k, seed=k, forecasts=forecasts(k, n=20))
    print(run_id, k, flush=True)
"""


def test_a_killed_writer_loses_nothing_it_committed(tmp_path):
    path = tmp_path / "k.duckdb"
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO / "tests")},
    )
    committed: dict[int, int] = {}
    deadline = time.monotonic() + 60
    while len(committed) < 40 and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if not line:
            break
        run_id, k = map(int, line.split())
        committed[run_id] = k
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL
    assert len(committed) >= 40

    with open_store(path) as store:
        runs = {r["run_id"]: r for r in store.list_runs()}
        for run_id, k in committed.items():
            assert runs[run_id]["seed"] == k
            stored = {f["question_id"]: f["probability"] for f in store.forecasts_of(run_id)}
            assert stored == {f["id"]: f["probability"] for f in forecasts(k, n=20)}
        # a run the kill interrupted is absent, never half there
        assert all(r["forecasts"] == 20 for r in runs.values())
        # the store still takes writes after the crash
        assert store.list_runs()[-1]["run_id"] >= max(committed)


def test_sources_point_at_the_evidence_packages_documents_in_the_same_file(tmp_path):
    """The evidence store keeps its tables (schema 'evidence') beside ours; nothing is copied."""
    from detente.evidence.store import EvidenceStore

    digest_of_document = "ab" * 32
    text = SMALL_SCENARIO.replace(
        "reliability: 0.6}", f"reliability: 0.6, sha256: {digest_of_document}}}"
    )
    scenario = parse_scenario_text(text, "small.yaml")
    path = tmp_path / "shared.duckdb"
    with open_store(path) as store:
        digest = store.record_scenario(scenario)
        assert store.documents_of(digest)[0]["ingested"] is False
    with EvidenceStore(path) as evidence:
        evidence.add_document(
            sha256=digest_of_document,
            path="doc.txt",
            title="a source",
            kind="article",
            published=dt.date(2025, 12, 1),
            date_source="test",
            text="a few words",
            cuts=[],
            body=(0, 11),
            file_sha256=digest_of_document,
        )
    with open_store(path) as store:
        (source,) = store.documents_of(digest)
        assert (source["source_id"], source["ingested"]) == ("s1", True)
        assert source["document_path"] == "doc.txt"
        tables = store.connection.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() ORDER BY 1, 2"
        ).fetchall()
        assert ("evidence", "documents") in tables and ("main", "runs") in tables
        assert ("main", "documents") not in tables


def test_runs_and_history_commands(tmp_path, scenario):
    import json

    from typer.testing import CliRunner

    from detente.cli.main import app

    runner = CliRunner()
    path = tmp_path / "cli.duckdb"
    result = runner.invoke(app, ["runs", "--store", str(path)])
    assert result.exit_code == 0 and "no runs recorded yet" in result.output
    later = parse_scenario_text(
        SMALL_SCENARIO.replace("as_of: 2025-12-04", "as_of: 2026-01-15"), "later.yaml"
    )
    with open_store(path) as store:
        store.record_run(scenario, runs=500, seed=1, forecasts=[{"id": "q", "probability": 0.25}])
        store.record_run(later, runs=500, seed=1, forecasts=[{"id": "q", "probability": 0.5}])
        store.record_run(
            later, runs=500, seed=1, label="what-if", forecasts=[{"id": "q", "probability": 0.9}]
        )
    result = runner.invoke(app, ["runs", "--store", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert [r["run_id"] for r in json.loads(result.stdout)] == [1, 2, 3]
    result = runner.invoke(app, ["history", "q", "--store", str(path), "--json"])
    rows = json.loads(result.stdout)
    assert [(r["as_of"], r["probability"], r["change"]) for r in rows] == [
        ("2025-12-04", 0.25, None),
        ("2026-01-15", 0.5, 0.25),
    ]
    result = runner.invoke(app, ["history", "q", "--what-if", "--store", str(path), "--json"])
    assert [r["label"] for r in json.loads(result.stdout)] == [None, None, "what-if"]
    result = runner.invoke(app, ["history", "q", "--store", str(path)])
    assert result.exit_code == 0 and "+0.250" in result.output


def test_forecasts_can_follow_their_run(tmp_path, scenario):
    with open_store(tmp_path / "later.duckdb") as store:
        run_id = store.record_run(scenario, runs=100, seed=5)
        assert store.record_forecasts(run_id, forecasts(5)) == 3
        stored = store.forecasts_of(run_id)
        assert [f["question_id"] for f in stored] == ["q0", "q1", "q2"]
        assert {str(f["as_of"]) for f in stored} == {"2025-12-04"}  # from the run's scenario
        with pytest.raises(StoreError, match="no run 999"):
            store.record_forecasts(999, forecasts(1))


def test_a_store_file_named_like_the_evidence_schema_is_refused(tmp_path) -> None:
    """DuckDB would name the catalog 'evidence' and clash with the 'evidence' schema."""
    from detente.evidence.store import EvidenceStore
    from detente.scenario.errors import DetenteError

    for opener in (EvidenceStore, open_store):
        with pytest.raises(DetenteError, match="may not be named 'evidence'"):
            opener(tmp_path / "evidence.duckdb")
    assert not (tmp_path / "evidence.duckdb").exists()


def test_ask_record_then_history_shows_the_forecast(tmp_path) -> None:
    """detente ask --record writes the run; detente history reads the same probability back."""
    import json

    from typer.testing import CliRunner

    from detente.cli.main import app

    runner = CliRunner()
    store = tmp_path / "runs.duckdb"
    asked = runner.invoke(
        app,
        [
            "ask",
            "ukraine-2025-12",
            "--runs",
            "300",
            "--seed",
            "5",
            "--json",
            "--record",
            "--store",
            str(store),
        ],
    )
    assert asked.exit_code == 0, asked.stderr
    document = json.loads(asked.stdout)
    first = document["forecasts"][0]
    shown = runner.invoke(app, ["history", first["id"], "--store", str(store), "--json"])
    assert shown.exit_code == 0, shown.stderr
    rows = json.loads(shown.stdout)
    assert [round(r["probability"], 6) for r in rows] == [round(first["probability"], 6)]
    assert rows[0]["run_id"] == document["run_id"]
