"""detente evidence check / cite: evidence pointers against the documents."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from detente.cli.output import console, print_json, user_errors
from detente.scenario import load_scenario
from detente.scenario.pointers import check_pointers, cite, read_document
from detente.scenario.text import sha256_text

evidence_app = typer.Typer(
    help="Evidence pointers: check them, make new ones.", no_args_is_help=True
)


@evidence_app.command("check")
@user_errors
def check_command(
    scenario: Annotated[str, typer.Argument(help="built-in name or YAML path")],
    sources: Annotated[Path, typer.Option("--sources", help="folder with the documents")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Resolve every evidence pointer against the documents in DIR; exit 1 if any drifted."""
    s = load_scenario(scenario)
    results = check_pointers(s, sources)
    bad = [r for r in results if not r.ok]
    if as_json:
        print_json(
            {
                "checked": len(results),
                "ok": len(results) - len(bad),
                "problems": [r.__dict__ for r in bad],
            }
        )
    else:
        if bad:
            table = Table("evidence", "source", "problem", title="pointers that do not resolve")
            for r in bad:
                table.add_row(r.evidence_id, r.source_id, r.problem)
            console.print(table)
        console.print(f"{len(results) - len(bad)} of {len(results)} pointers resolve")
    if bad:
        raise typer.Exit(code=1)


@evidence_app.command("cite")
@user_errors
def cite_command(
    document: Annotated[Path, typer.Argument(help="the document file")],
    phrase: Annotated[str, typer.Option("--find", help="exact phrase to point at")],
    occurrence: Annotated[
        int, typer.Option(min=1, max=1_000_000, help="which match, counting from 1")
    ] = 1,
    source: Annotated[str, typer.Option(help="source id to write into the pointer")] = "SRC",
    evidence_id: Annotated[str, typer.Option("--id", help="evidence id")] = "ev_new",
) -> None:
    """Print an evidence pointer (offsets + span sha256, no text) ready to paste."""
    text = read_document(document)
    start, end, digest = cite(text, phrase, occurrence)
    console.print(
        f"- {{id: {evidence_id}, source: {source}, start: {start}, end: {end}, "
        f'sha256: {digest}, claim: "..."}}\n# document sha256: {sha256_text(text)}',
        soft_wrap=True,
    )
