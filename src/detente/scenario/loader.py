"""Load a scenario from a YAML file or a built-in name, with located errors."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from detente.scenario.crosscheck import cross_check
from detente.scenario.errors import Location, ScenarioError, ScenarioErrors, shorten
from detente.scenario.schema import Scenario
from detente.scenario.yaml_source import LocatedYaml, parse_located_yaml, read_text_file

BUILTIN_PACKAGE = "detente.scenario.builtin"
MAX_HORIZON_DAYS = 3653  # ten years after as_of
MAX_ROUNDS = MAX_HORIZON_DAYS // 14  # ten years of two-week rounds: simulation cost grows with it
MAX_REPORTED = 100  # problems listed for one file; the rest are counted


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
    for err in exc.errors(include_url=False):
        path = tuple(part for part in err["loc"] if isinstance(part, str | int))
        # Drop union-branch tags pydantic inserts (e.g. 'Uncertain', 'float').
        data_path = _existing_prefix(path, located.data)
        shown = shorten(".".join(str(p) for p in path)) or "(top level)"
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            message = f"missing required field {shorten(str(path[-1]))!r}"
        elif _wants_a_number(err):
            message = "a number or a {low, mode, high} range is needed here"
        elif err["type"] == "extra_forbidden":
            message = f"unknown field {shorten(str(path[-1]))!r}"
        value = err.get("input")
        got = (
            ""
            if err["type"] in ("missing", "extra_forbidden") or isinstance(value, dict | list)
            else f", got {shorten(repr(value))}"
        )
        problems.append(
            ScenarioError(
                f"{shown}: {message}{got}",
                location=located.locate(data_path),
                hint=_NUMBER_HINT
                if _wants_a_number(err)
                else hint_for_pydantic(err["type"], err.get("ctx") or {}),
            )
        )
    return problems


_HINTS = {
    "missing": "add the field",
    "extra_forbidden": "remove it or check its spelling (`detente new` writes every field)",
    "string_pattern_mismatch": "ids use letters, digits, '_' or '-' and start with a letter",
    "date_from_datetime_parsing": "write dates as YYYY-MM-DD",
    "date_from_datetime_inexact": "write a date without a time, as YYYY-MM-DD",
    "date_parsing": "write dates as YYYY-MM-DD",
    "date_type": "write dates as YYYY-MM-DD",
    "string_type": "write text here (quote it if it looks like a number or a date)",
    "string_too_short": "write at least {min_length} character(s)",
    "string_too_long": "shorten it to at most {max_length} characters",
    "int_type": "write a whole number",
    "int_parsing": "write a whole number",
    "int_from_float": "write a whole number, without a fraction",
    "int_parsing_size": "write a smaller whole number",
    "float_type": "write a number",
    "float_parsing": "write a number",
    "finite_number": "write an ordinary number (NaN and infinity are not allowed)",
    "bool_type": "write true or false",
    "bool_parsing": "write true or false",
    "literal_error": "use one of {expected}",
    "greater_than": "use a number greater than {gt}",
    "greater_than_equal": "use a number of at least {ge}",
    "less_than": "use a number less than {lt}",
    "less_than_equal": "use a number of at most {le}",
    "too_short": "give at least {min_length} entr(ies)",
    "too_long": "give at most {max_length} entr(ies)",
    "tuple_type": "write a list ('- item' lines or [a, b])",
    "list_type": "write a list ('- item' lines or [a, b])",
    "dict_type": "write a mapping of 'key: value' lines",
    "model_type": "write a mapping of 'key: value' lines",
    "model_attributes_type": "write a mapping of 'key: value' lines",
    "value_error": "change the value as the message says",
}
_GENERIC_HINT = "check this field's form against the template `detente new` writes"
# a text where an uncertain number goes ('NaN', '40%'): pydantic asks for 'a valid
# dictionary or instance of Uncertain', which names a class, not the fix
_NUMBER_HINT = "write a number (40) or a range ({low: 30, mode: 40, high: 50}), without quotes or %"


def _wants_a_number(err: dict) -> bool:
    return err["type"] == "model_type" and (err.get("ctx") or {}).get("class_name") == "Uncertain"


def hint_for_pydantic(error_type: str, ctx: dict[str, Any]) -> str:
    """A fix for every pydantic error type: a specific one where known, else a generic one."""
    template = _HINTS.get(error_type, _GENERIC_HINT)
    try:
        return template.format(**{k: shorten(str(v)) for k, v in ctx.items()})
    except (KeyError, IndexError, ValueError):
        return _GENERIC_HINT


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
    return _parse_located(text, file)[0]


def _parse_located(text: str, file: str) -> tuple[Scenario, LocatedYaml]:
    """The validated scenario and its located YAML (lines of every path)."""
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
        raise _errors(_pydantic_errors(exc, located)) from None
    problems = [
        ScenarioError(
            f"{shorten('.'.join(map(str, path)))}: {value!r} is not a finite number",
            location=located.locate(_existing_prefix(path, located.data)),
            hint="write an ordinary number (NaN and infinity are not allowed)",
        )
        for path, value in _non_finite(scenario, ())
    ]
    problems += _size_limits(scenario, located) + cross_check(scenario, located.locate)
    if problems:
        raise _errors(problems)
    return scenario, located


def _errors(problems: list[ScenarioError]) -> ScenarioErrors:
    """At most MAX_REPORTED problems, so a huge broken file gives a readable answer."""
    return ScenarioErrors(problems[:MAX_REPORTED], total=len(problems))


def _non_finite(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple, float]]:
    """Every NaN or infinite float of a validated model, with its path in the file.

    Why: a quoted "nan" passes pydantic's float fields and silently changes a forecast.
    """
    if isinstance(value, float):
        if not math.isfinite(value):
            yield path, value
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            yield from _non_finite(getattr(value, name), (*path, field.alias or name))
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _non_finite(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _non_finite(item, (*path, key))


def _size_limits(scenario: Scenario, located: LocatedYaml) -> list[ScenarioError]:
    """Limits that keep a valid scenario simulable in bounded time and memory."""
    days = (scenario.horizon - scenario.as_of).days
    if days > MAX_HORIZON_DAYS:
        return [
            ScenarioError(
                f"horizon {scenario.horizon} is {days} days after as_of {scenario.as_of}; "
                f"the limit is {MAX_HORIZON_DAYS} days (ten years)",
                location=located.locate(("horizon",)),
                hint="choose a horizon within ten years of as_of",
            )
        ]
    rounds = days // scenario.round_days
    if rounds > MAX_ROUNDS:
        return [
            ScenarioError(
                f"{rounds} rounds of {scenario.round_days} day(s) until the horizon; "
                f"the limit is {MAX_ROUNDS}",
                location=located.locate(("round_days",)),
                hint=f"use longer rounds (round_days >= {-(-days // MAX_ROUNDS)}) "
                "or an earlier horizon",
            )
        ]
    return []


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load and fully validate a built-in scenario by name or a scenario file by path."""
    return load_located(name_or_path)[0]


def load_located(name_or_path: str | Path) -> tuple[Scenario, Callable[[tuple], Location]]:
    """The scenario and a function from a path in it to its file:line:col (for warnings).

    Imported files (KTAB, Decide, BDM) have no YAML lines: their locations name the file.
    """
    path = resolve_scenario_path(name_or_path)
    from detente.scenario.importers import import_scenario, is_importable

    if is_importable(path):  # KTAB .csv/.xml, Decide #A/#P/#M/#D, BDM actor tables
        return import_scenario(path), lambda _where: Location(str(path))
    shown = str(name_or_path) if str(name_or_path) in builtin_names() else str(path)
    scenario, located = _parse_located(read_text_file(path), shown)
    return scenario, located.locate
