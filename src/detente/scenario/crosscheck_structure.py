"""Cross-checks of the declared structure: war roles, packages, leverage, expectations.

Why apart from ``crosscheck``: these rules are about the second-generation model's
roles (who fights, what the front is, which package a track offers) and read best
together; ``crosscheck.cross_check`` calls ``check_structure`` once.
"""

from __future__ import annotations

from collections.abc import Callable

from detente.scenario.errors import Location, ScenarioError, suggest_known
from detente.scenario.schema import Arena, Scenario
from detente.scenario.structure import Leverage, ends_the_war

Report = Callable[[tuple[str | int, ...], str, str], None]


def check_structure(s: Scenario, report: Report) -> None:
    """Report every unknown id and impossible role in war, packages, arenas and checks."""
    actors, issues = set(s.actor_ids), set(s.issue_ids)
    packages = {p.id: p for p in s.packages}

    def known(path: tuple[str | int, ...], value: str, pool: set[str], what: str) -> bool:
        if value not in pool:
            report(path, f"unknown {what} id {value!r}", suggest_known(value, sorted(pool)))
            return False
        return True

    if s.war is not None:
        for k, side in enumerate(s.war.sides):
            known(("war", "sides", k), side, actors, "actor")
        known(
            (
                "war",
                "gainer",
            ),
            s.war.gainer,
            actors,
            "actor",
        )
        if known(("war", "front_issue"), s.war.front_issue, issues, "issue"):
            placed = {p.actor for p in s.positions if p.issue == s.war.front_issue}
            missing = [a for a in s.war.sides if a not in placed]
            if missing:
                report(
                    ("war", "front_issue"),
                    f"sides {missing} have no position on the front issue {s.war.front_issue!r}",
                    "add their positions: the front moves toward the gainer's end of the scale",
                )
        for k, term in enumerate(s.war.commitment):
            known(("war", "commitment", k, "issue"), term.issue, issues, "issue")
        _check_decisive_lines(s, report)
        if s.war.in_force is not None:
            _check_in_force(s, report)

    seen: set[str] = set()
    for i, package in enumerate(s.packages):
        if package.id in seen:
            report(("packages", i, "id"), f"duplicate package id {package.id!r}", "rename it")
        seen.add(package.id)
        for field in ("settles", "defers", "freezes"):
            for k, issue in enumerate(getattr(package, field)):
                known(("packages", i, field, k), issue, issues, "issue")
        for first, second in (("settles", "defers"), ("freezes", "settles"), ("freezes", "defers")):
            both = set(getattr(package, first)) & set(getattr(package, second))
            if both:
                report(
                    ("packages", i, second),
                    f"package {package.id!r} both {first} and {second} {sorted(both)}",
                    "an issue is either settled by the ceasefire's text, frozen where it "
                    "stands, or deferred: name it once",
                )
        for actor in package.value:
            known(("packages", i, "value", actor), actor, actors, "actor")
        for k, effect in enumerate(package.at_signing):
            issue = effect.path.split(".")[1]
            known(("packages", i, "at_signing", k, "path"), issue, issues, "issue")
        for k, condition in enumerate(package.conditions):
            where = ("packages", i, "conditions", k)
            known((*where, "actor"), condition.actor, actors, "actor")
            if not known((*where, "issue"), condition.issue, issues, "issue"):
                continue
            settled = package.kind == "comprehensive" or condition.issue in package.settles
            if condition.of == "text" and not settled:
                report(
                    (*where, "issue"),
                    f"package {package.id!r} does not settle {condition.issue!r}, so its text "
                    "cannot cross a red line on it",
                    "use 'of: status_quo' for a condition on the issue as it stands, or add "
                    "the issue to 'settles'",
                )

    for i, arena in enumerate(s.arenas):
        if arena.kind == "vote":
            for field in ("packages", "leverage", "opens"):
                if getattr(arena, field):
                    report(
                        ("arenas", i, field),
                        f"vote arena {arena.id!r} cannot have {field}",
                        "packages, leverage and openings belong to talks (mediated/bilateral)",
                    )
            continue
        for k, pid in enumerate(arena.packages):
            if known(("arenas", i, "packages", k), pid, set(packages), "package"):
                package = packages[pid]
                outside = [x for x in package.covers if x not in arena.issues]
                if outside:
                    report(
                        ("arenas", i, "packages", k),
                        f"package {pid!r} names issues {outside} that are not on track "
                        f"{arena.id!r}",
                        "settle, freeze or defer only the track's own issues",
                    )
                for actor in package.value:
                    if actor not in arena.signatories:
                        report(
                            ("arenas", i, "packages", k),
                            f"package {pid!r} values {actor!r}, not a signatory of {arena.id!r}",
                            f"value only the signatories {list(arena.signatories)}",
                        )
                for condition in package.conditions:
                    if condition.actor in s.actor_ids and condition.actor not in arena.signatories:
                        report(
                            ("arenas", i, "packages", k),
                            f"package {pid!r} has a signing condition of {condition.actor!r}, "
                            f"not a signatory of {arena.id!r}",
                            f"condition only the signatories {list(arena.signatories)}",
                        )
                    if condition.issue in s.issue_ids and condition.issue not in arena.issues:
                        report(
                            ("arenas", i, "packages", k),
                            f"package {pid!r} has a signing condition on {condition.issue!r}, "
                            f"not an issue of {arena.id!r}",
                            f"condition only the track's issues {list(arena.issues)}",
                        )
        main = [packages[pid] for pid in arena.packages if pid in packages]
        main = [p for p in main if p.kind != "limited"]
        if main and all(p.ready_after_days for p in main):
            report(
                ("arenas", i, "packages"),
                f"track {arena.id!r} has no text it can table at once: every package waits "
                f"'ready_after_days'",
                "give one of its comprehensive or ceasefire packages ready_after_days: 0",
            )
        for k, lever in enumerate(arena.leverage):
            _check_lever_owner(s, arena, i, k, lever, report)
            if lever.target not in arena.signatories:
                # a misspelt signatory is its own error: never offer it as the fix
                named = [a for a in arena.signatories if a in s.actor_ids]
                mistyped = len(named) < len(arena.signatories)
                report(
                    ("arenas", i, "leverage", k, "target"),
                    f"lever {lever.id!r} targets {lever.target!r}, not a signatory of {arena.id!r}",
                    f"target one of {named}"
                    + (" (or correct the track's unknown signatory)" if mistyped else ""),
                )
        if arena.opens is not None and arena.opens.first_day < s.as_of:
            report(
                ("arenas", i, "opens"),
                f"track {arena.id!r} opens on {arena.opens.first_day}, before as_of",
                "an opening window starts on or after the snapshot's as_of",
            )
    arena_ids = {a.id for a in s.arenas}
    for i, target in enumerate(s.calibration):
        known(("calibration", i, "arena"), target.arena, arena_ids, "arena")
        if target.actor is not None:
            known(("calibration", i, "actor"), target.actor, actors, "actor")
        if target.decision is not None:
            _renewable_decision(s, i, target.arena, target.decision, report)
        if target.window is not None and target.window.end > s.as_of:
            report(
                ("calibration", i, "window", "end"),
                f"record {target.id!r} ends on {target.window.end}, after as_of {s.as_of}",
                "a calibration record is history: end its window on or before as_of",
            )
        if target.is_persistence_record:
            arena = next((a for a in s.arenas if a.id == target.arena), None)
            if arena is not None and getattr(arena, "mediator", None) is None:
                report(
                    ("calibration", i, "arena"),
                    f"arena {target.arena!r} has no mediator to keep on or give up",
                    "a persistence record names a mediated track",
                )


