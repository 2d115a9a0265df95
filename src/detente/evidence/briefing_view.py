"""The briefing as a person reads it: sections of entries, each with its sentences.

Why a view between the briefing and its formats: text, Markdown, HTML and the
dashboard show the same thing, so the sentences are read from the source files
once (``SourceReader``) and every format only lays the view out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from detente.evidence.excerpts import SourceReader

QUOTE_CHARS = 200
CANDIDATE_CITATIONS = 2  # sentences shown per candidate; the JSON has every pointer


@dataclass(frozen=True)
class Citation:
    sentence: str | None  # None when the file is missing or changed
    source: str  # "Title (s001, 2025-12-04)"
    pointer: str  # "s001:2456-2533"
    problem: str = ""
    span: str = ""  # the pointed words themselves (for a quote: what was said)


@dataclass
class Entry:
    heading: str
    detail: str = ""
    citations: list[Citation] = field(default_factory=list)


@dataclass
class Section:
    title: str
    entries: list[Entry] = field(default_factory=list)
    empty: str = "none"


@dataclass
class BriefingView:
    title: str
    summary: str
    sections: list[Section]
    edits_yaml: str
    edit_ids: list[str]


class _Citer:
    def __init__(self, briefing: dict[str, Any], reader: SourceReader) -> None:
        self.documents = {d["source"]: d for d in briefing["documents"]}
        self.reader = reader

    def __call__(self, source: str, start: int, end: int) -> Citation:
        doc = self.documents.get(source)
        pointer = f"{source}:{start}-{end}"
        if doc is None:
            return Citation(None, source, pointer, "document not in this briefing")
        excerpt = self.reader.excerpt(doc["path"], doc["sha256"], start, end)
        label = f"{doc['title']} ({source}, {doc['published']})"
        return Citation(excerpt.sentence, label, pointer, excerpt.problem, excerpt.span)


def attach_sentences(briefing: dict[str, Any], reader: SourceReader | None = None) -> None:
    """Add 'sentence' (or 'problem') next to every pointer of the briefing, in place."""
    cite = _Citer(briefing, reader or SourceReader())

    def add(target: dict[str, Any], pointer: dict[str, Any]) -> None:
        found = cite(pointer["source"], pointer["start"], pointer["end"])
        target["sentence"] = found.sentence
        if found.problem:
            target["problem"] = found.problem

    for event in briefing["timeline"]:
        for source in event["sources"]:
            add(source, source)
    for quote in briefing["quotes"]:
        for pointer in quote["sources"]:
            add(pointer, pointer)
    for issues in briefing["stances"].values():
        for items in issues.values():
            for item in items:
                add(item, item["pointer"])
    for candidate in briefing.get("candidates", []):
        for pointer in candidate["pointers"][:CANDIDATE_CITATIONS]:
            add(pointer, pointer)
    for edit in briefing["suggested_edits"]:
        edit["sentences"] = {}
        for pointer in edit["evidence"]:
            found = cite(pointer["source"], pointer["start"], pointer["end"])
            edit["sentences"][pointer["id"]] = found.sentence or found.problem


# acts one side does to another; in a meeting or an agreement every side named takes part
JOINT_KINDS = frozenset(["CONSULT", "AGREE", "COOPERATE"])


def _who(event: dict[str, Any]) -> str:
    """'by SAF (RSF also named)' for a rejection the army made of a truce with the RSF;
    'DRC/M23' for a meeting both attended; '(MYS/USA named; who acted not found)' for an
    act with no agent ('a dispute erupted into conflict, and Malaysia and the US offered
    to help' is no attack by them)."""
    agent = event.get("agent")
    if event["kind"] in JOINT_KINDS or not event["actors"]:
        return "/".join(event["actors"])
    if agent is None:
        return f"({'/'.join(event['actors'])} named; who acted not found)"
    others = [a for a in event["actors"] if a != agent]
    return f"by {agent}" + (f" ({'/'.join(others)} also named)" if others else "")


def planned_only(event: dict[str, Any]) -> bool:
    """Every source states the event as to come ('will meet on Friday'): a plan as of the
    source's date, which a reader must not take for something that happened."""
    return bool(event["sources"]) and all("future" in s["context"] for s in event["sources"])


def reported_only(event: dict[str, Any]) -> bool:
    """Every source dates the event by the statement that reports it ('said on Monday that
    they had agreed'): it came on or before that day."""
    return bool(event["sources"]) and all("reported" in s["context"] for s in event["sources"])


def why_no_edits(briefing: dict[str, Any]) -> str:
    """Where stances were found but none suggests an edit, why: a stance moves a position
    only where it says which way on its issue's scale, and a user who sees 'none' beside
    eleven stances should know what to change (the issue's scale anchors)."""
    items = [i for issues in briefing["stances"].values() for its in issues.values() for i in its]
    if not items:
        return "none"
    undirected = sum(1 for i in items if i["direction"] == 0)
    hypothetical = sum(1 for i in items if i["direction"] != 0 and "hypothetical" in i["context"])
    parts = []
    if undirected:
        parts.append(
            f"{undirected} say no direction on their issue's 0-100 scale (their sentence "
            "names the issue, not a word of only one of its scale anchors: give the issue's "
            "'scale: {0: ..., 100: ...}' words that tell the two ends apart)"
        )
    if hypothetical:
        parts.append(f"{hypothetical} are hypothetical ('would', 'could'), not stated")
    rest = len(items) - undirected - hypothetical
    if rest:
        parts.append(f"{rest} cancel each other out or name no actor or issue of the scenario")
    return f"none: of {len(items)} stances, " + "; ".join(parts)


def build_view(briefing: dict[str, Any], reader: SourceReader | None = None) -> BriefingView:
    from detente.evidence.briefing import salience_change, suggestions_yaml

    cite = _Citer(briefing, reader or SourceReader())
    docs = Section("Documents")
    for d in briefing["documents"]:
        notes = [f"published {d['published']}", f"reliability {d['reliability']}"]
        if d.get("cluster"):
            notes.append(f"rewrite cluster {d['cluster']}")
        if not d["in_scenario"]:
            notes.append("not yet a source of the scenario")
        if not d.get("processed", True):
            notes.append("NOT PROCESSED")
        docs.entries.append(Entry(f"{d['source']}: {d['title']}", "; ".join(notes)))
    unprocessed = Section("Documents not processed", empty="none")
    for u in briefing.get("unprocessed", []):
        unprocessed.entries.append(Entry(f"{u['source']} ({u['path']})", u["reason"]))
    timeline = Section("Timeline")
    for e in briefing["timeline"]:
        heading = f"{e['date']} ({e['granularity']}) {e['kind']} {_who(e)}".rstrip()
        if planned_only(e):
            heading += " (planned)"
        elif reported_only(e):
            heading += " (reported that day: on or before it)"
        entry = Entry(heading)
        entry.citations = [cite(s["source"], s["start"], s["end"]) for s in e["sources"]]
        timeline.entries.append(entry)
    quotes = Section("Who said what")
    for q in briefing["quotes"]:
        entry = Entry(f"{q['speaker'] or 'unknown speaker'} ({q['actor'] or 'no actor'})")
        entry.citations = [cite(p["source"], p["start"], p["end"]) for p in q["sources"]]
        said = next((c.span for c in entry.citations if c.span), "")
        if said:  # the quoted words, so two quotes from one sentence stay apart
            entry.detail = f"said “{said[:QUOTE_CHARS]}{'…' if len(said) > QUOTE_CHARS else ''}”"
        quotes.entries.append(entry)
    stances = Section("Stated stances")
    for actor, issues in briefing["stances"].items():
        for issue, items in issues.items():
            for i in items:
                context = f" ({', '.join(i['context'])})" if i["context"] else ""
                entry = Entry(f"{actor} on {issue}: {i['polarity']}{context}")
                p = i["pointer"]
                entry.citations = [cite(p["source"], p["start"], p["end"])]
                stances.entries.append(entry)
    contradictions = Section("Contradictions")
    for c in briefing["contradictions"]:
        if c["kind"] == "stance":
            entry = Entry(f"{c['actor']} on {c['issue']}: sources disagree")
            for side, items in (("toward 100", c["toward_100"]), ("toward 0", c["toward_0"])):
                for i in items:
                    p = i["pointer"]
                    found = cite(p["source"], p["start"], p["end"])
                    label = f"{side}, reliability {i['reliability']}: {found.source}"
                    entry.citations.append(
                        Citation(found.sentence, label, found.pointer, found.problem)
                    )
        else:
            p = c["claim"]["pointer"]
            entry = Entry(c["claim"]["says"], f"the scenario says: {c['scenario']['says']}")
            entry.citations = [cite(p["source"], p["start"], p["end"])]
        contradictions.entries.append(entry)
    candidates = Section("Actor candidates (names no actor of the scenario claims)")
    for c in briefing.get("candidates", []):
        more = len(c["pointers"]) - CANDIDATE_CITATIONS
        entry = Entry(
            f"{c['name']} ({c['kind'] or c['label']}, {c['count']} mention(s) in "
            f"{c['n_sources']} document(s))",
            (
                f"{c['alias_why']}: accept as its alias with "
                f"--accept-alias '{c['name']}={c['alias_of']}'"
                if c.get("alias_of")
                else f"accept with --accept-actor '{c['name']}={c['suggested_id']}'"
            )
            + (f"; {more} more mention(s) in the JSON" if more > 0 else "")
            + (f"; {c['note']}" if c.get("note") else ""),
        )
        entry.citations = [
            cite(p["source"], p["start"], p["end"]) for p in c["pointers"][:CANDIDATE_CITATIONS]
        ]
        candidates.entries.append(entry)
    edits = Section("Suggested scenario edits")
    for s in briefing["suggested_edits"]:
        was = s["current_position"]
        pos = s["position"]["position"]
        detail = (
            f"{s['change']}: position {pos['mode']:g} [{pos['low']:g}-{pos['high']:g}]"
            + (f" (was {was:g})" if was is not None else "")
            + salience_change(s)
            + (
                f"; adds source(s) {', '.join(x['id'] for x in s['sources'])}"
                if s["sources"]
                else ""
            )
        )
        entry = Entry(f"{s['id']}", detail)
        entry.citations = [cite(p["source"], p["start"], p["end"]) for p in s["evidence"]]
        edits.entries.append(entry)
    edits.empty = why_no_edits(briefing)
    n_docs, n_clusters = len(briefing["documents"]), len(briefing["clusters"])
    return BriefingView(
        f"Briefing {briefing['scenario']} as of {briefing['as_of']}",
        f"{n_docs} documents published on or before {briefing['as_of']}, "
        f"{n_clusters} rewrite clusters (a rewrite counts once)",
        [docs, unprocessed, timeline, quotes, stances, contradictions, candidates, edits],
        suggestions_yaml(briefing),
        [s["id"] for s in briefing["suggested_edits"]],
    )
