"""Bueno de Mesquita style actor tables (one issue): actor, position, capability, salience.

Column names vary between the published cases; they are recognised by name (actor /
name / stakeholder; position / x; capability / resources / c / power; salience / s).
Positions are mapped from the file's range onto 0-100 (the scale anchors keep the
original numbers); saliences on 0-1 become 0-100.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from detente.scenario.errors import Location
from detente.scenario.importers.common import (
    ImportedTable,
    ImportFormatError,
    Leniency,
    NativeScale,
    number,
    rescale,
)

COLUMNS = {
    "actor": ("actor", "name", "stakeholder"),
    "position": ("position", "x", "position_years"),
    "capability": ("capability", "resources", "c", "power", "clout"),
    "salience": ("salience", "s"),
}


def _column(header: list[str], role: str) -> int | None:
    lowered = [h.strip().lower() for h in header]
    for name in COLUMNS[role]:
        if name in lowered:
            return lowered.index(name)
    for k, h in enumerate(lowered):
        if h.startswith(COLUMNS[role][0]):
            return k
    return None


def looks_like_bdm(header_line: str) -> bool:
    header = next(csv.reader(io.StringIO(header_line)))
    return all(_column(header, role) is not None for role in COLUMNS)


def read_bdm(path: str | Path, *, lenient: bool = False) -> ImportedTable:
    file = str(path)
    leniency = Leniency(lenient)
    text = Path(path).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ImportFormatError("empty file", location=Location(file), hint="add a header")
    header = rows[0]
    cols = {role: _column(header, role) for role in COLUMNS}
    missing = [role for role, k in cols.items() if k is None]
    if missing:
        raise ImportFormatError(
            f"header lacks column(s) for {', '.join(missing)}",
            location=Location(file, 1),
            hint="name the columns actor, position, capability, salience",
        )
    table = ImportedTable(file=file, title=Path(path).stem)
    issue_name = header[cols["position"]].strip() or "issue"
    table.issue_names = [issue_name]
    positions, saliences = [], []
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            name, pos, cap, sal = _actor_row(file, line_no, row, header, cols)
        except ImportFormatError as exc:
            leniency.skip(exc, "this actor row")
            continue
        table.actor_names.append(name)
        positions.append(pos)
        table.capabilities.append(cap)
        saliences.append(sal)
    if not positions:
        raise ImportFormatError("no actor rows", location=Location(file), hint="add rows")
    factor = 100.0 if max(saliences) <= 1.0 else 1.0
    low, high = min(positions), max(positions)
    scaled = rescale(positions, low, high)
    for a, (pos, sal) in enumerate(zip(scaled, saliences, strict=True)):
        table.entries[(a, 0)] = (pos, sal * factor)
    table.scale_anchors[0] = {
        0: f"{low:g} (lowest position in the file)",
        100: f"{high:g} (highest position in the file)",
    }
    table.native_scales[0] = NativeScale(low, high, _unit(issue_name))
    table.skipped = leniency.skipped
    return table


def _unit(column: str) -> str:
    """'position_years' -> 'years'; a plain 'position' column names no unit."""
    name = column.strip()
    for prefix in ("position_", "position ", "x_"):
        if name.lower().startswith(prefix):
            return name[len(prefix) :].strip()
    return ""


def _actor_row(
    file: str, line_no: int, row: list[str], header: list[str], cols: dict[str, int | None]
) -> tuple[str, float, float, float]:
    """Name, position, capability and salience of one actor row (or a located error)."""
    if len(row) < len(header):
        raise ImportFormatError(
            f"row has {len(row)} cells, header has {len(header)}",
            location=Location(file, line_no),
            hint="fill in every column",
        )
    get = {role: row[k] for role, k in cols.items() if k is not None}
    name = get["actor"].strip() or f"actor{line_no}"
    pos = number(get["position"], file, line_no, f"position of {name!r}", "give a number")
    cap = number(get["capability"], file, line_no, f"capability of {name!r}", "give a number >= 0")
    if cap < 0:
        raise ImportFormatError(
            f"capability of {name!r} is negative",
            location=Location(file, line_no),
            hint="give >= 0",
        )
    sal = number(
        get["salience"], file, line_no, f"salience of {name!r}", "give a number in 0..1 or 0..100"
    )
    if sal < 0 or sal > 100:
        raise ImportFormatError(
            f"salience of {name!r} is {sal:g}, outside 0..100",
            location=Location(file, line_no),
            hint="give saliences on 0..1 or 0..100",
        )
    return name, pos, cap, sal
