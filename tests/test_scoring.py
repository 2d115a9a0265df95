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
