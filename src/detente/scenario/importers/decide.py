"""Decide (Stokman exchange model) input files: ``#A`` actors, ``#P`` issues, ``#M`` scale
anchors, ``#D actor;issue;position;salience;power``. Fields are separated by tabs or
semicolons and may be quoted with single quotes.

Positions are mapped from each issue's #M range (lowest to highest anchor) onto 0-100;
saliences (0-1) become 0-100. Decide's power is per actor and issue while a scenario
has one capability per actor, so capability = the actor's largest power, and salience
is multiplied by power / capability: the product capability x salience, all that the
compromise and exchange models use, is kept exactly.
"""

from __future__ import annotations

import re
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

ROW_HINT = "write '#D;actor;issue;position;salience;power' with numbers in the last three"


def looks_like_decide(text: str) -> bool:
    return any(re.match(r"^\s*'?#A'?[\t;]", line) for line in text.splitlines()[:50])


def _fields(line: str) -> list[str]:
    return [f.strip().strip("'").strip() for f in re.split(r"[\t;]", line.strip())]


def read_decide(path: str | Path, *, lenient: bool = False) -> ImportedTable:
    file = str(path)
    leniency = Leniency(lenient)
    text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    table = ImportedTable(file=file, title=Path(path).stem)
    actor_index: dict[str, int] = {}
    issue_index: dict[str, int] = {}
    anchors: dict[int, list[tuple[float, str]]] = {}
    raw: dict[tuple[int, int], tuple[float, float, float]] = {}
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        f = _fields(line)
        tag = f[0]
        if tag == "#A":
            if len(f) < 2 or not f[1]:
                raise ImportFormatError(
                    "#A row without an actor id",
                    location=Location(file, line_no),
                    hint="write '#A;id;name'",
                )
            actor_index[f[1]] = len(table.actor_names)
            table.actor_names.append(f[1])
        elif tag == "#P":
            if len(f) < 2 or not f[1]:
                raise ImportFormatError(
                    "#P row without an issue id",
                    location=Location(file, line_no),
                    hint="write '#P;id;name;description'",
                )
            issue_index[f[1]] = len(table.issue_names)
            table.issue_names.append(f[1])
        elif tag == "#M":
            try:
                j, value, meaning = _scale_point(file, line_no, f, issue_index)
            except ImportFormatError as exc:
                leniency.skip(exc, "this #M row")
                continue
            anchors.setdefault(j, []).append((value, meaning))
        elif tag == "#D":
            try:
                key, cell = _data_row(file, line_no, f, actor_index, issue_index)
            except ImportFormatError as exc:
                leniency.skip(exc, "this #D row")
                continue
            raw[key] = cell
    if not table.actor_names or not table.issue_names or not raw:
        raise ImportFormatError(
            "no #A actors, #P issues or #D data rows found",
            location=Location(file),
            hint="a Decide file lists '#A', '#P', '#M' and '#D' rows",
        )
    table.capabilities = [
        max((p for (a, _), (_, _, p) in raw.items() if a == k), default=0.0)
        for k in range(len(table.actor_names))
    ]
    for j in range(len(table.issue_names)):
        points = sorted(anchors.get(j, []))
        values = [pos for (_, jj), (pos, _, _) in raw.items() if jj == j]
        low = points[0][0] if points else min(values, default=0.0)
        high = points[-1][0] if points else max(values, default=100.0)
        low, high = min([low, *values]), max([high, *values])
        labels = {0: f"{low:g}", 100: f"{high:g}"}
        table.native_scales[j] = NativeScale(low, high)
        for value, meaning in points:
            scaled = round(rescale([value], low, high)[0])
            labels[scaled] = meaning
        table.scale_anchors[j] = labels
        for (a, jj), (pos, sal, power) in raw.items():
            if jj != j:
                continue
            cap = table.capabilities[a]
            share = power / cap if cap > 0 else 0.0
            table.entries[(a, j)] = (rescale([pos], low, high)[0], 100.0 * sal * share)
    table.skipped = leniency.skipped
    return table


def _scale_point(
    file: str, line_no: int, f: list[str], issue_index: dict[str, int]
) -> tuple[int, float, str]:
    """Issue index, value and meaning of one #M row (or a located error)."""
    if len(f) < 3 or f[1] not in issue_index:
        raise ImportFormatError(
            f"#M row for unknown issue {f[1] if len(f) > 1 else ''!r}",
            location=Location(file, line_no),
            hint="declare the issue with #P first",
        )
    value = number(f[2], file, line_no, "#M scale point", "give a number")
    meaning = f[3] if len(f) > 3 and f[3] else f"{value:g}"
    return issue_index[f[1]], value, meaning


def _data_row(
    file: str,
    line_no: int,
    f: list[str],
    actor_index: dict[str, int],
    issue_index: dict[str, int],
) -> tuple[tuple[int, int], tuple[float, float, float]]:
    """(actor, issue) and (position, salience, power) of one #D row (or a located error)."""
    if len(f) < 6:
        raise ImportFormatError(
            f"#D row has {len(f) - 1} fields, expected 5",
            location=Location(file, line_no),
            hint=ROW_HINT,
        )
    actor, issue = f[1], f[2]
    if actor not in actor_index:
        raise ImportFormatError(
            f"#D row names unknown actor {actor!r}",
            location=Location(file, line_no),
            hint="declare it in an #A row",
        )
    if issue not in issue_index:
        raise ImportFormatError(
            f"#D row names unknown issue {issue!r}",
            location=Location(file, line_no),
            hint="declare it in a #P row",
        )
    pos = number(f[3], file, line_no, f"position of {actor!r} on {issue!r}", ROW_HINT)
    sal = number(f[4], file, line_no, f"salience of {actor!r} on {issue!r}", ROW_HINT)
    power = number(f[5], file, line_no, f"power of {actor!r} on {issue!r}", ROW_HINT)
    if not 0 <= sal <= 1 or power < 0:
        raise ImportFormatError(
            f"salience {sal:g} or power {power:g} of {actor!r} on {issue!r} out of range",
            location=Location(file, line_no),
            hint="saliences lie in 0..1, powers are >= 0",
        )
    return (actor_index[actor], issue_index[issue]), (pos, sal, power)
