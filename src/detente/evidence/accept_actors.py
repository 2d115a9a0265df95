"""Accept a briefing's actor candidate: as a new actor, or as an alias of an actor.

Why a person's explicit NAME=ID and never an automatic step: the named-entity model
tags places as people and movements as states; only a reader knows that 'Doha' is a
venue and 'M23' a party. What a candidate brings is a name and where it occurs;
its capability and positions are placeholders marked TODO, so the new snapshot
validates and runs, and the reader sees what is still to be estimated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from detente.evidence.excerpts import SourceReader
from detente.scenario.errors import DetenteError
from detente.scenario.ids import is_identifier
from detente.scenario.schema import Scenario

PLACEHOLDER_CAPABILITY = {"low": 1, "mode": 5, "high": 20}  # a minor party until estimated
PLACEHOLDER_SALIENCE = {"low": 0, "mode": 10, "high": 30}  # cares little until estimated


@dataclass(frozen=True)
class Acceptance:
    """One accepted candidate with the pointer it brings (a mention in a readable file)."""

    name: str
    actor_id: str
    new_actor: bool  # False: the name becomes an alias of the existing actor
    candidate: dict[str, Any]
    pointer: dict[str, Any]
    document: dict[str, Any]


def _split(spec: str, option: str) -> tuple[str, str]:
    name, sep, actor_id = spec.rpartition("=")
    name, actor_id = name.strip(), actor_id.strip()
    if not sep or not name or not actor_id:
        raise DetenteError(
            f"{option} {spec!r}: write NAME=ID",
            hint=f"e.g. {option} 'Dmitry Peskov=Peskov'; names are listed by 'detente brief'",
        )
    return name, actor_id


def _candidate(name: str, candidates: list[dict[str, Any]], option: str) -> dict[str, Any]:
    wanted = name.casefold()
    for c in candidates:
        surfaces = {c["name"].casefold(), *(p.get("surface", "").casefold() for p in c["pointers"])}
        if wanted in surfaces:
            return c
    names = [c["name"] for c in candidates]
    close = get_close_matches(name, names, n=3, cutoff=0.6)
    hint = (
        f"did you mean {', '.join(repr(n) for n in close)}?"
        if close
        else "choose a name from 'Actor candidates' in 'detente brief' as of the same date"
    )
    raise DetenteError(f"{option}: {name!r} is not an actor candidate of the briefing", hint=hint)


def _readable_pointer(
    candidate: dict[str, Any], documents: dict[str, dict[str, Any]], reader: SourceReader
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The first mention whose file still hashes as ingested: a pointer a reader can follow."""
    problems = []
    for pointer in candidate["pointers"]:
        document = documents[pointer["source"]]
        problem = reader.read(document["path"], document["sha256"]).problem
        if not problem:
            return pointer, document
        problems.append(f"{Path(document['path']).name}: {problem}")
    raise DetenteError(
        f"candidate {candidate['name']!r}: no document it occurs in can be read as ingested "
        f"({'; '.join(dict.fromkeys(problems))})",
        hint="restore the file, or ingest the changed file and brief again; nothing was written",
    )


def resolve_acceptances(
    actor_specs: list[str],
    alias_specs: list[str],
    scenario: Scenario,
    briefing: dict[str, Any],
    reader: SourceReader | None = None,
) -> list[Acceptance]:
    """Check every NAME=ID against the scenario and the briefing; raise on the first problem."""
    reader = reader or SourceReader()
    documents = {d["source"]: d for d in briefing["documents"]}
    candidates = briefing.get("candidates", [])
    existing = {a.id: a.name for a in scenario.actors}
    taken_names = {n.casefold() for a in scenario.actors for n in (a.name, *a.aliases)}
    accepted: list[Acceptance] = []
    for option, specs, new in (
        ("--accept-actor", actor_specs, True),
        ("--accept-alias", alias_specs, False),
    ):
        for spec in specs:
            name, actor_id = _split(spec, option)
            if not is_identifier(actor_id):
                raise DetenteError(
                    f"{option} {spec!r}: {actor_id!r} is not an id",
                    hint="an id is letters, digits, '_' or '-', starting with a letter "
                    "(at most 64 characters)",
                )
            if new and actor_id in existing:
                raise DetenteError(
                    f"--accept-actor {spec!r}: the scenario already has actor {actor_id!r} "
                    f"({existing[actor_id]})",
                    hint=f"choose a new id, or make the name an alias: --accept-alias "
                    f"'{name}={actor_id}'",
                )
            if new and actor_id in {a.actor_id for a in accepted if a.new_actor}:
                raise DetenteError(
                    f"--accept-actor {spec!r}: id {actor_id!r} is given twice",
                    hint="give each new actor its own id",
                )
            if not new and actor_id not in existing:
                close = get_close_matches(actor_id, list(existing), n=1)
                raise DetenteError(
                    f"--accept-alias {spec!r}: unknown actor id {actor_id!r}",
                    hint=(f"did you mean {close[0]!r}? " if close else "")
                    + f"known: {', '.join(existing)}; a new actor is --accept-actor",
                )
            candidate = _candidate(name, candidates, option)
            if candidate["name"].casefold() in taken_names:
                raise DetenteError(
                    f"{option} {spec!r}: {candidate['name']!r} is already a name of an actor",
                    hint="accept each name once",
                )
            taken_names.add(candidate["name"].casefold())
            pointer, document = _readable_pointer(candidate, documents, reader)
            accepted.append(Acceptance(name, actor_id, new, candidate, pointer, document))
    return accepted


