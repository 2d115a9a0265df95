"""The scenario language: schema, loading, validation, importers, built-in scenarios.

The names below load on first use (PEP 562). Why: ``detente.scenario.errors`` is needed by
every command, the pydantic schema (about 0.2 s to build) only by those that load YAML.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from detente.scenario.errors import DetenteError, Location, ScenarioError, ScenarioErrors
    from detente.scenario.loader import builtin_names, load_scenario, parse_scenario_text
    from detente.scenario.schema import Scenario
    from detente.scenario.uncertain import Uncertain

_HOMES = {
    "DetenteError": "errors",
    "Location": "errors",
    "ScenarioError": "errors",
    "ScenarioErrors": "errors",
    "builtin_names": "loader",
    "load_scenario": "loader",
    "parse_scenario_text": "loader",
    "Scenario": "schema",
    "Uncertain": "uncertain",
}

__all__ = [
    "DetenteError",
    "Location",
    "Scenario",
    "ScenarioError",
    "ScenarioErrors",
    "Uncertain",
    "builtin_names",
    "load_scenario",
    "parse_scenario_text",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
