"""What-if interventions: named sets of ``path = value`` settings applied to a scenario.

File format (YAML), one or more interventions compared against the same baseline:

    interventions:
      - name: us_halts_aid
        description: The US stops military aid to Ukraine.
        set:
          relations.dependency.UKR.US.strength: 0
          dynamics.front_drift_per_round: 1.5

Paths are those of ``detente.scenario.paths`` (``arenas.ID.rule`` takes a word,
``packages.ID.talks_continue`` true or false, ``packages.ID.settles`` and
``packages.ID.freezes`` issue ids separated by commas).
Every setting is applied with ``apply_setting`` (op ``set``), so a number the scenario
held uncertain becomes certain in the intervention.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from detente.scenario.errors import DetenteError, Location, ScenarioError
from detente.scenario.paths import apply_setting
from detente.scenario.schema import Scenario
from detente.scenario.yaml_source import LocatedYaml, parse_located_yaml, read_text_file

Value = float | str
NAME_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")
FILE_HINT = "write 'interventions: [{name, description, set: {PATH: VALUE, ...}}]'"


@dataclass(frozen=True)
class Intervention:
    name: str
    description: str
    settings: tuple[tuple[str, Value], ...]


def parse_value(text: str) -> Value:
    """A number when it reads as one, else the word itself (for arena rules)."""
    try:
        return float(text)
    except ValueError:
        return text.strip()


def parse_set_options(options: Sequence[str]) -> Intervention | None:
    """``--set path=value`` options as one intervention (None when there are none)."""
    settings = []
    for option in options:
        path, sep, value = option.partition("=")
        if not sep or not path.strip() or not value.strip():
            raise DetenteError(
                f"--set {option!r}: expected PATH=VALUE",
                hint="e.g. --set dynamics.influencer_cohesion=0.9 --set arenas.eu_council.rule=qmv",
            )
        settings.append((path.strip(), parse_value(value)))
    if not settings:
        return None
    description = ", ".join(
        f"{p}={v:g}" if isinstance(v, float) else f"{p}={v}" for p, v in settings
    )
    return Intervention("set", description, tuple(settings))


def apply_intervention(scenario: Scenario, intervention: Intervention) -> Scenario:
    """The scenario with every setting of ``intervention`` applied in order."""
    for path, value in intervention.settings:
        scenario = apply_setting(scenario, path, value)
    return scenario


def load_interventions(path: Path | str, scenario: Scenario) -> tuple[Intervention, ...]:
    """Read an interventions file and check every setting against ``scenario``.

    Errors name the file, line and column of the offending entry.
    """
    file = str(path)
    located = parse_located_yaml(read_text_file(Path(path)), file)
    return parse_interventions(located, scenario)


def parse_interventions(located: LocatedYaml, scenario: Scenario) -> tuple[Intervention, ...]:
    def error(where: tuple[str | int, ...], message: str, hint: str = FILE_HINT) -> ScenarioError:
        return ScenarioError(message, location=located.locate(where), hint=hint)

    data = located.data
    if not isinstance(data, dict) or "interventions" not in data:
        raise error((), "top level must be a mapping with an 'interventions' list")
    extra = sorted(set(data) - {"interventions", "scenario"})
    if extra:
        raise error((extra[0],), f"unknown top-level key {extra[0]!r}")
    items = data["interventions"]
    if not isinstance(items, list) or not items:
        raise error(("interventions",), "'interventions' must be a non-empty list")
    seen: set[str] = set()
    out = []
    for k, item in enumerate(items):
        here = ("interventions", k)
        if not isinstance(item, dict):
            raise error(here, f"intervention {k} must be a mapping")
        unknown = sorted(set(item) - {"name", "description", "set"})
        if unknown:
            raise error((*here, unknown[0]), f"unknown field {unknown[0]!r}")
        name = item.get("name")
        if not isinstance(name, str) or not NAME_PATTERN.match(name):
            raise error(
                (*here, "name"),
                f"intervention {k}: 'name' must be an id (letters, digits, '_', '-'), got {name!r}",
            )
        if name in seen:
            raise error((*here, "name"), f"duplicate intervention name {name!r}", "rename one")
        seen.add(name)
        description = item.get("description", "")
        if not isinstance(description, str):
            raise error((*here, "description"), "'description' must be text")
        settings_map = item.get("set")
        if not isinstance(settings_map, dict) or not settings_map:
            raise error((*here, "set"), f"intervention {name!r}: 'set' must map PATH: VALUE")
        settings: list[tuple[str, Value]] = []
        trial = scenario
        for setting_path, raw in settings_map.items():
            where = (*here, "set", setting_path)
            if isinstance(raw, bool):  # YAML's true / false: the words a switch takes
                raw = str(raw).lower()
            if isinstance(raw, list) and raw and all(isinstance(x, str) for x in raw):
                raw = ",".join(raw)  # a list of issue ids (packages.ID.settles, .freezes)
            if not isinstance(raw, int | float | str):
                raise error(where, f"{setting_path}: value must be a number or a word, got {raw!r}")
            value: Value = float(raw) if isinstance(raw, int | float) else raw
            try:
                trial = apply_setting(trial, str(setting_path), value)
            except DetenteError as exc:
                raise ScenarioError(
                    exc.message, location=located.locate(where), hint=exc.hint
                ) from None
            settings.append((str(setting_path), value))
        out.append(Intervention(name, description, tuple(settings)))
    return tuple(out)


def builtin_interventions_path(scenario_name: str) -> Path | None:
    """The interventions file shipped next to a built-in scenario, if there is one."""
    from importlib import resources

    from detente.scenario.loader import BUILTIN_PACKAGE, builtin_names

    if scenario_name not in builtin_names():
        return None
    path = Path(
        str(resources.files(BUILTIN_PACKAGE).joinpath(f"{scenario_name}.interventions.yaml"))
    )
    return path if path.exists() else None


def no_interventions_error(scenario_name: str) -> DetenteError:
    return DetenteError(
        f"no intervention given for {scenario_name!r}",
        location=Location(scenario_name),
        hint="add --set PATH=VALUE or --interventions FILE",
    )