def _aliases(candidate: dict[str, Any]) -> list[str]:
    """The name and every other way the documents write it ('Peskov' for 'Dmitry Peskov')."""
    seen = [candidate["name"], *(p.get("surface", "") for p in candidate["pointers"])]
    return list(dict.fromkeys(s for s in seen if len(s.strip()) >= 2))


def apply_acceptances(tree: Any, accepted: list[Acceptance], scenario: Scenario) -> list[str]:
    """Edit the round-trip YAML tree in place; return one line per accepted name."""
    from ruamel.yaml.comments import CommentedMap

    from detente.evidence.briefing import source_entry
    from detente.evidence.snapshot import flow_list, flow_map, list_section, yaml_number

    as_of: dt.date = tree["as_of"]
    lines = []
    for a in accepted:
        sources = list_section(tree, "sources")
        if a.document["source"] not in {s["id"] for s in sources}:
            sources.append(source_entry({**a.document, "id": a.document["source"]}))
        evidence = list_section(tree, "evidence")
        ev_id = f"ev_{a.pointer['source']}_{a.pointer['start']}"
        if ev_id not in {e["id"] for e in evidence}:
            evidence.append(
                flow_map(
                    {
                        "id": ev_id,
                        "source": a.pointer["source"],
                        "start": a.pointer["start"],
                        "end": a.pointer["end"],
                        "sha256": a.pointer["sha256"],
                        "claim": f"names {a.candidate['name']}, accepted as "
                        + (f"actor {a.actor_id}" if a.new_actor else f"an alias of {a.actor_id}"),
                    }
                )
            )
        actors = list_section(tree, "actors")
        if not a.new_actor:
            actor = next(x for x in actors if x["id"] == a.actor_id)
            aliases = list(actor.get("aliases") or [])
            added = [n for n in _aliases(a.candidate) if n not in aliases]
            actor["aliases"] = flow_list([*aliases, *added])
            cited = list(actor.get("evidence") or [])
            if ev_id not in cited:
                actor["evidence"] = flow_list([*cited, ev_id])
            lines.append(f"{a.candidate['name']}: alias of {a.actor_id} (evidence {ev_id})")
            continue
        todo = (
            f"TODO placeholder set by 'detente update --accept-actor' on {as_of}: "
            "replace with your estimate"
        )
        entry = CommentedMap(id=a.actor_id, name=a.candidate["name"])
        entry["kind"] = a.candidate.get("kind") or "organisation"
        entry["capability"] = flow_map(dict(PLACEHOLDER_CAPABILITY))
        entry["aliases"] = flow_list(_aliases(a.candidate))
        entry["evidence"] = flow_list([ev_id])
        entry["assumption"] = f"capability: {todo}"
        entry.yaml_add_eol_comment(
            f"accepted candidate ({a.candidate['count']} mention(s)) on {as_of}", "name"
        )
        actors.append(entry)
        positions = list_section(tree, "positions")
        for issue in scenario.issues:
            sq = issue.status_quo
            position = CommentedMap(actor=a.actor_id, issue=issue.id)
            position["position"] = flow_map({"low": 0, "mode": yaml_number(sq.mode), "high": 100})
            position["salience"] = flow_map(dict(PLACEHOLDER_SALIENCE))
            position["assumption"] = (
                f"{todo} (no stance known: the status quo, any side possible, low salience)"
            )
            positions.append(position)
        lines.append(
            f"{a.candidate['name']}: new actor {a.actor_id} (evidence {ev_id}); capability and "
            f"{len(scenario.issues)} position(s) are TODO placeholders; the simulator uses it "
            "once it has a role in an arena (signatory, mediator, influencer or member)"
        )
    return lines
