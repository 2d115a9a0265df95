"""detente diagnose: does a scenario's forecast come from the bargaining or from noise?"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Column, Table

from detente.analysis.runs import DEFAULT_SEED
from detente.cli.output import console, print_json, user_errors
from detente.cli.scenario_commands import JsonFlag, ScenarioArg
from detente.report.format import pct

if TYPE_CHECKING:
    from detente.analysis.central_case import CentralCase
    from detente.analysis.relapse import Relapses
    from detente.process import CompiledScenario

# Two whole event logs are held at once (with and without shocks): about 9 KB a run each.
MAX_RUNS = 50_000
# The central case's runs differ only by which events fire: a few hundred show that.
CENTRAL_RUNS = 1_000


@user_errors
def diagnose_command(
    scenario: ScenarioArg,
    runs: Annotated[
        int,
        typer.Option("--runs", min=100, max=MAX_RUNS, help="runs per simulation (7 are made)"),
    ] = 4_000,
    seed: Annotated[
        int,
        typer.Option(
            "--seed", min=0, max=2**32 - 1, help="random seed (forecast's, so the runs are its)"
        ),
    ] = DEFAULT_SEED,
    months: Annotated[
        str, typer.Option("--months", help="horizon of 'an agreement by', in months after as_of")
    ] = "12",
    as_json: JsonFlag = False,
) -> None:
    """How much of P(agreement) the per-round shocks carry.

    The round flag, each run against its twin in a noiseless world and its twin whose
    shocks are drawn but not felt (same random numbers), the texts each track puts to its
    sides (each decision draws a shock) beside the scenario's records that count texts,
    what the mediator expected of each side's answers against the answers, and
    P(agreement) with the shock's size fixed at 0, 1, 2, 5 and 10 points."""
    from detente.analysis.central_case import central_case
    from detente.analysis.diagnostics import noise_dependence, noise_sweep
    from detente.analysis.outcomes import one_month_point
    from detente.process import compile_scenario
    from detente.scenario import load_scenario

    loaded = load_scenario(scenario)
    point = one_month_point(months, loaded.as_of, loaded.horizon, "diagnose")
    compiled = compile_scenario(loaded)
    records = [r for r in loaded.calibration if r.texts is not None or r.window is not None]
    spans = tuple(sorted({r.span_days for r in records if r.span_days is not None}))
    period = point.label
    # the runs end at the scenario's horizon: a longer span would count to it, not past it
    day = min(point.day, (loaded.horizon - loaded.as_of).days)
    within = (
        f"by the horizon {loaded.horizon} ({period} asked; the runs end there)"
        if point.past_horizon
        else f"within {period}"
    )
    paired = noise_dependence(compiled, runs=runs, seed=seed, horizon_day=day, spans=spans)
    in_span = {
        (span, d.arena): d.texts for span, tracks in paired.decisions_by_span for d in tracks
    }
    sweep = noise_sweep(compiled, runs=runs, seed=seed, horizon_day=day)
    central = central_case(compiled, runs=min(runs, CENTRAL_RUNS), seed=seed, horizon_day=day)
    if as_json:
        print_json(
            {
                "scenario": compiled.scenario_id,
                "runs": runs,
                "seed": seed,
                "horizon_day": day,
                "past_horizon": point.past_horizon,
                "round_flag_luck_share": paired.round_flag,
                "agreed": paired.agreed,
                "agreed_without_noise": paired.agreed_without_noise,
                "lost_without_noise": paired.lost,
                "gained_without_noise": paired.gained,
                "share_carried_by_noise": paired.share_lost,
                "agreed_shocks_unfelt": paired.agreed_unfelt,
                "lost_shocks_unfelt": paired.lost_unfelt,
                "gained_shocks_unfelt": paired.gained_unfelt,
                "share_carried_by_the_draws": paired.share_lost_unfelt,
                "lost_shocks_unfelt_never_agreed": paired.lost_unfelt_never_agreed,
                # settlements under a ceasefire, which the paired counts above do not see
                "settled_under_ceasefire": paired.phased,
                "settled_under_ceasefire_lost_without_noise": paired.phased_lost,
                "settled_under_ceasefire_lost_shocks_unfelt": paired.phased_lost_unfelt,
                # utility points a shock closed in the agreements it alone carried
                "shock_gap_10_50_90": paired.shock_gap,
                "by_round": [
                    {
                        "first_round": b.first,
                        "last_round": b.last,
                        "agreed": b.agreed,
                        "lost_shocks_unfelt": b.lost_unfelt,
                    }
                    for b in paired.by_round
                ],
                "durability": None
                if paired.durability is None
                else {
                    "lucky_agreements": paired.durability.lucky,
                    "lucky_broke_down": paired.durability.lucky_broke,
                    "other_agreements": paired.durability.other,
                    "other_broke_down": paired.durability.other_broke,
                },
                "after_breakdown": None
                if paired.relapses is None
                else {
                    "breakdowns": paired.relapses.breakdowns,
                    "signed_again": paired.relapses.signed_again,
                    "signed_again_on_the_same_terms": paired.relapses.same_terms,
                    "days_to_next_agreement_10_50_90": paired.relapses.gap_days,
                },
                "decisions": [
                    {"arena": d.arena, "texts": d.texts, "rejections": d.rejections}
                    for d in paired.decisions
                ],
                "expectations": [
                    {
                        "arena": e.arena,
                        "actor": e.actor,
                        "answers": e.answers,
                        "expected_accept_share": e.expected,
                        "accepted_share": e.accepted,
                        "expected_under_1_percent": e.hopeless,
                        "median_expected_of_accepts": e.expected_of_accepts,
                    }
                    for e in paired.expectations
                ],
                "text_records": [
                    {
                        "id": r.id,
                        "arena": r.arena,
                        "texts": r.texts,
                        "window_days": r.span_days,
                        "model_texts_in_window": None
                        if r.span_days is None
                        else in_span.get((r.span_days, r.arena), 0.0),
                        "record": r.record,
                    }
                    for r in records
                ],
                "central_case": {
                    "runs": central.runs,
                    "agreement": central.agreed,
                    "first_day": central.first_day,
                    "median_day": central.median_day,
                    "decisions": [
                        {"arena": d.arena, "texts": d.texts, "rejections": d.rejections}
                        for d in central.decisions
                    ],
                },
                "noise_sweep": [
                    {
                        "decision_noise": x.noise,
                        "agreement": x.agreement,
                        "luck_share": x.luck_share,
                    }
                    for x in sweep
                ],
            }
        )
        return
    console.print(
        f"{compiled.scenario_id}: {runs:,} runs, seed {seed}; an agreement {within} "
        f"in {paired.agreed:,} runs ({pct(paired.agreed / runs)})",
    )
    console.print(_central_line(central, paired.agreed / runs))
    console.print(
        f"round flag: {pct(paired.round_flag)} of agreements were accepted in a round where "
        "some side's margin without its shock was negative",
    )
    console.print(
        f"paired runs: {pct(paired.share_lost)} of those runs ({paired.lost:,}) reach no "
        f"agreement by then in a world without shocks; {paired.gained:,} other runs reach "
        "one only there",
    )
    console.print(
        f"shocks drawn but not felt (everyone still expects them): "
        f"{pct(paired.share_lost_unfelt)} of those runs ({paired.lost_unfelt:,}) reach none; "
        f"{paired.gained_unfelt:,} other runs reach one only then",
    )
    console.print(
        f"of those {paired.lost_unfelt:,} runs, the twin reaches no agreement at all in "
        f"{paired.lost_unfelt_never_agreed:,}: a stalemate that only a shock opened",
    )
    if paired.phased:
        console.print(
            f"settled under a ceasefire (a second agreement, no breakdown between; the "
            f"counts above see only each run's first): {paired.phased:,} runs; "
            f"{pct(paired.phased_lost_unfelt / paired.phased)} ({paired.phased_lost_unfelt:,}) "
            f"do not settle with shocks unfelt, {pct(paired.phased_lost / paired.phased)} "
            f"({paired.phased_lost:,}) without shocks",
        )
    if paired.shock_gap is not None:
        low, mid, high = paired.shock_gap
        console.print(
            f"the gap a shock closed in those it carried: median {mid:.2g} utility points "
            f"(10-90%: {low:.2g}-{high:.2g}), against the shock's declared size "
            f"{_declared(compiled, 'decision_noise')} and the sides' private "
            f"{_resolve_spread(compiled)}",
        )
    if paired.durability is not None and paired.durability.lucky:
        d = paired.durability
        console.print(
            f"broke down {within}, counting every agreement (a run may sign more than "
            f"one): {pct(d.lucky_rate)} of the {d.lucky:,} agreements a shock carried, "
            f"{pct(d.other_rate)} of the {d.other:,} others "
            "(dynamics.breakdown_shortfall: how much less a deal only a good day carried "
            "holds)",
        )
    if paired.relapses is not None and paired.relapses.breakdowns:
        console.print(_relapse_line(paired.relapses, within))
    bands = Table("rounds", "agreements", "not reached, shocks unfelt", "share")
    bands.title = "by the round the agreement came in"
    for b in paired.by_round:
        bands.add_row(b.label, f"{b.agreed:,}", f"{b.lost_unfelt:,}", pct(b.share_lost_unfelt))
    console.print(bands)
    cadence = Table("track", "texts", "turned down by")
    cadence.title = f"decisions per run {within} (each draws its own shock)"
    for d in paired.decisions:
        by = ", ".join(f"{actor} {_per_run(n)}" for actor, n in d.rejections.items())
        cadence.add_row(d.arena, _per_run(d.texts), by or "-")
    console.print(cadence)
    if paired.expectations:
        expected = Table("side", "answers a run", "expected", "accepted", "under 1%", "accepts' P")
        expected.columns.insert(0, Column("track", overflow="fold"))  # ids are not cut
        expected.title = (
            "what the mediator expected of each answer (its beliefs' mean P(accept) when it "
            "tabled the text; the share of answers it expected under 1%; the median it gave "
            "the texts a side took), against the answers"
        )
        for e in paired.expectations:
            median = "-" if e.expected_of_accepts is None else pct(e.expected_of_accepts)
            expected.add_row(
                e.arena,
                e.actor,
                _per_run(e.answers / runs),
                pct(e.expected),
                pct(e.accepted),
                pct(e.hopeless),
                median,
            )
        console.print(expected)
    for r in records:
        if r.span_days is None:
            counted = f"{r.texts} texts"
        else:
            counted = (
                f"{r.span_days} days, in which the model puts "
                f"{_per_run(in_span.get((r.span_days, r.arena), 0.0))} texts a run"
            )
        console.print(
            f"calibration record {r.id} ({r.arena}): {counted}: {r.record}",
            soft_wrap=True,
        )
    table = Table("decision_noise", "P(agreement)", "round flag")
    table.title = f"shock size fixed (same {runs:,} runs)"
    for x in sweep:
        table.add_row(f"{x.noise:g}", pct(x.agreement), pct(x.luck_share))
    console.print(table)


