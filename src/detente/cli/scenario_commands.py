"""detente list / show / validate / diff."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Column, Table
from rich.text import Text

from detente.cli.output import console, error_console, print_json, user_errors
from detente.scenario import builtin_names, load_scenario
from detente.scenario.diff import diff_scenarios
from detente.scenario.errors import ScenarioErrors
from detente.scenario.loader import builtin_path, load_located
from detente.scenario.schema import Scenario
from detente.scenario.structure_view import describe_structure
from detente.scenario.uncertain import Uncertain

JsonFlag = Annotated[bool, typer.Option("--json", help="print JSON for machines")]
ScenarioArg = Annotated[str, typer.Argument(help="a built-in scenario name or a YAML path")]


def fmt(value: Uncertain) -> str:
    return value.text


@user_errors
def list_command(as_json: JsonFlag = False) -> None:
    """List the built-in scenarios."""
    rows = []
    for name in builtin_names():
        s = load_scenario(name)
        rows.append(
            {
                "name": name,
                "as_of": s.as_of.isoformat(),
                "horizon": s.horizon.isoformat(),
                "title": s.title,
                "path": str(builtin_path(name)),
            }
        )
    if as_json:
        print_json(rows)
        return
    table = Table("name", "as of", "horizon", "title", title="built-in scenarios")
    for row in rows:
        table.add_row(row["name"], row["as_of"], row["horizon"], row["title"])
    console.print(table)


def scenario_summary(s: Scenario) -> dict:
    return {
        "id": s.id,
        "title": s.title,
        "as_of": s.as_of,
        "horizon": s.horizon,
        "actors": [
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "capability": a.capability.mode,
                "capability_range": [a.capability.low, a.capability.high],
                "members": list(a.members),
            }
            for a in s.actors
        ],
        "issues": [
            {
                "id": i.id,
                "name": i.name,
                "status_quo": i.status_quo.mode,
                "scale": {str(k): v for k, v in sorted(i.scale.items())},
            }
            for i in s.issues
        ],
        "positions": [
            {
                "actor": p.actor,
                "issue": p.issue,
                "position": p.position.mode,
                "position_range": [p.position.low, p.position.high],
                "salience": p.salience.mode,
                "salience_range": [p.salience.low, p.salience.high],
                "evidence": len(p.evidence),
                "assumption": p.assumption,
            }
            for p in s.positions
        ],
        "arenas": [a.model_dump(mode="json") for a in s.arenas],
        "structure": describe_structure(s),
    }


@user_errors
def show_command(scenario: ScenarioArg, as_json: JsonFlag = False) -> None:
    """Show a scenario: actors, issues with their scale anchors, positions with evidence."""
    s = load_scenario(scenario)
    if as_json:
        print_json(scenario_summary(s))
        return
    console.print(
        Text.assemble((s.id, "bold"), f" {s.title}  as of {s.as_of}, horizon {s.horizon}")
    )
    actors = Table("id", "name", "kind", "capability", "members", title="actors")
    for a in s.actors:
        actors.add_row(a.id, a.name, a.kind, fmt(a.capability), ", ".join(a.members))
    console.print(actors)
    issues = Table("id", "name", "status quo", "scale anchors", title="issues")
    for i in s.issues:
        anchors = "\n".join(f"{k}: {v}" for k, v in sorted(i.scale.items()))
        issues.add_row(i.id, i.name, fmt(i.status_quo), anchors)
    console.print(issues)
    positions = Table("actor", "issue", "position", "salience", "evidence", title="positions")
    for p in s.positions:
        basis = f"{len(p.evidence)}" if p.evidence else "assumption"
        if p.evidence and p.assumption:
            basis += " + assumption"  # the size is a judgement: see `show --json`
        positions.add_row(p.actor, p.issue, fmt(p.position), fmt(p.salience), basis)
    console.print(positions)
    _print_structure(describe_structure(s))


def _span(n: dict) -> str:
    """``fmt`` of a {low, mode, high} dict from ``describe_structure``."""
    return fmt(Uncertain(low=n["low"], mode=n["mode"], high=n["high"]))


def _print_structure(view: dict) -> None:
    """The declared roles, tracks, votes, packages, relations, dynamics, events, checks."""
    war = view["war"]
    if war:
        console.print(
            Text.assemble(
                ("war", "bold"),
                f": sides {', '.join(war['sides'])}; the front is "
                f"'{war['front_issue']}', moving toward {war['gainer']}; commitment terms: "
                + (
                    ", ".join(f"{t['issue']} (toward {t['toward']})" for t in war["commitment"])
                    or "none"
                )
                + "; decisive lines: "
                + (
                    ", ".join(f"{d['side']} wins at {d['front']:g}" for d in war["decisive"])
                    or "none (the war ends only by agreement)"
                ),
            ),
            soft_wrap=True,
        )
        if war["in_force"]:
            deal = war["in_force"]
            terms = ", ".join(f"{k} {v:g}" for k, v in deal["terms"].items())
            console.print(
                Text.assemble(
                    ("in force on as_of", "bold"),
                    f": {deal['package']} on {deal['track']}, signed "
                    f"{deal['signed']} ({terms}); every run starts under it",
                ),
                soft_wrap=True,
            )
    for t in view["tracks"]:
        parts = [
            f"mediator {t['mediator'] or '(none: bilateral)'}",
            f"signatories {', '.join(t['signatories'])}",
            f"influencers {', '.join(t['influencers']) or '-'}",
            "implementers "
            + (
                "; ".join(
                    f"{i['actor']} on {', '.join(i['issues'])} (acts at {i['acts_at']})"
                    for i in t["implementers"]
                )
                or "-"
            ),
            f"packages {', '.join(t['packages'])}",
            "levers "
            + (
                "; ".join(
                    f"{v['id']} on {v['target']}"
                    + (f" by {v['by']}" if v["by"] != t["mediator"] else "")
                    + f" ({v['sizes_label']})"
                    + (" (bypasses the influencers)" if v["bypasses_influencers"] else "")
                    for v in t["levers"]
                )
                or "-"
            ),
        ]
        if t["opens"]:
            o = t["opens"]
            parts.append(
                f"closed until it opens {o['from']}..{o['to']} (p = {_span(o['probability'])})"
            )
        if t["cadence"]:
            parts.append(t["cadence"])
        parts.append(
            "an agreement here settles the dispute (no war declared)"
            if war is None
            else "an agreement here ends the war"
            if t["ends_the_war"]
            else "lacks a side of the war: reaches only an understanding"
        )
        console.print(
            Text.assemble((f"track {t['id']}", "bold"), f" ({t['kind']}): " + "; ".join(parts)),
            soft_wrap=True,
        )
    if view["votes"]:
        votes = Table("vote arena", "rule", "members", "issues", title="vote arenas")
        for v in view["votes"]:
            votes.add_row(v["id"], v["rule"], ", ".join(v["members"]), ", ".join(v["issues"]))
        console.print(votes)
    if view["packages"]:
        # when a text can be tabled, shown where some package waits ('ready_after_days')
        waits = any(p["ready_after_days"] for p in view["packages"])
        # what a side needs before it signs, shown where some package has a condition
        conditioned = any(p["conditions_label"] != "-" for p in view["packages"])
        columns = (
            "package",
            "kind",
            "settles",
            "defers",
            *(("tabled",) if waits else ()),
            *(("signed only if",) if conditioned else ()),
        )
        packages = Table(*(Column(c, overflow="fold") for c in columns), title="agreement packages")
        for p in view["packages"]:
            row = [p["id"], p["kind"], p["settles_label"], p["defers_label"]]
            row += [p["ready_label"]] if waits else []
            packages.add_row(*row, *((p["conditions_label"],) if conditioned else ()))
        console.print(packages)
        if view["deferred_valued"]:
            console.print(f"deferred issues are valued {view['deferred_valued']}", soft_wrap=True)
    if view["relations"]:
        relations = Table("relation", "strength", "basis", title="relations")
        for r in view["relations"]:
            relations.add_row(
                f"{r['from']} -{r['kind']}-> {r['to']}", _span(r["strength"]), r["basis"]
            )
        console.print(relations)
    dynamics = Table("dynamics", "value", "basis", title="process numbers and their provenance")
    for d in view["dynamics"]:
        dynamics.add_row(d["name"], _span(d), d["basis"])
    console.print(dynamics)
    if view["events"]:
        events = Table("event", "when", "probability", "effects", title="dated events")
        for e in view["events"]:
            events.add_row(e["id"], e["when"], _span(e["probability"]), "\n".join(e["effects"]))
        console.print(events)
    if view["expectations"]:
        checks = Table("expectation", "checked as", title="the sources' expectations")
        for e in view["expectations"]:
            test = (
                f"more likely than {e['than']}"
                if e["than"]
                else f"before {e['before']}"
                if e["before"]
                else (
                    f"P >= {e['at_least']}" if e["at_least"] is not None else f"P <= {e['at_most']}"
                )
            )
            checks.add_row(e["statement"], f"{e['question']}\n{test}")
        console.print(checks)


@user_errors
def validate_command(
    file: Annotated[str, typer.Argument(help="scenario YAML file or built-in name")],
    as_json: JsonFlag = False,
) -> None:
    """Validate a scenario file; every problem with file:line:col, what is wrong, the fix."""
    try:
        s, locate = load_located(file)
        _check_question_file(s, file)
    except ScenarioErrors as exc:
        if as_json:
            print_json({"valid": False, "errors": [e.one_line() for e in exc.errors]})
        else:
            for problem in exc.errors:
                error_console.print(f"error: {problem.one_line()}")
        raise typer.Exit(code=2) from None
    from detente.process.reads import model_warnings
    from detente.scenario.crosscheck_structure import (
        cadence_warnings,
        ceasefire_scope_warnings,
        ceasefire_talks_warnings,
        comediation_warnings,
        condition_warnings,
        one_sided_status_quo_warnings,
        reach_warnings,
        stage_warnings,
    )
    from detente.scenario.institution_checks import vote_arena_warnings

    found = (
        *model_warnings(s, locate),
        *vote_arena_warnings(s, locate),
        *ceasefire_talks_warnings(s, locate),
        *ceasefire_scope_warnings(s, locate),
        *condition_warnings(s, locate),
        *cadence_warnings(s, locate),
        *stage_warnings(s, locate),
        *comediation_warnings(s, locate),
        *reach_warnings(s, locate),
        *one_sided_status_quo_warnings(s, locate),
    )
    warnings = [w.one_line() for w in found]
    if as_json:
        print_json(
            {
                "valid": True,
                "warnings": warnings,
                "id": s.id,
                "actors": len(s.actors),
                "issues": len(s.issues),
                "positions": len(s.positions),
                "evidence": len(s.evidence),
            }
        )
    else:
        console.print(
            f"ok: {s.id}: {len(s.actors)} actors, {len(s.issues)} issues, "
            f"{len(s.positions)} positions, {len(s.evidence)} evidence pointers"
            + (f"; {len(warnings)} warning(s)" if warnings else ""),
        )
        for line in warnings:
            console.print(f"warning: {line}", soft_wrap=True)


def _check_question_file(s: Scenario, file: str) -> None:
    """The questions file ``forecast`` reads beside the scenario (NAME.questions.yaml), read
    as forecast reads it: a scenario that validates while its questions name an arena or an
    issue it no longer has would pass here and fail there."""
    from detente.analysis.question_answers import default_question_specs
    from detente.scenario.errors import DetenteError, ScenarioError

    try:
        default_question_specs(s, file)
    except DetenteError as exc:
        problems = [
            ScenarioError(e.message, location=e.location, hint=e.hint)
            for e in getattr(exc, "errors", None) or [exc]
        ]
        raise ScenarioErrors(problems) from None


@user_errors
def diff_command(
    a: Annotated[str, typer.Argument(help="the earlier snapshot")],
    b: Annotated[str, typer.Argument(help="the later snapshot")],
    as_json: JsonFlag = False,
) -> None:
    """What changed between two snapshots, position by position."""
    changes = diff_scenarios(load_scenario(a), load_scenario(b))
    if as_json:
        print_json([c.as_dict() for c in changes])
        return
    table = Table("section", "entry", "field", "before", "after", title=f"{a} -> {b}")
    for c in changes:
        table.add_row(c.section, c.key, c.field, str(c.before), str(c.after))
    console.print(table)
    console.print(f"{len(changes)} change(s)")
