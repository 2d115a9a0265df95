"""The extra chart series of a forecast, read off the runs the summary already made.

Why a module of its own: ``data`` assembles one dict; these are the numbers behind the
charts analysts expect (Monte Carlo bands of the outcome path, a tornado of drivers,
the common event paths, settlement distributions; the tornado's shares come from
``analysis.drivers``) and each is a plain function of the
event log and the parameter draws, so no run is simulated twice.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from detente.analysis.event_paths import PathShare, common_paths
from detente.process.eventlog import EventLog
from detente.scenario.schema import Scenario

BINS = 50  # settlement histogram: 2-point bins on the 0-100 scale


def path_standard_errors(probabilities: np.ndarray, n_runs: int) -> np.ndarray:
    """Binomial Monte Carlo standard error sqrt(p(1-p)/n) of every share in the path."""
    p = np.clip(np.asarray(probabilities, dtype=float), 0, 1)
    return np.sqrt(p * (1 - p) / max(n_runs, 1))


def settlement_distribution(
    scenario: Scenario, log: EventLog, static: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Per issue: a histogram of the settled values, each actor's position (mode) and the
    static compromise model's predictions, all on the issue's 0-100 scale."""
    return settlement_rows(scenario, *settlement_counts(log), static)


def settlement_counts(log: EventLog) -> tuple[np.ndarray, np.ndarray]:
    """Per issue, the settled runs in each histogram bin (int, issues x BINS) and in all
    (int, issues): counts of chunks of runs add up."""
    edges = np.linspace(0, 100, BINS + 1)
    issues = log.settlement.shape[1]
    counts = np.zeros((issues, BINS), dtype=np.int64)
    settled = np.zeros(issues, dtype=np.int64)
    for k in range(issues):
        values = log.settlement[:, k].astype(float)
        values = values[np.isfinite(values)]
        counts[k], _ = np.histogram(values, bins=edges)
        settled[k] = values.size
    return counts, settled


def settlement_rows(
    scenario: Scenario, counts: np.ndarray, settled: np.ndarray, static: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """``settlement_distribution`` from the counts of ``settlement_counts``."""
    names = {a.id: a.name for a in scenario.actors}
    by_issue = {row["issue"]: row for row in static}
    edges = np.linspace(0, 100, BINS + 1)
    out = []
    for k, issue in enumerate(scenario.issues):
        row = by_issue.get(issue.id, {})
        out.append(
            {
                "issue": issue.id,
                "name": issue.name,
                "edges": edges.tolist(),
                "counts": counts[k].tolist(),
                "settled_runs": int(settled[k]),
                "status_quo": issue.status_quo.mode,
                "weighted_mean": row.get("weighted_mean"),
                "weighted_median": row.get("weighted_median"),
                "actors": [
                    {"actor": p.actor, "name": names[p.actor], "position": p.position.mode}
                    for p in scenario.positions
                    if p.issue == issue.id
                ],
            }
        )
    return out


def event_path_shares(log: EventLog, top: int = 10) -> list[dict[str, Any]]:
    return event_path_rows(common_paths(log, top), log.n_runs)


def event_path_rows(paths: tuple[PathShare, ...], n_runs: int) -> list[dict[str, Any]]:
    """The common paths as chart rows, each share with its standard error."""
    return [
        {"path": p.path, "runs": p.runs, "share": p.share, "standard_error": float(se)}
        for p in paths
        for se in [path_standard_errors(p.share, n_runs)]
    ]


def network(scenario: Scenario) -> dict[str, Any]:
    """Actors and the scenario's relations (kind, direction, strength mode) as a graph,
    each saying whether any part of the model reads it (``read``): a relation that changes
    no run is the analyst's reading, not one of the model's inputs."""
    from detente.process.reads import read_paths

    read = read_paths(scenario)
    return {
        "actors": [{"id": a.id, "name": a.name, "kind": a.kind} for a in scenario.actors],
        "relations": [
            {
                "kind": r.kind,
                "from": r.source_actor,
                "to": r.target_actor,
                "strength": r.strength.mode,
                "low": r.strength.low,
                "high": r.strength.high,
                "read": r.strength_path in read,
            }
            for r in scenario.relations
        ],
    }
