"""Observed events from a briefing: its timeline after a snapshot's as-of date, mapped
onto the events the process simulator logs, for ``detente forecast --observed``.

Why conservative rules: an observation removes every simulated run that contradicts
it, so a wrong one does more harm than a missing one. A timeline fact becomes an
observation only when its trigger word says which kind of event it was and the
scenario's arenas say which party it concerns; every other fact is listed as skipped
with the reason, for a person to type by hand if they know better.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.evidence.dates import ResolvedDate
from detente.evidence.excerpts import sentence_bounds
from detente.evidence.lexicons import (
    BLOCK_WORDS,
    CEASEFIRE_CUES,
    CONTACT_WORDS,
    DEAL_WORDS,
    JOINT_TEXTS,
    LIMITED_CUES,
    MEETING_WORDS,
    REJECT_WORDS,
    RESUMED_WORDS,
    SETTLEMENT_CUES,
)
from detente.evidence.records import Mention
from detente.scenario.schema import Arena, Scenario

PASSIVE_AGENT = re.compile(r"\s+by\s+")
AGENT_REACH = 60  # characters from the agent's name to its act ('X on Saturday rejected')
# a verb that reports what someone else did: 'Addis said the rebels launched an attack',
# 'the envoy commented on the offensive'; the name before it is the speaker's. Verbs that
# often state the speaker's own act ('announced a truce', 'warned it would strike') are
# left out, and so is a report that points back to the speaker ('said its forces took')
REPORTING = re.compile(
    r"\b(?:said|says|say|saying|told|tells|commented|added|noted|claimed|alleged|accused|"
    r"stated|stressed|insisted|argued|remarked|described|explained|reported|according)\b",
    re.I,
)
BACK_TO_SPEAKER = re.compile(r"\b(?:it|its|they|their|we|our|he|his|she|her)\b", re.I)
# words that open a clause of its own inside a sentence: 'talks with Saudi officials as
# fighting continued between the army and the RSF' names the RSF in another clause
CLAUSE_OPENERS = re.compile(
    r"[;:]|,?\s+(?:as|while|whereas|although|though|because|since|after|before|when|until)\s+",
    re.I,
)


@dataclass
class ObservationDraft:
    """The observations a briefing supports, and the timeline facts it does not."""

    as_of: dt.date
    after: dt.date
    observations: list[dict[str, Any]] = field(default_factory=list)  # {entry, evidence}
    skipped: list[dict[str, Any]] = field(default_factory=list)  # {fact, reason, evidence}


@dataclass(frozen=True)
class _Said:
    """One source's statement of a timeline fact: its trigger word and sentence."""

    word: str
    sentence: str
    agent: str | None
    future: bool
    pointer: str
    reported: bool = False  # dated by the statement that reports it: on or before that day
    parties: frozenset[str] = frozenset()  # the actors named in the trigger's own clause


def agent_of(text: str, mentions: Iterable[Mention], start: int, end: int) -> str | None:
    """Who did what the trigger at ``start:end`` names: the actor named last before it in
    its sentence ('Burhan rejected any truce with the RSF' is the army's rejection), or
    first after 'by' ('was rejected by X'); none when that name is far from the trigger
    ('the Quad, the US, ... the UAE, which has tried ... to revive a transition halted by
    a 2021 coup': the UAE made no coup) or only reports it ('the envoy commented on the
    offensive')."""
    left, right = sentence_bounds(text, start, end)
    inside = [m for m in mentions if left <= m.start and m.end <= right]
    if PASSIVE_AGENT.match(text, end):
        after = [m for m in inside if m.start >= end]
        return after[0].actor if after else None
    before = [m for m in inside if m.end <= start]
    near = before and start - before[-1].end <= AGENT_REACH
    if not near or _only_reports(text[before[-1].end : start]):
        return None
    return before[-1].actor


