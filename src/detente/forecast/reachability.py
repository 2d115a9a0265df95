"""Which events and outcome classes a scenario can produce at all: a 0% may come from its
structure.

Why: "Will Europe open its own channel to Moscow?" answers 0.0% on a scenario that
declares no track Europe could open; no run could say otherwise, so the number comes from
a structural choice, not from the bargaining. Before trusting such an answer the analyst
should know. This module lists, from the compiled scenario, where each event kind that
needs a declared structure can come from (a track that opens later, a lever, a ceasefire
package, a renewal, a rule switch, an exogenous event that logs as the kind), with the
earliest day it can happen, and names the ``event(...)`` terms of a question that nothing
can produce by the question's date. Kinds every scenario can produce (rounds, texts,
accepts, rejects, agreements, ...) are never flagged. ``tests/test_reachability.py``
checks on simulated logs that every event a run did produce is listed here as possible.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from detente.forecast.questions import ast
from detente.process.compiled import CEASEFIRE, COMPREHENSIVE, CompiledScenario
from detente.process.eventlog import EventKind

K = EventKind


@dataclass(frozen=True)
class Source:
    """One place an event can come from: its arena and actor (-1: none logged)."""

    kind: EventKind
    arena: int
    actor: int
    first_day: int  # the earliest day it can happen
    issue: int = -1


NEEDS_STRUCTURE = frozenset(
    {
        K.CHANNEL_OPENED,
        K.BYPASSED,
        K.SUPPORT_CUT,
        K.LEVERAGE,
        K.NARROWED,
        K.LIMITED_DEAL,
        K.TRUCE_BROKEN,
        K.UNDERSTANDING,
        K.DECISION_LAPSED,
        K.RULE_SWITCHED,
        K.MEMBER_REPLACED,
        K.EXOGENOUS,
        K.WITHHELD,
        K.VICTORY,
        K.IN_FORCE,
    }
)
"""The event kinds only some scenarios can produce; the others come from any track."""

WHY = {
    K.CHANNEL_OPENED: "a track that opens after as_of ('opens:' on the arena), or an exogenous "
    "event that logs as channel_opened",
    K.BYPASSED: "a lever with bypasses_influencers",
    K.SUPPORT_CUT: "a lever with support_cut, or an exogenous event that logs as it",
    K.LEVERAGE: "a lever on a track, or an exogenous event that logs as it",
    K.NARROWED: "a ceasefire package on a track",
    K.LIMITED_DEAL: "a limited package on a track",
    K.TRUCE_BROKEN: "a limited package that pauses the fighting",
    K.UNDERSTANDING: "a track on which not every side of the war signs",
    K.DECISION_LAPSED: "a decision in force with a renewal calendar",
    K.RULE_SWITCHED: "a rule switch in a vote arena",
    K.MEMBER_REPLACED: "a rule switch that replaces a member",
    K.EXOGENOUS: "an exogenous event",
    K.IN_FORCE: "an agreement in force on as_of ('war: in_force:')",
    K.VICTORY: "a decisive line of that side on the war's front ('war: decisive:')",
    K.WITHHELD: "an implementer of that issue on a track with a full-text package, and either "
    "a lever that bypasses the influencers or the implementer 'acts_at: delivery'",
}


def event_sources(compiled: CompiledScenario) -> tuple[Source, ...]:
    """Every source of the kinds in NEEDS_STRUCTURE that the scenario declares."""
    days = compiled.round_days
    out: list[Source] = []
    for t in compiled.mediated:
        first = max(t.open_first_round, 1) * days
        if t.open_first_round > 0:
            out.append(Source(K.CHANNEL_OPENED, t.index, t.mediator, first))
        for lever in t.levers:
            out.append(Source(K.LEVERAGE, t.index, int(t.signatories[lever.target]), first))
            if lever.support_cut:
                out.append(Source(K.SUPPORT_CUT, t.index, t.mediator, first))
            if lever.bypasses_influencers:
                out.append(Source(K.BYPASSED, t.index, t.mediator, first))
        if any(p.kind != CEASEFIRE for p in t.packages):  # only full texts are delivered
            bypassable = any(lever.bypasses_influencers for lever in t.levers)
            out.extend(
                Source(K.WITHHELD, t.index, int(e), first, int(t.issues[j]))
                for e, issues, veto in zip(
                    t.implementers, t.implementer_issues, t.implementer_veto, strict=True
                )
                if bypassable or not veto
                for j in np.flatnonzero(issues)
            )
        if any(p.kind == CEASEFIRE for p in t.packages):
            out.append(Source(K.NARROWED, t.index, t.mediator, first))
        if t.limited:
            out.append(Source(K.LIMITED_DEAL, t.index, -1, first))
        if any(p.pauses_fighting for p in t.limited):  # in force a round before it can break
            out.append(Source(K.TRUCE_BROKEN, t.index, -1, first + days))
        if not t.ends_war:
            out.append(Source(K.UNDERSTANDING, t.index, t.mediator, first))
    for v in compiled.votes:
        for d in v.decisions:
            if d.renewal_rounds.size:
                renewal = int(d.renewal_rounds.min()) * days
                for member in v.members:
                    out.append(Source(K.DECISION_LAPSED, v.index, int(member), renewal, d.issue))
        for s in v.switches:
            out.append(Source(K.RULE_SWITCHED, v.index, -1, s.first_round * days))
            if s.new_seat >= 0:
                new = int(v.members[s.new_seat])
                out.append(Source(K.MEMBER_REPLACED, v.index, new, s.first_round * days))
    if compiled.war is not None:  # the front moves after the first round's talks
        out.extend(Source(K.VICTORY, -1, int(side), days) for side in compiled.war.decisive_side)
        if compiled.war.in_force_track >= 0:
            out.append(Source(K.IN_FORCE, compiled.war.in_force_track, -1, 0))
    for e in compiled.events:
        out.append(Source(K.EXOGENOUS, -1, -1, e.first_round * days))
        if e.log_kind >= 0:
            out.append(Source(K(e.log_kind), -1, e.log_actor, e.first_round * days))
    return tuple(out)


def unreachable_terms(question: ast.Question, compiled: CompiledScenario) -> tuple[str, ...]:
    """The terms of ``question`` that no part of the scenario can produce (by its date, for
    events), each with what it would need; empty when every term can happen."""
    sources = event_sources(compiled)
    cutoff = (question.date - compiled.as_of).days if question.date else None
    ids = {
        "arena": compiled.arena_ids,
        "actor": compiled.actor_ids,
        "issue": compiled.issue_ids,
    }
    out = list(_impossible_outcomes(question, compiled))
    frontless = compiled.war is None or compiled.war.front_issue < 0
    for node in ast.walk(question):
        if isinstance(node, ast.Front) and frontless:
            out.append(f"{node}: the scenario has no front (it needs a 'war:' with a front_issue)")
        if not isinstance(node, ast.Event):
            continue
        kind = K[node.kind.upper()]
        if kind not in NEEDS_STRUCTURE:
            continue
        wanted = {key: ids[key].index(getattr(node, key)) for key in ids if getattr(node, key)}
        matches = [
            s
            for s in sources
            if s.kind == kind and all(getattr(s, key) == value for key, value in wanted.items())
        ]
        if not matches:
            out.append(f"{node}: nothing in the scenario can produce it (it needs {WHY[kind]})")
        elif cutoff is not None and min(s.first_day for s in matches) > cutoff:
            earliest = compiled.as_of + dt.timedelta(days=min(s.first_day for s in matches))
            out.append(f"{node}: it cannot happen before {earliest.isoformat()}")
    return tuple(out)


def _impossible_outcomes(question: ast.Question, compiled: CompiledScenario):
    """The agreement(...) and state(...) terms of ``question`` that ask for an outcome the
    scenario's structure rules out (``impossible_classes``), each with the reason."""
    classes = impossible_classes(compiled)
    tracks = {compiled.arena_ids[t.index]: t for t in compiled.mediated}
    terms_class = {"ceasefire": "armistice", "comprehensive": "comprehensive"}
    for node in ast.walk(question):
        if isinstance(node, ast.State):
            key = node.outcome_class or terms_class[node.terms or ""]
            if key in classes:
                yield f"{node}: {classes[key]}"
        elif isinstance(node, ast.Agreement):
            track = tracks.get(node.arena or "")
            if track is not None and not track.ends_war:
                yield f"{node}: not every side of the war signs on this track (understandings only)"
            elif node.kind in classes:
                yield f"{node}: {classes[node.kind]}"