def _renewable_decision(s: Scenario, i: int, arena_id: str, decision: str, report: Report) -> None:
    """A renewal record names an act of its vote arena that is in force and renewed."""
    arena = next((a for a in s.arenas if a.id == arena_id), None)
    if arena is None:
        return  # reported as an unknown arena
    found = next((d for d in arena.decisions if d.id == decision), None)
    if found is None:
        report(
            ("calibration", i, "decision"),
            f"unknown decision id {decision!r} in arena {arena_id!r}",
            suggest_known(decision, sorted(d.id for d in arena.decisions)),
        )
    elif not found.in_force or found.renewal is None:
        report(
            ("calibration", i, "decision"),
            f"decision {decision!r} is not in force with a renewal calendar",
            "a renewal record needs an act with in_force: true and renewal: {...}",
        )


def ceasefire_talks_warnings(
    s: Scenario, locate: Callable[[tuple[str | int, ...]], Location]
) -> list[ScenarioError]:
    """A ceasefire package that leaves 'talks_continue' out, on a track that also offers
    a comprehensive one: whether an armistice can become a peace without breaking down
    first is then decided by a default, not by the scenario."""
    offered_with_full = ceasefires_beside_full_texts(s)
    return [
        ScenarioError(
            f"package {p.id!r}: a ceasefire that says nothing of talks under it ends the talks "
            "on its track while it holds, so only its breakdown lets a settlement follow",
            location=locate(("packages", i)),
            hint="write 'talks_continue: true' if its track goes on negotiating the settlement "
            "under the ceasefire, 'talks_continue: false' if not, and why",
        )
        for i, p in enumerate(s.packages)
        if p.talks_continue is None and p.id in offered_with_full
    ]


