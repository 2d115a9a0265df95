"""Shared pieces of the importers: ids from names, rescaling, building a Scenario."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from detente.scenario.errors import Location, ScenarioError, ScenarioErrors

if TYPE_CHECKING:  # the schema loads only when a Scenario is built (see table_arrays)
    from detente.scenario.schema import Scenario

DEFAULT_AS_OF = dt.date(2000, 1, 1)  # imported tables carry no date; as_of is nominal
DEFAULT_ANCHORS = {0: "lowest position", 100: "highest"}


class ImportFormatError(ScenarioError):
    """A file in a foreign format that cannot be read; names the line and the fix."""


@dataclass(frozen=True)
class NativeScale:
    """An issue's scale in the file's own units: 0 on our scale is ``low``, 100 is ``high``.

    Why: importers map every issue onto 0-100 for the models; a user reading the answer
    for the EC emissions case wants "7.39 years", not "56.5".
    """

    low: float
    high: float
    unit: str = ""

    def to_native(self, value: float) -> float:
        return self.low + (self.high - self.low) * value / 100.0

    @property
    def is_identity(self) -> bool:
        """The file already uses 0-100 with no unit: nothing to convert or show."""
        return self.low == 0.0 and self.high == 100.0 and not self.unit


class Leniency:
    """Strict by default: the first bad item raises. Lenient: an item that can simply be
    left out (one data row, one cell) is recorded with its place and skipped."""

    def __init__(self, lenient: bool = False) -> None:
        self.lenient = lenient
        self.skipped: list[str] = []

    def skip(self, error: ImportFormatError, what: str) -> None:
        if not self.lenient:
            raise error
        self.skipped.append(f"{error.location or 'input'}: {error.message}; skipped {what}")


def make_id(name: str, taken: set[str], prefix: str = "x") -> str:
    """A valid scenario id (letter first; letters, digits, _ and -) unique within taken."""
    base = re.sub(r"[^A-Za-z0-9_\-]+", "_", name.strip()).strip("_-") or prefix
    if not base[0].isalpha():
        base = f"{prefix}_{base}"
    base = base[:60]
    candidate, k = base, 2
    while candidate in taken:
        candidate, k = f"{base}_{k}", k + 1
    taken.add(candidate)
    return candidate


def number(text: str, file: str, line: int, what: str, hint: str) -> float:
    """Parse a number or raise an error that names the file, line and field."""
    try:
        value = float(text.strip())
    except ValueError:
        raise ImportFormatError(
            f"{what} is {text.strip()!r}, not a number",
            location=Location(file, line),
            hint=hint,
        ) from None
    if value != value:  # NaN
        raise ImportFormatError(f"{what} is NaN", location=Location(file, line), hint=hint)
    return value


@dataclass(frozen=True)
class NormalisedTable:
    """A table's numbers as the imported Scenario holds them (rounded to 6 places)."""

    scenario_id: str
    actor_ids: list[str]
    issue_ids: list[str]
    capabilities: list[float]
    status_quos: list[float]
    entries: dict[tuple[int, int], tuple[float, float]]  # sorted by (actor, issue)


