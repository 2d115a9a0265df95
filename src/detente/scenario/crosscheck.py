"""Rules that span several entries: unknown and duplicate ids, coverage, dates, ranges.

Each problem is a ScenarioError located at the offending value, collected so a
person sees all of them at once.
"""

from __future__ import annotations

from collections.abc import Callable

from detente.scenario.crosscheck_structure import check_structure
from detente.scenario.dynamics import dynamic_spec, known_dynamics_names
from detente.scenario.errors import Location, ScenarioError, shorten, suggest_known
from detente.scenario.institution_checks import check_vote_arena
from detente.scenario.paths import PathError, parse_path
from detente.scenario.schema import Scenario

Locate = Callable[[tuple[str | int, ...]], Location]


def cross_check(scenario: Scenario, locate: Locate) -> list[ScenarioError]:
    """Return every cross-entry problem of a scenario (empty when it is sound)."""
    problems: list[ScenarioError] = []

    def report(path: tuple[str | int, ...], message: str, hint: str = "") -> None:
        hint = hint or "correct this entry (the template `detente new` writes shows its form)"
        problems.append(ScenarioError(message, location=locate(path), hint=hint))

    duplicated: set[str] = set()

    def unique(section: str, ids: list[str]) -> None:
        first: dict[str, int] = {}
        for index, item_id in enumerate(ids):
            if item_id in first:
                duplicated.add(item_id)
                where = locate((section, first[item_id], "id"))
                report(
                    (section, index, "id"),
                    f"duplicate {section} id {item_id!r} (first at {where})",
                    "give each entry its own id",
                )
            first.setdefault(item_id, index)

    s = scenario
    for section in ("sources", "actors", "issues", "arenas", "events", "evidence"):
        unique(section, [item.id for item in getattr(s, section)])

    actors, issues = set(s.actor_ids), set(s.issue_ids)
    sources = {src.id for src in s.sources}
    evidence_ids = {ev.id for ev in s.evidence}

    def known(path: tuple[str | int, ...], value: str | None, pool: set[str], what: str) -> None:
        if value is not None and value not in pool:
            report(path, f"unknown {what} id {shorten(value)!r}", unknown_hint(value, pool))

    def unknown_hint(value: str, pool: set[str]) -> str:
        """Where an id of this kind is declared twice, the likelier fix is to give one of
        the two entries this id back, not to replace it with the nearest known one."""
        twice = sorted(duplicated & pool)
        if not twice:
            return suggest_known(value, sorted(pool))
        named = ", ".join(repr(d) for d in twice)
        return (
            f"{named} is declared twice: if one of those "
            f"entries is meant to be {shorten(value)!r}, give it that id"
        )

    def cites(path: tuple[str | int, ...], ids: tuple[str, ...]) -> None:
        for k, ev in enumerate(ids):
            known((*path, "evidence", k), ev, evidence_ids, "evidence")

    for i, actor in enumerate(s.actors):
        for k, member in enumerate(actor.members):
            known(("actors", i, "members", k), member, actors, "actor")
        cites(("actors", i), actor.evidence)
    for i, issue in enumerate(s.issues):
        cites(("issues", i), issue.evidence)

    seen_pairs: set[tuple[str, str]] = set()
    for i, pos in enumerate(s.positions):
        known(("positions", i, "actor"), pos.actor, actors, "actor")
        known(("positions", i, "issue"), pos.issue, issues, "issue")
        if (pos.actor, pos.issue) in seen_pairs:
            report(
                ("positions", i),
                f"duplicate position of {pos.actor!r} on {pos.issue!r}",
                "merge the two entries",
            )
        seen_pairs.add((pos.actor, pos.issue))
        cites(("positions", i), pos.evidence)
    placed = {actor for actor, _ in seen_pairs}
    for i, actor in enumerate(s.actors):
        if actor.id not in placed:
            report(
                ("actors", i, "id"),
                f"actor {actor.id!r} has no position on any issue",
                "add a position for it or remove the actor",
            )

    for i, arena in enumerate(s.arenas):
        known(("arenas", i, "mediator"), arena.mediator, actors, "actor")
        for field in ("signatories", "influencers", "members"):
            for k, member in enumerate(getattr(arena, field)):
                known(("arenas", i, field, k), member, actors, "actor")
        for k, issue in enumerate(arena.issues):
            known(("arenas", i, "issues", k), issue, issues, "issue")
        _check_implementers(s, i, report, known, cites)
        check_vote_arena(s, i, report, known, cites)

    for i, rel in enumerate(s.relations):
        known(("relations", i, "from"), rel.source_actor, actors, "actor")
        known(("relations", i, "to"), rel.target_actor, actors, "actor")
        cites(("relations", i), rel.evidence)

    for name, param in s.dynamics.items():
        spec = dynamic_spec(name)
        if spec is None:
            report(
                ("dynamics", name),
                f"unknown dynamics parameter {name!r}",
                suggest_known(name, known_dynamics_names()),
            )
            continue
        if spec.per_actor:
            known(("dynamics", name), name.partition(".")[2], actors, "actor")
        low, high = spec.range_for(s.round_days)
        if not param.value.within(low, high):
            v = param.value
            given = f"{v.low:g}" if v.low == v.high else f"{v.low:g}..{v.high:g}"
            report(
                ("dynamics", name, "value"),
                f"{name} = {given} is outside {low:g}..{high:g}"
                + (
                    f" (rounds of {s.round_days} days)"
                    if (low, high) != (spec.low, spec.high)
                    else ""
                ),
                f"give a number within {low:g}..{high:g}: {spec.description}",
            )
        cites(("dynamics", name), param.evidence)

    for i, event in enumerate(s.events):
        cites(("events", i), event.evidence)
        if event.last_day < s.as_of:
            report(
                ("events", i),
                f"event {event.id!r} could happen only until {event.last_day}, before as_of "
                f"{s.as_of}: no run can have it",
                "if it happened, write what it changed into the scenario's numbers; if not, "
                "remove it ('detente update' drops such events)",
            )
        if event.logs_as is not None:
            known(("events", i, "logs_as", "actor"), event.logs_as.actor, actors, "actor")
        for k, effect in enumerate(event.effects):
            try:
                target = parse_path(effect.path, s)
            except PathError as exc:
                report(("events", i, "effects", k, "path"), exc.message, exc.hint)
                continue
            if target.section == "arenas" and target.field == "rule":  # as the simulator
                report(
                    ("events", i, "effects", k, "path"),
                    f"event {event.id!r}: effect on {effect.path!r} cannot be simulated",
                    "events change numbers; give the vote arena a 'rule_switches' entry "
                    "(a dated, uncertain change of rule) or use a what-if",
                )

    for i, src in enumerate(s.sources):
        if src.published > s.as_of:
            report(
                ("sources", i, "published"),
                f"source {src.id!r} was published {src.published}, after as_of {s.as_of}",
                "a snapshot may only use evidence published on or before its as_of date",
            )
    for i, ev in enumerate(s.evidence):
        known(("evidence", i, "source"), ev.source, sources, "source")
    check_structure(s, report)
    for section in ("packages", "expectations", "calibration"):
        for i, item in enumerate(getattr(s, section)):
            cites((section, i), item.evidence)
    for i, package in enumerate(s.packages):
        for k, condition in enumerate(package.conditions):
            cites(("packages", i, "conditions", k), condition.evidence)
    _check_expectation_questions(s, report)
    if s.war is not None:
        cites(("war",), s.war.evidence)
    for i, arena in enumerate(s.arenas):
        for k, lever in enumerate(arena.leverage):
            cites(("arenas", i, "leverage", k), lever.evidence)
    return problems