def _check_in_force(s: Scenario, report: Report) -> None:
    """The agreement in force on as_of: signed by then, on a track that ends the war, of a
    package that track offers and that ends the war (not a limited deal), with terms for
    exactly the issues the package settles there."""
    deal = s.war.in_force
    at = ("war", "in_force")
    if deal.signed > s.as_of:
        report(
            (*at, "signed"),
            f"signed {deal.signed}, after as_of {s.as_of}",
            "an agreement in force on as_of was signed on or before it",
        )
    arena = next((a for a in s.arenas if a.id == deal.track), None)
    if arena is None or arena.kind == "vote" or not ends_the_war(s.war, arena.signatories):
        report(
            (*at, "track"),
            f"{deal.track!r} is no track on which every side of the war signs",
            "name the mediated or bilateral track the agreement was signed on",
        )
        return
    package = next((p for p in s.packages if p.id == deal.package), None)
    if package is None or deal.package not in arena.packages or package.kind == "limited":
        report(
            (*at, "package"),
            f"{deal.package!r} is no comprehensive or ceasefire package "
            f"that track {arena.id!r} offers",
            f"use one of {list(arena.packages)}",
        )
        return
    on = package.settles_on(arena.issues)
    settled = [i for i, settles in zip(arena.issues, on, strict=True) if settles]
    missing = [i for i in settled if i not in deal.terms]
    extra = [i for i in deal.terms if i not in settled]
    if missing or extra:
        report(
            (*at, "terms"),
            f"the terms of {deal.package!r} on {arena.id!r} settle {settled}"
            + (f"; missing {missing}" if missing else "")
            + (f"; {extra} it does not settle" if extra else ""),
            "give the agreed value of each issue the package settles, and no other",
        )


def _check_decisive_lines(s: Scenario, report: Report) -> None:
    """Each decisive line belongs to a side of the war, one per side, and lies beyond
    the front's status quo toward that side's ideal (else the war would be decided before
    a round is fought, or by the side's losing ground)."""
    war = s.war
    front = next((i for i in s.issues if i.id == war.front_issue), None)
    ideal = {p.actor: p.position.mode for p in s.positions if p.issue == war.front_issue}
    seen: set[str] = set()
    for k, line in enumerate(war.decisive):
        at = ("war", "decisive", k)
        if line.side not in war.sides:
            report(
                (*at, "side"),
                f"decisive line of {line.side!r}, not a side of the war",
                f"use one of the sides {list(war.sides)}",
            )
            continue
        if line.side in seen:
            report((*at, "side"), f"a second decisive line for {line.side!r}", "keep one")
        seen.add(line.side)
        if front is None:
            continue
        sq = front.status_quo
        if sq.low <= line.front <= sq.high:
            report(
                (*at, "front"),
                f"decisive line of {line.side!r}: {line.front:g} lies within the front's "
                f"status quo ({sq.low:g}-{sq.high:g}): the war would be decided before it is "
                "fought",
                "put the line beyond the status quo, toward the side's end of the scale",
            )
            continue
        toward = 1.0 if line.front > sq.mode else -1.0
        own = ideal.get(line.side)
        if own is not None and (own - sq.mode) * toward <= 0:
            report(
                (*at, "front"),
                f"decisive line of {line.side!r}: {line.front:g} lies away from {line.side}'s "
                f"ideal ({own:g}) seen from the status quo {sq.mode:g}: it would win by losing "
                "ground",
                "put the line on the side of the status quo that the side fights toward",
            )


