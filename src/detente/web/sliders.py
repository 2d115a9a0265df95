"""The what-if sliders of a scenario and the parsing of what a browser sends back.

Why a whitelist: a slider is a scenario path (``detente.scenario.paths``) with a
range; only paths offered here are accepted from a form, every value is checked
against its range, and a slider left at the scenario's own value is not an
intervention (so an untouched form reproduces the baseline exactly).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from detente.scenario.dynamics import dynamic_spec
from detente.scenario.errors import DetenteError
from detente.scenario.schema import Scenario

SUPPORT_WORDS = ("support", "drift", "aid", "attention", "cohesion")
MAX_SETTINGS = 400


@dataclass(frozen=True)
class Slider:
    path: str
    label: str
    group: str
    low: float
    high: float
    step: float
    value: float  # the scenario's own (mode) value


def scenario_sliders(scenario: Scenario) -> tuple[Slider, ...]:
    """Positions and saliences per issue, dependency/influence strengths, support dynamics."""
    names = {a.id: a.name for a in scenario.actors}
    out: list[Slider] = []
    for issue in scenario.issues:
        group = f"Positions: {issue.name}"
        for p in scenario.positions:
            if p.issue != issue.id:
                continue
            base = f"positions.{p.actor}.{p.issue}"
            out.append(
                Slider(
                    f"{base}.position",
                    f"{names[p.actor]}: position",
                    group,
                    0,
                    100,
                    1,
                    p.position.mode,
                )
            )
            out.append(
                Slider(
                    f"{base}.salience",
                    f"{names[p.actor]}: salience",
                    group,
                    0,
                    100,
                    1,
                    p.salience.mode,
                )
            )
    for r in scenario.relations:
        out.append(
            Slider(
                f"relations.{r.kind}.{r.source_actor}.{r.target_actor}.strength",
                f"{r.kind}: {r.source_actor} on {r.target_actor}",
                "Support and dependency",
                0,
                1,
                0.05,
                r.strength.mode,
            )
        )
    for name, parameter in scenario.dynamics.items():
        spec = dynamic_spec(name)
        if spec is None or not any(word in name for word in SUPPORT_WORDS):
            continue
        step = (spec.high - spec.low) / 100
        out.append(
            Slider(
                f"dynamics.{name}",
                name.replace("_", " "),
                "Support and dynamics",
                spec.low,
                spec.high,
                step,
                parameter.value.mode,
            )
        )
    return tuple(out)


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
