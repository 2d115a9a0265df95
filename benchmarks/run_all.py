"""Run the benchmark scripts in this folder and print their figures.

    python benchmarks/run_all.py                 # every default benchmark
    python benchmarks/run_all.py solvers smp     # those whose name contains a filter
    python benchmarks/run_all.py --ktab PATH     # KTAB's smpc measured side by side
    python benchmarks/run_all.py --fresh-install # also the (slow) fresh-install figure

Opt-in scripts (``OPT_IN``) run only when named by their flag: they take minutes and
download packages.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUICK_ARGUMENTS = {"bench_dask": ["--runs", "1000000"]}
OPT_IN = {"bench_fresh_install": "fresh_install"}


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Run detente's benchmark scripts (benchmarks/bench_*.py) one after another.",
        epilog="Each script also runs alone: python benchmarks/bench_NAME.py --help",
    )
    parser.add_argument("filters", nargs="*", help="run only scripts whose name contains one")
    parser.add_argument("--ktab", type=Path, help="KTAB's smpc binary, for bench_smp_vs_ktab")
    parser.add_argument(
        "--fresh-install",
        action="store_true",
        help="also run bench_fresh_install (new venv, pip install -e ., detente forecast)",
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse(argv)
    scripts = sorted(HERE.glob("bench_*.py"))
    scripts = [s for s in scripts if s.stem not in OPT_IN or getattr(args, OPT_IN[s.stem])]
    if args.filters:
        scripts = [s for s in scripts if any(f in s.stem for f in args.filters)]
    extra = dict(QUICK_ARGUMENTS)
    if args.ktab:
        extra["bench_smp_vs_ktab"] = ["--ktab", str(args.ktab)]
    failed = 0
    for script in scripts:
        print(f"== {script.stem}", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(script), *extra.get(script.stem, [])])
        print(f"   ({time.perf_counter() - started:.1f} s wall, exit {code})", flush=True)
        failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
