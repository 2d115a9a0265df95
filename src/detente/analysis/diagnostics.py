"""Diagnostics of where a forecast's agreements come from.

``luck_share``: among runs with an agreement, the share whose agreement some decider
accepted only because of its per-round shock (its margin without the shock was
negative; the simulator flags these SHOCK_CARRIED). A high share means the forecast
rests on the noise term rather than on the bargaining.

``noise_dependence``: the same question asked of whole runs, against two twins with
common random numbers (every other draw shared). The noiseless world: ``decision_noise``
fixed at 0, so nobody expects shocks either and the mediator drafts for certain
answers. The unfelt shocks: the same draws and the same expectations, but no decider
feels its shock (``simulate(shocks_felt=False)``), so the twin differs from the run in
the shocks' realisations alone; this is the closest reading of "agreements a shock
alone carried". The round flag above overstates both: a text accepted thanks to a shock
in one round is often agreed a round or two later without it, because the mediator
keeps drafting toward the same margin.

``by_round`` splits the unfelt measure by the round an agreement came in. On the
built-in scenarios early agreements come from the bargaining and late ones mostly from
the shocks, and the unfelt twin of a late lucky agreement almost never agrees at all:
each rejection moves the mediator's next text toward the holdout, until it is the most
the mediator will concede (given its own interests and the other side's acceptance);
where that stays short of the holdout's threshold, only a shock opens the window.

``expectations``: what the mediator expected of each side's answers (the P(accept) its
beliefs gave each text it tabled), against what the side did.

``decisions``: how many texts each track puts to its sides by the horizon and who turns
them down. Every decision draws its own shock, so the cadence of texts is the number of
draws of luck a run gets; a calibration record that counts texts (four US texts in ten
months), or one read over its dates, can be set beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.analysis.outcomes import agreement_indicator, run_day_key
from detente.analysis.relapse import Relapses, relapses
from detente.process import CompiledScenario, EventKind, EventLog, simulate

NOISE = "dynamics.decision_noise"
# rounds in which agreements are grouped: the first talks, then later and later ones
ROUND_BANDS = ((1, 2), (3, 4), (5, 8), (9, 13), (14, None))


def luck_counts(log: EventLog) -> tuple[int, int]:
    """(agreements, agreements that a per-round shock alone carried) in ``log``."""
    agreed = log.kind == EventKind.AGREEMENT
    lucky = log.kind == EventKind.SHOCK_CARRIED
    days = run_day_key(log)
    return int(agreed.sum()), int(np.isin(days[agreed], days[lucky]).sum())


def _replacing_agreements(log: EventLog, horizon_day: int | None = None) -> np.ndarray:
    """Event indices of the agreements (by ``horizon_day``) that follow another in their
    run with no breakdown between: settlements reached under a ceasefire whose track
    negotiated on (``talks_continue``)."""
    ends = np.isin(log.kind, [EventKind.AGREEMENT, EventKind.BREAKDOWN])
    if horizon_day is not None:
        ends &= log.day <= horizon_day
    ends = np.flatnonzero(ends)
    ends = ends[np.lexsort((log.day[ends], log.run[ends]))]  # each run's in the order of days
    run, kind = log.run[ends], log.kind[ends]
    follows = (
        (kind[1:] == EventKind.AGREEMENT)
        & (kind[:-1] == EventKind.AGREEMENT)
        & (run[1:] == run[:-1])
    )
    return ends[1:][follows]


def follow_on_luck_counts(log: EventLog) -> tuple[int, int]:
    """(agreements that replaced one in force, those a per-round shock alone carried).
    Why apart: with no private resolve and the ceasefire as the alternative, a settlement
    there that needed a good day says the text had nothing both sides prefer to the
    ceasefire (DRC: all of them)."""
    days = run_day_key(log)
    replaced = days[_replacing_agreements(log)]
    lucky = days[log.kind == EventKind.SHOCK_CARRIED]
    return int(replaced.size), int(np.isin(replaced, lucky).sum())


def carried_by_shock(log: EventLog) -> np.ndarray:
    """Per run: was its first agreement (``settlement_day``) one a per-round shock alone
    carried (a SHOCK_CARRIED event on that day)? False for runs without one."""
    lucky = log.kind == EventKind.SHOCK_CARRIED
    hit = np.zeros(log.n_runs, dtype=bool)
    on_day = lucky & (log.day == log.settlement_day[log.run])
    hit[log.run[on_day]] = True
    return hit & (log.settlement_day >= 0)


def settled_under_ceasefire(log: EventLog, horizon_day: int) -> np.ndarray:
    """Per run: did an agreement by ``horizon_day`` follow another with no breakdown
    between (a ceasefire's track that negotiated on, ``talks_continue``)? The paired
    measures count a run's first agreement, so they do not see these settlements."""
    found = np.zeros(log.n_runs, dtype=bool)
    found[log.run[_replacing_agreements(log, horizon_day)]] = True
    return found


def shock_gap_values(log: EventLog, horizon_day: int | None = None) -> np.ndarray:
    """The gaps (utility points) that a shock closed in the agreements it alone carried,
    by ``horizon_day`` (every day of the log if None)."""
    lucky = log.kind == EventKind.SHOCK_CARRIED
    if horizon_day is not None:
        lucky &= log.day <= horizon_day
    agreed = log.kind == EventKind.AGREEMENT
    days = run_day_key(log)
    return log.value[lucky & np.isin(days, days[agreed])].astype(float)


def shock_gaps(log: EventLog, horizon_day: int) -> tuple[float, float, float] | None:
    """10th, 50th and 90th percentile of the gap (utility points below fighting on) that a
    shock closed, over the agreements by ``horizon_day`` that a shock alone carried; None
    when there are none. Why: the luck share says how many deals needed a good day, the
    gap how good a day they needed. A gap well under the private resolve's spread is a
    near-miss the bargaining had brought within a day's politics, not a lottery."""
    return gap_percentiles(shock_gap_values(log, horizon_day))


def gap_percentiles(gaps: np.ndarray) -> tuple[float, float, float] | None:
    """10th, 50th and 90th percentile of some gaps; None when there are none."""
    if gaps.size == 0:
        return None
    low, mid, high = np.percentile(gaps, [10, 50, 90])
    return float(low), float(mid), float(high)


def luck_share(log: EventLog) -> float:
    """Share of agreements that a per-round shock alone carried (0 when none)."""
    total, lucky = luck_counts(log)
    return lucky / total if total else 0.0


@dataclass(frozen=True)
class Durability:
    """Agreements by a horizon, split by whether a shock carried them, and how many of
    each broke down by then: whether deals only a good day carried are fragile (they are
    when ``breakdown_shortfall`` > 0; at 0 they break down as often as any other)."""

    lucky: int
    lucky_broke: int
    other: int
    other_broke: int

    @property
    def lucky_rate(self) -> float:
        return self.lucky_broke / self.lucky if self.lucky else 0.0

    @property
    def other_rate(self) -> float:
        return self.other_broke / self.other if self.other else 0.0


def durability(log: EventLog, horizon_day: int) -> Durability:
    """Count ``log``'s agreements by ``horizon_day`` and their breakdowns by then. An
    agreement's breakdown is the first after it in its run: the war must resume before
    a run can agree again."""
    within = log.day <= horizon_day
    key = run_day_key(log)
    agreed = within & (log.kind == EventKind.AGREEMENT)
    lucky = np.isin(key[agreed], key[within & (log.kind == EventKind.SHOCK_CARRIED)])
    ends = np.sort(key[within & (log.kind == EventKind.BREAKDOWN)])
    nxt = np.searchsorted(ends, key[agreed], side="right")
    run_end = run_day_key(log, horizon_day)[agreed]
    broke = nxt < ends.size
    broke[broke] = ends[nxt[broke]] <= run_end[broke]
    return Durability(
        int(lucky.sum()),
        int((broke & lucky).sum()),
        int((~lucky).sum()),
        int((broke & ~lucky).sum()),
    )


@dataclass(frozen=True)
class LuckByRound:
    """Agreements reached in rounds ``first``..``last`` and how many of them the unfelt
    twin does not reach: whether early and late agreements come from the bargaining."""

    first: int
    last: int | None  # None: to the end of the run
    agreed: int
    lost_unfelt: int

    @property
    def share_lost_unfelt(self) -> float:
        return self.lost_unfelt / self.agreed if self.agreed else 0.0

    @property
    def label(self) -> str:
        """'3-4', or '14+' for the open last band."""
        return f"{self.first}-{self.last}" if self.last is not None else f"{self.first}+"


def luck_by_round(
    agreed_day: np.ndarray, twin_day: np.ndarray, horizon_day: int, round_days: int
) -> tuple[LuckByRound, ...]:
    """Per band of rounds: agreements by the horizon in the run, and those its twin lacks."""
    agreed = (agreed_day >= 0) & (agreed_day <= horizon_day)
    kept = (twin_day >= 0) & (twin_day <= horizon_day)
    rounds = np.where(agreed, agreed_day // round_days, -1)  # round r is on day r * days
    out = []
    for first, last in ROUND_BANDS:
        upper = last if last is not None else np.iinfo(np.int64).max
        band = agreed & (rounds >= first) & (rounds <= upper)
        out.append(LuckByRound(first, last, int(band.sum()), int((band & ~kept).sum())))
    return tuple(out)


@dataclass(frozen=True)
class TrackDecisions:
    """Texts a track put to its sides by the horizon, per run, and rejections per run by
    each side that turned some down (all runs counted, those that agreed early too)."""

    arena: str
    texts: float
    rejections: dict[str, float]


def decisions(log: EventLog, horizon_day: int) -> tuple[TrackDecisions, ...]:
    """Per track with a text by ``horizon_day``: the cadence of decisions in ``log``."""
    within = log.day <= horizon_day
    drafted = within & (log.kind == EventKind.TEXT_DRAFTED)
    rejected = within & (log.kind == EventKind.REJECTED)
    out = []
    for index, arena in enumerate(log.arena_ids):
        texts = int((drafted & (log.arena == index)).sum())
        if texts == 0:
            continue
        here = rejected & (log.arena == index)
        actors, counts = np.unique(log.actor[here], return_counts=True)
        out.append(
            TrackDecisions(
                arena,
                texts / log.n_runs,
                {
                    log.actor_ids[int(a)]: int(c) / log.n_runs
                    for a, c in zip(actors, counts, strict=True)
                },
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class Expectation:
    """What a track's mediator expected of one side's answers, against the answers.

    Each answer carries the P(accept) the mediator's beliefs gave it when it tabled the
    text. Why: the mean beside the share accepted checks that its beliefs are calibrated
    (Bayesian learning should get the average right); the share of answers it expected
    under 1% says how often it tabled a text it knew would fail (keeping the process
    alive); the median it expected of the texts the side took says how much of a gamble
    the agreements were (the risk-return trade-off of a mediator that drafts for
    acceptance under uncertainty)."""

    arena: str
    actor: str
    answers: int
    expected: float  # mean P(accept) the mediator gave its texts
    accepted: float  # share of the answers that were accepts
    hopeless: float  # share of the answers it expected with P under 1%
    expected_of_accepts: float | None  # median P it gave the texts the side took


HOPELESS = 0.01


def expectations(log: EventLog, horizon_day: int) -> tuple[Expectation, ...]:
    """Per track and side whose answers carry an expectation, by ``horizon_day``."""
    within = log.day <= horizon_day
    answered = within & np.isin(log.kind, [EventKind.ACCEPTED, EventKind.REJECTED])
    answered &= np.isfinite(log.value)  # an implementer's refusal carries none
    out = []
    for index, arena in enumerate(log.arena_ids):
        here = answered & (log.arena == index)
        for actor in np.unique(log.actor[here]):
            mine = here & (log.actor == actor)
            took = mine & (log.kind == EventKind.ACCEPTED)
            p = log.value[mine].astype(float)
            out.append(
                Expectation(
                    arena,
                    log.actor_ids[int(actor)],
                    int(mine.sum()),
                    float(p.mean()),
                    float(took.sum() / mine.sum()),
                    float((p < HOPELESS).mean()),
                    float(np.median(log.value[took])) if took.any() else None,
                )
            )
    return tuple(out)


@dataclass(frozen=True)
class NoiseDependence:
    """Runs with an agreement by a horizon, with and without per-round shocks."""

    runs: int
    agreed: int  # as the scenario stands
    agreed_without_noise: int  # same runs, decision_noise fixed at 0
    lost: int  # agreed only with the shocks on: carried by noise alone
    gained: int  # agreed only without the shocks (a shock made someone reject)
    round_flag: float = 0.0  # luck_share of the runs as the scenario stands
    agreed_unfelt: int = 0  # same runs and expectations, no shock felt
    lost_unfelt: int = 0  # agreed only when the shocks are felt
    gained_unfelt: int = 0
    # the agreements by the round they came in (against the unfelt twin), and how many of
    # the lost ones the twin never reaches within the run: a stalemate that only a shock
    # opened (the mediator's best text stays short of a side's threshold)
    by_round: tuple[LuckByRound, ...] = ()
    lost_unfelt_never_agreed: int = 0
    decisions: tuple[TrackDecisions, ...] = ()  # the runs as the scenario stands
    # the same over shorter spans of days (a calibration record's window), by span
    decisions_by_span: tuple[tuple[int, tuple[TrackDecisions, ...]], ...] = ()
    durability: Durability | None = None  # the runs as the scenario stands
    relapses: Relapses | None = None  # the same runs: what followed each breakdown
    expectations: tuple[Expectation, ...] = ()  # the same runs, answer by answer
    # the gap (utility points) a shock closed in the agreements it alone carried, 10/50/90%
    shock_gap: tuple[float, float, float] | None = None
    # runs that settled under a ceasefire (``settled_under_ceasefire``), and how many of
    # them do not in the twin without shocks and in the one with shocks unfelt
    phased: int = 0
    phased_lost: int = 0
    phased_lost_unfelt: int = 0

    @property
    def share_lost(self) -> float:
        """Share of the agreements that disappear without per-round shocks."""
        return self.lost / self.agreed if self.agreed else 0.0

    @property
    def share_lost_unfelt(self) -> float:
        """Share of the agreements that disappear when no shock is felt (the draws alone)."""
        return self.lost_unfelt / self.agreed if self.agreed else 0.0


def noise_dependence(
    compiled: CompiledScenario,
    *,
    runs: int,
    seed: int,
    horizon_day: int,
    workers: int = 1,
    spans: tuple[int, ...] = (),
) -> NoiseDependence:
    """Pair every run with its twins (common random numbers): the noiseless world and the
    unfelt shocks, and count. ``spans`` (days) also get the cadence of decisions.

    A scenario without ``decision_noise`` has no shocks, so nothing depends on them.
    """
    with_noise = simulate(compiled, runs=runs, seed=seed, workers=workers)
    agreed = agreement_indicator(with_noise, horizon_day)
    by_span = tuple((span, decisions(with_noise, span)) for span in spans)
    if compiled.dynamic("decision_noise") < 0:
        n = int(agreed.sum())
        return NoiseDependence(
            runs,
            n,
            n,
            0,
            0,
            luck_share(with_noise),
            n,
            decisions=decisions(with_noise, horizon_day),
            durability=durability(with_noise, horizon_day),
            relapses=relapses(with_noise, horizon_day),
            decisions_by_span=by_span,
            expectations=expectations(with_noise, horizon_day),
        )
    without = simulate(compiled, runs=runs, seed=seed, workers=workers, overrides={NOISE: 0.0})
    quiet = agreement_indicator(without, horizon_day)
    unfelt_log = simulate(compiled, runs=runs, seed=seed, workers=workers, shocks_felt=False)
    unfelt = agreement_indicator(unfelt_log, horizon_day)
    phased = settled_under_ceasefire(with_noise, horizon_day)
    return NoiseDependence(
        runs=runs,
        agreed=int(agreed.sum()),
        agreed_without_noise=int(quiet.sum()),
        lost=int((agreed & ~quiet).sum()),
        gained=int((quiet & ~agreed).sum()),
        round_flag=luck_share(with_noise),
        agreed_unfelt=int(unfelt.sum()),
        lost_unfelt=int((agreed & ~unfelt).sum()),
        gained_unfelt=int((unfelt & ~agreed).sum()),
        by_round=luck_by_round(
            with_noise.settlement_day, unfelt_log.settlement_day, horizon_day, compiled.round_days
        ),
        lost_unfelt_never_agreed=int((agreed & ~unfelt & (unfelt_log.settlement_day < 0)).sum()),
        decisions=decisions(with_noise, horizon_day),
        durability=durability(with_noise, horizon_day),
        relapses=relapses(with_noise, horizon_day),
        expectations=expectations(with_noise, horizon_day),
        decisions_by_span=by_span,
        shock_gap=shock_gaps(with_noise, horizon_day),
        phased=int(phased.sum()),
        phased_lost=int((phased & ~settled_under_ceasefire(without, horizon_day)).sum()),
        phased_lost_unfelt=int((phased & ~settled_under_ceasefire(unfelt_log, horizon_day)).sum()),
    )


NOISE_LEVELS = (0.0, 1.0, 2.0, 5.0, 10.0)


@dataclass(frozen=True)
class NoiseLevel:
    """The forecast with every run's per-round shock fixed at one size."""

    noise: float
    agreement: float  # P(an agreement by the horizon)
    luck_share: float


def noise_sweep(
    compiled: CompiledScenario,
    *,
    runs: int,
    seed: int,
    horizon_day: int,
    levels: tuple[float, ...] = NOISE_LEVELS,
    workers: int = 1,
) -> list[NoiseLevel]:
    """P(agreement by the horizon) as ``decision_noise`` is fixed at each level (same seed):
    a forecast that rests on the bargaining barely moves between the small levels."""
    out = []
    for noise in levels:
        log = simulate(compiled, runs=runs, seed=seed, workers=workers, overrides={NOISE: noise})
        agreed = float(agreement_indicator(log, horizon_day).mean())
        out.append(NoiseLevel(noise, agreed, luck_share(log)))
    return out
