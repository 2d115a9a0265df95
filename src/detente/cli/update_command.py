"""detente update: from a briefing to the next dated snapshot of a scenario."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from detente.cli.output import console, print_json, user_errors
from detente.scenario.errors import DetenteError


@user_errors
def update_command(
    scenario: Annotated[str, typer.Argument(help="the scenario YAML to update (or a built-in)")],
    as_of: Annotated[str, typer.Option("--as-of", help="the new snapshot's date, YYYY-MM-DD")],
    output: Annotated[Path, typer.Option("--output", "-o", help="the new snapshot's YAML file")],
    store: Annotated[
        Path | None,
        typer.Option("--store", help="DuckDB evidence store (default: the shared run store)"),
    ] = None,
    accept: Annotated[
        str,
        typer.Option(
            "--accept",
            help="suggested edits to apply: 'all', 'none', or the ACTOR.ISSUE ids that "
            "'detente brief' lists, separated by commas",
        ),
    ] = "none",
    accept_actor: Annotated[
        list[str] | None,
        typer.Option(
            "--accept-actor",
            help="add an actor candidate of the briefing as a new actor: 'NAME=ID' "
            "(repeat for more); its capability and positions are TODO placeholders",
        ),
    ] = None,
    accept_alias: Annotated[
        list[str] | None,
        typer.Option(
            "--accept-alias",
            help="add an actor candidate as an alias of an existing actor: 'NAME=ID'",
        ),
    ] = None,
    horizon: Annotated[
        str | None,
        typer.Option("--horizon", help="the new snapshot's horizon, YYYY-MM-DD (default: kept)"),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", help="the new snapshot's title (default: kept)"),
    ] = None,
    new_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            help="the new snapshot's id (default: the output file's name, where it is a "
            "valid id; the run store lists forecasts by id)",
        ),
    ] = None,
    in_force: Annotated[
        str | None,
        typer.Option(
            "--in-force",
            help="an agreement signed since: TRACK.PACKAGE (with --signed and --term); "
            "'none' where the one in force broke down",
        ),
    ] = None,
    signed: Annotated[
        str | None,
        typer.Option("--signed", help="the date the agreement in force was signed"),
    ] = None,
    term: Annotated[
        list[str] | None,
        typer.Option("--term", help="an agreed term ISSUE=VALUE (0-100), one per issue it settles"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Write the next dated snapshot: as_of moved, accepted edits applied as ranges, the
    sources they cite added as pointers (offsets + sha256), every change listed.

    Only documents published on or before --as-of are read. The input file is never
    changed; the output is validated before it is written. --accept-actor / --accept-alias
    take names from the briefing's actor candidates, each with a pointer to a mention.
    --in-force records an agreement signed since (its terms typed by the analyst) or, as
    'none', removes one that broke down.
    """
    from detente.cli.output import option_date
    from detente.evidence.accept_actors import resolve_acceptances
    from detente.evidence.briefing import build_briefing
    from detente.evidence.files import write_text_atomically
    from detente.evidence.snapshot import next_snapshot, same_file, snapshot_id
    from detente.evidence.snapshot_in_force import in_force_request
    from detente.evidence.store import EvidenceStore
    from detente.scenario import load_scenario
    from detente.scenario.diff import diff_scenarios
    from detente.scenario.loader import resolve_scenario_path
    from detente.scenario.yaml_source import read_text_file
    from detente.store.paths import resolve_store_path

    day = option_date(as_of, "--as-of")
    end = option_date(horizon, "--horizon")
    deal = in_force_request(in_force, option_date(signed, "--signed"), term or [])
    path = resolve_scenario_path(scenario)
    if same_file(path, output):
        raise DetenteError(
            f"{output}: is the scenario being updated",
            hint="write the next snapshot to a new file; the earlier one stays as it was",
        )
    before = load_scenario(scenario)
    store = resolve_store_path(store)
    if not store.exists():
        raise DetenteError(f"{store}: no evidence store", hint="run 'detente ingest' first")
    with EvidenceStore(store) as evidence:
        briefing = build_briefing(evidence, before, day)
    acceptances = resolve_acceptances(accept_actor or [], accept_alias or [], before, briefing)
    update = next_snapshot(
        read_text_file(path),
        str(output),
        before,
        briefing,
        accept,
        acceptances,
        end,
        title,
        snapshot_id(new_id, output, before.id),
        deal,
    )
    write_text_atomically(output, update.text)
    questions = _carry_questions(before, scenario, output)
    notes = _source_notes(briefing, update.applied)
    changes = diff_scenarios(before, update.scenario)
    if as_json:
        print_json(
            {
                "output": str(output),
                "applied": update.applied,
                "declined": update.declined,
                "accepted_actors": update.accepted_actors,
                "in_force": update.in_force,
                "unprocessed": briefing["unprocessed"],
                "notes": notes,
                "questions": questions,
                "changes": [c.as_dict() for c in changes],
            }
        )
        return
    table = Table("section", "entry", "field", "before", "after", title=f"{path.name} -> {output}")
    for c in changes:
        table.add_row(c.section, c.key, c.field, str(c.before), str(c.after))
    console.print(table)
    console.print(
        f"{len(changes)} change(s); applied {len(update.applied)} edit(s)"
        + (f": {', '.join(update.applied)}" if update.applied else ""),
    )
    if update.declined:
        console.print(f"not applied: {', '.join(update.declined)}")
    if not briefing["suggested_edits"]:
        from detente.evidence.briefing_view import why_no_edits

        console.print(f"suggested edits as of {day}: {why_no_edits(briefing)}", soft_wrap=True)
    for line in update.accepted_actors:
        console.print(f"accepted: {line}", soft_wrap=True)
    if update.in_force:
        console.print(update.in_force, soft_wrap=True)
    for note in notes:
        console.print(f"note: {note}", soft_wrap=True)
    for u in briefing["unprocessed"]:
        console.print(f"not processed: {u['path']}: {u['reason']}")
    if questions:
        console.print(f"questions: {questions}", soft_wrap=True)
    if title is None:
        console.print(
            f"title kept: {before.title!r} (give --title if it names the earlier date)",
            soft_wrap=True,
        )
    console.print(f"wrote {output} (validated; check with 'detente diff {scenario} {output}')")


