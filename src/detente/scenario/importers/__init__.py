"""Importers of foreign model inputs (KTAB CSV/XML, Decide, BDM tables) into Scenarios."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from detente.scenario.errors import Location
from detente.scenario.importers.bdm import looks_like_bdm, read_bdm
from detente.scenario.importers.common import (
    ImportedTable,
    ImportFormatError,
    NativeScale,
    make_id,
)
from detente.scenario.importers.decide import looks_like_decide, read_decide
from detente.scenario.importers.ktab import (
    ktab_xml_settings,
    read_ktab_csv,
    read_ktab_xml,
    scenario_to_ktab_csv,
)
from detente.scenario.user_files import decode_text, read_user_bytes

if TYPE_CHECKING:  # the pydantic schema loads only when a Scenario is built
    from detente.scenario.schema import Scenario

MAX_IMPORT_BYTES = 8 * 1024 * 1024
STRICT_UTF8 = ("ktab-csv", "ktab-xml", "bdm")  # their readers decode strictly

__all__ = [
    "ImportFormatError",
    "ImportedTable",
    "NativeScale",
    "detect_format",
    "import_scenario",
    "import_table",
    "is_importable",
    "ktab_xml_settings",
    "make_id",
    "scenario_to_ktab_csv",
]


def detect_format(path: str | Path) -> str | None:
    """'ktab-csv', 'ktab-xml', 'decide', 'bdm' or None (not a foreign format)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".csv", ".xml", ".txt") or not p.is_file():
        return None
    # The safe reader refuses oversized files before a reader loads them whole.
    raw = read_user_bytes(p, limit=MAX_IMPORT_BYTES, what="model input file")
    kind = _kind(suffix, raw.decode("utf-8-sig", errors="replace"))
    if kind in STRICT_UTF8:
        decode_text(raw, str(p), what="model input file")  # a located error, not a traceback
    return kind


def _kind(suffix: str, text: str) -> str | None:
    if suffix == ".xml":
        return "ktab-xml"
    if looks_like_decide(text):
        return "decide"
    if suffix == ".txt":
        return None
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) >= 2 and looks_like_bdm(lines[0]):
        return "bdm"
    if len(lines) >= 2:
        return "ktab-csv"
    return None


def is_importable(path: str | Path) -> bool:
    return detect_format(path) is not None


def import_scenario(path: str | Path) -> Scenario:
    """Read a KTAB, Decide or BDM file as a validated Scenario."""
    return import_table(path).to_scenario()


def import_table(path: str | Path, *, lenient: bool = False) -> ImportedTable:
    """The file as read (call ``to_scenario``): with ``lenient`` a bad data row or cell is
    left out and listed in ``skipped`` instead of stopping the import."""
    kind = detect_format(path)
    readers = {
        "ktab-csv": read_ktab_csv,
        "ktab-xml": read_ktab_xml,
        "decide": read_decide,
        "bdm": read_bdm,
    }
    if kind is None:
        raise ImportFormatError(
            "not a KTAB (.csv/.xml), Decide (#A/#P/#M/#D) or BDM actor table",
            location=Location(str(path)),
            hint="give a .yaml scenario or one of those formats",
        )
    return readers[kind](path, lenient=lenient)
