"""Ingest into the DuckDB store, bad input, rewrite clusters, as-of and the briefing."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from detente.cli.main import app
from detente.evidence import EXTRACTOR_VERSION
from detente.evidence.briefing import build_briefing, suggestions_yaml
from detente.evidence.ingest import ingest_paths
from detente.evidence.store import EvidenceStore
from detente.scenario import load_scenario
from detente.scenario.schema import EvidencePointer
from detente.scenario.text import normalise_text, sha256_text, span_sha256

ARTICLE = (
    "Negotiators from the United States and Russia met in Geneva on Monday to discuss a "
    "ceasefire in Ukraine. Officials said the talks would resume next month, and European "
    "diplomats were briefed on the outcome of the meeting by the American delegation. "
) * 3


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("ukraine-2025-12")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, seeds_dir: Path, scenario):
    """A store with the five seeds; yields (store path, seed key -> sha256)."""
    path = tmp_path_factory.mktemp("evidence") / "store.duckdb"
    with EvidenceStore(path) as store:
        report = ingest_paths(store, [seeds_dir], scenario)
    assert len(report.added) == 5 and not report.skipped
    keys = {
        p.name[:3]: sha256_text(normalise_text(p.read_bytes()))
        for p in sorted(seeds_dir.glob("*.txt"))
    }
    return path, keys


def test_reingest_is_idempotent(seeded, seeds_dir: Path, scenario) -> None:
    path, _ = seeded
    with EvidenceStore(path) as store:
        before = store.counts()
        report = ingest_paths(store, [seeds_dir], scenario)
        assert store.counts() == before
    assert report.added == [] and len(report.unchanged) == 5


def test_publication_dates_come_from_the_index(seeded) -> None:
    path, keys = seeded
    with EvidenceStore(path) as store:
        dates = {d["sha256"]: (d["published"], d["date_source"]) for d in store.documents()}
    assert dates[keys["001"]] == (dt.date(2025, 12, 4), "index")
    assert dates[keys["000"]] == (dt.date(2026, 6, 4), "index")


def test_001_and_003_form_the_only_rewrite_cluster(seeded) -> None:
    path, keys = seeded
    with EvidenceStore(path) as store:
        rows = store.connection.execute(
            "SELECT cluster_id, document_sha256 FROM evidence.clusters"
        ).fetchall()
    clusters: dict[int, set[str]] = {}
    for cluster, sha in rows:
        clusters.setdefault(cluster, set()).add(sha)
    assert list(clusters.values()) == [{keys["001"], keys["003"]}]


def test_briefing_as_of_4_december_leaves_out_later_documents(seeded, scenario) -> None:
    path, keys = seeded
    with EvidenceStore(path) as store:
        briefing = build_briefing(store, scenario, dt.date(2025, 12, 4))
    shown = {d["sha256"] for d in briefing["documents"]}
    assert shown == {keys["001"], keys["002"]}  # 000 is June 2026; 003/004 are 5-6 Dec
    text = json.dumps(briefing, default=str)
    assert keys["000"][:8] not in text
    assert all(d["published"] <= dt.date(2025, 12, 4) for d in briefing["documents"])


def test_rewrite_facts_are_linked_and_counted_once(seeded, scenario) -> None:
    path, keys = seeded
    with EvidenceStore(path) as store:
        briefing = build_briefing(store, scenario, dt.date(2025, 12, 6))
    assert [c["sources"] for c in briefing["clusters"]] == [["s001", f"doc_{keys['003'][:8]}"]]
    # 001 says "this week's peace talks" (a week); 003 dates the meeting 2 December 2025.
    talks = [
        e
        for e in briefing["timeline"]
        if e["kind"] == "CONSULT" and {"RUS", "US"} <= set(e["actors"]) and e["cluster"] != ""
    ]
    linked = [e for e in talks if len({s["source"] for s in e["sources"]}) >= 2]
    dated = [e for e in linked if e["date"] == dt.date(2025, 12, 2)]
    assert dated, talks
    stated = {s["stated_granularity"] for s in dated[0]["sources"]}
    assert stated == {"day", "week"}
    # Putin's two quotes reported by both members are listed once each, with two sources
    putin = [
        q for q in briefing["quotes"] if q["actor"] == "RUS" and q["sources"][0]["source"] == "s001"
    ]
    assert len(putin) == 3
    assert sorted(len({p["source"] for p in q["sources"]}) for q in putin) == [1, 2, 2]
    # the 12 February call appears once although both members report it
    february = [e for e in briefing["timeline"] if e["date"] == dt.date(2025, 2, 12)]
    assert len(february) == 1 and len(february[0]["sources"]) == 2


def test_mistaken_claim_of_004_stays_a_claim_with_its_source(seeded, scenario) -> None:
    path, keys = seeded
    with EvidenceStore(path) as store:
        briefing = build_briefing(store, scenario, dt.date(2025, 12, 6))
        text = next(d["text"] for d in store.documents() if d["sha256"] == keys["004"])
        mentions = store.extraction(keys["004"], scenario.id, EXTRACTOR_VERSION).mentions
    claims = [c for c in briefing["contradictions"] if c["kind"] == "claim contradicts scenario"]
    assert len(claims) == 1
    pointer = claims[0]["claim"]["pointer"]
    assert pointer["source"] == f"doc_{keys['004'][:8]}"  # not a scenario source
    assert span_sha256(text, pointer["start"], pointer["end"]) == pointer["sha256"]
    assert claims[0]["claim"]["reliability"] == 0.5  # not in the scenario: the default
    assert "EUR" in claims[0]["claim"]["says"] and "UKR" in claims[0]["scenario"]["says"]
    # the facts keep Zelenskiy with Ukraine
    zelenskiy = [m for m in mentions if m.surface.startswith("Zelensk")]
    assert zelenskiy and {m.actor for m in zelenskiy} == {"UKR"}


def test_suggested_edits_are_valid_scenario_yaml(seeded, scenario, seeds_dir: Path) -> None:
    path, _ = seeded
    with EvidenceStore(path) as store:
        briefing = build_briefing(store, scenario, dt.date(2025, 12, 4))
    snippet = suggestions_yaml(briefing)
    assert briefing["suggested_edits"]
    texts = {
        "s001": normalise_text((seeds_dir / "001_c5ba137158a35344.txt").read_bytes()),
        "s002": normalise_text((seeds_dir / "002_cc4e42f5fa815699.txt").read_bytes()),
    }
    blocks = [yaml.safe_load(b) for b in re.split(r"^# edit .*$", snippet, flags=re.M) if b.strip()]
    known = {s.id for s in scenario.sources}
    for block in blocks:
        added = {source["id"] for source in block.get("sources", [])}
        for item in block.get("evidence", []):
            pointer = EvidencePointer.model_validate(item)
            assert pointer.source in known | added  # never a source the scenario lacks
            assert span_sha256(texts[pointer.source], pointer.start, pointer.end) == pointer.sha256
        position = block["positions"][0]
        for key in ("position", "salience"):  # ranges stay ranges, inside the scale
            value = position[key]
            assert 0 <= value["low"] <= value["mode"] <= value["high"] <= 100
        assert position["evidence"]


def _bad_files(folder: Path) -> dict[str, Path]:
    files = {
        "empty": folder / "empty.txt",
        "binary": folder / "binary.txt",
        "latin1": folder / "latin1.txt",
        "scripts": folder / "scripts.html",
        "huge": folder / "huge.txt",
        "french": folder / "french.txt",
        "pdf": folder / "paper.pdf",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 40)
    files["latin1"].write_bytes(
        ("Caf\u00e9 cr\u00e8me na\u00efve r\u00e9sum\u00e9. " * 40).encode("latin-1")
    )
    files["scripts"].write_text(
        "<html><head><script>" + "var x = 1;" * 500 + "</script></head><body>"
        "<script>alert(1)</script><nav>Home</nav></body></html>"
    )
    with files["huge"].open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    files["french"].write_text(
        "Les négociateurs se sont réunis à Genève pour discuter d'un cessez-le-feu durable. " * 10
    )
    files["pdf"].write_bytes(b"%PDF-1.4")
    return files


def test_bad_input_is_skipped_with_reasons_and_the_store_survives(
    seeded, tmp_path: Path, scenario
) -> None:
    path, _ = seeded
    copy = tmp_path / "copy.duckdb"
    shutil.copy(path, copy)
    files = _bad_files(tmp_path)
    with EvidenceStore(copy) as store:
        before = store.counts()
        report = ingest_paths(store, list(files.values()), scenario, published=dt.date(2025, 12, 1))
        assert store.counts() == before
    reasons = dict(report.skipped)
    assert report.added == []
    assert "empty file" in reasons[str(files["empty"])]
    assert "binary" in reasons[str(files["binary"])]
    assert "not UTF-8" in reasons[str(files["latin1"])]
    assert "no article text" in reasons[str(files["scripts"])]
    assert "too large" in reasons[str(files["huge"])]
    assert "not English" in reasons[str(files["french"])]
    assert "unsupported file type" in reasons[str(files["pdf"])]


def test_html_with_metadata_date_and_a_file_without_any_date(tmp_path: Path, scenario) -> None:
    html = tmp_path / "report.html"
    html.write_text(
        '<html><head><meta property="article:published_time" content="2025-11-30T08:00:00Z">'
        "<title>Talks</title><script>var tracking = 1;</script></head><body><article>"
        + "".join(f"<p>{ARTICLE}</p>" for _ in range(2))
        + "</article></body></html>"
    )
    undated = tmp_path / "undated.txt"
    undated.write_text(ARTICLE)
    with EvidenceStore(tmp_path / "s.duckdb") as store:
        report = ingest_paths(store, [html, undated], scenario)
        documents = store.documents()
    assert report.added == [str(html)]
    assert "no publication date" in dict(report.skipped)[str(undated)]
    assert documents[0]["published"] == dt.date(2025, 11, 30)
    assert documents[0]["date_source"] == "html-metadata"
    assert "tracking" not in documents[0]["text"]


def test_cli_ingest_and_brief(tmp_path: Path, seeds_dir: Path) -> None:
    runner = CliRunner()
    store = tmp_path / "cli.duckdb"
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(
        app, ["ingest", str(seeds_dir), str(empty), "--store", str(store), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["added"]) == 5 and report["skipped"][0]["path"] == str(empty)
    result = runner.invoke(app, ["brief", "--store", str(store), "--as-of", "2025-12-04", "--json"])
    assert result.exit_code == 0, result.output
    briefing = json.loads(result.stdout)
    assert {d["source"] for d in briefing["documents"]} == {"s001", "s002"}
    result = runner.invoke(app, ["brief", "--store", str(store), "--as-of", "4 Dec"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_a_store_that_is_not_a_duckdb_file_is_a_clear_error(tmp_path: Path) -> None:
    not_a_store = tmp_path / "notes.duckdb"
    not_a_store.write_text("just some notes, not a database\n")
    article = tmp_path / "a.md"
    article.write_text(ARTICLE)
    result = CliRunner().invoke(
        app, ["ingest", str(article), "--store", str(not_a_store), "--published", "2025-12-01"]
    )
    assert result.exit_code == 2
    assert "cannot open the evidence store" in result.output
    assert not_a_store.read_text() == "just some notes, not a database\n"


def test_ingest_without_a_scenario_says_whose_actors_read_the_documents(
    tmp_path: Path, seeds_dir: Path
) -> None:
    """A new negotiation's documents read by the built-in's actors give almost nothing: the
    command says so where no --scenario was given, and not where one was."""
    runner = CliRunner()
    seed = next(seeds_dir.glob("*.txt"))
    plain = runner.invoke(app, ["ingest", str(seed), "--store", str(tmp_path / "a.duckdb")])
    assert plain.exit_code == 0, plain.output
    assert "no --scenario given" in " ".join(plain.stdout.split())
    named = runner.invoke(
        app,
        ["ingest", str(seed), "--store", str(tmp_path / "b.duckdb"), "--scenario", "drc-m23-2025"],
    )
    assert named.exit_code == 0 and "no --scenario given" not in named.stdout