def _central_line(central: CentralCase, forecast: float) -> str:
    """Where the agreements come from: the central case agrees (the bargaining), or not
    (the ranges' tails and the shocks)."""
    head = (
        f"central case (every number at its mode and known to all, no shocks; "
        f"{central.runs:,} runs that differ only by the events): "
    )
    turned = "; ".join(
        f"{d.arena}: {_per_run(d.texts)} texts a run"
        + "".join(f", {a} turned down {_per_run(c)}" for a, c in d.rejections.items() if c)
        for d in central.decisions
    )
    if central.median_day is None:
        return (
            head + f"no agreement{'; ' + turned if turned else ''}. The forecast's "
            f"{pct(forecast)} comes from the ranges' tails and the shocks, not from the "
            "central case's bargaining"
        )
    return (
        head + f"an agreement in {pct(central.agreed)} of runs, first on day "
        f"{central.first_day}, median day {central.median_day}" + (f"; {turned}" if turned else "")
    )


def _per_run(count: float) -> str:
    """A count per run: one decimal, two below one (0.03 rejections is not 0.0), and
    '<0.01' for a count that two decimals would show as none."""
    if 0 < count < 0.005:
        return "<0.01"
    return f"{count:.1f}" if count >= 1 else f"{count:.2f}"


def _declared(compiled: CompiledScenario, name: str) -> str:
    """A dynamics number's declared range, 'low-high (mode m)', or 'not declared'."""
    column = compiled.dynamic(name)
    if column < 0:
        return "not declared"
    from detente.analysis.calibration import declared_range

    low, mode, high = declared_range(compiled, column)
    return _span(low, high) + ("" if low == high else f" (mode {mode:.3g})")


