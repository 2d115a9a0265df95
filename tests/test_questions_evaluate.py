"""Evaluating questions on hand-built event logs, with answers computed by hand."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from hand_logs import AS_OF, NAN, NONE, hand_log

from detente.forecast import (
    QuestionSyntaxError,
    evaluate_question,
    outcome_probabilities,
    parse_question,
    settlement_summary,
    status_quo_holds,
)
from detente.process.eventlog import EventKind as K
from detente.process.eventlog import EventLog, OutcomeClass


def build_log() -> EventLog:
    """Four runs (days after 2025-12-04; day 27 = 2025-12-31, day 58 = 2026-01-31):

    run 0: rounds on days 14, 28, 42; armistice on day 42; EU blocks frozen_assets on day 20
    run 1: rounds on days 14, 28; comprehensive agreement on day 200; EU passes on day 10
    run 2: round day 14; talks abandoned day 30; EUR opens a channel day 50; resumed day 90
    run 3: nothing happens
    """
    events = [
        (0, 14, K.ROUND_HELD, 0, NONE, NONE, NAN),
        (0, 20, K.DECISION_BLOCKED, 1, 4, 1, NAN),
        (0, 28, K.ROUND_HELD, 0, NONE, NONE, NAN),
        (0, 42, K.ROUND_HELD, 0, NONE, NONE, NAN),
        (0, 42, K.TEXT_DRAFTED, 0, NONE, NONE, 2.0),
        (0, 42, K.AGREEMENT, 0, NONE, NONE, float(OutcomeClass.ARMISTICE)),
        (0, 42, K.TERMS, 0, NONE, 0, 80.0),
        (0, 42, K.TERMS, 0, NONE, 1, NAN),  # the armistice defers frozen_assets
        (1, 10, K.DECISION_PASSED, 1, NONE, 1, NAN),
        (1, 14, K.ROUND_HELD, 0, NONE, NONE, NAN),
        (1, 28, K.ROUND_HELD, 0, NONE, NONE, NAN),
        (1, 28, K.REJECTED, 0, 1, NONE, NAN),
        (1, 200, K.AGREEMENT, 0, NONE, NONE, float(OutcomeClass.COMPREHENSIVE)),
        (1, 200, K.TERMS, 0, NONE, 0, 60.0),
        (1, 200, K.TERMS, 0, NONE, 1, 40.0),
        (2, 14, K.ROUND_HELD, 0, NONE, NONE, NAN),
        (2, 30, K.ABANDONED, 0, 0, NONE, NAN),
        (2, 50, K.CHANNEL_OPENED, NONE, 3, NONE, NAN),
        (2, 90, K.RESUMED, 0, 0, NONE, NAN),
    ]
    settlement = np.array(
        [[80.0, NAN], [60.0, 40.0], [NAN, NAN], [NAN, NAN]], dtype=np.float32
    )  # run 0's armistice defers frozen_assets
    return hand_log(events, settlement)


LOG = build_log()


def probability(text: str) -> float:
    return evaluate_question(parse_question(text), LOG).probability


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # agreements: run 0 day 42 (2026-01-15), run 1 day 200 (2026-06-22)
        ("agreement(arena=peace_talks) by 2026-01-14", 0 / 4),
        ("agreement(arena=peace_talks) by 2026-01-15", 1 / 4),
        ("agreement(arena=peace_talks) by 2026-06-30", 2 / 4),
        ("agreement() by 2026-06-30", 2 / 4),
        ("agreement(arena=eu_council) by 2026-12-31", 0 / 4),
        ("agreement(kind=armistice) by 2026-12-31", 1 / 4),
        ("agreement(kind=comprehensive) by 2026-12-31", 1 / 4),
        ("agreement(kind=imposed) by 2026-12-31", 0 / 4),
        # decisions: passed in run 1 day 10, blocked in run 0 day 20
        ("decision(arena=eu_council, issue=frozen_assets, passes=true) by 2025-12-31", 1 / 4),
        ("decision(arena=eu_council, issue=frozen_assets, passes=false) by 2025-12-31", 1 / 4),
        ("decision(issue=territory) by 2026-12-31", 0 / 4),
        ("decision(passes=true) by 2025-12-13", 0 / 4),  # day 9 < 10
        # events
        ("event(kind=channel_opened, actor=EUR) by 2026-02-28", 1 / 4),
        ("event(kind=channel_opened, actor=US) by 2026-02-28", 0 / 4),
        ("event(kind=rejected, actor=RUS, arena=peace_talks) by 2026-01-01", 1 / 4),
        ("event(kind=text_drafted, value=2) by 2026-12-31", 1 / 4),
        ("event(kind=text_drafted, value=1) by 2026-12-31", 0 / 4),
        # counts of rounds by day 58: run0 3, run1 2, run2 1, run3 0
        ("count(event(kind=round_held, arena=peace_talks)) >= 3 by 2026-01-31", 1 / 4),
        ("count(event(kind=round_held)) >= 1 by 2026-01-31", 3 / 4),
        ("count(event(kind=round_held)) == 0 by 2026-01-31", 1 / 4),
        ("2 <= count(event(kind=round_held)) by 2026-01-31", 2 / 4),
        # outcomes: territory 80 (run 0, day 42), 60 (run 1, day 200)
        ("outcome(issue=territory) >= 75 and agreement(arena=peace_talks) by 2026-12-31", 1 / 4),
        ("outcome(issue=territory) >= 50 by 2026-12-31", 2 / 4),
        ("outcome(issue=territory) >= 50 by 2026-02-01", 1 / 4),  # run 1 not settled yet
        ("outcome(issue=frozen_assets) != 40 by 2026-12-31", 0 / 4),  # NaN != 40 is false
        ("not outcome(issue=territory) >= 75 by 2026-12-31", 3 / 4),
        # states: on day 60 (2026-02-02) run 0 armistice, run 2 abandoned; day 100 run 2 resumed
        ("state(class=armistice) on 2026-02-02", 1 / 4),
        ("state(class=abandoned) on 2026-02-02", 1 / 4),
        ("state(class=abandoned) on 2026-03-14", 0 / 4),
        ("state(class=fighting_while_talking) on 2026-03-14", 3 / 4),  # runs 1, 2, 3
        ("state(class=comprehensive) on 2026-12-31", 1 / 4),
        # connectives
        ("not agreement() by 2026-12-31", 2 / 4),
        ("agreement() or event(kind=channel_opened) by 2026-12-31", 3 / 4),
        ("agreement() and decision() by 2026-12-31", 1 / 4),  # run 1 only
        ("true by 2026-01-01", 1.0),
        ("false or not true by 2026-01-01", 0.0),
    ],
)
def test_probabilities_match_hand_counts(text: str, expected: float) -> None:
    assert probability(text) == pytest.approx(expected)


def test_standard_error_is_the_binomial_one() -> None:
    result = evaluate_question(parse_question("agreement() by 2026-06-30"), LOG)
    # p = 2/4, n = 4: sqrt(0.5 * 0.5 / 4) = 0.25
    assert (result.probability, result.standard_error, result.n_runs) == (0.5, 0.25, 4)


def test_resolution_date_is_used_when_the_question_has_none() -> None:
    tree = parse_question("agreement()")
    assert evaluate_question(tree, LOG, date=dt.date(2026, 1, 15)).probability == 0.25
    with pytest.raises(Exception, match="has no date"):
        evaluate_question(tree, LOG)


def test_unknown_ids_name_the_column_and_the_known_ids() -> None:
    text = "agreement(arena=peace_talks) and event(kind=accepted, actor=USA) by 2026-01-01"
    with pytest.raises(QuestionSyntaxError) as info:
        evaluate_question(parse_question(text), LOG, text=text)
    message = str(info.value)
    assert "unknown actor 'USA'" in message and "US, RUS, UKR, EUR, HUN" in message
    assert info.value.column == text.index("USA") + 1


def test_status_quo_is_the_question_on_an_empty_log() -> None:
    assert status_quo_holds(parse_question("not agreement() by 2026-06-30"), LOG)
    assert not status_quo_holds(parse_question("agreement() by 2026-06-30"), LOG)
    assert status_quo_holds(
        parse_question("state(class=fighting_while_talking) on 2026-06-30"), LOG
    )
    assert status_quo_holds(parse_question("count(event(kind=round_held)) < 3 by 2026-06-30"), LOG)


def test_large_log_is_vectorised_and_matches_a_loop() -> None:
    rng = np.random.default_rng(3)
    n = 20_000
    runs = rng.integers(0, n, size=60_000)
    days = rng.integers(0, 365, size=runs.size)
    kinds = rng.choice([int(K.ROUND_HELD), int(K.AGREEMENT)], size=runs.size, p=[0.97, 0.03])
    log = hand_log(
        [
            (int(r), int(d), int(k), 0, NONE, NONE, float(OutcomeClass.ARMISTICE))
            for r, d, k in zip(runs, days, kinds, strict=True)
        ],
        n_runs=n,
    )
    cutoff = 100
    expected_agree = len(
        {r for r, d, k in zip(runs, days, kinds, strict=True) if k == K.AGREEMENT and d <= cutoff}
    )
    date = (AS_OF + dt.timedelta(days=cutoff)).isoformat()
    assert evaluate_question(parse_question(f"agreement() by {date}"), log).probability == (
        expected_agree / n
    )
    rounds = np.bincount(runs[(kinds == K.ROUND_HELD) & (days <= cutoff)], minlength=n)
    result = evaluate_question(parse_question(f"count(event(kind=round_held)) >= 2 by {date}"), log)
    assert result.probability == np.mean(rounds >= 2)


def test_outcome_probabilities_by_date() -> None:
    dates = [dt.date(2026, 2, 2), dt.date(2026, 12, 31)]
    table = outcome_probabilities(LOG, dates)
    assert set(table) == {c.name.lower() for c in OutcomeClass}
    probs, errors = table["armistice"]
    np.testing.assert_allclose(probs, [0.25, 0.25])
    np.testing.assert_allclose(errors, [math.sqrt(0.25 * 0.75 / 4)] * 2)
    np.testing.assert_allclose(table["abandoned"][0], [0.25, 0.0])
    np.testing.assert_allclose(table["comprehensive"][0], [0.0, 0.25])
    total = sum(p for p, _ in table.values())
    np.testing.assert_allclose(total, [1.0, 1.0])


def test_settlement_summary() -> None:
    summary = settlement_summary(LOG)
    territory = summary["territory"]
    # settled values 80 and 60: mean 70; numpy linear percentiles 62, 70, 78
    assert territory.n_settled == 2 and territory.share_settled == 0.5
    assert (territory.mean, territory.p10, territory.p50, territory.p90) == pytest.approx(
        (70.0, 62.0, 70.0, 78.0)
    )
    assets = summary["frozen_assets"]
    assert assets.n_settled == 1 and assets.mean == 40.0 and assets.p90 == 40.0


def build_terms_log() -> EventLog:
    """Terms against class, worked by hand (days after 2025-12-04):

    run 0: a full text rejected on day 14; a ceasefire text IMPOSED on day 28
    run 1: a full text IMPOSED on day 14; it breaks down on day 100
    run 2: on day 14 a ceasefire text on arena 1 (no deal there) and a full text agreed
           on arena 0 (COMPREHENSIVE): the terms come from the agreement's own arena
    run 3: nothing happens
    """
    events = [
        (0, 14, K.TEXT_DRAFTED, 0, NONE, NONE, 1.0),
        (0, 14, K.REJECTED, 0, 1, NONE, NAN),
        (0, 28, K.TEXT_DRAFTED, 0, NONE, NONE, 2.0),
        (0, 28, K.AGREEMENT, 0, NONE, NONE, float(OutcomeClass.IMPOSED)),
        (1, 14, K.TEXT_DRAFTED, 0, NONE, NONE, 1.0),
        (1, 14, K.AGREEMENT, 0, NONE, NONE, float(OutcomeClass.IMPOSED)),
        (1, 100, K.BREAKDOWN, 0, NONE, NONE, float(OutcomeClass.IMPOSED)),
        (2, 14, K.TEXT_DRAFTED, 1, NONE, NONE, 2.0),
        (2, 14, K.TEXT_DRAFTED, 0, NONE, NONE, 1.0),
        (2, 14, K.AGREEMENT, 0, NONE, NONE, float(OutcomeClass.COMPREHENSIVE)),
    ]
    return hand_log(events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("state(terms=ceasefire) on 2025-12-24", 0 / 4),  # day 20: run 0 not agreed yet
        ("state(terms=ceasefire) on 2026-01-03", 1 / 4),  # day 30: run 0
        ("state(terms=comprehensive) on 2026-01-03", 2 / 4),  # runs 1 and 2
        ("state(terms=comprehensive) on 2026-04-03", 1 / 4),  # day 120: run 1 broke down
        ("state(class=imposed) on 2026-01-03", 2 / 4),  # runs 0 and 1, whatever the terms
        ("state(class=imposed) and state(terms=ceasefire) on 2026-01-03", 1 / 4),
    ],
)
def test_terms_are_those_of_the_agreement_in_force(text: str, expected: float) -> None:
    log = build_terms_log()
    assert evaluate_question(parse_question(text), log).probability == pytest.approx(expected)
