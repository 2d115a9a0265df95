"""Observed events after a snapshot's as-of date, read from YAML and checked against it.

Why: what has happened since the snapshot (a round held, a text rejected, a Council
decision blocked, no agreement by a date) rules out Monte Carlo runs that contradict
it; ``forecast.conditioning`` keeps the others. This module only reads and checks the
file; each observation becomes a question-language ``event(...)`` term with a window.

File (YAML): a list of observations, or a mapping
``{as_of?: DATE, tolerance_days?: N, observations: [...]}``. One observation::

    - event: rejected          # an EventKind name, as in the question language
      arena: peace_talks       # optional filters: arena, actor, issue, value
      actor: RUS
      date: 2025-12-18         # or 'by: DATE' (from as-of) or 'from: DATE' + 'to: DATE'
      happened: true           # false: no such event in the window (needs by/from-to)
      count: 1                 # at least this many such events in the window
      tolerance_days: 14       # default: the file's, else one round of the scenario
      note: free text for people

Event names are those of ``EventKind`` in lower case (but TERMS), so a kind the process
model adds (e.g. a limited deal) can be observed as soon as the simulator logs it.
``event: agreement`` takes ``kind: any|comprehensive|armistice|imposed`` (a
ceasefire-only text is ``armistice``); ``decision_passed``/``decision_blocked`` take a
vote arena and an issue. Each observation is checked on its own: two observations may
be met by the same simulated event. ``as_of`` is the date the file reports up to (default: its
latest date); no observation may lie after it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from detente.forecast.questions import ast
from detente.forecast.questions.check import Vocabulary
from detente.forecast.questions.parser import EVENT_KINDS
from detente.process.eventlog import OutcomeClass
from detente.scenario.errors import Location, ScenarioError, ScenarioErrors
from detente.scenario.yaml_source import LocatedYaml, parse_located_yaml, read_text_file

EVENT_NAMES = EVENT_KINDS  # what a question may ask about is what a user may observe
EventName = Literal[EVENT_NAMES]  # type: ignore[valid-type]
AgreementKind = Literal["any", "comprehensive", "armistice", "imposed"]
MAX_OBSERVATIONS = 1_000  # each costs a pass over the events of its kind
EMPTY_HINT = "list observations: '- event: round_held\\n  arena: ...\\n  date: YYYY-MM-DD'"


class ObservationEntry(BaseModel):
    """One observation as written in the file (checked for shape only)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    event: EventName
    arena: str | None = None
    actor: str | None = None
    issue: str | None = None
    kind: AgreementKind | None = None
    value: float | None = None
    date: dt.date | None = None
    by: dt.date | None = None
    start: dt.date | None = Field(default=None, alias="from")
    to: dt.date | None = None
    happened: bool = True
    count: int = Field(default=1, ge=1)
    tolerance_days: int | None = Field(default=None, ge=0, le=366)
    note: str | None = None

    @model_validator(mode="after")
    def _one_window(self) -> ObservationEntry:
        given = [self.date is not None, self.by is not None, self.start or self.to]
        if sum(bool(g) for g in given) != 1:
            raise ValueError("give exactly one of 'date', 'by', or 'from' with 'to'")
        if (self.start is None) != (self.to is None):
            raise ValueError("'from' and 'to' go together")
        if self.start is not None and self.to is not None and self.to < self.start:
            raise ValueError(f"'to' ({self.to}) is before 'from' ({self.start})")
        if not self.happened and self.date is not None:
            raise ValueError(
                "an event that did not happen needs a window: 'by: DATE' or 'from:'/'to:'"
            )
        if not self.happened and self.count != 1:
            raise ValueError("'count' only applies to events that happened")
        if self.kind is not None and self.event != "agreement":
            raise ValueError("'kind' only applies to 'event: agreement'")
        return self


class ObservedFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    as_of: dt.date | None = None
    tolerance_days: int | None = Field(default=None, ge=0, le=366)
    observations: list[ObservationEntry] = Field(min_length=1, max_length=MAX_OBSERVATIONS)


