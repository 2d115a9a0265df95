"""Brier, log score and calibration against hand computations; resolutions files."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from detente.forecast.resolutions import load_forecasts, load_resolutions, score_report
from detente.forecast.scoring import brier_score, calibration_table, log_score, score_forecasts
from detente.scenario.errors import ScenarioError


def test_brier_by_hand() -> None:
    # ((0.8 - 1)^2 + (0.3 - 0)^2) / 2 = (0.04 + 0.09) / 2 = 0.065
    assert brier_score(np.array([0.8, 0.3]), np.array([1, 0])) == pytest.approx(0.065)
    assert brier_score(np.array([0.5, 0.5, 0.5]), np.array([1, 0, 1])) == pytest.approx(0.25)


def test_log_score_by_hand() -> None:
    # (ln 0.8 + ln 0.7) / 2 = (-0.22314 - 0.35667) / 2 = -0.289909
    assert log_score(np.array([0.8, 0.3]), np.array([1, 0])) == pytest.approx(-0.2899092)


def test_log_score_clips_certain_misses() -> None:
    # p = 1 for an event that did not happen: ln(1e-6) = -13.8155
    assert log_score(np.array([1.0]), np.array([0])) == pytest.approx(math.log(1e-6))
    assert log_score(np.array([1.0]), np.array([1])) == pytest.approx(math.log(1 - 1e-6))


def test_calibration_table_by_hand() -> None:
    p = np.array([0.05, 0.15, 0.12, 0.95, 1.0, 0.5])
    y = np.array([0, 1, 0, 1, 1, 0])
    table = calibration_table(p, y, bins=10)
    assert [(b.lower, b.count) for b in table] == [(0.0, 1), (0.1, 2), (0.5, 1), (0.9, 2)]
    second = table[1]  # 0.15 and 0.12: mean 0.135, one of two happened
    assert second.mean_forecast == pytest.approx(0.135)
    assert second.observed_frequency == 0.5
    assert table[3].mean_forecast == pytest.approx(0.975)  # 1.0 falls in the last bin


def test_invalid_inputs_are_refused() -> None:
    with pytest.raises(ValueError):
        brier_score(np.array([1.2]), np.array([1]))
    with pytest.raises(ValueError):
        brier_score(np.array([0.2]), np.array([2]))
    with pytest.raises(ValueError):
        brier_score(np.array([0.2, 0.1]), np.array([1]))


def write_forecasts(tmp_path: Path) -> Path:
    path = tmp_path / "FORECASTS.json"
    forecasts = [
        {"id": "q1", "probability": 0.8, "status_quo_holds": False},
        {"id": "q2", "probability": 0.3, "status_quo_holds": True},
        {"id": "q3", "probability": 0.6, "status_quo_holds": False},
    ]
    path.write_text(json.dumps({"scenario": "s", "forecasts": forecasts}))
    return path


def test_score_report_with_baselines(tmp_path: Path) -> None:
    forecasts = load_forecasts(write_forecasts(tmp_path))
    resolutions_file = tmp_path / "RESOLUTIONS.yaml"
    resolutions_file.write_text(
        "- id: q1\n  outcome: true\n  resolved_on: 2026-06-30\n- id: q2\n  outcome: false\n"
    )
    resolutions = load_resolutions(resolutions_file, {"q1", "q2", "q3"})
    report = score_report(forecasts, resolutions)
    assert (report.n_forecasts, report.n_resolved) == (3, 2)
    assert report.model.brier == pytest.approx(0.065)
    assert report.half.brier == pytest.approx(0.25)
    assert report.half.log == pytest.approx(math.log(0.5))
    # no change says 0 for q1 (happened) and 1 for q2 (did not): both wrong, Brier 1
    assert report.status_quo.brier == pytest.approx(1.0)
    assert report.status_quo.log == pytest.approx(math.log(1e-6))


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("- id: q1\n  outcome: true\n- id: q9\n  outcome: true\n", ":3:7", "unknown question id"),
        ("- id: q1\n  outcome: true\n- id: q1\n  outcome: false\n", ":3:7", "duplicate"),
        ("- id: q1\n  outcome: 1\n", ":2:12", "true or false"),
        ("- id: q1\n  outcome: 'yes'\n", ":2:12", "true or false"),
        ("- id: q1\n  outcome: true\n  note: x\n", ":3:9", "unknown field"),
        ("- id: q1\n  outcome: true\n  resolved_on: soon\n", ":3:16", "must be a date"),
        ("id: q1\n", ":1:1", "a list"),
        ("- id: q1\n  outcome: true\n  evidence: x\n", ":3:13", "a list of pointers"),
    ],
)
def test_resolution_errors_are_located(tmp_path: Path, text: str, where: str, words: str) -> None:
    path = tmp_path / "RESOLUTIONS.yaml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as info:
        load_resolutions(path, {"q1", "q2"})
    assert f"{path}{where}" in str(info.value)
    assert words in str(info.value)


def test_score_forecasts_bundle() -> None:
    scores = score_forecasts(np.array([0.8, 0.3]), np.array([1, 0]), bins=2)
    assert scores.n == 2 and scores.brier == pytest.approx(0.065)
    assert [b.count for b in scores.calibration] == [1, 1]


POINTER = (
    "{file: doc.txt, start: 4, end: 9, "
    "sha256: " + "ab" * 32 + ", claim: the talks stalled}"  # the hash is set per test
)


def _resolutions_with_evidence(tmp_path: Path, pointer: str) -> Path:
    path = tmp_path / "RESOLUTIONS.yaml"
    path.write_text(f"- id: q1\n  outcome: false\n  evidence:\n    - {pointer}\n")
    return path


def test_resolution_evidence_is_checked_against_the_document(tmp_path: Path) -> None:
    from detente.forecast.resolutions import verify_evidence
    from detente.scenario.text import span_sha256

    text = "The talks stalled in June.\n"
    (tmp_path / "doc.txt").write_text(text)
    good = POINTER.replace("ab" * 32, span_sha256(text, 4, 9))
    resolutions = load_resolutions(_resolutions_with_evidence(tmp_path, good), {"q1"})
    assert resolutions[0].evidence[0].claim == "the talks stalled"
    assert verify_evidence(resolutions, tmp_path) == (1, [])
    # the document edited after the resolution was written: said, pointer by pointer
    (tmp_path / "doc.txt").write_text("The war stalled in June.\n")
    verified, problems = verify_evidence(resolutions, tmp_path)
    assert verified == 0 and "q1: doc.txt:4-9: the span's text changed" in problems[0]
    verified, problems = verify_evidence(resolutions, tmp_path / "nowhere")
    assert verified == 0 and "document not found" in problems[0]


@pytest.mark.parametrize(
    ("pointer", "at", "words"),
    [
        (POINTER.replace("end: 9", "end: 2"), "{", "must be greater than start"),
        (POINTER.replace("start: 4, ", ""), "{", "evidence[0].start: missing required"),
        (POINTER.replace("ab" * 32, "abc"), "abc", "evidence[0].sha256: String should match"),
        (POINTER.replace("claim:", "source: x, claim:"), "x,", "evidence[0].source: unknown"),
        ("not a pointer", "not", "evidence[0]: Input should be a valid dictionary"),
        (POINTER.replace("doc.txt", "../etc/passwd"), "../", "evidence[0].file: String should"),
    ],
)
def test_resolution_evidence_errors_are_located(
    tmp_path: Path, pointer: str, at: str, words: str
) -> None:
    """The error names the line and the column of the pointer, or of its bad value."""
    path = _resolutions_with_evidence(tmp_path, pointer)
    with pytest.raises(ScenarioError) as info:
        load_resolutions(path, {"q1"})
    column = path.read_text().splitlines()[3].index(at) + 1
    assert f"{path}:4:{column}:" in str(info.value) and words in str(info.value)
    assert "(fix: write '- {file: NAME.txt" in str(info.value)


def test_builtin_resolutions_cite_a_later_source_that_says_so(seeds_dir: Path) -> None:
    """The shipped resolutions of ukraine-2025-12 name questions of its default set,
    resolve none before its date, and every span verifies in the seed published later."""
    import csv
    import datetime as dt
    from importlib import resources

    from detente.forecast.question_file import builtin_questions_path, load_questions
    from detente.forecast.resolutions import verify_evidence
    from detente.scenario import load_scenario
    from detente.scenario.loader import BUILTIN_PACKAGE

    path = Path(str(resources.files(BUILTIN_PACKAGE) / "ukraine-2025-12.resolutions.yaml"))
    questions = {q.id: q for q in load_questions(builtin_questions_path("ukraine-2025-12"))}
    resolutions = load_resolutions(path, set(questions))
    assert resolutions and all(r.evidence for r in resolutions)
    assert verify_evidence(resolutions, seeds_dir) == (
        sum(len(r.evidence) for r in resolutions),
        [],
    )
    published = {
        row["file"]: dt.date.fromisoformat(row["published"])
        for row in csv.DictReader((seeds_dir / "INDEX.csv").open(encoding="utf-8"))
    }
    as_of = load_scenario("ukraine-2025-12").as_of
    for resolution in resolutions:
        for pointer in resolution.evidence:
            # a source after the snapshot, and on or before the day the resolution is dated
            assert as_of < published[pointer.file] <= resolution.resolved_on
        # "did not happen by D" can only be known on or after D
        assert resolution.resolved_on >= questions[resolution.id].resolution_date


def test_score_command_checks_the_evidence_of_the_builtin_resolutions(
    tmp_path: Path, seeds_dir: Path
) -> None:
    """`detente score --sources` verifies every pointer and scores as by hand."""
    from importlib import resources

    from typer.testing import CliRunner

    from detente.cli.main import app
    from detente.scenario.loader import BUILTIN_PACKAGE

    resolutions = resources.files(BUILTIN_PACKAGE) / "ukraine-2025-12.resolutions.yaml"
    forecasts = tmp_path / "FORECASTS.json"
    items = [("deal_3m", 0.1), ("deal_6m", 0.2), ("deal_12m", 0.3)]
    forecasts.write_text(
        json.dumps(
            {
                "scenario": "ukraine-2025-12",
                "forecasts": [
                    {"id": i, "probability": p, "status_quo_holds": False} for i, p in items
                ],
            }
        )
    )
    args = ["score", str(forecasts), str(resolutions), "--sources", str(seeds_dir)]
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["n_resolved"] == 2  # the 12-month question is not resolved
    assert scores["model"]["brier"] == pytest.approx((0.1**2 + 0.2**2) / 2)
    assert scores["evidence"] == {
        "pointers": 4,
        "checked_in": str(seeds_dir),
        "verified": 4,
        "problems": [],
    }
    human = CliRunner().invoke(app, args)
    assert f"evidence: 4 of 4 pointers verified in {seeds_dir}" in human.stdout.replace("\n", "")
