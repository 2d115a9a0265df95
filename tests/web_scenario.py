"""A small scenario with hostile text (HTML and script) and a document it cites, for web tests.

The document is written at test time into a tmp folder; its text is our own filler,
never article text.
"""

from __future__ import annotations

from pathlib import Path

from scenario_text import SMALL_SCENARIO

from detente.scenario.pointers import cite
from detente.scenario.text import normalise_text, sha256_text

SCRIPT = '<script>alert("x")</script>'
IMG = "<img src=x onerror=alert(1)>"
DOCUMENT = (
    "Filler line for a test document.\n"
    f"Party B wants the whole line, it says. {SCRIPT} More filler about talks.\n"
    "The mediator proposes a split.\n"
)
CITED = "Party B wants the whole line"


def write_hostile(folder: Path) -> tuple[Path, Path]:
    """Write the document folder and the scenario file; return (scenario path, sources dir)."""
    sources = folder / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    (sources / "doc1.txt").write_text(DOCUMENT, encoding="utf-8")
    (sources / "other.txt").write_text("Another harmless test file.\n", encoding="utf-8")
    text = normalise_text(DOCUMENT)
    start, end, span_hash = cite(text, CITED)
    scenario = (
        SMALL_SCENARIO.replace("title: two parties and a mediator", f"title: '{SCRIPT}'")
        .replace("name: Party A", f"name: '{IMG}'")
        .replace(
            "{id: s1, title: a source, published: 2025-12-01, reliability: 0.6}",
            f"{{id: s1, title: 'src {SCRIPT}', published: 2025-12-01, reliability: 0.6, "
            f"file: doc1.txt, sha256: {sha256_text(text)}}}",
        )
        .replace(
            "{id: e1, source: s1, start: 0, end: 10,\n"
            '     sha256: "0000000000000000000000000000000000000000000000000000000000000000",\n'
            "     claim: B wants the whole line}",
            f"{{id: e1, source: s1, start: {start}, end: {end}, sha256: {span_hash},\n"
            f"     claim: 'B wants it all {SCRIPT}'}}",
        )
    )
    assert SCRIPT in scenario and span_hash in scenario
    path = folder / "hostile.yaml"
    path.write_text(scenario, encoding="utf-8")
    return path, sources


def in_process_settings(scenario: Path | str, runs: int, **extra: object):
    """Dashboard settings for a test client: every answer computed in this process from
    all ``runs`` (no quick first answer, no worker pool), the client's host allowed."""
    from detente.web.settings import WebSettings

    return WebSettings(
        scenarios=(str(scenario),),
        runs=runs,
        whatif_quick_runs=0,
        whatif_workers=0,
        allowed_hosts=("testserver",),
        **extra,
    )
