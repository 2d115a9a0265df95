"""The analyst's briefing as of a date, built only from documents published by then.

Rewrites count once: facts are linked inside each rewrite cluster. Claims that
disagree are shown side by side with the sources' reliability, never averaged
away. Suggested edits are evidence pointers and position / salience changes
in the scenario's own YAML format, ready to apply (``detente update``): each one
names the sources it cites that the scenario lacks, and keeps every number a
``{low, mode, high}`` range.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from detente.evidence.briefing_candidates import briefing_candidates
from detente.evidence.briefing_observations import agent_of
from detente.evidence.clusters import find_clusters, link_events
from detente.evidence.ingest import cluster_documents, ensure_extracted
from detente.evidence.issue_terms import concepts_named
from detente.evidence.lexicons import ISSUE_HIGH_POLE
from detente.evidence.store import EvidenceStore
from detente.scenario.schema import Scenario
from detente.scenario.text import span_sha256

DEFAULT_RELIABILITY = 0.5
POSITION_STEP = 10.0
SALIENCE_STEP = 10.0
NEW_RANGE_HALF_WIDTH = 15.0  # a stance gives a side, not a number: say so with a wide range
NEW_SALIENCE = 50.0


def _sources(scenario: Scenario, documents: list[dict]) -> dict[str, dict[str, Any]]:
    """Document sha256 -> {id, reliability, title}: the scenario's source when it has one."""
    by_file = {s.file: s for s in scenario.sources if s.file}
    by_sha = {s.sha256: s for s in scenario.sources if s.sha256}
    table = {}
    for d in documents:
        source = by_sha.get(d["sha256"]) or by_file.get(Path(d["path"]).name)
        table[d["sha256"]] = {
            "id": source.id if source else f"doc_{d['sha256'][:8]}",
            "reliability": source.reliability if source else DEFAULT_RELIABILITY,
            "title": (source.title if source else d["title"]) or Path(d["path"]).name,
            "published": d["published"],
            "path": d["path"],
            "sha256": d["sha256"],
            "in_scenario": source is not None,
        }
    return table


def _pointer(text: str, source: dict, start: int, end: int, claim: str) -> dict[str, Any]:
    return {
        "id": f"ev_{source['id']}_{start}",
        "source": source["id"],
        "start": start,
        "end": end,
        "sha256": span_sha256(text, start, end),
        "claim": claim,
    }


def _orientation(scenario: Scenario, issue_id: str) -> int:
    """+1 when the issue's 100 anchor is the pole the lexicon calls high, -1 when reversed."""
    issue = next((i for i in scenario.issues if i.id == issue_id), None)
    if issue is None:
        return 1
    concepts = concepts_named(issue.id, *issue.aliases)
    poles = tuple(p for c in concepts for p in ISSUE_HIGH_POLE.get(c, ()))
    high, low = issue.scale.get(100, "").lower(), issue.scale.get(0, "").lower()
    if any(p in low for p in poles) and not any(p in high for p in poles):
        return -1
    return 1