def _resolve_spread(compiled: CompiledScenario) -> str:
    """Each side's declared private resolve range, 'RUS 18-34, UKR -8-12'."""
    from detente.analysis.calibration import declared_range

    ranges = []
    for actor in compiled.actor_ids:
        column = compiled.dynamic(f"resolve.{actor}")
        if column >= 0:
            low, _mode, high = declared_range(compiled, column)
            ranges.append(f"{actor} {_span(low, high)}")
    return "resolve " + ", ".join(ranges) if ranges else "resolve (none declared)"


def _span(low: float, high: float) -> str:
    return f"{low:.3g}" if low == high else f"{low:.3g}-{high:.3g}"


def _relapse_line(r: Relapses, within: str) -> str:
    """What followed the breakdowns: the link between P(a breakdown) and P(collapsed)."""
    from detente.analysis.relapse import SAME_TERMS_POINTS

    again = pct(r.signed_again_share)
    text = f"after the {r.breakdowns:,} breakdowns {within}: {again} signed again"
    if r.gap_days is None:
        return text
    low, mid, high = r.gap_days
    return (
        f"{text}, a median {mid:.0f} days later (10-90%: {low:.0f}-{high:.0f}), "
        f"{pct(r.same_terms_share)} of them on the terms that broke down (every issue within "
        f"{SAME_TERMS_POINTS:g} points): a breakdown is a hazard, not a side's choice; "
        "what the deal did stays done only on the front (the agreed line) and on issues "
        "declared irreversible, so elsewhere terms both sides took stay worth taking"
    )
