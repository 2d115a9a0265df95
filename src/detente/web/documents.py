"""Documents for the evidence page: from a folder (scenario pointers) or the evidence store.

Why file names are checked against a listing: a name from a URL is never joined onto a
path blindly; it must be a plain file name (no separators, no leading dot) that is one
of the files actually present in the sources folder, and the resolved path must stay
inside that folder. Anything else is refused as a traversal attempt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from detente.scenario.errors import DetenteError
from detente.scenario.pointers import check_pointer, find_documents, read_document
from detente.scenario.schema import Scenario
from detente.web.highlight import Span

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,200}$")
DOCUMENT_SUFFIXES = (".txt", ".md", ".html")


class UnsafePath(DetenteError):
    """A file parameter that tries to leave the sources folder."""


class NotFound(DetenteError):
    """An id or file that the dashboard does not know."""


@dataclass(frozen=True)
class DocumentView:
    id: str
    title: str
    published: str | None
    text: str | None  # None when the document is not available
    spans: tuple[Span, ...]
    problems: tuple[str, ...] = ()
    after_as_of: bool = False
    available: bool = True  # the text can be shown (it may be left out of a listing)


def safe_document_path(folder: Path, name: str) -> Path:
    """The path of file ``name`` inside ``folder``, or UnsafePath / NotFound."""
    if not SAFE_NAME.match(name) or ".." in name or "/" in name or "\\" in name:
        raise UnsafePath(f"file name {name!r} refused", hint="give a plain file name")
    root = folder.resolve()
    candidate = (root / name).resolve()
    if candidate.parent != root:
        raise UnsafePath(f"file name {name!r} leaves the sources folder")
    listed = {p.name for p in root.iterdir() if p.is_file()}
    if name not in listed or candidate.suffix not in DOCUMENT_SUFFIXES:
        raise NotFound(f"no document {name!r} in the sources folder")
    return candidate


def pointer_spans(scenario: Scenario, source_id: str, text: str | None) -> tuple[Span, ...]:
    """The scenario's evidence pointers into one source, as spans (drifted ones flagged)."""
    source = next(s for s in scenario.sources if s.id == source_id)
    spans = []
    for pointer in scenario.evidence:
        if pointer.source != source_id:
            continue
        check = check_pointer(pointer, source, text)
        note = pointer.claim if check.ok else f"{pointer.claim} [{check.problem}]"
        spans.append(
            Span(
                pointer.start, pointer.end, pointer.id, "evidence" if check.ok else "drifted", note
            )
        )
    return tuple(spans)


def scenario_documents(scenario: Scenario, folder: Path | None) -> list[DocumentView]:
    """One view per source of the scenario, with text when it is found in ``folder``."""
    texts = find_documents(scenario, folder) if folder is not None else {}
    views = []
    for source in scenario.sources:
        text = texts.get(source.id)
        spans = pointer_spans(scenario, source.id, text)
        problems = () if text is not None else ("document not found (give --sources DIR)",)
        views.append(
            DocumentView(
                source.id,
                source.title,
                source.published.isoformat(),
                text,
                spans,
                problems,
                source.published > scenario.as_of,
                text is not None,
            )
        )
    return views


def folder_document(folder: Path, name: str) -> DocumentView:
    """Any document of the sources folder by file name (no spans unless cited)."""
    path = safe_document_path(folder, name)
    text = read_document(path)
    return DocumentView(name, name, None, text, ())