def cadence_warnings(
    s: Scenario, locate: Callable[[tuple[str | int, ...]], Location]
) -> list[ScenarioError]:
    """A bilateral track that declares no 'meets': its sides then meet and answer a text
    every round, so its first agreement comes on the first round it can pass, a date set
    by the round length rather than by the case."""
    return [
        ScenarioError(
            f"track {arena.id!r} (bilateral) declares no 'meets': its sides meet and answer "
            f"a text every round ({s.round_days} days), so a text both can take is agreed in "
            "the first round",
            location=locate(("arenas", i)),
            hint="write 'meets: {share: {low, mode, high}, evidence: [...]}' (the share of "
            "rounds in which the two sides meet), or 'share: 1' with why they meet every round",
        )
        for i, arena in enumerate(s.arenas)
        if arena.kind == "bilateral" and arena.meets is None
    ]


def comediation_warnings(
    s: Scenario, locate: Callable[[tuple[str | int, ...]], Location]
) -> list[ScenarioError]:
    """Several mediated tracks that put texts to the same sides: each convenes and tables on
    its own, so the sides answer more texts a year and the first deal comes sooner (a Gaza
    trial: one track per co-mediator moved a deal within six weeks from 61% to 74%, from
    2.9 texts a year to 7.0). Whether co-mediators draft one text or compete is the case's
    claim; said where two such tables share the cadence (``mediator_attention``), since
    the choice decides the forecast."""
    groups: dict[frozenset[str], list[int]] = {}
    for i, arena in enumerate(s.arenas):
        if arena.kind == "mediated" and ends_the_war(s.war, arena.signatories):
            groups.setdefault(frozenset(arena.signatories), []).append(i)
    found = []
    for indices in groups.values():
        # a mediator given its own cadence is a table of its own by the scenario's word
        shared = [
            i for i in indices if f"mediator_attention.{s.arenas[i].mediator}" not in s.dynamics
        ]
        if len(indices) < 2 or len(shared) < 2:
            continue
        names = ", ".join(f"{s.arenas[i].id} ({s.arenas[i].mediator})" for i in shared)
        sides = ", ".join(sorted(s.arenas[indices[0]].signatories))
        found.append(
            ScenarioError(
                f"tracks {names} put texts to the same sides ({sides}) at the same shared "
                "cadence: each convenes and tables its own, so the sides answer several "
                "texts a round where the mediators meet",
                location=locate(("arenas", shared[1])),
                hint="if the mediators draft one text together, declare one track with the "
                "others as influencers (their levers with 'by:'); if they compete, give "
                "each its own numbers (e.g. mediator_attention.ID), which otherwise fall "
                "back to the shared ones",
            )
        )
    return found


def stage_warnings(
    s: Scenario, locate: Callable[[tuple[str | int, ...]], Location]
) -> list[ScenarioError]:
    """An implementer that does not say where it acts: it then has a veto over signature,
    which can decide whether a full settlement is ever signed (a spoiler that is not at
    the table acts only at delivery)."""
    return [
        ScenarioError(
            f"implementer {imp.actor!r} of track {arena.id!r} does not say where it acts: it "
            "is taken to act at signature, so a full text it refuses is never signed",
            location=locate(("arenas", i, "implementers", k)),
            hint="write 'acts_at: signature' (the signatories will not sign without it) or "
            "'acts_at: delivery' (they sign without it, and it withholds its parts of a text "
            "that leaves it worse off), with the evidence for it",
        )
        for i, arena in enumerate(s.arenas)
        for k, imp in enumerate(arena.implementers)
        if imp.acts_at is None
    ]


