"""An imported table straight to solver arrays, without building the pydantic Scenario.

Why: building the scenario schema costs about 0.2 s of a process, more than SMP takes
on a KTAB case, and an imported table holds only actors, issues and positions. When
every value is plainly inside what the schema and the cross-checks accept, the arrays
are made here from the same normalised numbers ``ImportedTable.to_scenario`` uses; when
anything is unusual this declines (returns None) and the caller builds the Scenario,
whose validation names the problem exactly as before.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from detente.scenario.arrays import ScenarioArrays
from detente.scenario.ids import is_identifier
from detente.scenario.importers.common import DEFAULT_ANCHORS, ImportedTable, NormalisedTable

# As in detente.scenario.base.Identifier and schema.Actor.kind (a test checks they agree).
ACTOR_KINDS = frozenset({"state", "bloc", "organisation", "person", "coalition", "armed_group"})


def table_arrays(table: ImportedTable) -> tuple[str, ScenarioArrays] | None:
    """(scenario id, arrays) equal to those of ``table.to_scenario()``, or None when the
    table is not plainly valid (then ``to_scenario`` reports why)."""
    if not _plain_input(table):
        return None
    norm = table.normalised()
    if not _plain_output(table, norm):
        return None
    n, m = len(norm.actor_ids), len(norm.issue_ids)
    status_quo = np.array([(v, v, v) for v in norm.status_quos], dtype=float)
    position = np.broadcast_to(status_quo[None, :, 1:2], (n, m, 3)).copy()
    salience = np.zeros((n, m, 3))
    has_position = np.zeros((n, m), dtype=bool)
    for (a, j), (pos, sal) in norm.entries.items():
        position[a, j] = pos
        salience[a, j] = sal
        has_position[a, j] = True
    capability = np.array([(c, c, c) for c in norm.capabilities], dtype=float)
    arrays = ScenarioArrays(
        tuple(norm.actor_ids),
        tuple(norm.issue_ids),
        position,
        salience,
        capability,
        status_quo,
        has_position,
    )
    return norm.scenario_id, arrays


def _finite_in(value: object, low: float, high: float) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and low <= value <= high
    )


def _plain_input(table: ImportedTable) -> bool:
    """What ``normalised`` needs to run and what only the raw table tells."""
    n, m = len(table.actor_names), len(table.issue_names)
    if n == 0 or m == 0 or len(table.capabilities) != n:
        return False
    if not all(_finite_in(c, 0.0, math.inf) for c in table.capabilities):
        return False
    if max(table.capabilities) <= 0:
        return False
    names = [table.labels.get(k) or name for k, name in enumerate(table.actor_names)]
    if not all(isinstance(x, str) and x for x in [*names, *table.issue_names]):
        return False
    if not all(table.kinds.get(k, "organisation") in ACTOR_KINDS for k in range(n)):
        return False
    if not all(_plain_anchors(table.scale_anchors.get(j, DEFAULT_ANCHORS)) for j in range(m)):
        return False
    if not isinstance(table.as_of, dt.date) or table.as_of >= dt.date(9998, 1, 1):
        return False
    placed = {a for a, _ in table.entries}
    return placed == set(range(n)) and all(0 <= j < m for _, j in table.entries)


def _plain_anchors(scale: object) -> bool:
    return (
        isinstance(scale, dict)
        and 0 in scale
        and 100 in scale
        and all(isinstance(k, int) and not isinstance(k, bool) and 0 <= k <= 100 for k in scale)
        and all(isinstance(v, str) for v in scale.values())
    )


def _plain_output(table: ImportedTable, norm: NormalisedTable) -> bool:
    """The normalised numbers and ids are inside the schema's ranges and patterns."""
    ids = [norm.scenario_id, *norm.actor_ids, *norm.issue_ids]
    if not all(is_identifier(i) for i in ids):
        return False
    if len(set(norm.actor_ids)) != len(norm.actor_ids):
        return False
    if len(set(norm.issue_ids)) != len(norm.issue_ids):
        return False
    values = [
        *norm.capabilities,
        *norm.status_quos,
        *(v for pair in norm.entries.values() for v in pair),
    ]
    return all(_finite_in(v, 0.0, 100.0) for v in values)
