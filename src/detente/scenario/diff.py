"""What changed between two scenario snapshots, entry by entry."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from pydantic import BaseModel

from detente.scenario.dated import Window
from detente.scenario.schema import Scenario
from detente.scenario.uncertain import Uncertain


@dataclass(frozen=True)
class Change:
    section: str
    key: str
    field: str
    before: Any
    after: Any

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _show(value: Any) -> Any:
    if isinstance(value, Uncertain):
        if value.is_certain:
            return value.mode
        return f"{value.mode:g} [{value.low:g}-{value.high:g}]"
    if isinstance(value, Window):
        return f"{value.start.isoformat()}..{value.end.isoformat()}"
    if isinstance(value, BaseModel):  # event effects
        return value.model_dump(mode="json")
    if isinstance(value, tuple):
        return [_show(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _compare(
    section: str, before: dict[str, Any], after: dict[str, Any], fields: tuple[str, ...]
) -> list[Change]:
    changes = []
    for key in sorted(set(before) | set(after), key=str):
        old, new = before.get(key), after.get(key)
        if old is None or new is None:
            changes.append(
                Change(
                    section,
                    key,
                    "(entry)",
                    "absent" if old is None else "present",
                    "absent" if new is None else "present",
                )
            )
            continue
        for field in fields:
            a, b = getattr(old, field), getattr(new, field)
            if a != b:
                changes.append(Change(section, key, field, _show(a), _show(b)))
    return changes


def diff_scenarios(a: Scenario, b: Scenario) -> list[Change]:
    """Every difference between ``a`` and ``b`` that a reviewer would care about."""
    changes: list[Change] = []
    for field in ("id", "title", "as_of", "horizon", "round_days"):
        if getattr(a, field) != getattr(b, field):
            changes.append(
                Change("scenario", "", field, str(getattr(a, field)), str(getattr(b, field)))
            )
    changes += _compare(
        "sources",
        {s.id: s for s in a.sources},
        {s.id: s for s in b.sources},
        ("published", "reliability"),
    )
    changes += _compare(
        "actors",
        {x.id: x for x in a.actors},
        {x.id: x for x in b.actors},
        ("capability", "members", "aliases", "evidence"),
    )
    changes += _compare(
        "issues", {x.id: x for x in a.issues}, {x.id: x for x in b.issues}, ("status_quo", "scale")
    )
    changes += _compare(
        "positions",
        {f"{p.actor}.{p.issue}": p for p in a.positions},
        {f"{p.actor}.{p.issue}": p for p in b.positions},
        ("position", "salience", "evidence"),
    )
    changes += _compare(
        "arenas",
        {x.id: x for x in a.arenas},
        {x.id: x for x in b.arenas},
        (
            "kind",
            "mediator",
            "signatories",
            "influencers",
            "members",
            "rule",
            "issues",
            "implementers",
        ),
    )
    changes += _compare(
        "war",
        {"war": a.war} if a.war else {},
        {"war": b.war} if b.war else {},
        ("sides", "front_issue", "gainer", "commitment", "decisive", "in_force"),
    )
    changes += _compare(
        "relations",
        {f"{r.kind}.{r.source_actor}.{r.target_actor}": r for r in a.relations},
        {f"{r.kind}.{r.source_actor}.{r.target_actor}": r for r in b.relations},
        ("strength",),
    )
    changes += _compare("dynamics", dict(a.dynamics), dict(b.dynamics), ("value",))
    changes += _compare(
        "events",
        {e.id: e for e in a.events},
        {e.id: e for e in b.events},
        ("date", "window", "probability", "effects"),
    )
    changes += _compare(
        "expectations",
        {e.id: e for e in a.expectations},
        {e.id: e for e in b.expectations},
        ("question", "than", "before", "at_least", "at_most"),
    )
    changes += _compare(
        "evidence",
        {e.id: e for e in a.evidence},
        {e.id: e for e in b.evidence},
        ("source", "start", "end", "sha256"),
    )
    return changes
