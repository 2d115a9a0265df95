"""The compiled SMP kernels: cached in the user's cache directory and reused by the next
process; nothing written into the source tree; small cases never import numba."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import detente

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SOE = str(DATA / "ktab" / "SOE-Pol-Comp.csv")
PACKAGE = Path(detente.__file__).resolve().parent


def _numba_files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.suffix in {".nbi", ".nbc"}}


def _solve(cache_home: Path, *options: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env.update(XDG_CACHE_HOME=str(cache_home), NUMBA_DEBUG_CACHE="1")
    code = "from detente.cli.main import app; app()"
    args = [sys.executable, "-c", code, "solve", SOE, "-m", "smp", "--json", *options]
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)


def test_compiled_kernels_are_cached_outside_the_source_tree_and_reused(tmp_path) -> None:
    before = _numba_files(PACKAGE)
    first = _solve(tmp_path, "-o", "numba_from_actors=0")
    assert first.returncode == 0, first.stderr
    assert _numba_files(PACKAGE) == before  # no cache file appeared under src/
    cached = _numba_files(tmp_path / "detente" / "numba")
    assert {p.name.split("-")[0] for p in cached} >= {"smp_numba.all_pairs", "smp_numba.coalitions"}
    second = _solve(tmp_path, "-o", "numba_from_actors=0")
    assert second.returncode == 0, second.stderr
    assert "data loaded" in second.stdout + second.stderr
    assert "data saved" not in second.stdout + second.stderr  # nothing compiled again
    assert second.stdout.splitlines()[-5:] == first.stdout.splitlines()[-5:]


def test_small_case_does_not_import_numba(tmp_path) -> None:
    code = (
        "import sys\nfrom detente.scenario.importers.ktab import read_ktab_arrays\n"
        "from detente.solvers.smp import spatial_model\n"
        f"spatial_model(*read_ktab_arrays({SOE!r}))\n"
        "print('numba' in sys.modules)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


HEAVY = ("numba", "scipy", "duckdb", "spacy", "matplotlib", "fastapi", "dask", "sklearn")


def test_solve_imports_no_heavy_module() -> None:
    """`detente solve` on a small case: none of the big libraries, nor the simulator."""
    code = (
        "import sys\nfrom detente.cli.main import app\n"
        f"app(['solve', {SOE!r}, '-m', 'smp'], standalone_mode=False)\n"
        f"print(sorted(m for m in {HEAVY!r} + ('detente.forecast', 'detente.process')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_compiled_kernels_are_chosen_by_total_work() -> None:
    from detente.solvers.smp_kernel import use_compiled

    assert not use_compiled(True, 13)  # SOE-Pol-Comp alone: numpy
    assert use_compiled(True, 13, draws=200)  # a Monte Carlo batch of it: compiled
    assert use_compiled(True, 80) and not use_compiled(True, 40)
    assert not use_compiled(False, 160, draws=1000)  # use_numba=False always wins


def test_unwritable_user_cache_falls_back_to_the_temporary_directory(tmp_path, monkeypatch):
    import tempfile

    from detente.solvers.smp_numba import numba_cache_directory

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    chosen = numba_cache_directory()
    assert chosen.parent == Path(tempfile.gettempdir())
    assert PACKAGE not in chosen.parents
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert numba_cache_directory() == tmp_path / "detente" / "numba"