@dataclass(frozen=True)
class Observation:
    """One checked observation: matching events of ``what`` in [start, end].

    ``start`` None means the snapshot's as-of date ('by: DATE').
    ``tolerance_days`` None means one round of the simulated calendar.
    """

    what: ast.Event
    start: dt.date | None
    end: dt.date
    happened: bool
    count: int
    tolerance_days: int | None
    location: Location
    note: str = ""

    def describe(self) -> str:
        window = (
            f"on {self.end}"
            if self.start == self.end
            else f"by {self.end}"
            if self.start is None
            else f"from {self.start} to {self.end}"
        )
        many = f"at least {self.count} x " if self.count > 1 else ""
        head = "" if self.happened else "no "
        return f"{head}{many}{self.what} {window}"


@dataclass(frozen=True)
class Observations:
    file: str
    as_of: dt.date  # the date the file reports up to
    items: tuple[Observation, ...]


def load_observations(path: str | Path, vocabulary: Vocabulary) -> Observations:
    """Read, validate and check an observed-events file against a scenario's ids and dates."""
    path = Path(path)
    try:
        text = read_text_file(path)
    except ScenarioError as exc:
        if exc.message != "file is empty":
            raise
        raise ScenarioError("file is empty", location=exc.location, hint=EMPTY_HINT) from None
    return parse_observations_text(text, str(path), vocabulary)


def parse_observations_text(text: str, file: str, vocabulary: Vocabulary) -> Observations:
    try:
        located = parse_located_yaml(text, file)
    except ScenarioError as exc:
        if exc.message != "file is empty":
            raise
        raise ScenarioError("file is empty", location=exc.location, hint=EMPTY_HINT) from None
    data = located.data
    prefix: tuple[str | int, ...] = ("observations",)
    if isinstance(data, list):
        data, prefix = {"observations": data}, ()
    if not isinstance(data, dict):
        raise ScenarioError(
            "an observed-events file is a list of observations",
            location=located.locate(()),
            hint=EMPTY_HINT,
        )
    try:
        model = ObservedFile.model_validate(data)
    except ValidationError as exc:
        raise ScenarioErrors(_located_errors(exc, located, prefix), scenario=False) from None
    problems: list[ScenarioError] = []
    items = []
    for index, entry in enumerate(model.observations):
        where = (*prefix, index)
        try:
            items.append(_checked(entry, where, located, vocabulary, model.tolerance_days))
        except ScenarioError as exc:
            problems.append(exc)
    latest = max(o.end for o in items) if items else None
    if model.as_of is not None and latest is not None and latest > model.as_of:
        late = next(k for k, o in enumerate(items) if o.end == latest)
        problems.append(
            ScenarioError(
                f"observation dated {latest} is after the file's as_of {model.as_of}",
                location=located.locate((*prefix, late)),
                hint="move as_of to the last date the file reports on, or drop the observation",
            )
        )
    if problems:
        raise ScenarioErrors(problems, scenario=False)
    as_of = model.as_of or latest
    assert as_of is not None  # at least one observation, each with an end date
    return Observations(file, as_of, tuple(items))


def _checked(
    entry: ObservationEntry,
    where: tuple[str | int, ...],
    located: LocatedYaml,
    vocabulary: Vocabulary,
    file_tolerance: int | None,
) -> Observation:
    for key, known in (
        ("arena", vocabulary.arena_ids),
        ("actor", vocabulary.actor_ids),
        ("issue", vocabulary.issue_ids),
    ):
        name = getattr(entry, key)
        if name is not None and name not in known:
            raise ScenarioError(
                f"unknown {key} {name!r}",
                location=located.locate((*where, key)),
                hint=_did_you_mean(name, known),
            )
    deciding = entry.event in ("decision_passed", "decision_blocked")
    votes = vocabulary.vote_arenas
    if deciding and entry.arena is not None and votes is not None and entry.arena not in votes:
        raise ScenarioError(
            f"{entry.event} needs a vote arena; {entry.arena!r} is not one",
            location=located.locate((*where, "arena")),
            hint=f"vote arenas: {', '.join(votes) or '(none)'}",
        )
    start = entry.date or entry.start
    end = entry.date or entry.by or entry.to
    assert end is not None  # the model validator requires one window
    for key, day in (("date", entry.date), ("by", entry.by), ("from", entry.start), ("to", end)):
        if day is None:
            continue
        if vocabulary.as_of is not None and day <= vocabulary.as_of and key != "from":
            raise ScenarioError(
                f"{key} {day} is not after the scenario's as-of date {vocabulary.as_of}",
                location=located.locate((*where, key)),
                hint="observations condition on what happened after the snapshot; "
                "events before it belong in the scenario itself",
            )
        if vocabulary.as_of is not None and day < vocabulary.as_of:
            raise ScenarioError(
                f"{key} {day} is before the scenario's as-of date {vocabulary.as_of}",
                location=located.locate((*where, key)),
                hint=f"start the window on or after {vocabulary.as_of}",
            )
        if vocabulary.horizon is not None and day > vocabulary.horizon:
            raise ScenarioError(
                f"{key} {day} is after the scenario's horizon {vocabulary.horizon}",
                location=located.locate((*where, key)),
                hint="the simulation does not reach it; drop the observation",
            )
    value = entry.value
    if entry.kind not in (None, "any"):
        value = float(OutcomeClass[entry.kind.upper()])
    what = ast.Event(
        kind=entry.event, arena=entry.arena, actor=entry.actor, issue=entry.issue, value=value
    )
    return Observation(
        what=what,
        start=start,
        end=end,
        happened=entry.happened,
        count=entry.count,
        tolerance_days=entry.tolerance_days if entry.tolerance_days is not None else file_tolerance,
        location=located.locate(where),
        note=entry.note or "",
    )