def _carry_questions(before, scenario: str, output: Path) -> str | None:
    """The questions file beside the earlier snapshot (or a built-in's own), copied beside
    the new one, where none is there yet: forecast reads NAME.questions.yaml beside a
    scenario file, so the new snapshot would otherwise be forecast without them."""
    from detente.analysis.question_answers import question_set_path
    from detente.evidence.files import write_text_atomically
    from detente.scenario.yaml_source import read_text_file

    source = question_set_path(before, scenario)
    if source is None:
        return None
    target = output.with_name(
        output.name.removesuffix(".yaml").removesuffix(".yml") + ".questions.yaml"
    )
    if target.exists():
        return f"{target} kept as it was (not overwritten by {source.name})"
    write_text_atomically(target, read_text_file(source))
    return f"copied {source} -> {target}"


def _source_notes(briefing: dict, applied: list[str]) -> list[str]:
    """A line for each added source whose file is missing or changed since ingest: its
    pointers hash the ingested text, so 'detente evidence check' will flag them."""
    from detente.evidence.excerpts import SourceReader

    reader = SourceReader()
    paths = {d["source"]: d["path"] for d in briefing["documents"]}
    notes = []
    for edit in briefing["suggested_edits"]:
        if edit["id"] not in applied:
            continue
        for source in edit["sources"]:
            problem = reader.read(paths.get(source["id"], ""), source["sha256"]).problem
            if problem:
                notes.append(
                    f"source {source['id']} ({source['file']}): {problem}; its pointers "
                    "refer to the text as ingested"
                )
    return list(dict.fromkeys(notes))