def _only_reports(between: str) -> bool:
    """The words between a name and an act say the name reported the act, not did it."""
    verb = REPORTING.search(between)
    return verb is not None and not BACK_TO_SPEAKER.search(between, verb.end())


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end] inside its sentence, cut where a subordinate
    clause opens before or after it (a rough cut on words, not a parse)."""
    left, right = sentence_bounds(text, start, end)
    for match in CLAUSE_OPENERS.finditer(text, left, start):
        left = match.end()
    after = CLAUSE_OPENERS.search(text, end, right)
    return left, after.start() if after else right


def _stated(
    source: dict[str, Any], document: dict[str, Any], text: str, mentions: tuple[Mention, ...]
) -> _Said:
    start, end = source["trigger_start"], source["trigger_end"]
    left, right = sentence_bounds(text, start, end)
    c0, c1 = clause_bounds(text, start, end)
    parties = frozenset(m.actor for m in mentions if c0 <= m.start and m.end <= c1)
    agent = agent_of(text, mentions, start, end)
    pointer = (
        f"{source['source']} ({Path(document['path']).name}) {source['start']}-{source['end']} "
        f"sha256 {source['sha256']} (document {document['sha256'][:12]})"
    )
    return _Said(
        text[start:end].lower(),
        text[left:right],
        agent,
        "future" in source.get("context", ()),
        pointer,
        "reported" in source.get("context", ()),
        parties,
    )


def _parties(arena: Arena) -> set[str]:
    return {*arena.signatories, *([arena.mediator] if arena.mediator else [])}


def _talk_arena(scenario: Scenario, actors: set[str]) -> tuple[str | None, bool]:
    """(arena id or None, whether any arena has two of its parties among ``actors``)."""
    scored = [
        (len(actors & _parties(a)), a.id)
        for a in scenario.arenas
        if a.kind != "vote" and len(actors & _parties(a)) >= 2
    ]
    if not scored:
        return None, False
    best = max(n for n, _ in scored)
    top = [arena for n, arena in scored if n == best]
    return (top[0] if len(top) == 1 else None), True


def _only_arena(arenas: list[Arena]) -> str | None:
    return arenas[0].id if len(arenas) == 1 else None


def _classify(
    fact: dict[str, Any], said: list[_Said], scenario: Scenario
) -> tuple[dict[str, Any] | None, str]:
    """(observation fields, '' or 'by') or (None, why the fact is not an observation).

    'by': the fact shows the event happened by its date, not on it (a meeting in a
    channel that was closed at the snapshot shows the channel opened by then)."""
    words = {s.word for s in said}
    actors = set(fact["actors"])
    kind = fact["kind"]
    if kind == "CONSULT" and words & CONTACT_WORDS:
        arena, two_parties = _talk_arena(scenario, actors)
        track = next((a for a in scenario.arenas if a.id == arena), None)
        if track is not None and track.opens is not None:  # a closed channel: open by now
            return {"event": "channel_opened", "arena": arena, "actor": track.mediator}, "by"
        if words & MEETING_WORDS and two_parties:
            # a round has every side of the track at it, named in the meeting's own clause
            # ('Burhan arrived for talks with Saudi officials as fighting continued between
            # the army and the RSF' is the army meeting the mediator)
            present = set().union(*(s.parties for s in said))
            full = [
                a.id
                for a in scenario.arenas
                if a.kind != "vote" and a.signatories and set(a.signatories) <= present
            ]
            if full:
                only = arena if arena in full else (full[0] if len(full) == 1 else None)
                return {"event": "round_held", "arena": only}, ""
            return None, "not every side of a track is named at the meeting: not a round"
        if two_parties:
            return None, "a call or a visit, not a negotiating round"
        return None, "fewer than two parties of one arena are named in its sentence"
    agents = {s.agent for s in said if s.agent}
    if kind == "REJECT" and words & REJECT_WORDS:
        arenas = [a for a in scenario.arenas if a.kind != "vote" and agents & set(a.signatories)]
        if len(agents) == 1 and arenas:
            agent = next(iter(agents))
            return {"event": "rejected", "actor": agent, "arena": _only_arena(arenas)}, ""
        return None, "no single signatory is named as the one rejecting"
    if kind == "REJECT" and words & BLOCK_WORDS:
        arenas = [a for a in scenario.arenas if a.kind == "vote" and agents & set(a.members)]
        if len(agents) == 1 and arenas:
            return {
                "event": "decision_blocked",
                "actor": next(iter(agents)),
                "arena": _only_arena(arenas),
            }, ""
        return None, "no single member of a vote arena is named as the one blocking"
    if kind == "AGREE" and words & (DEAL_WORDS | JOINT_TEXTS):
        arena, two_parties = _talk_arena(scenario, actors)
        sentences = " ".join(s.sentence for s in said)
        if not two_parties:
            return None, "fewer than two parties of one arena are named in its sentence"
        if LIMITED_CUES.search(sentences):
            return {"event": "limited_deal", "arena": arena}, ""
        concluded = words & ({"signed", "signing"} | JOINT_TEXTS)  # a text, not a promise
        if SETTLEMENT_CUES.search(sentences) and concluded:
            return {"event": "agreement", "arena": arena}, ""
        if CEASEFIRE_CUES.search(sentences) and (concluded or "agreed" in words):
            return {"event": "agreement", "arena": arena}, ""  # 'signed a ceasefire'
        return None, "the deal's scope (a settlement, a ceasefire or a limited deal) is not stated"
    if kind == "ASSAULT" and words & RESUMED_WORDS:
        # 'the conflict reignited on December 7': an agreement in force broke down
        return {"event": "breakdown"}, ""
    shown = "/".join(sorted(words))
    return None, f"{kind} ('{shown}') maps onto no observed-event kind"


def _window(
    fact: dict[str, Any],
    after: dt.date,
    as_of: dt.date,
    horizon: dt.date,
    published: dt.date | None = None,
) -> tuple[dict, str]:
    start, end = ResolvedDate(fact["date"], fact["granularity"]).period()
    if end <= after and published is not None and published > after:
        # a letter dated on the snapshot's day but made public days later: unknown then
        return {}, (
            f"dated on or before the snapshot's as-of date {after} but first published "
            f"{published}: the snapshot could not know it, and the runs start after it; the "
            f"next snapshot takes it in (detente update --as-of {published} or later)"
        )
    if end <= after:
        return {}, f"on or before the snapshot's as-of date {after}: it belongs in the scenario"
    if start > as_of:
        return {}, f"after the briefing's date {as_of}: not yet observed"
    if start > horizon:
        return {}, f"after the scenario's horizon {horizon}: the simulation does not reach it"
    start, end = max(start, after), min(end, as_of, horizon)
    if start == end:
        return {"date": start}, ""
    return {"from": start, "to": end}, ""


def _date(value: Any) -> dt.date:
    """A document's publication date, as the briefing carries it (a date or ISO text)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def draft_observations(
    briefing: dict[str, Any],
    scenario: Scenario,
    texts: dict[str, str],
    mentions: dict[str, tuple[Mention, ...]],
    after: dt.date,
) -> ObservationDraft:
    """Map each timeline fact of the briefing onto an observation, or say why not."""
    documents = {d["source"]: d for d in briefing["documents"]}
    draft = ObservationDraft(briefing["as_of"], after)
    seen: dict[tuple, dict[str, Any]] = {}
    for fact in briefing["timeline"]:
        said = [
            _stated(
                s,
                documents[s["source"]],
                texts[documents[s["source"]]["sha256"]],
                mentions.get(documents[s["source"]]["sha256"], ()),
            )
            for s in fact["sources"]
        ]
        evidence = [s.pointer for s in said]
        label = f"{fact['date']} ({fact['granularity']}) {fact['kind']} {'/'.join(fact['actors'])}"
        published = min(_date(documents[s["source"]]["published"]) for s in fact["sources"])
        window, reason = _window(fact, after, briefing["as_of"], scenario.horizon, published)
        if not reason and all(s.future for s in said):
            reason = "stated as planned, not as done"
        fields: dict[str, Any] | None = None
        if not reason:
            fields, reason = _classify(fact, said, scenario)
        if fields is None:
            draft.skipped.append({"fact": label, "reason": reason, "evidence": evidence})
            continue
        if reason == "by" or all(s.reported for s in said):
            window = {"by": window.get("date") or window["to"]}
        entry = {k: v for k, v in fields.items() if v is not None} | window
        entry["note"] = f"from the briefing: {label}"
        key = tuple(sorted((k, str(v)) for k, v in entry.items() if k != "note"))
        if key in seen:  # two clusters reporting one event: one observation, both pointers
            seen[key]["evidence"].extend(evidence)
            continue
        seen[key] = {"entry": entry, "evidence": evidence}
        draft.observations.append(seen[key])
    _skip_follow_on_accords(draft, _phased_arenas(scenario))
    return draft


