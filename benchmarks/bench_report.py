"""Wall time of the HTML report of the built-in scenario, split into its two steps.

- data: one Monte Carlo pass (20,000 runs) and every series read off it (summary,
  outcome bands, cycle, tornado, event paths, settlement distributions, sanity);
- render: every matplotlib chart to inline SVG plus the template.
Target: the whole report no slower than before the analyst charts (about 6-7 s on this
machine, mostly matplotlib): the charts reuse the forecast's runs, nothing is simulated
twice.

Run: python benchmarks/bench_report.py
"""

from __future__ import annotations

import time


def main() -> None:
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


if __name__ == "__main__":
    main()