@dataclass
class ImportedTable:
    """Actors x issues as read from a foreign file, before it becomes a Scenario."""

    file: str
    title: str
    actor_names: list[str] = field(default_factory=list)
    capabilities: list[float] = field(default_factory=list)
    issue_names: list[str] = field(default_factory=list)
    # (actor index, issue index) -> (position 0-100, salience 0-100)
    entries: dict[tuple[int, int], tuple[float, float]] = field(default_factory=dict)
    scale_anchors: dict[int, dict[int, str]] = field(default_factory=dict)
    description: str = ""
    as_of: dt.date = DEFAULT_AS_OF
    kinds: dict[int, str] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)  # display names, if not the id
    native_scales: dict[int, NativeScale] = field(default_factory=dict)  # issue index ->
    skipped: list[str] = field(default_factory=list)  # what a lenient import left out
    issue_ids: list[str] = field(default_factory=list)  # set by to_scenario

    def native_scales_by_id(self) -> dict[str, NativeScale]:
        """Issue id -> its scale in the file's units (after ``to_scenario``); issues the
        file already gives on 0-100 are left out."""
        return {
            self.issue_ids[j]: scale
            for j, scale in self.native_scales.items()
            if not scale.is_identity
        }

    def normalised(self) -> NormalisedTable:
        """Ids, capabilities (strongest = 100), status quos and entries as the Scenario
        holds them; sets ``issue_ids``. Raises on a table with no actor or no power."""
        if not self.actor_names:
            raise ImportFormatError(
                "no actors found", location=Location(self.file), hint="check the file format"
            )
        top = max(self.capabilities)
        if top <= 0:
            raise ImportFormatError(
                "every capability is 0",
                location=Location(self.file),
                hint="give at least one actor a positive capability",
            )
        taken: set[str] = set()
        actor_ids = [make_id(n, taken, "actor") for n in self.actor_names]
        issue_ids = [make_id(n, taken, "issue") for n in self.issue_names]
        self.issue_ids = issue_ids
        status_quos = []
        for j in range(len(issue_ids)):
            cells = [
                (self.capabilities[a] * sal, pos)
                for (a, jj), (pos, sal) in self.entries.items()
                if jj == j
            ]
            weight = sum(w for w, _ in cells)
            status = sum(w * p for w, p in cells) / weight if weight > 0 else 50.0
            status_quos.append(round(status, 6))
        return NormalisedTable(
            scenario_id=make_id(Path(self.file).stem, set(), "scenario"),
            actor_ids=actor_ids,
            issue_ids=issue_ids,
            capabilities=[round(100.0 * cap / top, 6) for cap in self.capabilities],
            status_quos=status_quos,
            entries={
                (a, j): (round(pos, 6), round(sal, 6))
                for (a, j), (pos, sal) in sorted(self.entries.items())
            },
        )

    def to_scenario(self) -> Scenario:
        from pydantic import ValidationError

        from detente.scenario.crosscheck import cross_check
        from detente.scenario.schema import Scenario

        assumption = f"imported from {Path(self.file).name}"
        table = self.normalised()
        actor_ids, issue_ids = table.actor_ids, table.issue_ids
        actors = [
            {
                "id": a,
                "name": self.labels.get(k) or name,
                "kind": self.kinds.get(k, "organisation"),
                "capability": cap,
                "assumption": assumption,
            }
            for k, (a, name, cap) in enumerate(
                zip(actor_ids, self.actor_names, table.capabilities, strict=True)
            )
        ]
        issues = [
            {
                "id": i_id,
                "name": name,
                "scale": self.scale_anchors.get(j, DEFAULT_ANCHORS),
                "status_quo": status,
            }
            for j, (i_id, name, status) in enumerate(
                zip(issue_ids, self.issue_names, table.status_quos, strict=True)
            )
        ]
        positions = [
            {
                "actor": actor_ids[a],
                "issue": issue_ids[j],
                "position": pos,
                "salience": sal,
                "assumption": assumption,
            }
            for (a, j), (pos, sal) in table.entries.items()
        ]
        data = {
            "id": table.scenario_id,
            "title": self.title or Path(self.file).stem,
            "description": (
                self.description + " Imported; capabilities rescaled to the strongest = 100; "
                "each issue's status quo is set to the capability x salience weighted mean "
                "(the file gives none); as_of is nominal."
            ).strip(),
            "as_of": self.as_of,
            "horizon": self.as_of + dt.timedelta(days=365),
            "actors": actors,
            "issues": issues,
            "positions": positions,
            "arenas": [
                {
                    "id": "group",
                    "name": "group decision (imported)",
                    "kind": "vote",
                    "members": actor_ids,
                    "rule": "majority",
                    "issues": issue_ids,
                }
            ],
        }
        try:
            scenario = Scenario.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise ImportFormatError(
                f"imported data does not make a valid scenario: {where}: {err['msg']}",
                location=Location(self.file),
                hint="check the values in the file against its format",
            ) from None
        problems = cross_check(scenario, lambda _path: Location(self.file))
        if problems:
            raise ScenarioErrors(problems)
        return scenario


def rescale(values: list[float], low: float, high: float) -> list[float]:
    """Map [low, high] onto 0-100 (all equal -> 50)."""
    if high <= low:
        return [50.0 for _ in values]
    return [100.0 * (v - low) / (high - low) for v in values]
