"""detente calibrate: reproduce a scenario's calibration targets from its records."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from detente.cli.output import console, print_json, user_errors
from detente.cli.scenario_commands import JsonFlag, ScenarioArg
from detente.report.format import pct
from detente.scenario import load_scenario
from detente.scenario.errors import DetenteError

if TYPE_CHECKING:
    from detente.analysis.joint_record import JointReading
    from detente.scenario.schema import Scenario


@user_errors
def calibrate_command(
    scenario: ScenarioArg,
    runs: Annotated[
        int, typer.Option("--runs", help="runs per grid point", min=100, max=100_000)
    ] = 2000,
    seed: Annotated[int, typer.Option("--seed", help="random seed", min=0)] = 1,
    points: Annotated[int, typer.Option("--points", help="grid points", min=3, max=41)] = 9,
    joint: Annotated[
        bool,
        typer.Option(
            "--joint",
            help="also read each window record into every number at once (replays of its "
            "span weight the runs) and compare P(agreement within a year) with the forecast",
        ),
    ] = False,
    joint_runs: Annotated[
        int, typer.Option("--joint-runs", help="runs of the joint reading", min=100, max=100_000)
    ] = 10_000,
    replays: Annotated[
        int, typer.Option("--replays", help="replays of the record per run", min=1, max=100)
    ] = 10,
    joint_days: Annotated[
        int | None,
        typer.Option(
            "--joint-days",
            help="replay only the record's last DAYS (those lived in a state close to "
            "as_of's); default: its whole window",
            min=1,
            max=3660,
        ),
    ] = None,
    refusals_only: Annotated[
        bool,
        typer.Option(
            "--refusals-only",
            help="read only the record of acceptances jointly, not with the dated records "
            "that the same track's mediator kept on",
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Reproduce the calibrated numbers from the scenario's records (``calibration:``).

    Likelihood of each calibration record (``calibration:``) over its parameter's range;
    with ``--joint``, what the record does to the forecast read into every number at once."""
    from detente.analysis.calibration import calibrate

    s = load_scenario(scenario)
    if not s.calibration:
        raise DetenteError(
            f"scenario {s.id!r} has no calibration targets",
            hint="add calibration: [{id, record, parameter, arena, actor, texts, rejected}] "
            "(or window: {start, end} and accepted instead of texts and rejected), "
            "[{id, record, parameter, arena, decision, renewals, lapsed}] or "
            "[{id, record, parameter, arena, texts (or window), abandoned}]",
        )
    results = calibrate(s, runs=runs, seed=seed, points=points)
    readings = (
        _joint_readings(s, scenario, joint_runs, replays, seed, joint_days, not refusals_only)
        if joint
        else {}
    )
    if as_json:
        print_json(
            [
                {
                    "id": r.target.id,
                    "parameter": r.target.parameter,
                    "record": r.target.record,
                    "values": r.values,
                    "likelihood": r.likelihood,
                    "runs_used": r.runs_used,
                    "best": r.best,
                    "interval": r.interval,
                    "scenario_range": r.scenario_range,
                    "verdict": r.verdict,
                    "prior": r.prior,
                    "posterior_5_50_95": r.posterior,
                    "reproduced": r.reproduced,
                    "joint": _joint_json(readings[r.target.id])
                    if r.target.id in readings
                    else None,
                }
                for r in results
            ]
        )
        return
    for r in results:
        table = Table(title=f"{r.target.id}: {r.target.parameter}")
        table.add_column("value", justify="right")
        table.add_column("P(record)", justify="right")
        table.add_column("runs used", justify="right")
        for value, p, n in zip(r.values, r.likelihood, r.runs_used, strict=True):
            table.add_row(f"{value:.3g}", f"{p:.3f}", str(n))
        console.print(table)
        low, mode, high = r.scenario_range
        lo, hi = r.interval
        console.print(f"record: {r.target.record}")
        console.print(
            f"best {r.best:.3g}; likelihood interval {lo:.3g}..{hi:.3g}; scenario "
            f"{mode:.3g} [{low:.3g}-{high:.3g}]: {r.verdict}",
        )
        p5, p50, p95 = r.posterior
        a, m, b = r.prior
        console.print(
            f"posterior (prior {m:.3g} [{a:.3g}-{b:.3g}] x likelihood): 5% {p5:.3g}, "
            f"median {p50:.3g}, 95% {p95:.3g}; the scenario "
            + ("carries it (reproduced)" if r.reproduced else "does NOT carry it"),
        )
        if r.target.id in readings:
            _print_joint(readings[r.target.id], at_war=s.war is not None)
    if joint and not readings:
        console.print("--joint: no window record of acceptances (actor, window, accepted)")


