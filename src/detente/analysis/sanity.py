"""Warnings when a forecast looks extreme, with the numbers that drive it.

Why: a first scenario easily says "a deal within 3 months: 99.7%" because one
resolve or war-cost number is off; nothing in a table of probabilities flags that.
These checks read the forecast summary only (the JSON dict of
``ForecastSummary.to_dict``), so the CLI, the report and the dashboard show the same
warnings. They say what to look at, not that the model is wrong.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from detente.analysis.outcome_words import outcome_labels
from detente.report.format import pct

EARLY_MONTHS = 6  # "the first months": report dates up to this many months out
EXTREME = 0.95
# settlements that replaced a ceasefire, as a share of runs, from which their luck is worth
# a warning; and the share of them a shock alone carried that makes them luck
LUCKY_REPLACEMENTS = 0.01
MOSTLY_LUCK = 0.5
TOP_DRIVERS = 3


@dataclass(frozen=True)
class SanityWarning:
    # "early_agreement", "certain_outcome", "empty_class", "unreachable_event",
    # "past_horizon", "lucky_settlements"
    check: str
    message: str
    drivers: tuple[str, ...]  # scenario paths of the top drivers, to look at first

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def sanity_warnings(summary: dict[str, Any]) -> tuple[SanityWarning, ...]:
    """Checks on a forecast summary dict: an agreement above 95% within the first
    months, an outcome class no run reaches at any reported date (with what the scenario
    would have to declare, where its structure rules the class out), an outcome class
    that holds in more than 95% of runs at the last date, a question about an event
    nothing in the scenario can produce."""
    drivers = tuple(d["parameter"] for d in summary.get("drivers", ())[:TOP_DRIVERS])
    at_war = summary.get("scenario", {}).get("at_war", True)
    names = outcome_labels(at_war)
    out: list[SanityWarning] = []
    outcomes = summary.get("outcomes", ())
    for o in outcomes:
        if o["months"] <= EARLY_MONTHS and o["agreement"] > EXTREME:
            out.append(
                SanityWarning(
                    "early_agreement",
                    f"an agreement by {o['date']} ({o['label']}) in {pct(o['agreement'])} "
                    f"of runs: very fast for a {'war-ending ' if at_war else ''}negotiation; check "
                    "the numbers that drive it",
                    drivers,
                )
            )
            break
    if outcomes:
        last = outcomes[-1]
        for key, p in last["probabilities"].items():
            if key in names and p > EXTREME:
                out.append(
                    SanityWarning(
                        "certain_outcome",
                        f"'{names.get(key, key)}' in {pct(p)} of runs on {last['date']}: "
                        "the ranges leave almost no doubt; are they wide enough?",
                        drivers,
                    )
                )
        structural = summary.get("impossible_classes") or {}
        for key in last["probabilities"]:
            if key not in names:  # a class the case cannot have (no war: no victory)
                continue
            if all(o["probabilities"][key] == 0 for o in outcomes):
                why = structural.get(key) or _why_empty(key, summary)
                out.append(
                    SanityWarning(
                        "empty_class",
                        f"no run ends in '{names.get(key, key)}' at any reported date: {why}",
                        () if key in structural else drivers,
                    )
                )
    beyond = [o for o in outcomes if o.get("past_horizon")]
    if beyond:
        horizon = summary.get("scenario", {}).get("horizon", "?")
        labels = ", ".join(o["label"] for o in beyond)
        out.append(
            SanityWarning(
                "past_horizon",
                f"the figures at {labels} lie after the scenario's horizon ({horizon}): the "
                "runs carry its dynamics on unchanged past the time it describes; report "
                "inside it with --months (e.g. detente forecast or detente serve --months 1,2,3)",
                (),
            )
        )
    lucky = _lucky_settlements(summary)
    if lucky is not None:
        out.append(lucky)
    for q in summary.get("questions", ()):
        for term in q.get("unreachable", ()):
            out.append(
                SanityWarning(
                    "unreachable_event",
                    f"question {q['id']}: {term}; its {pct(q['probability'])} comes from the "
                    "scenario's structure, not from the runs",
                    (),
                )
            )
    return tuple(out)


def _lucky_settlements(summary: dict[str, Any]) -> SanityWarning | None:
    """Settlements that replaced a ceasefire in force only because a side's private
    leaning (``follow_on``: drawn once, at the per-round shock's size) made it take a text
    no better than the ceasefire: their share follows that unevidenced size, not the
    bargaining."""
    replaced = summary.get("ceasefire_replaced", 0)
    by_shock = summary.get("ceasefire_replaced_by_shock", 0)
    runs = summary.get("runs", 0)
    if not runs or replaced < LUCKY_REPLACEMENTS * runs or by_shock < MOSTLY_LUCK * replaced:
        return None
    return SanityWarning(
        "lucky_settlements",
        f"a settlement replaced a ceasefire in force in {pct(replaced / runs)} of runs, "
        f"{pct(by_shock / replaced)} of them only because a side's private leaning, drawn "
        "at the size of the per-round shock, made it take a text no better than the "
        "ceasefire: they come from that draw's size, not from the bargaining; check "
        "dynamics.decision_noise",
        ("dynamics.decision_noise",),
    )


def _why_empty(key: str, summary: dict) -> str:
    """Why no run ends in a class the structure allows: an armistice where talks go on
    under the ceasefire has become a settlement by then."""
    phased = summary.get("phased_ceasefires") or ()
    if key == "armistice" and phased:
        return (
            f"talks go on under {', '.join(phased)} ('talks_continue'), and every ceasefire "
            "became a settlement by then; is that intended?"
        )
    return "the model rules it out; is that intended?"
