"""What the scenario itself says, as plain JSON-ready data: positions and their evidence.

Why here and not in the scenario package: these are presentation tables (one row
per parameter and pointer, ranges flattened) shared by the HTML report and the
web dashboard; they add no modelling.
"""

from __future__ import annotations

from typing import Any

from detente.scenario.schema import Issue, Scenario, Sourced


def scenario_overview(scenario: Scenario) -> dict[str, Any]:
    """Identity, dates and the cast of a scenario."""
    return {
        "id": scenario.id,
        "title": scenario.title,
        "description": scenario.description,
        "as_of": scenario.as_of.isoformat(),
        "horizon": scenario.horizon.isoformat(),
        "round_days": scenario.round_days,
        "actors": [
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "capability": a.capability.mode,
                "members": list(a.members),
            }
            for a in scenario.actors
        ],
        "issues": [
            {
                "id": i.id,
                "name": i.name,
                "status_quo": i.status_quo.mode,
                "political": i.political,
                "anchors": {str(k): v for k, v in sorted(i.scale.items())},
            }
            for i in scenario.issues
        ],
        "arenas": [
            {
                "id": a.id,
                "name": a.name or a.id,
                "kind": a.kind,
                "mediator": a.mediator,
                "signatories": list(a.signatories),
                "influencers": list(a.influencers),
                "members": list(a.members),
                "rule": a.rule,
                "issues": list(a.issues),
            }
            for a in scenario.arenas
        ],
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "published": s.published.isoformat(),
                "kind": s.kind,
                "reliability": s.reliability,
            }
            for s in scenario.sources
        ],
    }


def position_map_data(scenario: Scenario) -> list[dict[str, Any]]:
    """Per issue: its anchors, status quo and every actor's position range and salience."""
    names = {a.id: a.name for a in scenario.actors}
    out = []
    for issue in scenario.issues:
        rows = [
            {
                "actor": p.actor,
                "name": names[p.actor],
                "low": p.position.low,
                "mode": p.position.mode,
                "high": p.position.high,
                "salience": p.salience.mode,
            }
            for p in scenario.positions
            if p.issue == issue.id
        ]
        out.append(
            {
                "issue": issue.id,
                "name": issue.name,
                "anchors": {str(k): v for k, v in sorted(issue.scale.items())},
                "status_quo": issue.status_quo.mode,
                "actors": rows,
            }
        )
    return out


def _sourced_items(scenario: Scenario) -> list[tuple[str, Sourced | Issue]]:
    items: list[tuple[str, Sourced | Issue]] = []
    items += [(f"actors.{a.id}.capability", a) for a in scenario.actors]
    items += [
        (f"issues.{i.id}.status_quo", i) for i in scenario.issues if i.evidence or i.assumption
    ]
    items += [(f"positions.{p.actor}.{p.issue}", p) for p in scenario.positions]
    items += [(r.strength_path, r) for r in scenario.relations]
    items += [(f"dynamics.{name}", d) for name, d in scenario.dynamics.items()]
    items += [(f"events.{e.id}.probability", e) for e in scenario.events]
    return items


def evidence_table(scenario: Scenario) -> list[dict[str, Any]]:
    """One row per (parameter, evidence pointer); an assumption-only parameter gets one row.

    Parameter -> evidence id -> source id, title, publication date, offsets, claim.
    """
    pointers = {e.id: e for e in scenario.evidence}
    sources = {s.id: s for s in scenario.sources}
    rows: list[dict[str, Any]] = []
    for parameter, item in _sourced_items(scenario):
        for evidence_id in item.evidence:
            pointer = pointers.get(evidence_id)
            source = sources.get(pointer.source) if pointer else None
            rows.append(
                {
                    "parameter": parameter,
                    "evidence": evidence_id,
                    "source": pointer.source if pointer else None,
                    "source_title": source.title if source else None,
                    "published": source.published.isoformat() if source else None,
                    "start": pointer.start if pointer else None,
                    "end": pointer.end if pointer else None,
                    "claim": pointer.claim if pointer else None,
                    "assumption": item.assumption,
                }
            )
        if not item.evidence:
            rows.append(
                {
                    "parameter": parameter,
                    "evidence": None,
                    "source": None,
                    "source_title": None,
                    "published": None,
                    "start": None,
                    "end": None,
                    "claim": None,
                    "assumption": item.assumption,
                }
            )
    return rows
