"""The README's "fresh install" figures: a new virtual environment, `pip install -e .`,
then `detente forecast` (20,000 runs) timed with its peak memory.

Opt-in (slow, downloads every dependency): python benchmarks/run_all.py --fresh-install,
or python benchmarks/bench_fresh_install.py [--keep DIR]. The first forecast of a fresh
install also pays Python's byte-compilation; the best of the later runs is the steady
figure.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(args: list[str], **kwargs) -> tuple[float, float, float]:
    """Wall s, CPU s and peak resident MB of one run of ``args``.

    ru_maxrss of RUSAGE_CHILDREN is the largest child a process ever waited for, so each
    run goes through a fresh ``python -c`` wrapper that reports its one child.
    """
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(time.perf_counter() - t, r.ru_utime + r.ru_stime, r.ru_maxrss / 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *args], check=True, capture_output=True, text=True, **kwargs
    )
    wall, cpu, peak = (float(v) for v in out.stdout.split())
    return wall, cpu, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="build the venv here and keep it")
    parser.add_argument("--repeat", type=int, default=3, help="forecasts after the install")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="detente-fresh-") as tmp:
        venv = args.keep or Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / "bin" / "python"
        start = time.perf_counter()
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "-e", str(ROOT)], check=True
        )
        print(f"pip install -e . into a new venv: {time.perf_counter() - start:.0f} s wall")
        detente = str(venv / "bin" / "detente")
        for k in range(1 + args.repeat):
            wall, cpu, peak = timed([detente, "forecast"], cwd=tmp)
            label = "first forecast (byte-compiles)" if k == 0 else f"forecast run {k}"
            print(f"{label}: {wall:.2f} s wall, {cpu:.2f} s CPU, {peak:.0f} MB peak")
        print("target: detente forecast under 15 s on a fresh install (20,000 runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