FOLLOW_ON = (
    "an agreement while an earlier observed one is in force (no breakdown between): a "
    "follow-on accord, which the model cannot represent on this track (no ceasefire "
    "package of it says 'talks_continue: true')"
)


def _phased_arenas(scenario: Scenario) -> set[str]:
    """Tracks that offer a ceasefire under which talks on the settlement go on."""
    phased = {p.id for p in scenario.packages if p.kind == "ceasefire" and p.talks_continue}
    return {a.id for a in scenario.arenas if phased & set(a.packages)}


def _skip_follow_on_accords(draft: ObservationDraft, phased: set[str]) -> None:
    """'signed the peace accord' months after a ceasefire that still holds: unless the
    ceasefire's track keeps talking under it (``talks_continue``), an agreement ends the
    talks, so a second one needs a breakdown first; observed as an agreement it would rule
    out every run. Skipped with the reason, for a person to decide (a limited deal, or
    nothing)."""
    in_force: str | None = None  # the arena of the agreement in force
    kept = []
    for item in sorted(draft.observations, key=lambda i: _first_day(i["entry"])):
        event = item["entry"]["event"]
        if event == "agreement" and in_force is not None and in_force not in phased:
            label = item["entry"]["note"].removeprefix("from the briefing: ")
            draft.skipped.append({"fact": label, "reason": FOLLOW_ON, "evidence": item["evidence"]})
            continue
        if event == "agreement" and in_force is None:
            in_force = item["entry"].get("arena", "")
        elif event == "breakdown":
            in_force = None
        kept.append(item)
    draft.observations[:] = kept


