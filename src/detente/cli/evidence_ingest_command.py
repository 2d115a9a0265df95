"""detente ingest / detente brief: documents into the evidence store, briefings out."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from pathlib import Path
from typing import Annotated

import typer

from detente.cli.output import console, print_json, regular_file_or_new, user_errors
from detente.scenario.errors import DetenteError

DEFAULT_SCENARIO = "ukraine-2025-12"


def _scenario(name: str):
    from detente.scenario import load_scenario

    return load_scenario(name)


def _date(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DetenteError(f"{option} {text!r} is not a date", hint="write YYYY-MM-DD") from None


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
        str, typer.Option("--scenario", help="actors and issues to extract")
    ] = DEFAULT_SCENARIO,
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
    from detente.evidence.ingest import ingest_paths
    from detente.evidence.store import EvidenceStore
    from detente.store.paths import resolve_store_path

    s = _scenario(scenario)
    store = resolve_store_path(store)
    with EvidenceStore(store) as evidence:
        report = ingest_paths(
            evidence,
            paths,
            s,
            index_file=index,
            published=_date(published, "--published"),
            max_bytes=int(max_mb * 1024 * 1024),
            n_process=processes,
        )
        counts = evidence.counts()
    if as_json:
        print_json(
            {
                "added": report.added,
                "unchanged": report.unchanged,
                "skipped": [{"path": p, "reason": r} for p, r in report.skipped],
                "words": report.words,
                "store": str(store),
                "counts": counts,
            }
        )
        return
    console.print(
        f"{len(report.added)} added, {len(report.unchanged)} unchanged, "
        f"{len(report.skipped)} skipped -> {store}"
    )
    for path, reason in report.skipped:
        console.print(f"  skipped {path}: {reason}", markup=False)
    console.print("  " + ", ".join(f"{k} {v}" for k, v in counts.items()), markup=False)


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
    scenario: Annotated[str, typer.Option("--scenario")] = DEFAULT_SCENARIO,
    as_of: Annotated[str | None, typer.Option("--as-of", help="YYYY-MM-DD; default: today")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Timeline, quotes, stances, contradictions and suggested scenario edits as of a date."""
    from detente.evidence.briefing import build_briefing
    from detente.evidence.store import EvidenceStore
    from detente.store.paths import resolve_store_path

    store = resolve_store_path(store)
    if not store.exists():
        raise DetenteError(f"{store}: no evidence store", hint="run 'detente ingest' first")
    s = _scenario(scenario)
    day = _date(as_of, "--as-of") or dt.date.today()
    with EvidenceStore(store) as evidence:
        briefing = build_briefing(evidence, s, day)
    if as_json:
        print_json(briefing)
        return
    _print_briefing(briefing)


def _print_briefing(b: dict) -> None:
    from detente.evidence.briefing import suggestions_yaml

    out = functools.partial(console.print, soft_wrap=True)  # long pointers stay on one line
    out(
        f"[bold]Briefing {b['scenario']} as of {b['as_of']}[/] "
        f"({len(b['documents'])} documents, {len(b['clusters'])} rewrite clusters)"
    )
    for c in b["clusters"]:
        out(f"  cluster {c['id']}: {', '.join(c['sources'])} ({c['reason']})", markup=False)
    out("[bold]Timeline[/]")
    for e in b["timeline"]:
        srcs = ", ".join(f"{x['source']}@{x['start']}" for x in e["sources"])
        out(
            f"  {e['date']} ({e['granularity']}) {e['kind']} {'/'.join(e['actors'])}  [{srcs}]",
            markup=False,
        )
    out("[bold]Who said what[/]")
    for q in b["quotes"]:
        srcs = ", ".join(f"{p['source']}:{p['start']}-{p['end']}" for p in q["sources"])
        out(f"  {q['speaker'] or '?'} ({q['actor'] or '-'}): {srcs}", markup=False)
    out("[bold]Stated stances[/]")
    for actor, issues in b["stances"].items():
        for issue, items in issues.items():
            said = "; ".join(
                f"{i['polarity']}{'(' + ','.join(i['context']) + ')' if i['context'] else ''}"
                f" {i['pointer']['source']}"
                for i in items
            )
            out(f"  {actor} / {issue}: {said}", markup=False)
    out("[bold]Contradictions[/]")
    for c in b["contradictions"]:
        if c["kind"] == "stance":
            up = ", ".join(
                f"{i['pointer']['source']} (rel {i['reliability']})" for i in c["toward_100"]
            )
            down = ", ".join(
                f"{i['pointer']['source']} (rel {i['reliability']})" for i in c["toward_0"]
            )
            out(f"  {c['actor']} / {c['issue']}: toward 100: {up} | toward 0: {down}", markup=False)
        else:
            out(
                f"  {c['claim']['says']} ({c['claim']['pointer']['source']}, rel "
                f"{c['claim']['reliability']}) | scenario: {c['scenario']['says']}",
                markup=False,
            )
    out("[bold]Suggested scenario edits[/]")
    # Plain stdout, no wrapping: the YAML must paste into a scenario unchanged.
    sys.stdout.write((suggestions_yaml(b) or "  (none)") + "\n")
