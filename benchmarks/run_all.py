"""Run every benchmark script in this folder and print its figures.

python benchmarks/run_all.py            # all of them
python benchmarks/run_all.py solvers    # those whose name contains 'solvers'
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUICK_ARGUMENTS = {"bench_dask": ["--runs", "1000000"]}


def main(filters: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if filters:
        scripts = [s for s in scripts if any(f in s.stem for f in filters)]
    failed = 0
    for script in scripts:
        print(f"== {script.stem}", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(script), *QUICK_ARGUMENTS.get(script.stem, [])])
        print(f"   ({time.perf_counter() - started:.1f} s wall, exit {code})", flush=True)
        failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
