"""The what-if sliders of a scenario and the parsing of what a browser sends back.

Why a whitelist: a slider is a scenario path (``detente.scenario.paths``) with a
range; only paths offered here are accepted from a form, every value is checked
against its range, and a slider left at the scenario's own value is not an
intervention (so an untouched form reproduces the baseline exactly).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from detente.scenario.crosscheck_structure import ceasefires_beside_full_texts
from detente.scenario.dynamics import dynamic_spec
from detente.scenario.errors import DetenteError
from detente.scenario.paths import PathError, parse_path
from detente.scenario.schema import Scenario
from detente.scenario.uncertain import Uncertain

MAX_SETTINGS = 400
TOP_DRIVERS = "Top drivers"
STRUCTURE = "Structure"


@dataclass(frozen=True)
class Slider:
    path: str
    label: str
    group: str
    low: float
    high: float
    step: float
    value: float  # the scenario's own (mode) value


def _numbers(scenario: Scenario) -> dict[str, tuple[str, str, Uncertain]]:
    """Every number a slider can move: path -> (group, label, its uncertain value)."""
    names = {a.id: a.name for a in scenario.actors}
    issues = {i.id: i.name for i in scenario.issues}
    out: dict[str, tuple[str, str, Uncertain]] = {}
    for issue in scenario.issues:
        for p in scenario.positions:
            if p.issue == issue.id:
                group = f"Positions: {issues[p.issue]}"
                base = f"positions.{p.actor}.{p.issue}"
                out[f"{base}.position"] = (group, f"{names[p.actor]}: position", p.position)
                out[f"{base}.salience"] = (group, f"{names[p.actor]}: salience", p.salience)
    for r in scenario.relations:
        path = r.strength_path
        label = f"{r.kind}: {names[r.source_actor]} on {names[r.target_actor]}"
        out[path] = ("Support and dependency", label, r.strength)
    for name, parameter in scenario.dynamics.items():
        out[f"dynamics.{name}"] = ("Dynamics", _dynamic_label(name, names), parameter.value)
    for e in scenario.events:
        out[f"events.{e.id}.probability"] = (
            "Event probabilities",
            f"{e.name or e.id}: probability",
            e.probability,
        )
    for a in scenario.actors:
        out[f"actors.{a.id}.capability"] = ("Capabilities", f"{a.name}: capability", a.capability)
    for i in scenario.issues:
        out[f"issues.{i.id}.status_quo"] = ("Status quo", f"{i.name}: status quo", i.status_quo)
    return out


def _step(low: float, high: float, value: float) -> float:
    """A power of ten at most 1/100 of the range that also divides value - low and
    low itself, so the browser never snaps an untouched slider off the scenario's value."""
    step = 10.0 ** math.floor(math.log10((high - low) / 100))
    for number in (value, low):
        exponent = Decimal(repr(float(number))).normalize().as_tuple().exponent
        if isinstance(exponent, int) and exponent < 0:
            step = min(step, 10.0**exponent)
    return step


def _slider(scenario: Scenario, path: str, group: str, label: str, value: float) -> Slider | None:
    try:
        spec = parse_path(path, scenario)
    except PathError:
        return None
    if spec.high <= spec.low:
        return None
    step = _step(spec.low, spec.high, value)
    return Slider(path, label, group, spec.low, spec.high, step, float(value))


def _dynamic_label(name: str, names: dict[str, str]) -> str:
    """'war_cost.XYZ' -> 'war cost: <name of XYZ>'."""
    base, _, actor = name.partition(".")
    text = base.replace("_", " ")
    return f"{text}: {names.get(actor, actor)}" if actor else text


def scenario_sliders(scenario: Scenario, drivers: Sequence[str] = ()) -> tuple[Slider, ...]:
    """The scenario's top drivers first, then positions and saliences per issue, relation
    strengths, every dynamics number, event probabilities, capabilities and the issues'
    status quo, and last the structural switches (whether talks go on under a ceasefire).

    Why the drivers first: the numbers that move the forecast most (resolve, war cost,
    look-ahead ...) are what an analyst wants to try; they come from the forecast's
    rank correlations, so the choice follows each scenario, not a list of names.
    """
    numbers = _numbers(scenario)
    names = {a.id: a.name for a in scenario.actors}
    out: list[Slider] = []
    chosen: set[str] = set()
    for path in drivers:
        known = numbers.get(path)
        if known is None and path.startswith("dynamics."):
            spec = dynamic_spec(path.removeprefix("dynamics."))
            known = ("", _dynamic_label(path.removeprefix("dynamics."), names), None)
            value = spec.default_for(scenario.round_days) if spec else None
        else:
            value = known[2].mode if known else None
        if known is None or value is None or path in chosen:
            continue
        slider = _slider(scenario, path, TOP_DRIVERS, known[1], value)
        if slider is not None:
            out.append(slider)
            chosen.add(path)
    for path, (group, label, value) in numbers.items():
        if path in chosen:
            continue
        slider = _slider(scenario, path, group, label, value.mode)
        if slider is not None:
            out.append(slider)
    switches = _structure_switches(scenario)  # last, and always shown open
    return tuple(out[: MAX_SETTINGS - len(switches)]) + tuple(switches)


def _structure_switches(scenario: Scenario) -> list[Slider]:
    """A 0/1 switch per ceasefire package on a track that also offers a comprehensive one:
    whether talks go on under it, a structural choice that decides how often an armistice
    becomes a peace (``talks_continue``)."""
    phased = ceasefires_beside_full_texts(scenario)
    return [
        Slider(
            f"packages.{p.id}.talks_continue",
            f"{p.name or p.id}: talks go on under it (1 yes, 0 no)",
            STRUCTURE,
            0.0,
            1.0,
            1.0,
            1.0 if p.talks_continue else 0.0,
        )
        for p in scenario.packages
        if p.id in phased
    ]


class SettingError(DetenteError):
    """A what-if setting the dashboard does not offer or a value outside its range."""


def parse_settings(raw: Mapping[str, object], sliders: tuple[Slider, ...]) -> dict[str, float]:
    """Checked settings that differ from the scenario's own values (path -> value)."""
    if len(raw) > MAX_SETTINGS:
        raise SettingError(f"{len(raw)} settings sent, at most {MAX_SETTINGS}")
    by_path = {s.path: s for s in sliders}
    out: dict[str, float] = {}
    for path, value in raw.items():
        slider = by_path.get(path)
        if slider is None:
            raise SettingError(
                f"{path!r} is not a what-if slider of this scenario",
                hint="GET the what-if JSON endpoint for the list of sliders",
            )
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise SettingError(f"{path}: {value!r} is not a number") from None
        if not math.isfinite(number) or not slider.low <= number <= slider.high:
            raise SettingError(f"{path}: {number} is outside {slider.low}..{slider.high}")
        if abs(number - slider.value) > 1e-9:
            out[path] = number
    return out
