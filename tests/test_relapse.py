"""What follows a breakdown (``analysis.relapse``): counted on a log written by hand, and
read on a stationary war where the answer follows from the model's rules."""

from __future__ import annotations

from hand_logs import NAN, NONE, hand_log
from process_scenarios import build, ripening_war, with_dynamics

from detente.analysis.relapse import relapses
from detente.process import EventKind, compile_scenario, simulate

AGREE, BROKE, TERMS = EventKind.AGREEMENT, EventKind.BREAKDOWN, EventKind.TERMS


def _deal(run: int, day: int, territory: float, assets: float) -> list[tuple]:
    """An agreement and its terms on the hand log's two issues (NaN: deferred)."""
    return [
        (run, day, AGREE, 0, NONE, NONE, 1.0),
        (run, day, TERMS, 0, NONE, 0, territory),
        (run, day, TERMS, 0, NONE, 1, assets),
    ]


def test_each_breakdown_is_paired_with_the_deal_it_ended_and_the_next_by_the_horizon() -> None:
    events = [
        *_deal(0, 14, 50.0, NAN),
        (0, 42, BROKE, 0, NONE, NONE, 2.0),
        *_deal(0, 70, 51.5, NAN),  # 28 days on, within 2 points, the same issue deferred
        *_deal(1, 14, 40.0, 30.0),
        (1, 28, BROKE, 0, NONE, NONE, 1.0),
        *_deal(1, 84, 40.0, NAN),  # 56 days on; settled assets now deferred: not the same
        *_deal(2, 14, 60.0, 60.0),
        (2, 100, BROKE, 0, NONE, NONE, 1.0),  # never signed again
        *_deal(3, 14, 60.0, 60.0),
        (3, 200, BROKE, 0, NONE, NONE, 1.0),
        *_deal(3, 400, 60.0, 60.0),  # after the horizon: not counted
    ]
    got = relapses(hand_log(events), 365)
    assert (got.breakdowns, got.signed_again, got.same_terms) == (4, 2, 1)
    assert got.signed_again_share == 0.5 and got.same_terms_share == 0.5
    # the 10/50/90% of gaps 28 and 56 days (numpy's linear percentiles)
    assert got.gap_days == (30.8, 42.0, 53.2)
    later = relapses(hand_log(events), 400)
    assert (later.signed_again, later.same_terms) == (3, 2)


def test_no_breakdown_gives_zeros_and_no_gaps() -> None:
    got = relapses(hand_log(_deal(0, 14, 50.0, 50.0)), 365)
    assert (got.breakdowns, got.signed_again, got.gap_days) == (0, 0, None)
    assert got.signed_again_share == 0.0


def test_in_a_stationary_war_the_same_terms_are_signed_again_the_next_round() -> None:
    """Both sides take the mediator's text in round 1 (GAIN's resolve at 0), nothing moves
    and nothing is uncertain; only the hazard (0.3 a round) ends a deal. Every deal that
    breaks down before the last round is signed again, on the same terms, one round
    (14 days) later: the collapse changed nothing either side weighs."""
    data = with_dynamics(ripening_war(None), **{"resolve.GAIN": 0, "breakdown_hazard": 0.3})
    log = simulate(compile_scenario(build(data)), runs=300, seed=2)
    last_day = int(log.day.max())
    broke = log.kind == EventKind.BREAKDOWN
    got = relapses(log, last_day)
    assert got.breakdowns == int(broke.sum()) > 300
    assert got.signed_again == int((broke & (log.day < last_day)).sum())
    assert got.same_terms == got.signed_again
    assert got.gap_days == (14.0, 14.0, 14.0)
