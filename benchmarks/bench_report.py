"""Wall time of the HTML report of the built-in scenario, split into its two steps.

- data: one Monte Carlo pass (20,000 runs) and every series read off it (summary,
  outcome bands, cycle, tornado, event paths, settlement distributions, sanity);
- render: every matplotlib chart to inline SVG plus the template.
Target: the whole report no slower than before the analyst charts (about 6-7 s on this
machine, mostly matplotlib): the charts reuse the forecast's runs, nothing is simulated
twice.

Peak memory of `detente forecast --runs N --report FILE` as a user runs it (a fresh
process; its worker processes included): the report's series are streamed with the
forecast, so memory should not grow with --runs. Target (issue 12): under 1 GB at
1,000,000 runs.

Run: python benchmarks/bench_report.py [--memory-runs 100000 1000000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def report_memory(runs: int) -> tuple[float, float, float, float]:
    """Wall s, CPU s, peak resident MB of the largest process (os.wait4: the process and
    the workers it waited for) and peak MB of the whole process tree (proportional set
    sizes summed, sampled every 0.2 s; pages the forked workers share count once) of
    `detente forecast --runs N --report FILE`."""
    detente = shutil.which("detente") or os.path.join(os.path.dirname(sys.executable), "detente")
    with tempfile.TemporaryDirectory() as folder:
        args = [detente, "forecast", "--runs", str(runs), "--report", str(Path(folder) / "r.html")]
        start = time.perf_counter()
        child = subprocess.Popen(args, stdout=subprocess.DEVNULL)
        tree_peak = 0
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            tree_peak = max(tree_peak, tree_pss_kb(child.pid))
            time.sleep(0.2)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), args)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, tree_peak / 1024


def tree_pss_kb(pid: int) -> int:
    """Proportional set size (kB) of ``pid`` and its descendants, from /proc (Linux)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += next(int(x.split()[1]) for x in rollup.splitlines() if x.startswith("Pss:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration):
            continue  # the process ended meanwhile
    return total


def timings() -> None:
    from detente.report.data import report_data
    from detente.report.figures import chart_builders, report_chart_names
    from detente.report.html import render_report
    from detente.scenario import load_scenario

    scenario = load_scenario("ukraine-2025-12")
    for attempt in range(2):
        started = time.perf_counter()
        data = report_data(scenario, runs=20_000, seed=20251204, question_set="ukraine-2025-12")
        simulated = time.perf_counter()
        html = render_report(data)
        done = time.perf_counter()
        print(
            f"run {attempt + 1}: data {simulated - started:.2f} s, render "
            f"{done - simulated:.2f} s, total {done - started:.2f} s; "
            f"{len(report_chart_names(data))} charts of {len(chart_builders(data))}, "
            f"{len(html) / 1e6:.1f} MB of HTML"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--memory-runs",
        type=int,
        nargs="*",
        help="measure peak memory of `detente forecast --report` at these --runs "
        "(instead of the timings)",
    )
    args = parser.parse_args()
    if not args.memory_runs:
        timings()
        return
    for runs in args.memory_runs:
        wall, cpu, peak, tree = report_memory(runs)
        print(
            f"detente forecast --runs {runs:,} --report FILE: largest process {peak:.0f} MB "
            f"peak, all processes {tree:.0f} MB peak; {wall:.1f} s wall, {cpu:.1f} s CPU "
            "(target: under 1 GB at 1,000,000 runs)"
        )


if __name__ == "__main__":
    main()
