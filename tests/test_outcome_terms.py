"""``outcome(issue=I) by D`` reads the terms agreed by D, never later ones.

Found by a new analyst's Thailand-Cambodia case: the question took the day of a run's
first agreement but the text in force when the run ended, so where a ceasefire that
deferred an issue was replaced by a settlement after D, the issue read as settled by D
(0.94 where no agreement could settle it in time).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from hand_logs import AS_OF, NAN, NONE, hand_log
from process_scenarios import READY, build, settlement_both_want, with_talks

from detente.forecast import evaluate_question, parse_question
from detente.process import EventKind, OutcomeClass, compile_scenario, simulate
from detente.process.eventlog import EventKind as K


def _iso(day: int) -> str:
    return (AS_OF + dt.timedelta(days=day)).isoformat()


def _replaced_and_collapsed() -> object:
    """run 0: a ceasefire on day 14 settles territory at 50 and defers frozen_assets; a
    settlement replaces it on day 56 (territory 60, assets 70). run 1: an agreement on day
    14 (territory 40, assets 30) collapses on day 28. The text in force at the end, which
    the old reading took, is run 0's settlement and nothing for run 1."""
    events = [
        (0, 14, K.AGREEMENT, 0, NONE, NONE, float(OutcomeClass.ARMISTICE)),
        (0, 14, K.TERMS, 0, NONE, 0, 50.0),
        (0, 14, K.TERMS, 0, NONE, 1, NAN),
        (0, 56, K.AGREEMENT, 0, NONE, NONE, float(OutcomeClass.COMPREHENSIVE)),
        (0, 56, K.TERMS, 0, NONE, 0, 60.0),
        (0, 56, K.TERMS, 0, NONE, 1, 70.0),
        (1, 14, K.AGREEMENT, 0, NONE, NONE, float(OutcomeClass.COMPREHENSIVE)),
        (1, 14, K.TERMS, 0, NONE, 0, 40.0),
        (1, 14, K.TERMS, 0, NONE, 1, 30.0),
        (1, 28, K.BREAKDOWN, 0, NONE, NONE, float(OutcomeClass.COMPREHENSIVE)),
    ]
    settlement = np.array([[60.0, 70.0], [NAN, NAN]], dtype=np.float32)
    return hand_log(events, settlement, n_runs=2)


def test_terms_by_a_date_are_those_of_the_latest_agreement_reached_by_then() -> None:
    log = _replaced_and_collapsed()
    assert np.array_equal(log.terms_by(13), np.full((2, 2), np.nan), equal_nan=True)
    assert np.array_equal(log.terms_by(30), [[50.0, NAN], [40.0, 30.0]], equal_nan=True)
    assert np.array_equal(log.terms_by(56), [[60.0, 70.0], [40.0, 30.0]], equal_nan=True)


def test_a_question_never_reads_terms_agreed_after_its_date() -> None:
    log = _replaced_and_collapsed()

    def p(question: str) -> float:
        return evaluate_question(parse_question(question), log).probability

    assert p(f"outcome(issue=frozen_assets) >= 0 by {_iso(55)}") == 0.5  # run 1 only
    assert p(f"outcome(issue=frozen_assets) >= 60 by {_iso(55)}") == 0.0  # run 0: deferred
    assert p(f"outcome(issue=frozen_assets) >= 60 by {_iso(56)}") == 0.5  # run 0 settled
    assert p(f"outcome(issue=territory) == 50 by {_iso(40)}") == 0.5  # not run 0's later 60
    # agreed by the date, collapsed since: it was agreed (state(...) asks whether it holds)
    assert p(f"outcome(issue=territory) == 40 by {_iso(100)}") == 0.5


def test_a_simulated_phased_peace_settles_the_deferred_issue_only_once_it_is_agreed() -> None:
    """The test war with talks under its ceasefire: the full text cannot be tabled before
    day 84, so no run can have the deferred alliance settled by day 83, yet ceasefires come
    before and settlements replace them after. At the last day the terms agreed are the
    text in force wherever nothing broke down."""
    log = simulate(compile_scenario(build(with_talks(settlement_both_want()))), runs=800, seed=5)
    alliance = log.issue_ids.index("alliance")
    before = evaluate_question(
        parse_question(f"outcome(issue=alliance) >= 0 by {_iso(READY - 1)}"), log
    )
    assert before.probability == 0.0
    # the old reading (first agreement's day, last text) would have said yes in these runs
    old = (log.settlement_day >= 0) & (log.settlement_day <= READY - 1)
    assert np.count_nonzero(old & np.isfinite(log.settlement[:, alliance])) > 20
    last = int(log.day.max())
    broke = np.zeros(log.n_runs, dtype=bool)
    broke[log.run[log.kind == EventKind.BREAKDOWN]] = True
    assert np.array_equal(
        log.terms_by(last)[~broke], log.settlement[~broke].astype(float), equal_nan=True
    )