def condition_warnings(
    s: Scenario, locate: Callable[[tuple[str | int, ...]], Location]
) -> list[ScenarioError]:
    """A condition precedent that nothing can meet: the issue stands outside it across its
    whole range, it is not the war's front, and no event moves its status quo, so its
    package can never be signed. Said, since it decides the forecast by construction."""
    moved = {fx.path for e in s.events for fx in e.effects}
    front = s.war.front_issue if s.war is not None else None
    found: list[ScenarioError] = []
    for i, package in enumerate(s.packages):
        found.extend(_clashing_red_lines(package, i, locate))
        for k, c in enumerate(package.conditions):
            issue = next((x for x in s.issues if x.id == c.issue), None)
            if c.of != "status_quo" or issue is None or c.issue == front:
                continue
            if f"issues.{c.issue}.status_quo" in moved:
                continue
            low, high = issue.status_quo.low, issue.status_quo.high
            if c.met(high) or c.met(low):
                continue
            found.append(
                ScenarioError(
                    f"package {package.id!r} can never be signed: {c.actor} needs "
                    f"{c.issue} {c.bound} as it stands, it stands at {low:g}-{high:g}, and "
                    "no event moves it",
                    location=locate(("packages", i, "conditions", k)),
                    hint=f"add the event that would change it (an effect on "
                    f"issues.{c.issue}.status_quo), or drop the condition if it can be met "
                    "in the text ('of: text')",
                )
            )
    return found


def _clashing_red_lines(
    package, i: int, locate: Callable[[tuple[str | int, ...]], Location]
) -> list[ScenarioError]:
    """Red lines on one package's text that no single text can meet
    (``Package.clashing_red_lines``; a Gaza trial: Israel needed disarmament >= 75 and
    Hamas <= 50 in the comprehensive package, and nothing said so)."""
    return [
        ScenarioError(
            f"package {package.id!r} can never be signed: {low.actor} needs "
            f"{low.issue} {low.bound} and {high.actor} needs it {high.bound} in the "
            "same text",
            location=locate(("packages", i, "conditions", k)),
            hint="if neither side can give way on it, defer the issue in a ceasefire "
            "package (no text then settles it); if one can, say how far",
        )
        for k, low, high in package.clashing_red_lines()
    ]


def ceasefire_scope_warnings(
    s: Scenario, locate: Callable[[tuple[str | int, ...]], Location]
) -> list[ScenarioError]:
    """A ceasefire package that settles every issue of a track it is offered on: its texts
    there leave nothing open, so they are full settlements that the forecast counts as
    ceasefire terms (an armistice), and talks under it have nothing left to settle."""
    packages = {p.id: (i, p) for i, p in enumerate(s.packages)}
    found: list[ScenarioError] = []
    for arena in s.arenas:
        for pid in arena.packages:
            if pid not in packages or packages[pid][1].kind != "ceasefire":
                continue
            i, package = packages[pid]
            if arena.issues and set(arena.issues) <= {*package.settles, *package.freezes}:
                found.append(
                    ScenarioError(
                        f"package {pid!r}: a ceasefire that settles every issue of track "
                        f"{arena.id!r} defers nothing, so its texts there are full "
                        "settlements that forecasts count as ceasefire terms (an armistice)",
                        location=locate(("packages", i, "settles")),
                        hint="move the issues an armistice leaves open from 'settles' to "
                        "'defers', or declare it kind: comprehensive",
                    )
                )
    return found


def ceasefires_beside_full_texts(s: Scenario) -> set[str]:
    """The ceasefire packages offered on a track that also offers a comprehensive one:
    those for which 'talks_continue' (talks on the settlement under them) means anything."""
    kinds = {p.id: p.kind for p in s.packages}
    return {
        pid
        for arena in s.arenas
        if "comprehensive" in {kinds.get(q) for q in arena.packages}
        for pid in arena.packages
        if kinds.get(pid) == "ceasefire"
    }


def reach_warnings(
    s: Scenario, locate: Callable[[tuple[str | int, ...]], Location]
) -> list[ScenarioError]:
    """Declared parts the model can never use, which a forecast would show only as a 0:
    a war no track can end (no track has every side of it among its signatories), and a
    package no track offers."""
    found = []
    tracks = [a for a in s.arenas if a.kind != "vote"]
    if s.war is not None and tracks and not any(ends_the_war(s.war, a.signatories) for a in tracks):
        found.append(
            ScenarioError(
                f"no track can end the war: none has every side ({', '.join(s.war.sides)}) "
                "among its signatories, so every agreement is an understanding and the war "
                "goes on in every run",
                location=locate(("war", "sides")),
                hint="add the missing side to a track's 'signatories', or drop from "
                "'war: sides' an actor that does not fight",
            )
        )
    offered = {pid for a in s.arenas for pid in a.packages}
    found += [
        ScenarioError(
            f"package {p.id!r} is offered by no track, so nothing reads it",
            location=locate(("packages", i)),
            hint=f"list {p.id!r} in a track's 'packages', or remove it",
        )
        for i, p in enumerate(s.packages)
        if p.id not in offered
    ]
    return found


