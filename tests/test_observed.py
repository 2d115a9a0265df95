"""Observed events: reading the file, and which runs of a hand-built log they keep."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hand_logs import ACTORS, ARENAS, AS_OF, ISSUES, NAN, NONE, hand_log

from detente.forecast.conditioning import (
    RunFilter,
    condition,
    consistent_runs,
    require_enough_runs,
)
from detente.forecast.observed import parse_observations_text
from detente.forecast.questions.check import Vocabulary
from detente.process.eventlog import EventKind as K
from detente.process.eventlog import EventLog, OutcomeClass
from detente.scenario.errors import DetenteError, ScenarioError

VOCABULARY = Vocabulary(
    ACTORS, ISSUES, ARENAS, AS_OF, vote_arenas=("eu_council",), horizon=dt.date(2026, 12, 31)
)


def build_log() -> EventLog:
    """Four runs, rounds every 14 days (day 14 = 2025-12-18, day 28 = 2026-01-01):

    run 0: round day 14, RUS rejects day 14; round day 28; armistice day 28
    run 1: round day 14; round day 28, RUS rejects; EU blocks frozen_assets day 20 (HUN)
    run 2: round day 42 only; comprehensive agreement day 42
    run 3: nothing happens
    """
    events = [
        (0, 14, K.ROUND_HELD, 0, NONE, NONE, NAN),
        (0, 14, K.REJECTED, 0, 1, NONE, NAN),
        (0, 28, K.ROUND_HELD, 0, NONE, NONE, NAN),
        (0, 28, K.AGREEMENT, 0, NONE, NONE, float(OutcomeClass.ARMISTICE)),
        (1, 14, K.ROUND_HELD, 0, NONE, NONE, NAN),
        (1, 20, K.DECISION_BLOCKED, 1, 4, 1, NAN),
        (1, 28, K.ROUND_HELD, 0, NONE, NONE, NAN),
        (1, 28, K.REJECTED, 0, 1, NONE, NAN),
        (2, 42, K.ROUND_HELD, 0, NONE, NONE, NAN),
        (2, 42, K.AGREEMENT, 0, NONE, NONE, float(OutcomeClass.COMPREHENSIVE)),
    ]
    settlement = np.array([[50.0, NAN], [NAN, NAN], [70.0, 30.0], [NAN, NAN]], dtype=np.float32)
    return hand_log(events, settlement)


def observe(text: str):
    return parse_observations_text(text, "obs.yaml", VOCABULARY)


def kept_runs(text: str) -> list[int]:
    keep, _ = consistent_runs(build_log(), observe(text))
    return np.flatnonzero(keep).tolist()


def test_select_renumbers_runs_and_keeps_their_settlements() -> None:
    log = build_log()
    part = log.select(np.array([False, True, True, False]))
    assert part.n_runs == 2
    assert part.run.tolist() == [0, 0, 0, 0, 1, 1]
    assert part.kind[part.run == 1].tolist() == [K.ROUND_HELD, K.AGREEMENT]
    assert part.settlement_day.tolist() == [-1, 42]
    assert part.settlement[1].tolist() == [70.0, 30.0]
    assert log.select(np.array([0, 2])).agreement_class().tolist() == [
        OutcomeClass.ARMISTICE,
        OutcomeClass.COMPREHENSIVE,
    ]
    with pytest.raises(ValueError):
        log.select(np.array([2, 0]))


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a round within one round (14 days) of 2025-12-20 (day 16): days 2..30
        ("- {event: round_held, arena: peace_talks, date: 2025-12-20}", [0, 1]),
        # tolerance 0: only day 16 itself, and no run has a round then
        ("- {event: round_held, date: 2025-12-20, tolerance_days: 0}", []),
        # the file-wide tolerance applies too
        ("tolerance_days: 2\nobservations:\n- {event: round_held, date: 2025-12-20}", [0, 1]),
        ("- {event: rejected, actor: RUS, date: 2025-12-18, tolerance_days: 0}", [0]),
        ("- {event: rejected, actor: RUS, date: 2025-12-18, count: 2}", []),
        ("- {event: round_held, by: 2026-01-01, count: 2, tolerance_days: 0}", [0, 1]),
        ("- {event: agreement, kind: armistice, by: 2026-01-15}", [0]),
        ("- {event: agreement, by: 2026-01-01}", [0, 2]),  # day 42 = day 28 + one round
        # did not happen: the stated window only, no tolerance
        ("- {event: agreement, by: 2026-01-01, happened: false}", [1, 2, 3]),
        ("- {event: agreement, by: 2025-12-31, happened: false}", [0, 1, 2, 3]),
        (
            "- {event: decision_blocked, arena: eu_council, issue: frozen_assets, "
            "by: 2026-01-31, happened: false}",
            [0, 2, 3],
        ),
        # together: a round around 2025-12-18 and no agreement by 2026-01-15
        (
            "- {event: round_held, date: 2025-12-18}\n"
            "- {event: agreement, by: 2026-01-15, happened: false}",
            [1],
        ),
    ],
)
def test_which_runs_are_consistent(text: str, kept: list[int]) -> None:
    assert kept_runs(text) == kept


def test_condition_returns_the_kept_runs_and_their_counts() -> None:
    text = (
        "- {event: round_held, arena: peace_talks, from: 2025-12-10, to: 2025-12-25}\n"
        "- {event: agreement, by: 2026-01-15, happened: false}\n"
    )
    kept, counts = condition(build_log(), observe(text))
    assert kept.n_runs == counts.kept == counts.effective_sample_size == 1
    assert counts.runs == 4
    assert counts.alone == (2, 2)  # rounds: runs 0, 1; no agreement: runs 1, 3
    assert counts.remaining == (2, 1)
    assert kept.kind.tolist() == [K.ROUND_HELD, K.DECISION_BLOCKED, K.ROUND_HELD, K.REJECTED]
    document = counts.to_dict()
    assert document["runs_kept"] == 1 and document["kept_share"] == 0.25
    assert document["observations"][0]["location"] == "obs.yaml:1:3"
    assert "kept 1 of 4 runs (effective sample size 1, 25.0%)" in counts.line()


def test_counts_add_up_over_chunks_like_the_whole_log() -> None:
    log = build_log()
    observations = observe("- {event: rejected, actor: RUS, date: 2025-12-25}")
    whole_keep, whole = consistent_runs(log, observations)
    first_keep, first = consistent_runs(log.select(np.array([0, 1])), observations)
    second_keep, second = consistent_runs(log.select(np.array([2, 3])), observations)
    assert np.concatenate([first_keep, second_keep]).tolist() == whole_keep.tolist()
    total = first + second
    assert (total.runs, total.kept, total.alone) == (whole.runs, whole.kept, whole.alone)
    streamed = RunFilter(observations, expected_runs=4, min_runs=1)
    streamed(log.select(np.array([0, 1])))
    streamed(log.select(np.array([2, 3])))
    assert streamed.diagnostics.kept == whole.kept == 2
    refusing = RunFilter(observations, expected_runs=4, min_runs=3)
    refusing(log.select(np.array([0, 1])))  # half the runs seen: no verdict yet
    with pytest.raises(DetenteError, match="2 of 4 runs"):
        refusing(log.select(np.array([2, 3])))


def test_collapse_is_refused_naming_the_observation_and_a_fix() -> None:
    observations = observe(
        "- {event: round_held, date: 2025-12-18}\n"
        "- {event: agreement, kind: imposed, by: 2026-01-20}\n"
    )
    _, counts = condition(build_log(), observations)
    assert counts.kept == 0
    with pytest.raises(DetenteError) as caught:
        require_enough_runs(counts, min_runs=1, min_share=0.01)
    message = caught.value.one_line()
    assert "0 of 4 runs" in message
    assert "obs.yaml:2:3" in message and "0.0% of runs by itself" in message
    assert "contradicts the model" in message
    # enough of a share but too few runs: the fix is more runs
    _, counts = condition(build_log(), observe("- {event: round_held, date: 2025-12-18}"))
    with pytest.raises(DetenteError, match=r"--runs 1000"):
        require_enough_runs(counts, min_runs=200, min_share=0.01)
    require_enough_runs(counts, min_runs=2, min_share=0.5)  # 2 of 4: enough


def test_joint_collapse_says_the_observations_do_not_fit_together() -> None:
    observations = observe(
        "- {event: round_held, date: 2025-12-18, tolerance_days: 0}\n"
        "- {event: round_held, by: 2026-01-14, happened: false}\n"
    )
    _, counts = condition(build_log(), observations)
    assert counts.alone == (2, 2) and counts.kept == 0
    with pytest.raises(DetenteError) as caught:
        require_enough_runs(counts, min_runs=1, min_share=0.01)
    # neither is unlikely alone (2 of 4 runs each): the second one emptied the sample
    assert "obs.yaml:2:3" in caught.value.one_line()
    assert "with the observations before it leaves 0" in caught.value.one_line()


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("- {event: round_held, arena: peace_talk, date: 2025-12-20}", ":1:30", "peace_talks"),
        ("- event: rejected\n  actor: RUSS\n  date: 2025-12-20\n", ":2:10", "did you mean 'RUS'"),
        ("- {event: round_held, date: 2025-11-20}", ":1:29", "not after the scenario's as-of"),
        ("- {event: round_held, from: 2025-12-01, to: 2025-12-09}", ":1:29", "before the"),
        ("- {event: round_held, date: 2027-01-20}", ":1:29", "after the scenario's horizon"),
        ("- {event: round_hold, date: 2025-12-20}", ":1:11", "did you mean 'round_held'"),
        ("- {event: round_held, dat: 2025-12-20}", ":1:28", "unknown field 'dat'"),
        ("- {event: round_held, date: [2025-12-20}", ":1:", "malformed YAML"),
        ("- {event: round_held}", ":1:3", "exactly one of 'date', 'by'"),
        ("- {event: agreement, date: 2025-12-20, happened: false}", ":1:3", "needs a window"),
        ("- {event: round_held, date: 2025-12-20, kind: armistice}", ":1:3", "'kind' only"),
        ("- {event: decision_passed, arena: peace_talks, by: 2026-01-05}", ":1:35", "vote arena"),
        ("- {event: round_held, from: 2026-01-05, to: 2025-12-20}", ":1:3", "before 'from'"),
        (
            "as_of: 2025-12-10\nobservations: [{event: round_held, date: 2025-12-20}]",
            ":2:",
            "as_of",
        ),
        ("observations: []", ":1:15", "at least 1 item"),
        ("# only a comment\n", "", "file is empty"),
        ("42", ":1:1", "a list of observations"),
    ],
)
def test_bad_files_give_one_located_line(text: str, where: str, words: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        observe(text)
    line = caught.value.one_line()
    assert line.startswith(f"obs.yaml{where}"), line
    assert words in line
    assert "\n" not in line


def test_file_as_of_defaults_to_the_latest_date() -> None:
    observations = observe(
        "- {event: round_held, date: 2025-12-20}\n"
        "- {event: agreement, by: 2026-02-01, happened: false}\n"
    )
    assert observations.as_of == dt.date(2026, 2, 1)
    assert observations.items[1].describe() == "no event(kind=agreement) by 2026-02-01"
    assert observations.items[1].start is None


def test_a_misspelt_top_field_heads_the_line_and_the_other_problems_are_placed() -> None:
    """'detente validate' reads scenarios only, so the line must not send the user there:
    it names the misspelling with the field meant, and where the other problems are."""
    with pytest.raises(ScenarioError) as caught:
        observe(
            "observed:\n"
            "  - {event: round_held, arena: peace_talks, date: 2025-12-20}\n"
            "as_off: 2026-01-01\n"
        )
    line = caught.value.one_line()
    assert "unknown field 'observed'" in line and "did you mean 'observations'" in line
    assert "validate" not in line
    assert line.endswith("more problem(s): obs.yaml:3:9, obs.yaml:1:1]"), line
