"""The scenario language: schema, loading, validation, importers, built-in scenarios."""

from detente.scenario.errors import DetenteError, Location, ScenarioError, ScenarioErrors
from detente.scenario.loader import builtin_names, load_scenario, parse_scenario_text
from detente.scenario.schema import Scenario
from detente.scenario.uncertain import Uncertain

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