def _first_day(entry: dict[str, Any]) -> dt.date:
    return entry.get("date") or entry.get("from") or entry.get("by")


def observations_yaml(draft: ObservationDraft, scenario_id: str) -> str:
    """The draft as an observed-events file; pointers and skipped facts as comments."""
    import yaml

    lines = [
        f"# Observed events after {draft.after} for scenario {scenario_id}, from the briefing "
        f"as of {draft.as_of}",
        "# (detente brief --observations). Only what the documents say, mapped by fixed rules:",
        "# read each sentence in 'detente brief' before relying on it. Evidence is a pointer",
        "# (source, offsets into the normalised text, span sha256), never the text itself.",
        f"#   detente forecast {scenario_id} --observed <this file>",
        f"as_of: {draft.as_of.isoformat()}",
        "observations:",
    ]
    for item in draft.observations:
        dumped = yaml.safe_dump([item["entry"]], sort_keys=False, width=1000).rstrip()
        lines += ["  " + line for line in dumped.splitlines()]
        lines += [f"    # evidence: {pointer}" for pointer in item["evidence"]]
    if draft.skipped:
        lines.append(f"# skipped ({len(draft.skipped)} timeline fact(s)):")
        for item in draft.skipped:
            lines.append(f"#   {item['fact']}: {item['reason']}")
            lines += [f"#     evidence: {pointer}" for pointer in item["evidence"]]
    return "\n".join(lines) + "\n"


def write_observations(
    store: Any, briefing: dict[str, Any], scenario: Scenario, after: dt.date, path: Path
) -> ObservationDraft:
    """Draft from the store's texts and mentions, check as 'forecast --observed' will,
    then write; nothing is written when no fact maps (an empty file would not load)."""
    from detente.evidence import EXTRACTOR_VERSION
    from detente.evidence.files import write_text_atomically
    from detente.forecast.observed import parse_observations_text
    from detente.forecast.questions.check import Vocabulary
    from detente.scenario.errors import DetenteError

    if after < scenario.as_of:
        raise DetenteError(
            f"--after {after} is before the scenario's as-of date {scenario.as_of}",
            hint="observations condition on what happened after the snapshot; "
            f"give --after {scenario.as_of} or later",
        )
    keys = [d["sha256"] for d in briefing["documents"] if d.get("processed", True)]
    texts = {k: store.document(k)["text"] for k in keys}
    mentions = {k: store.extraction(k, scenario.id, EXTRACTOR_VERSION).mentions for k in keys}
    draft = draft_observations(briefing, scenario, texts, mentions, after)
    if not draft.observations:
        return draft
    text = observations_yaml(draft, scenario.id)
    parse_observations_text(text, str(path), Vocabulary.from_scenario(scenario))
    write_text_atomically(path, text)
    return draft
