"""detente ingest / detente brief: documents into the evidence store, briefings out."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from detente.cli.output import (
    console,
    option_date,
    print_json,
    regular_file_or_new,
    user_errors,
)
from detente.evidence.files import write_text_atomically
from detente.scenario.errors import DetenteError

if TYPE_CHECKING:
    from detente.evidence.briefing_observations import ObservationDraft

DEFAULT_SCENARIO = "ukraine-2025-12"


def _scenario(name: str):
    from detente.scenario import load_scenario

    return load_scenario(name)


@user_errors
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help=".txt, .md or .html files, or folders")],
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            callback=regular_file_or_new,
            help="DuckDB store file (default: the shared run store)",
        ),
    ] = None,
    scenario: Annotated[
        str | None,
        typer.Option(
            "--scenario", help=f"actors and issues to extract (default: {DEFAULT_SCENARIO})"
        ),
    ] = None,
    index: Annotated[Path | None, typer.Option("--index", help="CSV with file,published")] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", help="date when no metadata, index or header gives one"),
    ] = None,
    max_mb: Annotated[float, typer.Option("--max-mb", help="skip files larger than this")] = 5.0,
    processes: Annotated[
        int | None, typer.Option("--processes", help="spaCy worker processes (default: auto)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Read documents into the store: text, publication date, boilerplate, extractions."""
    from detente.evidence import EXTRACTOR_VERSION
    from detente.evidence.ingest import ingest_paths
    from detente.evidence.store import EvidenceStore
    from detente.store.paths import resolve_store_path

    s = _scenario(scenario or DEFAULT_SCENARIO)
    store = resolve_store_path(store)
    with EvidenceStore(store) as evidence:
        report = ingest_paths(
            evidence,
            paths,
            s,
            index_file=index,
            published=option_date(published, "--published"),
            max_bytes=int(max_mb * 1024 * 1024),
            n_process=processes,
        )
        counts = evidence.counts(s.id, EXTRACTOR_VERSION)
    if as_json:
        print_json(
            {
                "added": report.added,
                "unchanged": report.unchanged,
                "skipped": [{"path": p, "reason": r} for p, r in report.skipped],
                "notes": report.notes,
                "words": report.words,
                "store": str(store),
                "counts": counts,
                "records_of": {"scenario": s.id, "extractor_version": EXTRACTOR_VERSION},
            }
        )
        return
    console.print(
        f"{len(report.added)} added, {len(report.unchanged)} unchanged, "
        f"{len(report.skipped)} skipped -> {store}"
    )
    for _, reason in report.skipped:  # each reason starts with its path
        console.print(f"  skipped: {reason}", soft_wrap=True)
    for note in report.notes:
        console.print(f"  note: {note}", soft_wrap=True)
    if scenario is None:
        console.print(
            f"  note: read by the actors and issues of the built-in {DEFAULT_SCENARIO} (no "
            "--scenario given): for another negotiation pass --scenario YOUR.yaml",
            soft_wrap=True,
        )
    shared = ("documents", "clusters")
    records = ", ".join(f"{k} {v}" for k, v in counts.items() if k not in shared)
    console.print(
        f"  store: documents {counts['documents']}, clusters {counts['clusters']}; "
        f"{s.id} by {EXTRACTOR_VERSION}: {records}",
        soft_wrap=True,
    )