def build_briefing(store: EvidenceStore, scenario: Scenario, as_of: dt.date) -> dict[str, Any]:
    unprocessed = ensure_extracted(store, scenario, as_of)
    documents = store.documents(as_of)
    texts = {d["sha256"]: d["text"] for d in documents}
    sources = _sources(scenario, documents)
    members = cluster_documents(store, scenario, as_of)
    clusters = find_clusters(members)
    cluster_of = {key: f"c{i}" for i, (keys, _) in enumerate(clusters, 1) for key in keys}
    groups: dict[str, list] = defaultdict(list)
    for member in members:
        groups[cluster_of.get(member.key, member.key)].append((member.key, member.extraction))

    mentions = {key: x.mentions for items in groups.values() for key, x in items}
    timeline = []
    for group, items in groups.items():
        for fact in link_events(items):
            agents = Counter(
                agent
                for k, e in fact.sources
                if (agent := agent_of(texts[k], mentions[k], e.start, e.end)) is not None
            )
            timeline.append(
                {
                    "date": fact.date.value,
                    "granularity": fact.date.granularity,
                    "kind": fact.kind,
                    "actors": list(fact.actors),
                    # who did it, as its sources' sentences name them most often
                    "agent": agents.most_common(1)[0][0] if agents else None,
                    "cluster": group,
                    "sources": [
                        {
                            "source": sources[k]["id"],
                            # the trigger and its date, in whichever order the text has them
                            "start": min(e.start, e.date_start),
                            "end": max(e.end, e.date_end),
                            "stated_date": e.date,
                            "stated_granularity": e.granularity,
                            "trigger_start": e.start,
                            "trigger_end": e.end,
                            "context": list(e.context),
                            "sha256": span_sha256(
                                texts[k], min(e.start, e.date_start), max(e.end, e.date_end)
                            ),
                        }
                        for k, e in fact.sources
                    ],
                }
            )
    timeline.sort(key=lambda item: (item["date"], item["kind"]))

    quotes: dict[tuple[str, str], dict[str, Any]] = {}
    for group, items in groups.items():
        for key, extraction in items:
            for q in extraction.quotes:
                # a shorter excerpt of a quote already seen in the cluster is the same quote
                same = next(
                    (
                        k
                        for k in quotes
                        if k[0] == group and (q.normalised in k[1] or k[1] in q.normalised)
                    ),
                    (group, q.normalised),
                )
                entry = quotes.setdefault(
                    same,
                    {
                        "speaker": q.speaker,
                        "actor": q.speaker_actor,
                        "method": q.method,
                        "sources": [],
                    },
                )
                entry["sources"].append(
                    _pointer(
                        texts[key],
                        sources[key],
                        q.start,
                        q.end,
                        f"quote attributed to {q.speaker or 'unknown'}",
                    )
                )

    stances: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for group, items in groups.items():
        for key, extraction in items:
            for s in extraction.stances:
                stances[s.actor][s.issue].append(
                    {
                        "polarity": s.polarity,
                        "direction": s.direction,
                        "context": list(s.context),
                        "cluster": group,
                        "reliability": sources[key]["reliability"],
                        "pointer": _pointer(
                            texts[key],
                            sources[key],
                            s.start,
                            s.end,
                            f"{s.actor} {s.polarity} on {s.issue}",
                        ),
                    }
                )

    contradictions = _contradictions(stances)
    for items in groups.values():
        for key, extraction in items:
            for c in extraction.claims:
                contradictions.append(
                    {
                        "kind": "claim contradicts scenario",
                        "about": c.surface,
                        "claim": {
                            "says": f"{c.surface} acts for {c.claimed_actor}",
                            "reliability": sources[key]["reliability"],
                            "pointer": _pointer(
                                texts[key],
                                sources[key],
                                c.start,
                                c.end,
                                f"claims {c.surface} acts for {c.claimed_actor}",
                            ),
                        },
                        "scenario": {"says": f"{c.surface} is an alias of {c.subject_actor}"},
                    }
                )
    return {
        "scenario": scenario.id,
        "as_of": as_of,
        "documents": [
            {
                "source": sources[d["sha256"]]["id"],
                "title": sources[d["sha256"]]["title"],
                "published": d["published"],
                "path": d["path"],
                "sha256": d["sha256"],
                "reliability": sources[d["sha256"]]["reliability"],
                "in_scenario": sources[d["sha256"]]["in_scenario"],
                "cluster": cluster_of.get(d["sha256"]),
                "processed": d["sha256"] not in unprocessed,
            }
            for d in documents
        ],
        "unprocessed": [
            {"source": sources[k]["id"], "path": sources[k]["path"], "reason": reason}
            for k, reason in unprocessed.items()
        ],
        "clusters": [
            {"id": f"c{i}", "sources": [sources[k]["id"] for k in keys], "reason": reason}
            for i, (keys, reason) in enumerate(clusters, 1)
        ],
        "timeline": timeline,
        "quotes": list(quotes.values()),
        "stances": {a: dict(issues) for a, issues in stances.items()},
        "contradictions": contradictions,
        "candidates": briefing_candidates(
            scenario, [item for items in groups.values() for item in items], texts, sources
        ),
        "suggested_edits": _suggestions(scenario, stances, sources),
    }


def _usable(item: dict) -> bool:
    return item["direction"] != 0 and "hypothetical" not in item["context"]


def _contradictions(stances: dict) -> list[dict[str, Any]]:
    found = []
    for actor, issues in stances.items():
        for issue, items in issues.items():
            ups = [i for i in items if _usable(i) and i["direction"] > 0]
            downs = [i for i in items if _usable(i) and i["direction"] < 0]
            if ups and downs and {i["cluster"] for i in ups} != {i["cluster"] for i in downs}:
                found.append(
                    {
                        "kind": "stance",
                        "actor": actor,
                        "issue": issue,
                        "toward_100": ups,
                        "toward_0": downs,
                    }
                )
    return found


def _clamp(value: float) -> float:
    return round(min(100.0, max(0.0, value)), 1)


def shifted_range(low: float, mode: float, high: float, new_mode: float) -> dict[str, float]:
    """The range moved with its mode, kept inside 0..100 and around the new mode."""
    shift = new_mode - mode
    return {
        "low": min(_clamp(low + shift), _clamp(new_mode)),
        "mode": _clamp(new_mode),
        "high": max(_clamp(high + shift), _clamp(new_mode)),
    }