def _check_expectation_questions(
    s: Scenario, report: Callable[[tuple[str | int, ...], str, str], None]
) -> None:
    """Each expectation's question (and its rival) parses and names the scenario's ids, as
    a questions file's do: found by ``validate``, not first by ``forecast``."""
    if not s.expectations:
        return
    from detente.forecast.questions import QuestionSyntaxError, parse_question
    from detente.forecast.questions.check import Vocabulary, check_question

    vocabulary = Vocabulary.from_scenario(s)
    for i, expectation in enumerate(s.expectations):
        for field in ("question", "than", "before"):
            text = getattr(expectation, field)
            if text is None:
                continue
            try:
                check_question(parse_question(text), vocabulary, text)
            except QuestionSyntaxError as exc:
                report(
                    ("expectations", i, field),
                    f"expectation {expectation.id!r}: {field}, column {exc.column}: "
                    f"{exc.bare_message}",
                    exc.hint,
                )


def _check_implementers(
    s: Scenario,
    i: int,
    report: Callable[[tuple[str | int, ...], str, str], None],
    known: Callable[[tuple[str | int, ...], str | None, set[str], str], None],
    cites: Callable[[tuple[str | int, ...], tuple[str, ...]], None],
) -> None:
    """Implementers of arena ``i``: known actors, not signatories, on the arena's own issues,
    with a position on each (their consent is a utility comparison on those issues)."""
    arena = s.arenas[i]
    if arena.implementers and arena.kind == "vote":
        report(
            ("arenas", i, "implementers"),
            f"vote arena {arena.id!r} cannot have implementers",
            "implementers belong to a mediated or bilateral arena; remove the field",
        )
        return
    placed = {(p.actor, p.issue) for p in s.positions}
    arena_issues = set(arena.issues)
    seen: set[str] = set()
    for k, imp in enumerate(arena.implementers):
        at = ("arenas", i, "implementers", k)
        known((*at, "actor"), imp.actor, set(s.actor_ids), "actor")
        cites(at, imp.evidence)
        if imp.actor in arena.signatories:
            report(
                (*at, "actor"),
                f"{imp.actor!r} is a signatory of arena {arena.id!r}",
                "signatories already decide on the whole text; list only other actors",
            )
        if imp.actor in seen:
            report((*at, "actor"), f"duplicate implementer {imp.actor!r}", "merge the entries")
        seen.add(imp.actor)
        for j, issue in enumerate(imp.issues):
            if issue not in arena_issues:
                report(
                    (*at, "issues", j),
                    f"implementer issue {issue!r} is not an issue of arena {arena.id!r}",
                    suggest_known(issue, sorted(arena_issues)),
                )
            elif imp.actor in s.actor_ids and (imp.actor, issue) not in placed:
                report(
                    (*at, "issues", j),
                    f"implementer {imp.actor!r} has no position on {issue!r}",
                    "add a position for it (its consent compares the text with the status "
                    "quo on that issue) or drop the issue",
                )
