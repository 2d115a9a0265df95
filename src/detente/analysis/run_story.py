"""One simulated run told as a dated story, read off the event log.

Why: a probability is easier to trust when one can read a few of the runs behind it
("2026-01-15 round held in talks; Party A rejected; ..."). Every sentence is built
from an event's kind name and the scenario's own names for its actor, arena, issue
or exogenous event, so new event kinds are told without a change here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.analysis.event_paths import event_label
from detente.process.eventlog import EventKind, EventLog
from detente.scenario.schema import Scenario

MAX_DAYS = 40


@dataclass(frozen=True)
class StoryDay:
    date: str
    text: str


def _names(scenario: Scenario) -> dict[str, dict[str, str]]:
    return {
        "actor": {a.id: a.name or a.id for a in scenario.actors},
        "arena": {a.id: a.name or a.id for a in scenario.arenas},
        "issue": {i.id: i.name or i.id for i in scenario.issues},
    }


def _name(ids: tuple[str, ...], index: int, names: dict[str, str]) -> str | None:
    if 0 <= index < len(ids):
        return names.get(ids[index], ids[index])
    return None


def _lever_id(scenario: Scenario, arena_ids: tuple[str, ...], arena: int, k: int) -> str:
    """The id of lever ``k`` of the track ``arena`` (its index if the scenario lacks it)."""
    track = next(
        (a for a in scenario.arenas if 0 <= arena < len(arena_ids) and a.id == arena_ids[arena]),
        None,
    )
    return track.leverage[k].id if track is not None and 0 <= k < len(track.leverage) else str(k)


def _sentence(log: EventLog, i: int, scenario: Scenario, names: dict) -> str:
    kind, value = int(log.kind[i]), float(log.value[i])
    label = event_label(kind, value)
    actor = _name(log.actor_ids, int(log.actor[i]), names["actor"])
    arena = _name(log.arena_ids, int(log.arena[i]), names["arena"])
    issue = _name(log.issue_ids, int(log.issue[i]), names["issue"])
    if kind == EventKind.AGREEMENT:
        return f"agreement reached: {label}" + (f" in {arena}" if arena else "")
    if kind == EventKind.LEVERAGE:  # the actor is the target: the mediator pulls the lever
        lever = _lever_id(scenario, log.arena_ids, int(log.arena[i]), int(value))
        return f"lever {lever} pulled on {actor}" + (f" in {arena}" if arena else "")
    if kind == EventKind.NARROWED:
        who = actor or "the sides"  # a track without a mediator narrows its own text
        return f"{who} narrowed the text to a ceasefire" + (f" in {arena}" if arena else "")
    if kind == EventKind.TERMS:  # "Territory settled at 71", "Sanctions relief deferred"
        return f"{issue} settled at {value:.0f}" if np.isfinite(value) else f"{issue} deferred"
    if kind == EventKind.EXOGENOUS:
        k = int(value)
        event = scenario.events[k] if 0 <= k < len(scenario.events) else None
        return f"event: {(event.name or event.id) if event else k}"
    if issue:  # "decision blocked on Sanctions by Member X"
        return f"{label} on {issue}" + (f" by {actor}" if actor else "")
    if actor:  # "Party A rejected"
        return f"{actor} {label}"
    return f"{label} in {arena}" if arena else label


def run_story(log: EventLog, run: int, scenario: Scenario) -> tuple[StoryDay, ...]:
    """The run's events day by day, up to its last agreement (at most MAX_DAYS days): a
    settlement that replaced a ceasefire, or a deal signed again after a breakdown, is part
    of the story a question about it needs (an Armenia-Azerbaijan trial: the treaty signed
    two weeks after the text was agreed was cut off)."""
    names = _names(scenario)
    rows = np.flatnonzero(log.run == run)
    agreed = log.day[rows][log.kind[rows] == int(EventKind.AGREEMENT)]
    end = int(agreed.max()) if agreed.size else -1
    if end >= 0:
        rows = rows[log.day[rows] <= end]
    days: dict[int, list[str]] = {}
    for i in rows:
        sentence = _sentence(log, int(i), scenario, names)
        listed = days.setdefault(int(log.day[i]), [])
        if sentence not in listed:
            listed.append(sentence)
    ordered = sorted(days.items())
    story = [StoryDay(log.date_of(d).isoformat(), "; ".join(s)) for d, s in ordered[:MAX_DAYS]]
    if len(ordered) > MAX_DAYS:
        story.append(StoryDay(log.date_of(ordered[-1][0]).isoformat(), "… (later days cut)"))
    if end < 0:
        story.append(StoryDay(scenario.horizon.isoformat(), "no agreement by the horizon"))
    return tuple(story)
