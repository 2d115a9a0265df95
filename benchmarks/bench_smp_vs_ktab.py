"""SMP against KTAB's `smpc`, as a user feels it: whole processes, plus in-process figures.

For each KTAB case: `detente solve --model smp FILE` as a fresh process (import, load,
solve, print; numba's kernels come from the user's cache after the first run), the
solver alone in-process, and KTAB's `smpc` on the same file when you give its binary:

    python benchmarks/bench_smp_vs_ktab.py --ktab /path/to/smpc
    python benchmarks/bench_smp_vs_ktab.py            # KTAB's figures recorded elsewhere

Without --ktab, KTAB's column shows the timings recorded in ../shared/data/README.md
(release build, `smpc --logmin`, a 2-core machine of this kind), labelled as such:
they were not measured here. Target (issue 12): faster than KTAB as a whole process on
every case; SOE-Pol-Comp under 0.2 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

KTAB_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "ktab"
CASES = ("SOE-Pol-Comp", "dummyData_6Dim", "dummyData-a040", "dummyData-a080", "dummyData-a160")
# As a user's install runs: pip compiles the bytecode once; with PYTHONDONTWRITEBYTECODE
# set (as in some sandboxes) every process would compile detente's modules from source.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
# What any typer + rich + numpy command pays before detente's own code runs.
FLOOR = "import numpy, typer.main, rich.console, rich.table"
RECORDED_ELSEWHERE = {  # seconds, ../shared/data/README.md
    "SOE-Pol-Comp": 0.28,
    "dummyData_6Dim": 2.6,
    "dummyData-a040": 7.3,
    "dummyData-a080": 76.5,
}


def whole_process(args: list[str], repeat: int, timeout: float) -> tuple[float, float] | None:
    """Best wall time and best CPU time (user + system) of ``repeat`` runs of ``args``;
    None if one took over ``timeout``. CPU time tells a busy machine apart (wall >> CPU
    means the process waited for a core)."""
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        try:
            subprocess.run(
                args, check=True, stdout=subprocess.DEVNULL, timeout=timeout, env=CHILD_ENV
            )
        except subprocess.TimeoutExpired:
            return None
        best = min(best, time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        best_cpu = min(best_cpu, cpu)
    return best, best_cpu


def in_process(name: str, repeat: int) -> float:
    from detente.scenario.importers.ktab import read_ktab_arrays
    from detente.solvers.smp import spatial_model

    x, s, c = read_ktab_arrays(KTAB_DATA / f"{name}.csv")
    spatial_model(x, s, c)  # warm: imports, numba's cached kernels
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        spatial_model(x, s, c)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ktab", type=Path, help="KTAB's smpc binary: measure it side by side")
    parser.add_argument(
        "--ktab-args",
        default="--logmin --csv {file}",
        help="smpc's arguments, {file} = the case (default: %(default)s)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (best is shown)")
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="give up on one KTAB run after this many s"
    )
    parser.add_argument("--cases", nargs="*", default=list(CASES), help="KTAB case names")
    args = parser.parse_args()
    detente = shutil.which("detente") or os.path.join(os.path.dirname(sys.executable), "detente")
    print(f"cores: {os.cpu_count()}; best of {args.repeat}; wall seconds")
    floor = whole_process([sys.executable, "-c", FLOOR], args.repeat, timeout=60)
    assert floor is not None
    print(f"floor (python importing numpy, typer, rich): {floor[0]:.2f} s ({floor[1]:.2f} s CPU)")
    ktab_label = "KTAB smpc, measured here" if args.ktab else "KTAB smpc, recorded elsewhere"
    print(f"{'case':16} {'detente process (CPU)':>22} {'in-process':>11} {ktab_label:>30}  faster?")
    for name in args.cases:
        path = KTAB_DATA / f"{name}.csv"
        solve = [detente, "solve", "--model", "smp", str(path)]
        subprocess.run(solve, check=True, stdout=subprocess.DEVNULL, env=CHILD_ENV)  # warm caches
        ours = whole_process(solve, args.repeat, timeout=600)
        inside = in_process(name, args.repeat)
        assert ours is not None
        wall, cpu = ours
        theirs: float | None
        if args.ktab:
            command = [str(args.ktab), *shlex.split(args.ktab_args.format(file=path))]
            measured = whole_process(command, args.repeat, args.timeout)
            theirs = float("inf") if measured is None else measured[0]
            shown = (
                f"> {args.timeout:.0f} s (stopped)"
                if measured is None
                else f"{measured[0]:.2f} s ({measured[1]:.2f})"
            )
        else:
            theirs = RECORDED_ELSEWHERE.get(name)
            shown = "not recorded" if theirs is None else f"{theirs:.2f} s"
        verdict = "-" if theirs is None else ("yes" if wall < theirs else "NO")
        print(f"{name:16} {wall:>10.2f} s ({cpu:.2f} s) {inside:>9.3f} s {shown:>30}  {verdict}")
    print("target: faster than KTAB on every case; SOE-Pol-Comp whole process under 0.2 s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
