"""A settlement figure needs enough runs behind it: fewer than MIN_SETTLED_RUNS runs that
settle an issue give its count and no median, interval or mean, in the forecast, the
report and a what-if (a new analyst's Ethiopia case read one run of 4,000 as "settled at
10, 80% interval 10-10")."""

from __future__ import annotations

import numpy as np
from process_scenarios import cycle_scenario

from detente.analysis.forecast_summary import forecast_summary
from detente.analysis.outcomes import settlement_spread
from detente.forecast.summaries import MIN_SETTLED_RUNS
from detente.process import compile_scenario, simulate
from detente.report.data import report_data
from detente.report.html import render_report


def _rows(runs: int) -> dict:
    summary = forecast_summary(cycle_scenario(), runs=runs, seed=1)
    return {row.issue: row for row in summary.settlement}


def test_too_few_runs_give_a_count_and_no_figures() -> None:
    """24 runs, seed 1: the alliance is settled in 15 runs, the line in 21: only the line
    has figures; with 2,000 runs both do, and the count is the runs that settled it."""
    few = _rows(24)
    assert 0 < few["alliance"].runs_settled < MIN_SETTLED_RUNS <= few["territory"].runs_settled
    assert (few["alliance"].mean, few["alliance"].p10, few["alliance"].p50) == (None,) * 3
    assert few["territory"].p50 is not None
    many = _rows(2000)
    assert many["alliance"].runs_settled >= MIN_SETTLED_RUNS and many["alliance"].p50 is not None
    assert many["alliance"].share_settled == many["alliance"].runs_settled / 2000


def test_the_whatif_and_report_say_so_too() -> None:
    log = simulate(compile_scenario(cycle_scenario()), runs=24, seed=1)
    spread = {s.issue: s for s in settlement_spread(log)}
    settled = np.isfinite(log.settlement).sum(axis=0)
    for k, issue in enumerate(log.issue_ids):
        assert spread[issue].runs_settled == settled[k]
        assert (spread[issue].mean is None) == (settled[k] < MIN_SETTLED_RUNS)
    html = render_report(report_data(cycle_scenario(), runs=24, seed=1))
    assert f"too few runs ({_rows(24)['alliance'].runs_settled})" in html