def _did_you_mean(name: str, known: tuple[str, ...]) -> str:
    close = get_close_matches(name, known, n=1) or get_close_matches(
        name.lower(), [k.lower() for k in known], n=1
    )
    listed = ", ".join(known) or "(none)"
    if close:
        match = next(k for k in known if k.lower() == close[0].lower())
        return f"did you mean {match!r}? known: {listed}"
    return f"use an id of the scenario; known: {listed}"


FILE_FIELDS = tuple(ObservedFile.model_fields)
_HINTS = {
    "missing": "add the field",
    "extra_forbidden": "allowed fields: "
    + ", ".join(f.alias or n for n, f in ObservationEntry.model_fields.items()),
    "literal_error": "check the spelling",
    "date_from_datetime_parsing": "write dates as YYYY-MM-DD",
    "date_parsing": "write dates as YYYY-MM-DD",
    "date_type": "write dates as YYYY-MM-DD",
    "too_short": "list at least one observation",
}


def _located_errors(
    exc: ValidationError, located: LocatedYaml, prefix: tuple[str | int, ...]
) -> list[ScenarioError]:
    """Pydantic errors as file:line:col problems (paths are mapped back into the YAML)."""
    problems = []
    # an unknown field first: it is usually the misspelling behind a missing one
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    for err in errors:
        path = tuple(p for p in err["loc"] if isinstance(p, str | int))
        if path[:1] == ("observations",) and not prefix:
            path = path[1:]
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            message = f"missing required field {path[-1]!r}"
        elif err["type"] == "extra_forbidden":
            message = f"unknown field {path[-1]!r}"
        value: Any = err.get("input")
        hint = _HINTS.get(err["type"], "")
        if err["type"] == "extra_forbidden" and len(err["loc"]) == 1:  # a top-level key
            close = get_close_matches(str(path[-1]), FILE_FIELDS, n=1)
            hint = (f"did you mean {close[0]!r}? " if close else "") + "a file's fields: "
            hint += ", ".join(FILE_FIELDS)
        if err["type"] == "literal_error" and path[-1:] == ("event",):
            message, hint = "unknown event", _did_you_mean(str(value), EVENT_NAMES)
        got = (
            ""
            if err["type"] in ("missing", "extra_forbidden") or isinstance(value, dict | list)
            else f", got {value!r}"
        )
        shown = _shown(path)
        problems.append(
            ScenarioError(
                f"{shown}: {message}{got}",
                location=located.locate(path),
                hint=hint,
            )
        )
    return problems


def _shown(path: tuple[str | int, ...]) -> str:
    """'observation 2, date' for a path like (1, 'date') or ('observations', 1, 'date')."""
    parts = list(path[1:] if path[:1] == ("observations",) and len(path) > 1 else path)
    if parts and isinstance(parts[0], int):
        head = f"observation {parts[0] + 1}"
        return ", ".join([head, *map(str, parts[1:])])
    return ".".join(str(p) for p in path) or "(top level)"
