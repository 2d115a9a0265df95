"""Read FORECASTS.json and RESOLUTIONS.yaml, check them against each other, and score.

RESOLUTIONS.yaml = [{id, outcome: true|false, resolved_on?: YYYY-MM-DD, evidence?}]. Unknown
ids, duplicates and non-boolean outcomes are errors that name file:line:col.
Questions without a resolution are left out of the scores (and counted).
``evidence`` is a list of pointers {file, start, end, sha256, claim} into the documents
that say how the question resolved: a resolution is a claim about the world, so it cites
its source as a scenario's numbers do (offsets and a hash, never the text);
``verify_evidence`` checks them against a folder of documents.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import Field, ValidationError, model_validator

from detente.forecast.scoring import Scores, score_forecasts
from detente.scenario.base import Strict
from detente.scenario.errors import DetenteError, Location, ScenarioError, ScenarioErrors, shorten
from detente.scenario.text import span_sha256
from detente.scenario.yaml_source import parse_located_yaml, read_text_file

RESOLUTION_FIELDS = ("id", "outcome", "resolved_on", "evidence")
FORECAST_FIELDS = ("id", "probability", "status_quo_holds")
MAX_FORECASTS_BYTES = 16 * 1024 * 1024  # JSON parses fast in C; thousands of questions fit


class ResolutionEvidence(Strict):
    """A span of a document (by file name) that says how a question resolved."""

    # a file name inside the --sources folder, never a path out of it
    file: str = Field(max_length=255, pattern=r"^[^/\\\x00]*[^/\\\x00.][^/\\\x00]*$")
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    claim: str = Field(min_length=3, description="your own paraphrase of what the span says")

    @model_validator(mode="after")
    def _span_order(self) -> ResolutionEvidence:
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be greater than start ({self.start})")
        return self


@dataclass(frozen=True)
class Resolution:
    id: str
    outcome: bool
    resolved_on: dt.date | None
    evidence: tuple[ResolutionEvidence, ...] = ()


def load_forecasts(path: str | Path) -> dict:
    """FORECASTS.json as written by ``detente ask --json``, checked field by field."""
    path = Path(path)
    text = read_text_file(path, limit=MAX_FORECASTS_BYTES, what="FORECASTS.json file")
    try:
        data = json.loads(text)
    except RecursionError:
        raise ScenarioError(
            "JSON nested too deeply",
            location=Location(str(path)),
            hint="write it with 'detente ask ... --json > FORECASTS.json'",
        ) from None
    except json.JSONDecodeError as exc:
        raise ScenarioError(
            f"malformed JSON: {exc.msg}",
            location=Location(str(path), exc.lineno, exc.colno),
            hint="write it with 'detente ask ... --json > FORECASTS.json'",
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("forecasts"), list):
        raise ScenarioError(
            "expected an object with a 'forecasts' list",
            location=Location(str(path)),
            hint="write it with 'detente ask ... --json > FORECASTS.json'",
        )
    seen = set()
    for index, item in enumerate(data["forecasts"]):
        place = Location(f"{path} (forecasts[{index}])")
        if not isinstance(item, dict) or any(key not in item for key in FORECAST_FIELDS):
            raise ScenarioError(
                f"each forecast needs {', '.join(FORECAST_FIELDS)}",
                location=place,
                hint="write it with 'detente ask ... --json > FORECASTS.json'",
            )
        if not isinstance(item["id"], str):
            raise ScenarioError(
                f"id must be text, got {type(item['id']).__name__}",
                location=place,
                hint="write ids as strings, as 'detente ask --json' does",
            )
        p = item["probability"]
        if isinstance(p, bool) or not isinstance(p, int | float) or not 0 <= p <= 1:
            raise ScenarioError(
                f"probability must be in [0, 1], got {shorten(repr(p))}",
                location=place,
                hint="give a number from 0 to 1",
            )
        if not isinstance(item["status_quo_holds"], bool):
            raise ScenarioError(
                "status_quo_holds must be true or false",
                location=place,
                hint="write true or false",
            )
        if item["id"] in seen:
            raise ScenarioError(
                f"duplicate forecast id {shorten(repr(item['id']))}",
                location=place,
                hint="keep one forecast per id",
            )
        seen.add(item["id"])
    return data


def load_resolutions(path: str | Path, known_ids: set[str]) -> list[Resolution]:
    path = Path(path)
    located = parse_located_yaml(read_text_file(path), str(path))
    items = located.data
    if not isinstance(items, list):
        raise ScenarioError(
            "a resolutions file is a list of {id, outcome: true|false, resolved_on?}",
            location=located.locate(()),
            hint="write '- id: q1\\n  outcome: true'",
        )
    problems: list[ScenarioError] = []
    out: list[Resolution] = []
    first_seen: dict[str, Location] = {}
    for index, item in enumerate(items):
        where = located.locate((index,))
        if not isinstance(item, dict):
            problems.append(
                ScenarioError(
                    "each resolution is a mapping",
                    location=where,
                    hint="write '- id: q1\\n  outcome: true'",
                )
            )
            continue
        unknown = [key for key in item if key not in RESOLUTION_FIELDS]
        if unknown:
            problems.append(
                ScenarioError(
                    f"unknown field {unknown[0]!r}",
                    location=located.locate((index, unknown[0])),
                    hint=f"allowed: {', '.join(RESOLUTION_FIELDS)}",
                )
            )
            continue
        rid, outcome, resolved_on = item.get("id"), item.get("outcome"), item.get("resolved_on")
        if not isinstance(rid, str):
            problems.append(
                ScenarioError(
                    "missing or non-text 'id'", location=where, hint="add 'id: QUESTION_ID'"
                )
            )
            continue
        if rid not in known_ids:
            problems.append(
                ScenarioError(
                    f"unknown question id {shorten(repr(rid))}",
                    location=located.locate((index, "id")),
                    hint=f"ids in the forecasts: {', '.join(sorted(known_ids)[:20])}",
                )
            )
            continue
        if rid in first_seen:
            problems.append(
                ScenarioError(
                    f"duplicate resolution of {rid!r} (first at {first_seen[rid]})",
                    location=located.locate((index, "id")),
                    hint="keep one",
                )
            )
            continue
        first_seen[rid] = located.locate((index, "id"))
        if not isinstance(outcome, bool):
            problems.append(
                ScenarioError(
                    f"outcome must be true or false, got {shorten(repr(outcome))}",
                    location=located.locate((index, "outcome")),
                    hint="write 'outcome: true' or 'outcome: false'",
                )
            )
            continue
        if resolved_on is not None and not (
            isinstance(resolved_on, dt.date) and not isinstance(resolved_on, dt.datetime)
        ):
            problems.append(
                ScenarioError(
                    f"resolved_on must be a date, got {shorten(repr(resolved_on))}",
                    location=located.locate((index, "resolved_on")),
                    hint="write YYYY-MM-DD",
                )
            )
            continue
        try:
            evidence = _evidence(item.get("evidence", []), located, index)
        except ScenarioError as exc:
            problems.append(exc)
            continue
        out.append(Resolution(rid, outcome, resolved_on, evidence))
    if problems:
        raise problems[0] if len(problems) == 1 else ScenarioErrors(problems, scenario=False)
    return out


EVIDENCE_HINT = "write '- {file: NAME.txt, start: 0, end: 40, sha256: HEX, claim: TEXT}'"


def _evidence(raw: object, located, index: int) -> tuple[ResolutionEvidence, ...]:
    """A resolution's evidence pointers, each checked; the first problem names its place."""
    if not isinstance(raw, list):
        raise ScenarioError(
            "evidence must be a list of pointers",
            location=located.locate((index, "evidence")),
            hint=EVIDENCE_HINT,
        )
    pointers = []
    for k, entry in enumerate(raw):
        try:
            pointers.append(ResolutionEvidence.model_validate(entry))
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            field = next((p for p in err["loc"] if isinstance(p, str)), None)
            where: tuple[str | int, ...] = (index, "evidence", k)
            if isinstance(entry, dict) and field in entry:
                where = (*where, field)
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "missing":
                message = "missing required field"
            elif err["type"] == "extra_forbidden":
                message = "unknown field"
            raise ScenarioError(
                f"evidence[{k}]{'.' + shorten(field) if field else ''}: {message}",
                location=located.locate(where),
                hint=EVIDENCE_HINT,
            ) from None
    return tuple(pointers)