def _joint_readings(
    s: Scenario,
    source: str,
    runs: int,
    replays: int,
    seed: int,
    days: int | None,
    with_kept_on: bool = True,
) -> dict[str, JointReading]:
    """The joint reading of each window record of acceptances, by record id, with the
    scenario's default questions (``source``: the name or path it was loaded from)."""
    from detente.analysis.joint_record import joint_reading
    from detente.analysis.question_answers import default_question_specs
    from detente.process import compile_scenario

    compiled = compile_scenario(s)
    questions, _name = default_question_specs(s, source)
    readings = {}
    for t in (t for t in s.calibration if t.accepted is not None):
        # the dated records that the same track's mediator kept on are read in the same
        # replays: the history as a whole, not its refusals alone
        kept_on = tuple(
            k
            for k in s.calibration
            if k.arena == t.arena and k.abandoned == 0 and k.window is not None
        )
        try:
            readings[t.id] = joint_reading(
                compiled,
                t,
                runs=runs,
                replays=replays,
                seed=seed,
                days=days,
                questions=questions,
                kept_on=kept_on if with_kept_on else (),
            )
        except ValueError as exc:
            raise DetenteError(
                f"--joint: {exc}",
                hint="check the record's window and count against the scenario, or give "
                "more --joint-runs",
            ) from None
    return readings


def _joint_json(reading: JointReading) -> dict[str, object]:
    return {
        "runs": reading.runs,
        "replays": reading.replays,
        "days": reading.days,
        "read_with": list(reading.kept_on),
        "record_probability": reading.record_probability,
        "posterior_5_50_95": reading.posterior,
        "moved": [
            {"name": m.name, "shift_sd": m.shift_sd, "before": m.before, "after": m.after}
            for m in reading.moved
        ],
        "agreement_12m_carried": reading.agreement_carried,
        "agreement_12m_prior_draws": reading.agreement_prior,
        "agreement_12m_joint": reading.agreement_joint,
        "effective_sample": reading.effective_sample,
        "shock_carried_share_prior_draws": reading.luck_prior,
        "shock_carried_share_joint": reading.luck_joint,
        # no deal in any run: no median (null, not NaN, in JSON)
        "median_agreement_day_prior_draws": _finite(reading.median_day_prior),
        "median_agreement_day_joint": _finite(reading.median_day_joint),
        # the whole forecast under both readings: each outcome class at each report date,
        # each default question
        "outcomes": [
            {"class": o.name, "when": o.when, "carried": o.carried, "joint": o.joint}
            for o in reading.outcomes
        ],
        "questions": [
            {"id": q.name, "carried": q.carried, "joint": q.joint} for q in reading.questions
        ],
    }


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _print_joint(reading: JointReading, *, at_war: bool) -> None:
    p5, p50, p95 = reading.posterior
    read_with = f", read with {', '.join(reading.kept_on)}" if reading.kept_on else ""
    console.print(
        f"joint reading ({reading.runs:,} runs, {reading.replays} replays each of the "
        f"record's last {reading.days} days{read_with}): P(record) "
        f"{reading.record_probability:.3f} under the prior draws; "
        f"{reading.target.parameter} 5% {p5:.3g}, median {p50:.3g}, 95% {p95:.3g}",
    )
    for m in reading.moved[:3]:
        console.print(
            f"  moves {m.name} by {m.shift_sd:.2f} s.d. ({m.before:.3g} -> {m.after:.3g})",
        )
    console.print(
        f"P(agreement within 12 months): {pct(reading.agreement_carried)} as the snapshot "
        f"carries the number, {pct(reading.agreement_joint)} with the record read into every "
        f"number at once (effective sample {reading.effective_sample:,.0f})",
    )
    console.print(
        f"the deals within 12 months, prior draws / joint: carried by a shock alone "
        f"{pct(reading.luck_prior)} / {pct(reading.luck_joint)}; median day "
        f"{reading.median_day_prior:.0f} / {reading.median_day_joint:.0f}",
    )
    _print_joint_forecast(reading, at_war=at_war)


def _print_joint_forecast(reading: JointReading, *, at_war: bool) -> None:
    """Every outcome class at every report date, and every default question, under both
    readings ('carried -> joint')."""
    from detente.analysis.outcome_words import outcome_labels

    whens = list(dict.fromkeys(o.when for o in reading.outcomes))
    table = Table(title="the forecast, as carried -> record read jointly")
    table.add_column("outcome")
    for when in whens:
        table.add_column(when, justify="right")
    by = {(o.name, o.when): o for o in reading.outcomes}
    for key, label in outcome_labels(at_war).items():
        cells = [by.get((key, when)) for when in whens]
        if all(c is None for c in cells):
            continue
        table.add_row(label, *(f"{pct(c.carried)} -> {pct(c.joint)}" for c in cells if c))
    console.print(table)
    if reading.questions:
        asked = Table(title="default questions, as carried -> record read jointly")
        asked.add_column("question")
        asked.add_column("carried", justify="right")
        asked.add_column("joint", justify="right")
        for q in reading.questions:
            asked.add_row(q.name, pct(q.carried), pct(q.joint))
        console.print(asked)
