"""The scenario's open questions: uncertain numbers that rest on an assumption only.

A number with no evidence and a wide range is where the model is guessing; listing the
widest first tells the analyst what to look for next. Width is relative to the range
the path allows (0..100 for positions, 0..1 for strengths, the registry range for
dynamics), so different kinds of numbers compare.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def _candidates(s: Scenario) -> list[tuple[str, Uncertain, str]]:
    out: list[tuple[str, Uncertain, str]] = []
    for a in s.actors:
        if not a.evidence:
            out.append((f"actors.{a.id}.capability", a.capability, a.assumption or ""))
    for p in s.positions:
        if not p.evidence:
            base = f"positions.{p.actor}.{p.issue}"
            out.append((f"{base}.position", p.position, p.assumption or ""))
            out.append((f"{base}.salience", p.salience, p.assumption or ""))
    for r in s.relations:
        if not r.evidence:
            path = f"relations.{r.kind}.{r.source_actor}.{r.target_actor}.strength"
            out.append((path, r.strength, r.assumption or ""))
    for name, d in s.dynamics.items():
        if not d.evidence:
            out.append((f"dynamics.{name}", d.value, d.assumption or ""))
    for e in s.events:
        if not e.evidence:
            out.append((f"events.{e.id}.probability", e.probability, e.assumption or ""))
    return out


def open_questions(scenario: Scenario, top: int = 8) -> tuple[OpenQuestion, ...]:
    """Up to ``top`` assumption-only uncertain numbers, widest (relative to their range) first."""
    from detente.process.reads import read_paths

    read = read_paths(scenario)  # a number nothing reads is no open question of the model
    rows = []
    for path, value, assumption in _candidates(scenario):
        if value.is_certain or path not in read:
            continue
        spec = parse_path(path, scenario)
        span = spec.high - spec.low
        width = (value.high - value.low) / span if span > 0 else 0.0
        rows.append(OpenQuestion(path, value.low, value.mode, value.high, width, assumption))
    rows.sort(key=lambda q: (-q.relative_width, q.path))
    return tuple(rows[:top])