def verify_evidence(resolutions: list[Resolution], folder: Path) -> tuple[int, list[str]]:
    """(pointers whose span still hashes as recorded, problems) against ``folder``.

    A missing or edited document does not change the scores: it means the resolution can
    no longer be checked, which the reader should be told, pointer by pointer."""
    from detente.scenario.pointers import read_document

    texts: dict[str, str | None] = {}
    verified, problems = 0, []
    for resolution in resolutions:
        for pointer in resolution.evidence:
            if pointer.file not in texts:
                path = folder / pointer.file
                try:
                    texts[pointer.file] = read_document(path) if path.is_file() else None
                except DetenteError:
                    texts[pointer.file] = None
            text = texts[pointer.file]
            place = f"{resolution.id}: {pointer.file}:{pointer.start}-{pointer.end}"
            if text is None:
                problems.append(f"{place}: document not found (or unreadable) in {folder}")
            elif pointer.end > len(text):
                problems.append(f"{place}: past the document's end ({len(text)} characters)")
            elif span_sha256(text, pointer.start, pointer.end) != pointer.sha256:
                problems.append(f"{place}: the span's text changed (sha256 differs)")
            else:
                verified += 1
    return verified, problems


@dataclass(frozen=True)
class ScoreReport:
    n_forecasts: int
    n_resolved: int
    model: Scores
    half: Scores  # 0.5 for everything
    status_quo: Scores  # 1 where the question holds with no change, else 0


def score_report(forecasts: dict, resolutions: list[Resolution], bins: int = 10) -> ScoreReport:
    by_id = {item["id"]: item for item in forecasts["forecasts"]}
    resolved = [r for r in resolutions if r.id in by_id]
    p = np.array([float(by_id[r.id]["probability"]) for r in resolved], dtype=np.float64)
    y = np.array([1.0 if r.outcome else 0.0 for r in resolved], dtype=np.float64)
    quo = np.array([1.0 if by_id[r.id]["status_quo_holds"] else 0.0 for r in resolved])
    return ScoreReport(
        n_forecasts=len(by_id),
        n_resolved=len(resolved),
        model=score_forecasts(p, y, bins),
        half=score_forecasts(np.full(p.shape, 0.5), y, bins),
        status_quo=score_forecasts(quo.astype(np.float64), y, bins),
    )


def finite_or_none(value: float) -> float | None:
    return None if math.isnan(value) else value
