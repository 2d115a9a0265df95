"""Ingest robustness: long texts, kill -9 with workers, dates, languages, changed files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from detente.cli.main import app
from detente.evidence import EXTRACTOR_VERSION
from detente.evidence.boilerplate import find_cuts
from detente.evidence.ingest import ingest_paths
from detente.evidence.store import EvidenceStore
from detente.scenario import load_scenario
from detente.scenario.text import sha256_text

OPENING = (
    "Russian and Ukrainian negotiators met in Geneva on 3 December 2025. "
    'Putin said: "We are ready to talk about a ceasefire." '
    "The talks will continue next month, officials said.\n\n"
)


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("ukraine-2025-12")


def test_a_text_over_a_million_characters_ingests_and_briefs(tmp_path: Path, scenario) -> None:
    # spaCy refuses one text over 1,000,000 characters; a list of notes with long links
    # makes such a file cheap to parse (few tokens) while it stays English prose.
    notes = "\n".join(
        f"See the note {n} of the archive and the file https://example.org/{'x' * 2000}"
        for n in range(520)
    )
    path = tmp_path / "long.txt"
    path.write_text(OPENING + notes + "\n", encoding="utf-8")
    assert 1_000_000 < path.stat().st_size < 5 * 1024 * 1024
    store_path = tmp_path / "s.duckdb"
    with EvidenceStore(store_path) as store:
        report = ingest_paths(store, [path], scenario, published=dt.date(2025, 12, 4))
        assert report.added == [str(path)] and not report.skipped
        (document,) = store.documents()
        extraction = store.extraction(document["sha256"], scenario.id, EXTRACTOR_VERSION)
    assert any(q.speaker_actor == "RUS" for q in extraction.quotes)
    result = CliRunner().invoke(app, ["brief", "--store", str(store_path), "--as-of", "2025-12-05"])
    assert result.exit_code == 0, result.output
    assert "We are ready to talk about a ceasefire." in result.stdout


def test_brief_tolerates_a_document_left_without_extraction(tmp_path: Path, scenario) -> None:
    # what an interrupted or crashed ingest leaves behind: the document row, no extraction
    text = OPENING * 3
    store_path = tmp_path / "s.duckdb"
    with EvidenceStore(store_path) as store:
        store.add_document(
            sha256=sha256_text(text),
            path=str(tmp_path / "gone.txt"),
            title="left behind",
            kind="text",
            published=dt.date(2025, 12, 3),
            date_source="flag",
            text=text,
            cuts=find_cuts(text),
            body=(0, len(text)),
            file_sha256=sha256_text(text),
        )
    result = CliRunner().invoke(
        app, ["brief", "--store", str(store_path), "--as-of", "2025-12-05", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert '"processed": true' in result.stdout  # read now, from the stored text
    assert "source file missing" in result.stdout  # the file itself is gone: said so


def test_a_recorded_extraction_failure_is_listed_not_retried(tmp_path: Path, scenario) -> None:
    text = OPENING * 3
    sha = sha256_text(text)
    store_path = tmp_path / "s.duckdb"
    with EvidenceStore(store_path) as store:
        store.add_document(
            sha256=sha,
            path=str(tmp_path / "odd.txt"),
            title="odd",
            kind="text",
            published=dt.date(2025, 12, 3),
            date_source="flag",
            text=text,
            cuts=[],
            body=(0, len(text)),
            file_sha256=sha,
        )
        store.add_failure(sha, scenario.id, EXTRACTOR_VERSION, "extraction failed (why)")
    result = CliRunner().invoke(app, ["brief", "--store", str(store_path), "--as-of", "2025-12-05"])
    assert result.exit_code == 0, result.output
    assert "extraction failed (why)" in result.stdout and "NOT PROCESSED" in result.stdout
    with EvidenceStore(store_path) as store:  # not retried behind the user's back
        assert not store.has_extraction(sha, scenario.id, EXTRACTOR_VERSION)
        # an explicit ingest of the file retries it, and success clears the failure
        (tmp_path / "odd.txt").write_text(text, encoding="utf-8")
        report = ingest_paths(
            store, [tmp_path / "odd.txt"], scenario, published=dt.date(2025, 12, 3)
        )
        assert report.added == [str(tmp_path / "odd.txt")]
        assert store.failures(scenario.id, EXTRACTOR_VERSION) == {}


def _children(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_kill_9_mid_ingest_leaves_no_worker_running(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(12):  # about 50,000 words: enough for two workers to be busy a while
        for seed in sorted(seeds_dir.glob("*.txt")):
            text = seed.read_text(encoding="utf-8") + f"\nCopy {n}.\n"
            (folder / f"{seed.stem}_{n:02d}.txt").write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    # the venv's console script, also when the venv is not activated
    detente = shutil.which("detente") or str(Path(sys.executable).with_name("detente"))
    assert Path(detente).is_file()
    command = [detente, "ingest", str(folder), "--store", str(tmp_path / "s.duckdb")]
    command += ["--published", "2025-12-04", "--processes", "2"]
    parent = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    workers: list[psutil.Process] = []
    while time.monotonic() < deadline and len(workers) < 2 and parent.poll() is None:
        workers = _children(parent.pid)
        time.sleep(0.2)
    assert len(workers) >= 2, "the ingest never started its workers"
    time.sleep(1.0)  # let them take work
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    assert not [w.pid for w in workers if _alive(w)]


def test_bad_documents_each_get_one_clear_line_and_nothing_is_lost(
    tmp_path: Path, scenario
) -> None:
    english = OPENING * 2
    files = {
        "future": tmp_path / "future.txt",
        "undated": tmp_path / "undated.txt",
        "mixed": tmp_path / "mixed.txt",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.txt",
        "good": tmp_path / "good.txt",
    }
    files["future"].write_text(english + "Future.\n")
    files["undated"].write_text(english + "Undated.\n")
    files["mixed"].write_text(
        english
        + "Министр заявил, что переговоры продолжатся в Женеве на следующей неделе.\n\n"
        + "Le ministre a déclaré que les négociations se poursuivraient à Genève demain.\n"
    )
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 8)
    files["good"].write_text(english)
    (tmp_path / "INDEX.csv").write_text(
        "file,published\nfuture.txt,2030-01-01\nmixed.txt,2025-12-03\ngood.txt,2025-12-03\n"
        "empty.txt,2025-12-03\nbinary.txt,2025-12-03\n"
    )
    store = tmp_path / "s.duckdb"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", *map(str, files.values()), "--store", str(store)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()

    def line_for(name: str) -> str:
        (line,) = [x for x in lines if f"{name}.txt" in x]  # exactly one line each
        return line

    assert "is in the future" in line_for("future") and "2030-01-01" in line_for("future")
    assert "no publication date" in line_for("undated")
    assert "not in English left out of extraction" in line_for("mixed")
    assert "empty file" in line_for("empty")
    assert "binary data" in line_for("binary")
    assert "2 added" in lines[0]  # good and mixed are stored
    # the same path changed after ingest: said so, and the earlier text is kept
    files["good"].write_text(english + "A correction was appended.\n")
    again = runner.invoke(app, ["ingest", str(files["good"]), "--store", str(store)])
    assert again.exit_code == 0, again.output
    assert "changed since it was ingested" in again.output
    with EvidenceStore(store) as db:
        versions = db.documents_at_path(str(files["good"].resolve()))
    assert len(versions) == 2
    mixed_cuts = [c for c in find_cuts(files["mixed"].read_text())]  # boilerplate only
    assert not any(c.reason == "not English" for c in mixed_cuts)