def one_sided_status_quo_warnings(
    s: Scenario, locate: Callable[[tuple[str | int, ...]], Location]
) -> list[ScenarioError]:
    """An issue of a track whose status quo lies beyond every signatory's position on the
    same side (all want more, or all want less, whatever their draws): any text that moves
    it toward them is better for every side, so the issue sweetens every deal and makes
    agreement easier. That may be so (both want observers), but it is a structural choice
    a reader should see: a new analyst's Thai file put pullback and monitoring at 10 and 0,
    below both sides, and a full settlement became easy."""
    found = []
    issues = {issue.id: (i, issue) for i, issue in enumerate(s.issues)}
    positions = {(p.actor, p.issue): p for p in s.positions}
    for arena in s.arenas:
        if arena.kind == "vote" or len(arena.signatories) < 2:
            continue
        for issue_id in arena.issues:
            i, issue = issues[issue_id]
            held = [
                (a, positions[a, issue_id].position)
                for a in arena.signatories
                if (a, issue_id) in positions and positions[a, issue_id].salience.high > 0
            ]
            if len(held) < 2:
                continue
            above = all(x.low > issue.status_quo.high for _, x in held)
            below = all(x.high < issue.status_quo.low for _, x in held)
            if not (above or below):
                continue
            where = ", ".join(
                f"{a} {x.low:g}" + (f"-{x.high:g}" if x.high > x.low else "") for a, x in held
            )
            found.append(
                ScenarioError(
                    f"issue {issue_id!r}: its status quo ({issue.status_quo.mode:g}) lies "
                    f"{'below' if above else 'above'} every signatory's position on track "
                    f"{arena.id!r} ({where}), so any text that moves it toward them is better "
                    "for every side: the issue sweetens every deal",
                    location=locate(("issues", i, "status_quo")),
                    hint="check the status quo (where things stand today) and the positions; "
                    "keep it if every side really gains by moving it",
                )
            )
    return found


def _check_lever_owner(
    s: Scenario,
    arena: Arena,
    i: int,
    k: int,
    lever: Leverage,
    report: Report,
) -> None:
    """A third party's lever: a known actor other than its target and the mediator, with a
    position on one of the track's issues (it pulls for texts it prefers), that does not
    bypass the influencers (only the mediator drafts over their heads)."""
    owner = lever.by
    if owner is None or owner == arena.mediator:
        if lever.deal_value.high or lever.deal_value.low:
            report(
                ("arenas", i, "leverage", k, "deal_value"),
                f"lever {lever.id!r}: 'deal_value' is what a deal is worth to a third party "
                "that pulls a lever, and the mediator pulls this one",
                "give the lever 'by: ACTOR', or set the mediator's dynamics.mediator_deal_value",
            )
        return
    where = ("arenas", i, "leverage", k, "by")
    if owner not in s.actor_ids:
        report(
            where,
            f"lever {lever.id!r}: unknown actor id {owner!r}",
            suggest_known(owner, sorted(s.actor_ids)),
        )
        return
    if owner == lever.target:
        report(where, f"lever {lever.id!r}: {owner!r} would press itself", "name who presses")
    positions = any(p.actor == owner and p.issue in arena.issues for p in s.positions)
    if not positions and lever.deal_value.high <= 0:
        report(
            where,
            f"lever {lever.id!r}: {owner!r} has no position on any issue of track "
            f"{arena.id!r} and no 'deal_value', so no text is worth pressing for to it",
            f"give the lever a 'deal_value' (what a deal is worth to {owner}) or {owner} "
            "positions on the track's issues",
        )
    if lever.bypasses_influencers:
        report(
            ("arenas", i, "leverage", k, "bypasses_influencers"),
            f"lever {lever.id!r}: a third party ({owner!r}) cannot take the mediator's text "
            "over the influencers' heads",
            "set bypasses_influencers: false, or leave 'by' out (the mediator's lever)",
        )