@user_errors
def brief_command(
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            callback=regular_file_or_new,
            help="DuckDB store file (default: the shared run store)",
        ),
    ] = None,
    scenario: Annotated[
        str | None,
        typer.Option(
            "--scenario",
            help=f"actors and issues to read the documents by (default: {DEFAULT_SCENARIO}, "
            "unless the store's documents were read for another scenario)",
        ),
    ] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="YYYY-MM-DD; default: today")] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="text, md or html (sentences read from the files)")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="write to this file, not stdout")
    ] = None,
    observations: Annotated[
        Path | None,
        typer.Option(
            "--observations",
            help="also write the timeline's events after --after as an observed-events "
            "file for 'detente forecast --observed'",
        ),
    ] = None,
    after: Annotated[
        str | None,
        typer.Option(
            "--after", help="with --observations: YYYY-MM-DD; default: the as_of of --scenario"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Timeline, quotes, stances, contradictions, actor candidates and suggested scenario
    edits as of a date.

    Each entry shows its sentence, read from the source file now (a missing or changed
    file is said so and the pointer shown instead). With --observations, the events after
    --after that map onto observed-event kinds are written for 'forecast --observed'.
    """
    from detente.evidence.briefing import build_briefing
    from detente.evidence.briefing_formats import FORMATS, render
    from detente.evidence.briefing_view import attach_sentences, build_view
    from detente.evidence.excerpts import SourceReader
    from detente.evidence.store import EvidenceStore
    from detente.store.paths import resolve_store_path

    if fmt not in FORMATS:
        raise DetenteError(f"--format {fmt!r} is not known", hint="use text, md or html")
    store = resolve_store_path(store)
    if not store.exists():
        raise DetenteError(f"{store}: no evidence store", hint="run 'detente ingest' first")
    if after is not None and observations is None:
        raise DetenteError("--after goes with --observations", hint="add --observations OUT.yaml")
    day = option_date(as_of, "--as-of") or dt.date.today()
    with EvidenceStore(store) as evidence:
        s = _scenario(scenario or _ingested_for(evidence, store))
        briefing = build_briefing(evidence, s, day)
        if observations is not None:
            from detente.evidence.briefing_observations import write_observations

            since = option_date(after, "--after") or s.as_of
            draft = write_observations(evidence, briefing, s, since, observations)
    if observations is not None:
        _print_observations(draft, observations, as_json)
        if output is None:
            return
    reader = SourceReader()
    if as_json:
        attach_sentences(briefing, reader)
        print_json(briefing)
        return
    text = render(build_view(briefing, reader), fmt)
    if output is not None:
        write_text_atomically(output, text)
        console.print(f"briefing written to {output}")
        return
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _ingested_for(evidence: Any, store: Path) -> str:
    """The scenario a briefing reads the store by when none is named: the built-in default,
    unless some documents were read for another scenario. Why: reading a Thai
    border war by Ukraine's actors and issues gives a briefing of almost nothing, and the
    title alone says so."""
    others = sorted(evidence.scenarios_extracted() - {DEFAULT_SCENARIO})
    if not others:
        return DEFAULT_SCENARIO
    raise DetenteError(
        f"{store}: its documents were read for {', '.join(others)}, not only for the "
        f"default {DEFAULT_SCENARIO}: name the scenario to brief by",
        hint="pass --scenario with that scenario's file (or a built-in name)",
    )


def _print_observations(draft: ObservationDraft, path: Path, as_json: bool) -> None:
    if as_json:
        print_json(
            {
                "observations": str(path),
                "written": [o["entry"] | {"evidence": o["evidence"]} for o in draft.observations],
                "skipped": draft.skipped,
            }
        )
    else:
        _print_observation_lines(draft, path)
    if not draft.observations:
        raise DetenteError(
            f"no timeline fact after {draft.after} maps onto an observed event; {path} not written",
            hint="type observations by hand (see the format in detente.forecast.observed)",
        )


def _print_observation_lines(draft: ObservationDraft, path: Path) -> None:
    if draft.observations:
        console.print(
            f"wrote {path}: {len(draft.observations)} observation(s) after {draft.after}, "
            f"{len(draft.skipped)} timeline fact(s) skipped",
        )
    for o in draft.observations:
        e = o["entry"]
        when = (
            f"on {e['date']}"
            if "date" in e
            else f"by {e['by']}"
            if "by" in e
            else f"from {e['from']} to {e['to']}"
        )
        words = [e["event"], *(f"{k}={e[k]}" for k in ("arena", "actor") if k in e), when]
        console.print("  " + " ".join(words))
    for item in draft.skipped:
        console.print(f"  skipped {item['fact']}: {item['reason']}", soft_wrap=True)
