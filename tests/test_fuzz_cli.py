"""Fuzz the real ``detente`` command with hostile files and arguments (subprocesses).

Each example runs the command as a user would, under a 1 GiB address-space limit:
exit code 0 or 2, and on 2 exactly one stderr line that names the place and the
fix, no traceback, within 10 s. Examples are few: each process pays the imports.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fuzz_mutations import MAX_SECONDS, ONE_GIB, hostile_file
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from detente.scenario.loader import builtin_path

NAME = "ukraine-2025-12"
SCENARIO = builtin_path(NAME).read_text(encoding="utf-8")
SRC = str(Path(__file__).resolve().parents[1] / "src")

# Every valid count here is small; the huge ones must be refused as usage errors.
NUMBERS = st.sampled_from(["-5", "0", "1", "20", "1e3", "abc", str(10**12), "9" * 400, ""])
PHRASES = st.sampled_from(["talks", "", "\u202e", "x" * 1000, "-1"])


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ONE_GIB, ONE_GIB))


def run_detente(args: list[str], cwd: Path) -> tuple[int, str, str, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "detente.cli.main", *args],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=60,
        preexec_fn=_limit_memory,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": SRC, "DETENTE_HOME": str(cwd / "home")},
    )
    return done.returncode, done.stdout, done.stderr, time.perf_counter() - started


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Hostile paths a user could name: special files, folders, missing and odd files."""
    folder = tmp_path_factory.mktemp("fuzzcli")
    fifo = folder / "pipe.yaml"
    os.mkfifo(fifo)
    (folder / "binary.yaml").write_bytes(b"\x00\xff\xfe" * 100)
    (folder / "latin1.csv").write_bytes(b"a,b,2,1\nActor,D,Power,P,S\n\xe9t\xe9,1,2,3\n")
    (folder / "doc.txt").write_text("peace talks resume; talks stall\n", encoding="utf-8")
    return {
        "folder": str(folder),
        "fifo": str(fifo),
        "zero": "/dev/zero",
        "dir": str(folder),
        "missing": str(folder / "missing.yaml"),
        "binary": str(folder / "binary.yaml"),
        "latin1": str(folder / "latin1.csv"),
        "doc": str(folder / "doc.txt"),
        "builtin": NAME,
    }


@st.composite
def command_lines(draw: st.DrawFn) -> tuple[list[str], str | None]:
    """A command and its arguments; the second item is scenario text to write, if any."""
    use_text = draw(st.booleans())
    scenario = (
        "@mutated"
        if use_text
        else "@"
        + draw(st.sampled_from(["fifo", "zero", "dir", "missing", "binary", "latin1", "builtin"]))
    )
    text = draw(hostile_file(SCENARIO)) if use_text else None
    command = draw(st.sampled_from(["validate", "show", "solve", "forecast", "cite", "usage"]))
    if command == "forecast":
        args = ["forecast", scenario, "--runs", draw(NUMBERS), "--seed", draw(NUMBERS)]
    elif command == "solve":
        args = ["solve", scenario, "--model", draw(st.sampled_from(["smp", "nope", "compromise"]))]
    elif command == "cite":
        document = draw(st.sampled_from(["@doc", "@zero", "@fifo", "@missing", "@binary"]))
        args = ["evidence", "cite", document, "--find", draw(PHRASES)]
        args += ["--occurrence", draw(NUMBERS)]
    elif command == "usage":
        args = [draw(st.sampled_from(["forecast", "ask", "sweep", "report"]))]
        args += [draw(st.sampled_from(["--runs", "--seed", "--bogus", "--json"])), draw(NUMBERS)]
    else:
        args = [command, scenario]
    return args, text


@settings(
    max_examples=12,
    deadline=None,  # each example checks its own 10 s bound
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: each try costs a process
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=command_lines())
def test_cli_exits_0_or_2_with_one_clear_line(
    case: tuple[list[str], str | None], places: dict[str, str]
) -> None:
    args, text = case
    folder = Path(places["folder"])
    if text is not None:
        (folder / "mutated.yaml").write_text(text, encoding="utf-8")
    resolved = [
        str(folder / "mutated.yaml")
        if a == "@mutated"
        else places.get(a[1:], a)
        if a.startswith("@")
        else a
        for a in args
    ]
    code, _, err, seconds = run_detente(resolved, folder)
    assert code in (0, 2), (resolved[:4], err[-2000:])
    assert "Traceback" not in err, err[-2000:]
    assert seconds < MAX_SECONDS, f"{seconds:.1f} s for {resolved[:4]}"
    if code == 2:
        lines = err.strip().splitlines()
        # validate lists every problem, one line each; every other command gives one line
        assert len(lines) == 1 or resolved[0] == "validate", (resolved[:4], err[:2000])
        for line in lines:
            assert line.startswith("error: ") and "(fix: " in line, line[:500]
