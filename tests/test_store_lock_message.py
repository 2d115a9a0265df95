"""A second store writer: one clear line naming the file and the process holding it,
after a bounded wait that the line states (real DuckDB lock held by a real process)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

HOLD = (
    "import sys, time, duckdb\n"
    "c = duckdb.connect(sys.argv[1])\n"
    "print('holding', flush=True)\n"
    "time.sleep(120)\n"
)


@pytest.fixture
def held_store(tmp_path):
    path = tmp_path / "runs.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        yield path, holder.pid
    finally:
        holder.kill()
        holder.wait(timeout=10)


def test_detente_runs_names_the_lock_holder_and_stops_within_the_stated_wait(held_store):
    path, pid = held_store
    env = {**os.environ, "DETENTE_STORE_WAIT": "1"}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "detente.cli.main", "runs", "--store", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    elapsed = time.monotonic() - started
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    line = lines[0]
    assert str(path) in line
    assert f"PID {pid}" in line
    assert "gave up after waiting 1 s" in line
    assert "fix:" in line
    assert elapsed < 15  # 1 s wait plus interpreter start, far from the old 30 s


def test_open_store_default_wait_is_ten_seconds_and_a_bad_variable_is_one_line(monkeypatch):
    from detente.store import StoreError
    from detente.store.run_store import lock_wait_seconds

    monkeypatch.delenv("DETENTE_STORE_WAIT", raising=False)
    assert lock_wait_seconds() == 10.0
    monkeypatch.setenv("DETENTE_STORE_WAIT", "soon")
    with pytest.raises(StoreError, match="DETENTE_STORE_WAIT"):
        lock_wait_seconds()