def impossible_classes(compiled: CompiledScenario) -> dict[str, str]:
    """Outcome classes (keys as in the forecast: 'armistice', ...) that no run can reach,
    each with what the scenario would have to declare; the others are left out.

    Why: the sanity panel's "no run ends in 'imposed'" then says why (no lever bypasses
    the influencers) instead of asking whether that was intended.
    """
    out = {}
    if compiled.war is None or compiled.war.decisive_side.size == 0:
        out["victory"] = "the war declares no decisive line past which a side has won"
    ending = [t for t in compiled.mediated if t.ends_war]
    if not ending:
        missing = "a track on which every side of the war signs"
        return out | {k: f"no agreement can end the war: it needs {missing}" for k in _DEAL_CLASSES}
    for key, kind, name in (
        ("comprehensive", COMPREHENSIVE, "a comprehensive package"),
        ("armistice", CEASEFIRE, "a ceasefire package"),
    ):
        offered = [p for t in ending for p in t.packages if p.kind == kind]
        if not offered:
            out[key] = f"no track that ends the war offers {name}"
        elif not any(p.signable for p in offered):
            out[key] = (
                f"every {name[2:]} on a track that ends the war has red lines no one text "
                "meets (one side needs an issue at least what another needs at most; "
                "'detente validate' names them)"
            )
    if not any(lever.bypasses_influencers for t in ending for lever in t.levers):
        out["imposed"] = "no lever on a track that ends the war bypasses the influencers"
    if all(t.mediator < 0 for t in compiled.mediated):
        out["abandoned"] = "every track is bilateral: only a mediator abandons a track"
    return out


_DEAL_CLASSES = ("comprehensive", "armistice", "imposed", "collapsed")
