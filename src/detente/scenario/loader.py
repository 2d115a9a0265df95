"""Load a scenario from a YAML file or a built-in name, with located errors."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from detente.scenario.crosscheck import cross_check
from detente.scenario.errors import Location, ScenarioError, ScenarioErrors
from detente.scenario.schema import Scenario
from detente.scenario.yaml_source import LocatedYaml, parse_located_yaml, read_text_file

BUILTIN_PACKAGE = "detente.scenario.builtin"


def builtin_names() -> list[str]:
    """Names of the scenarios shipped inside the package."""
    folder = resources.files(BUILTIN_PACKAGE)
    return sorted(
        entry.name.removesuffix(".yaml")
        for entry in folder.iterdir()
        # a second dot-suffix marks a companion file (.questions.yaml, .interventions.yaml)
        if entry.name.endswith(".yaml") and "." not in entry.name.removesuffix(".yaml")
    )


def builtin_path(name: str) -> Path:
    return Path(str(resources.files(BUILTIN_PACKAGE).joinpath(f"{name}.yaml")))


def resolve_scenario_path(name_or_path: str | Path) -> Path:
    """A built-in name maps to its packaged file; anything else is a path."""
    text = str(name_or_path)
    if text in builtin_names():
        return builtin_path(text)
    path = Path(text)
    if not path.exists() and path.suffix == "":
        raise ScenarioError(
            f"{text!r} is neither a built-in scenario nor a file",
            location=Location(text),
            hint=f"built-in: {', '.join(builtin_names())}; or give a path to a .yaml file",
        )
    return path


def _pydantic_errors(exc: ValidationError, located: LocatedYaml) -> list[ScenarioError]:
    problems = []
    for err in exc.errors():
        path = tuple(part for part in err["loc"] if isinstance(part, str | int))
        # Drop union-branch tags pydantic inserts (e.g. 'Uncertain', 'float').
        data_path = _existing_prefix(path, located.data)
        shown = ".".join(str(p) for p in path) or "(top level)"
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            message = f"missing required field {path[-1]!r}"
        elif err["type"] == "extra_forbidden":
            message = f"unknown field {path[-1]!r}"
        value = err.get("input")
        got = (
            ""
            if err["type"] in ("missing", "extra_forbidden") or isinstance(value, dict | list)
            else f", got {value!r}"
        )
        problems.append(
            ScenarioError(
                f"{shown}: {message}{got}",
                location=located.locate(data_path),
                hint=_hint_for(err["type"]),
            )
        )
    return problems


def _hint_for(error_type: str) -> str:
    return {
        "missing": "add the field",
        "extra_forbidden": "remove it or check its spelling against DESIGN section 4",
        "string_pattern_mismatch": "ids use letters, digits, '_' or '-' and start with a letter",
        "date_from_datetime_parsing": "write dates as YYYY-MM-DD",
        "date_parsing": "write dates as YYYY-MM-DD",
        "date_type": "write dates as YYYY-MM-DD",
    }.get(error_type, "")


def _existing_prefix(path: tuple[str | int, ...], data: Any) -> tuple[str | int, ...]:
    kept: list[str | int] = []
    node = data
    for part in path:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
        elif isinstance(node, dict) and part == "from" and "from" in node:
            node = node["from"]
        else:
            continue
        kept.append(part)
    return tuple(kept)


def parse_scenario_text(text: str, file: str) -> Scenario:
    """Validate a scenario given as YAML text; raise ScenarioErrors listing every problem."""
    located = parse_located_yaml(text, file)
    if not isinstance(located.data, dict):
        raise ScenarioError(
            f"top level must be a mapping of sections, got {type(located.data).__name__}",
            location=located.locate(()),
            hint="start with 'id:', 'as_of:', 'actors:' ...",
        )
    try:
        scenario = Scenario.model_validate(located.data)
    except ValidationError as exc:
        raise ScenarioErrors(_pydantic_errors(exc, located)) from None
    problems = cross_check(scenario, located.locate)
    if problems:
        raise ScenarioErrors(problems)
    return scenario


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load and fully validate a built-in scenario by name or a scenario file by path."""
    path = resolve_scenario_path(name_or_path)
    from detente.scenario.importers import import_scenario, is_importable

    if is_importable(path):  # KTAB .csv/.xml, Decide #A/#P/#M/#D, BDM actor tables
        return import_scenario(path)
    text = read_text_file(path)
    shown = str(name_or_path) if str(name_or_path) in builtin_names() else str(path)
    return parse_scenario_text(text, shown if shown.endswith(".yaml") else f"{shown}")


def load_located(name_or_path: str | Path) -> tuple[Scenario, Callable[[tuple], Location]]:
    """The scenario and a function from a path in it to its file:line:col (for warnings).

    Imported files (KTAB, Decide, BDM) have no YAML lines: their locations name the file.
    """
    path = resolve_scenario_path(name_or_path)
    from detente.scenario.importers import import_scenario, is_importable

    if is_importable(path):
        return import_scenario(path), lambda _where: Location(str(path))
    shown = str(name_or_path) if str(name_or_path) in builtin_names() else str(path)
    text = read_text_file(path)
    scenario = parse_scenario_text(text, shown)
    return scenario, parse_located_yaml(text, shown).locate
