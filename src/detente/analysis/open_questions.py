"""The scenario's open questions: uncertain numbers whose size rests on an assumption.

A number with no evidence is where the model is guessing, and so is one whose evidence
comes with an ``assumption:`` (the evidence gives the direction, the size is a judgement:
a Sudan trial's top driver, the army's resolve, was of that kind and went unlisted).
What to look for next is the guess that moves the forecast most (a value-of-information
ranking), so with a forecast's runs at hand the list is ordered by each number's effect,
|Spearman rho| with agreement by the horizon, over the same runs as the drivers. A wide
range that moves nothing is no priority: on ``drc-m23-2025`` the widest guesses
(``commitment_effect``, the mediator's attention) have |rho| under 0.05 while
``lookahead_rounds`` and the sides' resolve, also guesses, have 0.2-0.3. A rho within
the Monte Carlo noise (under 2 / sqrt(runs ranked), two standard errors of a rho of 0)
counts as no effect (0), so those numbers fall back to the width order instead of a
ranking by noise. Without runs (or where no number varies) the widest come first. Width
is relative to the range the path allows (0..100 for positions, 0..1 for strengths, the
registry range for dynamics), so different kinds of numbers compare.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from detente.scenario.paths import parse_path
from detente.scenario.schema import Scenario
from detente.scenario.uncertain import Uncertain


@dataclass(frozen=True)
class OpenQuestion:
    path: str
    low: float
    mode: float
    high: float
    relative_width: float
    assumption: str
    effect: float | None = None  # Spearman rho with agreement by the horizon (0: within noise)
    evidenced: bool = False  # evidence gives its direction; the assumption, its size


def _candidates(s: Scenario) -> list[tuple[str, Uncertain, Any]]:
    """(path, value, the item that says where it comes from) of every number whose size is
    assumed: one with an assumption, beside evidence or alone (every item has one or the
    other, ``Sourced``)."""
    out: list[tuple[str, Uncertain, Any]] = []
    out += [(f"actors.{a.id}.capability", a.capability, a) for a in s.actors]
    for p in s.positions:
        base = f"positions.{p.actor}.{p.issue}"
        out += [(f"{base}.position", p.position, p), (f"{base}.salience", p.salience, p)]
    out += [(r.strength_path, r.strength, r) for r in s.relations]
    out += [(f"dynamics.{name}", d.value, d) for name, d in s.dynamics.items()]
    out += [(f"events.{e.id}.probability", e.probability, e) for e in s.events]
    return [row for row in out if row[2].assumption]


def open_questions(
    scenario: Scenario,
    top: int = 8,
    effects: Mapping[str, float] | None = None,
    ranked_runs: int = 0,
) -> tuple[OpenQuestion, ...]:
    """Up to ``top`` uncertain numbers whose size is assumed: the largest |effect| first
    (``effects``: parameter path -> Spearman rho over ``ranked_runs`` runs; a number
    missing from it, or within the noise, had none), else the widest."""
    floor = 2.0 / np.sqrt(ranked_runs) if ranked_runs > 0 else 0.0
    from detente.process.reads import read_paths

    read = read_paths(scenario)  # a number nothing reads is no open question of the model
    rows = []
    for path, value, item in _candidates(scenario):
        if value.is_certain or path not in read:
            continue
        spec = parse_path(path, scenario)
        span = spec.high - spec.low
        width = (value.high - value.low) / span if span > 0 else 0.0
        effect = None if effects is None else float(effects.get(path, 0.0))
        if effect is not None and abs(effect) < floor:
            effect = 0.0
        rows.append(
            OpenQuestion(
                path,
                value.low,
                value.mode,
                value.high,
                width,
                item.assumption or "",
                effect,
                evidenced=bool(item.evidence),
            )
        )
    rows.sort(key=lambda q: (-abs(q.effect or 0.0), -q.relative_width, q.path))
    return tuple(rows[:top])
