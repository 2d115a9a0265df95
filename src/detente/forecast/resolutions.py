"""Read FORECASTS.json and RESOLUTIONS.yaml, check them against each other, and score.

RESOLUTIONS.yaml = [{id, outcome: true|false, resolved_on?: YYYY-MM-DD}]. Unknown
ids, duplicates and non-boolean outcomes are errors that name file:line:col.
Questions without a resolution are left out of the scores (and counted).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from detente.forecast.scoring import Scores, score_forecasts
from detente.scenario.errors import Location, ScenarioError, ScenarioErrors, shorten
from detente.scenario.yaml_source import parse_located_yaml, read_text_file

RESOLUTION_FIELDS = ("id", "outcome", "resolved_on")
FORECAST_FIELDS = ("id", "probability", "status_quo_holds")
MAX_FORECASTS_BYTES = 16 * 1024 * 1024  # JSON parses fast in C; thousands of questions fit


@dataclass(frozen=True)
class Resolution:
    id: str
    outcome: bool
    resolved_on: dt.date | None


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
        out.append(Resolution(rid, outcome, resolved_on))
    if problems:
        raise problems[0] if len(problems) == 1 else ScenarioErrors(problems)
    return out


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
