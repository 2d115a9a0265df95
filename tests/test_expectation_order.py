"""An expectation may say that one thing comes before another (``before:``).

Found by a new analyst's Thailand-Cambodia case: "a ceasefire comes before a full
settlement" could only be written as two probabilities by one date, and read contradicted
(95.2% vs 99.5%) where the ceasefire came first in about 95% of runs.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
import yaml
from hand_logs import AS_OF, NAN, NONE, hand_log
from process_scenarios import build, settlement_both_want, with_talks
from typer.testing import CliRunner

from detente.analysis.expectations import check_expectation
from detente.analysis.forecast_summary import forecast_summary
from detente.cli.main import app
from detente.forecast import parse_question
from detente.forecast.evaluate import first_day_holding
from detente.process import OutcomeClass
from detente.process.eventlog import EventKind as K
from detente.scenario.errors import DetenteError
from detente.scenario.structure import Expectation

ARMISTICE = float(OutcomeClass.ARMISTICE)
COMPREHENSIVE = float(OutcomeClass.COMPREHENSIVE)
BY = (AS_OF + dt.timedelta(days=100)).isoformat()
CEASEFIRE = f"agreement(kind=armistice) by {BY}"
SETTLEMENT = f"agreement(kind=comprehensive) by {BY}"


def _agreement(run: int, day: int, klass: float) -> tuple:
    return (run, day, K.AGREEMENT, 0, NONE, NONE, klass)


def _ceasefire_against_settlement(**test: str) -> Expectation:
    """An expectation on the ceasefire question, with ``test`` (than=, before=) the
    settlement question."""
    return Expectation(
        id="ceasefire_first",
        statement="A ceasefire comes first",
        question=CEASEFIRE,
        assumption="test",
        **test,
    )


def _five_runs() -> object:
    """run 0: ceasefire day 14, settlement day 56 (ceasefire first); run 1: settlement day
    14 only (settlement first); run 2: both on day 28 (neither first); run 3: nothing;
    run 4: a ceasefire on day 140, after the questions' date (nothing by then)."""
    events = [
        _agreement(0, 14, ARMISTICE),
        _agreement(0, 56, COMPREHENSIVE),
        _agreement(1, 14, COMPREHENSIVE),
        _agreement(2, 28, ARMISTICE),
        _agreement(2, 28, COMPREHENSIVE),
        _agreement(4, 140, ARMISTICE),
    ]
    return hand_log(events, np.full((5, 2), NAN, dtype=np.float32), n_runs=5)


def test_the_first_day_a_question_holds_is_read_from_the_log() -> None:
    log = _five_runs()
    first = first_day_holding(parse_question(CEASEFIRE), log)
    assert first[:3].tolist() == [14.0, math.inf, 28.0]
    assert np.isinf(first[3]) and np.isinf(first[4])  # never; and not by the date
    second = first_day_holding(parse_question(SETTLEMENT), log)
    assert second.tolist()[:3] == [56.0, 14.0, 28.0]


def test_an_order_is_judged_on_which_comes_first_in_each_run() -> None:
    """Ceasefire first in run 0 only, settlement first in run 1 only: 1/5 against 1/5,
    unclear; with run 1 gone the same question holds."""
    order = _ceasefire_against_settlement(before=SETTLEMENT)
    check = check_expectation(order, _five_runs())
    assert (check.probability, check.rival) == (0.2, 0.2)
    assert check.verdict == "unclear"
    # 'first' and 'other first' exclude each other: the multinomial SE of the gap
    assert check.standard_error == pytest.approx(math.sqrt((0.2 + 0.2 - 0.0) / 5))
    assert "first in 0.200 of runs vs 0.200 where the other comes first" in check.describe()
    many = hand_log(
        [_agreement(r, 14, ARMISTICE) for r in range(30)]
        + [_agreement(r, 70, COMPREHENSIVE) for r in range(40)],
        np.full((40, 2), NAN, dtype=np.float32),
        n_runs=40,
    )
    check = check_expectation(order, many)
    # 30 runs ceasefire first; 10 runs a settlement alone: 0.75 against 0.25
    assert (check.probability, check.rival, check.verdict) == (0.75, 0.25, "holds")


def test_an_expectation_names_exactly_one_test() -> None:
    with pytest.raises(ValueError, match="give one test"):
        _ceasefire_against_settlement(than=SETTLEMENT, before=SETTLEMENT)
    with pytest.raises(ValueError, match="give one test"):
        _ceasefire_against_settlement()


def _phased_war_with(*expectations: dict) -> dict:
    """The phased test war (a ceasefire at once, talks under it, the full text after 84
    days, a settlement both sides want) without the lever that imposes a text."""
    data = with_talks(settlement_both_want())
    data["arenas"][0]["leverage"] = []
    data["expectations"] = [{**e, "assumption": "test"} for e in expectations]
    return data


def test_a_phased_war_has_its_ceasefire_first_where_two_dates_could_not_say_so() -> None:
    """In the phased test war the full text waits 84 days, so ceasefires come first and
    settlements replace them later: by the horizon both have happened in nearly every run,
    so 'a ceasefire by then' against 'a settlement by then' cannot tell the order. The
    order itself holds."""
    horizon = "2026-12-31"
    ceasefire = f"agreement(kind=armistice) by {horizon}"
    settlement = f"agreement(kind=comprehensive) by {horizon}"
    statement = "A ceasefire comes before a settlement"
    data = _phased_war_with(
        {"id": "ordered", "statement": statement, "question": ceasefire, "before": settlement},
        {"id": "two_dates", "statement": statement, "question": ceasefire, "than": settlement},
    )
    summary = forecast_summary(build(data), runs=2000, seed=4)
    ordered, two_dates = summary.expectations
    assert ordered["verdict"] == "holds"
    assert ordered["probability"] > 0.9 > 0.1 > ordered["rival"]
    assert two_dates["verdict"] != "holds"
    assert two_dates["probability"] > 0.9 and two_dates["rival"] > 0.9


def test_validate_names_an_unknown_id_in_the_before_question(tmp_path) -> None:
    data = _phased_war_with(
        {
            "id": "ceasefire_first",
            "statement": "A ceasefire comes before a settlement",
            "question": "agreement(kind=armistice) by 2026-12-31",
            "before": "agreement(arena=nowhere) by 2026-12-31",
        }
    )
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    out = CliRunner().invoke(app, ["validate", str(path)])
    assert out.exit_code == 2
    assert "expectation 'ceasefire_first': before, column" in out.stderr
    with pytest.raises(DetenteError, match="before"):
        build(data)


def test_a_comparison_of_two_questions_on_the_same_runs_gets_the_paired_se() -> None:
    """'than' reads both questions on the same five runs: the ceasefire by the date in
    runs 0 and 2, the settlement in 0, 1 and 2. The gap differs from 0 in run 1 alone, so
    its SE is sqrt((0.4 + 0.6 - 2 x 0.4 - 0.2^2) / 5) = sqrt(0.16 / 5), not the
    independent sqrt(2 x 0.24 / 5)."""
    check = check_expectation(_ceasefire_against_settlement(than=SETTLEMENT), _five_runs())
    assert (check.probability, check.rival) == (0.4, 0.6)
    assert check.standard_error == pytest.approx(math.sqrt(0.16 / 5))
