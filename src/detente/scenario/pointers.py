"""Resolve a scenario's evidence pointers against the documents, and make new ones.

The scenario stores offsets and a span hash, never text. ``check_pointers``
finds each source's document in a folder (by its ``file`` name, else by the
sha256 of its normalised text), and reports every pointer whose span no longer
hashes to what the scenario says.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from detente.scenario.errors import DetenteError
from detente.scenario.schema import EvidencePointer, Scenario, Source
from detente.scenario.text import normalise_text, sha256_text, span_sha256
from detente.scenario.yaml_source import read_user_bytes

MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
DOCUMENT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


@dataclass(frozen=True)
class PointerCheck:
    evidence_id: str
    source_id: str
    ok: bool
    problem: str = ""


def read_document(path: Path) -> str:
    """The normalised text of a document file (offsets index into this): for a web page,
    the article ingest extracts from it, so pointers from a briefing resolve here too."""
    raw = read_user_bytes(path, limit=MAX_DOCUMENT_BYTES, what="document")
    try:
        text = normalise_text(raw)
    except UnicodeDecodeError:
        raise DetenteError(
            f"{path}: not UTF-8 text", hint="convert the document to UTF-8"
        ) from None
    if path.suffix.lower() not in HTML_SUFFIXES:
        return text
    # imported here: the evidence package reads scenarios, so it loads after this one
    from detente.evidence.documents import html_article

    return html_article(text, str(path))[0]


def find_documents(scenario: Scenario, folder: Path) -> dict[str, str]:
    """Map source id -> normalised text for every source found in ``folder``."""
    if not folder.is_dir():
        raise DetenteError(f"{folder}: not a directory", hint="give the folder of the documents")
    texts: dict[str, str] = {}
    by_hash: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in DOCUMENT_SUFFIXES:
            try:
                text = read_document(path)
            except DetenteError:
                continue
            by_hash[sha256_text(text)] = text
            for source in scenario.sources:
                if source.file == path.name:
                    texts[source.id] = text
    for source in scenario.sources:
        if source.id not in texts and source.sha256 in by_hash:
            texts[source.id] = by_hash[source.sha256]
    return texts


def check_pointer(pointer: EvidencePointer, source: Source, text: str | None) -> PointerCheck:
    def bad(problem: str) -> PointerCheck:
        return PointerCheck(pointer.id, pointer.source, False, problem)

    if text is None:
        return bad(f"document of source {source.id!r} not found")
    if source.sha256 and sha256_text(text) != source.sha256:
        return bad(f"document of source {source.id!r} changed (its sha256 differs)")
    if pointer.end > len(text):
        return bad(f"span {pointer.start}-{pointer.end} runs past the end ({len(text)} chars)")
    if span_sha256(text, pointer.start, pointer.end) != pointer.sha256:
        return bad(f"span {pointer.start}-{pointer.end} no longer matches its sha256 (drifted)")
    return PointerCheck(pointer.id, pointer.source, True)


def check_pointers(scenario: Scenario, folder: Path) -> list[PointerCheck]:
    """Check every evidence pointer of ``scenario`` against the documents in ``folder``."""
    texts = find_documents(scenario, folder)
    sources = {s.id: s for s in scenario.sources}
    return [check_pointer(ev, sources[ev.source], texts.get(ev.source)) for ev in scenario.evidence]


def cite(text: str, phrase: str, occurrence: int = 1) -> tuple[int, int, str]:
    """Offsets and span sha256 of the ``occurrence``-th match of ``phrase`` in ``text``."""
    if occurrence < 1:
        raise DetenteError(
            f"occurrence {occurrence}: matches count from 1", hint="use --occurrence 1 or more"
        )
    if not phrase:
        raise DetenteError("the phrase is empty", hint="give the words to point at with --find")
    start = -1
    for _ in range(occurrence):
        start = text.find(phrase, start + 1)
        if start < 0:
            raise DetenteError(
                f"phrase not found (occurrence {occurrence})",
                hint="copy the phrase exactly from the document",
            )
    end = start + len(phrase)
    return start, end, span_sha256(text, start, end)