def _new_range(mode: float) -> dict[str, float]:
    return shifted_range(mode - NEW_RANGE_HALF_WIDTH, mode, mode + NEW_RANGE_HALF_WIDTH, mode)


def source_entry(source: dict[str, Any]) -> dict[str, Any]:
    """A scenario 'sources:' entry for a stored document (metadata and hash, no text)."""
    return {
        "id": source["id"],
        "title": source["title"],
        "published": source["published"],
        "kind": "article",
        "reliability": source["reliability"],
        "file": Path(source["path"]).name,
        "sha256": source["sha256"],
    }


def _suggestions(
    scenario: Scenario, stances: dict, sources: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Per (actor, issue): the evidence, and a position change only where it disagrees.

    A stated stance gives a direction, not a number: with no position in the
    scenario we propose 75 or 25 (the side the stance points to) with a wide
    range; a position on the other side of 50 is moved halfway toward that side,
    its range moving with it; a position already on that side is kept and only
    gains the evidence. A stance said emphatically (a red line, 'non-negotiable',
    'never') raises the salience by 10; how many sources repeat a stance does not
    (wire copies are not independent, and repetition is news value, not salience).
    """
    current = {(p.actor, p.issue): p for p in scenario.positions}
    by_id = {s["id"]: s for s in sources.values()}
    known_pointers = {e.id for e in scenario.evidence}
    suggestions = []
    for actor, issues in stances.items():
        for issue, items in issues.items():
            if issue not in scenario.issue_ids or actor not in scenario.actor_ids:
                continue
            usable = [i for i in items if _usable(i)]
            weight = sum(i["direction"] * i["reliability"] for i in usable)
            if not usable or weight == 0:
                continue
            side = (1 if weight > 0 else -1) * _orientation(scenario, issue)
            implied = 75.0 if side > 0 else 25.0
            existing = current.get((actor, issue))
            if existing is None:
                position, change = _new_range(implied), "new position"
                salience = _new_range(NEW_SALIENCE)
            else:
                p, sal = existing.position, existing.salience
                agrees = (p.mode - 50.0) * side > 0
                mode = p.mode if agrees else round((p.mode + implied) / 2, 1)
                position = shifted_range(p.low, p.mode, p.high, mode)
                salience = shifted_range(sal.low, sal.mode, sal.high, sal.mode)
                change = "evidence agrees" if agrees else "position moves"
            if any("emphatic" in i["context"] for i in usable):
                salience = shifted_range(
                    salience["low"],
                    salience["mode"],
                    salience["high"],
                    min(100.0, salience["mode"] + SALIENCE_STEP),
                )
            pointers = list({i["pointer"]["id"]: i["pointer"] for i in usable}.values())
            cited = [p["id"] for p in pointers]
            if existing is not None:
                cited = list(dict.fromkeys([*existing.evidence, *cited]))
            new_sources = sorted(
                {p["source"] for p in pointers if not by_id[p["source"]]["in_scenario"]}
            )
            suggestions.append(
                {
                    "id": f"{actor}.{issue}",
                    "actor": actor,
                    "issue": issue,
                    "change": change,
                    "current_position": existing.position.mode if existing else None,
                    # a salience raised by an emphatic stance is a change of its own
                    "current_salience": existing.salience.mode if existing else None,
                    "sources": [source_entry(by_id[s]) for s in new_sources],
                    "evidence": [p for p in pointers if p["id"] not in known_pointers],
                    "position": {
                        "actor": actor,
                        "issue": issue,
                        "position": position,
                        "salience": salience,
                        "evidence": cited,
                    },
                }
            )
    return suggestions


def suggestions_yaml(briefing: dict[str, Any]) -> str:
    """The suggested edits as YAML for the scenario's 'evidence:' and 'positions:' sections."""
    import yaml

    blocks = []
    for s in briefing["suggested_edits"]:
        was = s["current_position"]
        blocks.append(
            f"# edit {s['id']}: {s['actor']} on {s['issue']}: {s['change']} (was {was})"
            + salience_change(s)
        )
        sections = (("sources", s["sources"]), ("evidence", s["evidence"]))
        for section, value in (*sections, ("positions", [s["position"]])):
            if not value:
                continue
            dumped = yaml.safe_dump({section: value}, sort_keys=False, width=1000)
            blocks.append(dumped.rstrip())
    return "\n".join(blocks)


def salience_change(edit: dict[str, Any]) -> str:
    """'; salience 95 [85-100] (was 85): said as a red line' where the edit raises an
    existing position's salience, which ``update`` applies with the position."""
    was = edit.get("current_salience")
    new = edit["position"]["salience"]
    if was is None or new["mode"] == was:
        return ""
    return (
        f"; salience {new['mode']:g} [{new['low']:g}-{new['high']:g}] (was {was:g}): "
        "said as a red line or beyond bargaining"
    )
