"""A mediator puts its text to a yes or no at only some of the rounds it convenes
(``mediator_text_share``); at the others the text is talked over: no answer, no shock, and
the round wears the mediator's patience like a failed one."""

from __future__ import annotations

import numpy as np
from process_scenarios import cycle_scenario

from detente.process import EventKind as K
from detente.process import compile_scenario, simulate
from detente.report.data import report_data
from detente.report.html import render_report
from detente.scenario.structure_view import describe_structure

FIELDS = ("run", "day", "kind", "arena", "actor", "value")


def _hopeless(**dynamics: float):
    """GAIN's resolve 100 is above anything a text gives it, and no shock is drawn: every
    text is turned down, so every run keeps convening until the mediator gives up."""
    return cycle_scenario(
        decision_noise=0,
        mediator_attention=1,
        **{"resolve.GAIN": 100},
        **dynamics,
    )


def test_a_share_of_one_is_the_model_without_the_number():
    without = simulate(compile_scenario(cycle_scenario()), runs=300, seed=5)
    declared = simulate(compile_scenario(cycle_scenario(mediator_text_share=1)), runs=300, seed=5)
    for field in FIELDS:
        np.testing.assert_array_equal(getattr(without, field), getattr(declared, field))


def test_texts_come_at_the_declared_share_of_the_rounds_held():
    # patience and the cost of a round never bite, so every round of the horizon is held
    log = simulate(
        compile_scenario(_hopeless(mediator_text_share=0.3, mediator_round_cost=0)),
        runs=400,
        seed=6,
    )
    held = int(log.events(K.ROUND_HELD).sum())
    texts = int(log.events(K.TEXT_DRAFTED).sum())
    assert held > 5_000
    # binomial: 0.3 of the rounds, within four standard deviations
    assert abs(texts - 0.3 * held) < 4 * np.sqrt(held * 0.3 * 0.7)


def test_a_round_only_talked_over_draws_no_answer():
    log = simulate(
        compile_scenario(_hopeless(mediator_text_share=0.4, mediator_round_cost=0)),
        runs=200,
        seed=7,
    )
    key = log.run.astype(np.int64) * 100_000 + log.day
    tabled = set(key[log.events(K.TEXT_DRAFTED)])
    answered = set(key[log.events(K.REJECTED) | log.events(K.ACCEPTED)])
    talked_over = set(key[log.events(K.ROUND_HELD)]) - tabled
    assert talked_over  # some rounds were held without a text
    assert answered == tabled  # every text is answered, and nothing else is


def test_a_round_only_talked_over_wears_patience_like_a_turned_down_text():
    """With no chance of acceptance the mediator's best option is worth nothing, so it gives
    up at the first round that costs it anything: the second it convenes, whether the first
    put a text or only talked one over."""
    for share in (1.0, 0.3):
        log = simulate(
            compile_scenario(_hopeless(mediator_text_share=share, mediator_round_cost=5)),
            runs=300,
            seed=8,
        )
        held, gave_up = log.events(K.ROUND_HELD), log.events(K.ABANDONED)
        first_abandon: dict[int, int] = {}
        for run, day in zip(log.run[gave_up], log.day[gave_up], strict=True):
            first_abandon.setdefault(int(run), int(day))
        assert len(first_abandon) == 300
        for run, day in first_abandon.items():
            days = np.sort(log.day[held & (log.run == run)])
            assert day == days[1], (share, run)


def test_fewer_texts_are_fewer_draws_of_luck():
    """GAIN turns down every text on its margin (resolve 20); shocks of sd 15 carry some
    through. Tabling a text at a quarter of the rounds gives the shocks fewer decisions to
    tip, so fewer runs agree within a year."""
    agreed = {}
    for share in (1.0, 0.25):
        scenario = cycle_scenario(
            decision_noise=15,
            mediator_attention=1,
            mediator_text_share=share,
            **{"resolve.GAIN": 20},
        )
        log = simulate(compile_scenario(scenario), runs=600, seed=9)
        agreed[share] = int(((log.settlement_day >= 0) & (log.settlement_day <= 365)).sum())
    assert agreed[0.25] < 0.8 * agreed[1.0]


def test_the_structure_and_the_report_say_how_often_a_text_is_put():
    """The cadence decides how many draws of luck a run holds, so a reader sees it beside
    the track's roles, declared or defaulted."""
    [track] = describe_structure(cycle_scenario())["tracks"]
    assert "at the default share" in track["cadence"]
    assert "dynamics.mediator_text_share not set" in track["cadence"]
    scenario = cycle_scenario(mediator_text_share=0.3, mediator_attention=0.6)
    [track] = describe_structure(scenario)["tracks"]
    assert track["cadence"].startswith(
        "MED convenes 0.6 of the rounds and puts its text to a yes or no at 0.3 of those"
    )
    html = render_report(report_data(scenario, runs=200, seed=3))
    assert "Track talks: MED convenes 0.6 of the rounds" in html
