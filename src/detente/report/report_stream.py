"""The report's series accumulated chunk by chunk, so `forecast --report` memory does not
grow with the number of runs (as ``analysis.forecast_stream`` does for the summary).

Each chunk of runs is reduced and dropped:
- outcome path and cycle states: run counts per class or state and day (exact);
- event paths: a count per distinct compressed path (exact);
- settlement distributions: histogram counts and settled runs per issue (exact);
- tornado: the parameter draws and horizon agreement of the runs the drivers are ranked
  on (``forecast_stream.DRIVER_SAMPLE_RUNS``): every run up to that many, beyond it a
  uniform sample of that size, named in the tornado's ``sample_runs``.
Up to ``DRIVER_SAMPLE_RUNS`` runs every figure equals the whole-log computation
(``data.forecast_data_from_runs``).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np

from detente.analysis.drivers import tornado
from detente.analysis.event_paths import run_paths, top_counted_paths
from detente.analysis.outcomes import summary_ranked_day
from detente.analysis.sanity import sanity_warnings
from detente.process.eventlog import OutcomeClass
from detente.report.cycle import (
    CYCLE_STATES,
    cycle_counts,
    outcome_path_counts,
    shares_of_counts,
)
from detente.report.series import (
    BINS,
    event_path_rows,
    path_standard_errors,
    settlement_counts,
    settlement_rows,
)

if TYPE_CHECKING:
    import datetime as dt

    from detente.analysis.forecast_summary import ForecastSummary
    from detente.analysis.runs import SampledRuns
    from detente.scenario.schema import Scenario


class ReportSeries:
    """Sufficient statistics of the report's series over the chunks added so far."""

    def __init__(self, scenario: Scenario, n_rounds: int) -> None:
        self.scenario = scenario
        self.n_rounds = max(int(n_rounds), 1)
        self.days = np.arange(0, n_rounds + 1) * scenario.round_days
        self.horizon_day = (scenario.horizon - scenario.as_of).days
        self.runs = 0
        self.round_days = scenario.round_days
        self.dates: list[dt.date] = []
        self.names: tuple[str, ...] = ()
        self.path_counts = np.zeros((len(OutcomeClass), len(self.days)), dtype=np.int64)
        self.cycle_counts = np.zeros((len(CYCLE_STATES), self.n_rounds), dtype=np.int64)
        self.event_paths: Counter[str] = Counter()
        issues = len(scenario.issues)
        self.settled_bins = np.zeros((issues, BINS), dtype=np.int64)
        self.settled = np.zeros(issues, dtype=np.int64)
        self.theta: list[np.ndarray] = []
        self.agreed_days: list[np.ndarray] = []  # first agreement (-1: none), tornado runs

    def add(self, sampled: SampledRuns, driver_quota: int) -> None:
        """Reduce one chunk; its first ``driver_quota`` runs join the tornado's sample."""
        log = sampled.log
        if not self.dates:  # dates and names are the same in every chunk
            self.dates = [log.date_of(int(d)) for d in self.days]
            self.names = sampled.space.names
            self.round_days = log.round_days
        self.runs += log.n_runs
        self.path_counts += outcome_path_counts(log, self.days)
        self.cycle_counts += cycle_counts(log, self.n_rounds)
        self.event_paths.update(run_paths(log))
        bins, settled = settlement_counts(log)
        self.settled_bins += bins
        self.settled += settled
        # copies: a view would keep the whole chunk's draws alive
        self.theta.append(sampled.theta[:driver_quota].copy())
        self.agreed_days.append(log.settlement_day[:driver_quota].copy())

    def forecast_data(self, summary: ForecastSummary) -> dict[str, Any]:
        """As ``data.forecast_data_from_runs``: the summary plus the per-round series."""
        summary_dict = summary.to_dict()
        path = self.path_counts / max(self.runs, 1)
        cycle = shares_of_counts(self.cycle_counts, self.runs, self.round_days)
        theta = np.concatenate(self.theta, axis=0)
        days = np.concatenate(self.agreed_days)
        ranked = summary_ranked_day(summary_dict, self.scenario.as_of, self.horizon_day)
        agreed = (days >= 0) & (days <= ranked)
        chart = tornado(
            theta, self.names, agreed, [d["parameter"] for d in summary_dict["drivers"]]
        )
        if agreed.shape[0] < self.runs:
            chart["sample_runs"] = int(agreed.shape[0])
        return {
            "summary": summary_dict,
            "sanity": [w.to_dict() for w in sanity_warnings(summary_dict)],
            "path": {
                "days": self.days.tolist(),
                "dates": [d.isoformat() for d in self.dates],
                "horizon": self.scenario.horizon.isoformat(),
                "classes": [c.name.lower() for c in OutcomeClass],
                "probabilities": path.tolist(),
                "standard_errors": path_standard_errors(path, self.runs).tolist(),
                "runs": self.runs,
            },
            "tornado": chart,
            "event_paths": event_path_rows(
                top_counted_paths(self.event_paths, self.runs), self.runs
            ),
            "settlement_distribution": settlement_rows(
                self.scenario, self.settled_bins, self.settled, summary_dict["static_compromise"]
            ),
            "cycle": {
                "rounds": cycle.rounds.tolist(),
                "states": list(cycle.states),
                "shares": cycle.shares.tolist(),
            },
        }
