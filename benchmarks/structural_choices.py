"""Do structural choices with no evidence decide the forecast? Figures for the model issue.

For each scenario, P(any agreement), P(ceasefire terms in force) and P(full terms in
force) one year after as_of (the question language's ``agreement()``,
``state(terms=ceasefire)``, ``state(terms=comprehensive)``) when one choice changes and
everything else (seed, runs) stays:

- the drafting rule that spans the mediator's candidate texts (compromise, the default,
  the weighted median, or both families at once, ``compromise+median``: if the wider
  family finds the agreements the default finds, the default does not decide the result,
  and the median alone only narrows the mediator's choice);
- the resolution of the grid of weightings over two signatories (10 steps by default);
- each lever that bypasses the influencers, made to keep them (the flag is all or nothing:
  pulled, the influencers' pull on the text is gone), and split in two levers the mediator
  chooses between by expected payoff: the same pressure keeping the influencers, and a
  bypass that costs the target nothing (seed 001 names "pull the plug" and "bypassing part
  of the process" as two moves); the split's costs are a judgement, so both brackets are
  shown: each part at the whole lever's cost, and each at half of it;
- the cadence of texts: the model puts a text to the sides at ``mediator_text_share`` of
  the rounds the mediator convenes (``mediator_attention`` of the rounds), and each
  decision carries its own shock, so more texts a year are more draws of luck. The Ukraine
  snapshots declare about a third from their calibration record (4 US texts from Feb to
  Dec 2025, in about 12 rounds of talks); every mediator's share at 1 (a text at every
  round convened, the model before the text share), at the scenario's value and at half of it
  shows whether the count of draws decides the result;
- how long a decider's shock lasts (``shock_persistence_days``: 0, a fresh shock for
  every decision, as the snapshots declare; 30, 120 and 365 days, an AR(1) mood of the
  same spread): whether the count of independent draws of luck decides the result, with
  the share of agreements the shocks alone carry (the unfelt twin of ``diagnose``);
- how the sides value what a ceasefire defers (``deferral_expectation``: 0 as it stands,
  1 as the full text would settle it): declared 0 in the Ukraine snapshots from seed 002's
  "the political conflict will remain unresolved"; 0.25, 0.5 and 1 show whether that one
  number decides the armistice;
- whether a deal only a good day carried is less durable (``breakdown_shortfall``: the
  hazard's growth per utility point its least willing signatory valued it below fighting
  on, without that round's shock): 0, 0.25, 0.5 and 1, with how often such deals and the
  others broke down within the year;
- whether talks go on under a ceasefire (``talks_continue`` on every ceasefire package,
  false and true): whether an armistice can become a settlement without breaking down
  first decides the split between ceasefire and full terms;
- the war's gainer's cost of fighting, fixed at 1, 2, 3.3 and 5.3 x its range's mode (so
  certain: 1 x differs from the default run), with the front moving or stalled (drift 0):
  how much ripening would have to happen for ceasefire terms;
- war weariness (``war_cost_growth`` of every side of the war, per year of war fought:
  0, as every built-in declares, and 0.25, 0.5, 1): whether the model's stationarity,
  costs that never mount, decides the forecast; with the share at one and two years;
- the implementers' consent (``implementer_tolerance``: how many utility points worse
  than today, on the issues it must implement, an implementer still delivers; declared 0
  in the Ukraine snapshots, a point with no evidence on its size; 5, 10, 20 and 40; every
  implementer acting only at delivery, a spoiler the signatories sign without; and the
  tracks with no implementers at all), with the agreement's class (a comprehensive
  settlement every backer takes, or a text imposed over an implementer's objection):
  whether Europe's consent, a choice the seeds support only in direction, decides how
  many deals come and of which kind;
- the order of the tracks (as declared, and reversed), where there are several: tracks
  play a round one after another, so within a round the first to agree stops the war for
  the others, and the later ones read the earlier ones' answers the same day; the order
  should decide which track gets the deal now and then, not whether there is one.

One process (no workers), so the grid setting reaches every run.

    python benchmarks/structural_choices.py [SCENARIO ...] [--runs N] [--seed S]
        [--only drafting,levers,cadence,persistence,deferral,shortfall,talks,grid,costs,
                weariness,implementers,order]
"""

from __future__ import annotations

import argparse
import datetime as dt

from detente.forecast import evaluate_question, parse_question
from detente.process import compile_scenario, drafting_search, simulate
from detente.scenario import load_scenario
from detente.scenario.paths import apply_setting

GROUPS = (
    "drafting",
    "levers",
    "cadence",
    "persistence",
    "deferral",
    "shortfall",
    "talks",
    "grid",
    "costs",
    "weariness",
    "implementers",
    "order",
)
QUESTIONS = {
    "any agreement": "agreement()",
    "ceasefire terms": "state(terms=ceasefire)",
    "full terms": "state(terms=comprehensive)",
}


def shares(scenario, *, runs: int, seed: int, drafting: str = "compromise") -> str:
    log = simulate(compile_scenario(scenario), runs=runs, seed=seed, drafting=drafting)
    return shares_in(log, scenario)


def shares_in(log, scenario, years: int = 1) -> str:
    """The three questions' answers ``years`` after as_of, in ``log``."""
    date = scenario.as_of + dt.timedelta(days=365 * years)
    parts = []
    for label, text in QUESTIONS.items():
        p = evaluate_question(parse_question(f"{text} by {date.isoformat()}"), log).probability
        parts.append(f"{label} {p:6.1%}")
    return ", ".join(parts)


def classes_in(log, scenario) -> str:
    """The class of the agreement in force one year after as_of."""
    date = (scenario.as_of + dt.timedelta(days=365)).isoformat()
    parts = []
    for label, text in (
        ("comprehensive", "state(class=comprehensive)"),
        ("imposed", "state(class=imposed)"),
    ):
        p = evaluate_question(parse_question(f"{text} by {date}"), log).probability
        parts.append(f"{label} {p:6.1%}")
    return ", ".join(parts)


def implementers_at_delivery(scenario):
    """The scenario with every implementer acting only at delivery: the signatories sign
    without it, and it withholds what leaves it worse off (a spoiler not at the table)."""
    arenas = tuple(
        a.model_copy(
            update={
                "implementers": tuple(
                    i.model_copy(update={"acts_at": "delivery"}) for i in a.implementers
                )
            }
        )
        for a in scenario.arenas
    )
    return scenario.model_copy(update={"arenas": arenas})


def without_implementers(scenario):
    """The scenario with no implementers on any track: the signatories' yes is enough."""
    arenas = tuple(
        a.model_copy(update={"implementers": ()}) if a.kind == "mediated" else a
        for a in scenario.arenas
    )
    return scenario.model_copy(update={"arenas": arenas})


def broke_down_in(log) -> str:
    """How often the deals a shock carried, and the others, broke down within a year."""
    from detente.analysis.diagnostics import durability

    d = durability(log, 365)
    return (
        f"shock-carried {d.lucky_rate:6.1%} of {d.lucky:,}, "
        f"others {d.other_rate:6.1%} of {d.other:,}"
    )


def with_talks_under_ceasefires(scenario, going_on: bool):
    """The scenario with ``talks_continue`` set on every ceasefire package."""
    packages = tuple(
        p.model_copy(update={"talks_continue": going_on}) if p.kind == "ceasefire" else p
        for p in scenario.packages
    )
    return scenario.model_copy(update={"packages": packages})


def _lever_keeps_influencers(scenario, arena_id: str, lever_id: str):
    """The scenario with one lever's bypasses_influencers flag off."""
    arenas = []
    for arena in scenario.arenas:
        if arena.id == arena_id:
            levers = tuple(
                lever.model_copy(update={"bypasses_influencers": False})
                if lever.id == lever_id
                else lever
                for lever in arena.leverage
            )
            arena = arena.model_copy(update={"leverage": levers})
        arenas.append(arena)
    return scenario.model_copy(update={"arenas": tuple(arenas)})


def _lever_split(scenario, arena_id: str, lever_id: str, cost_share: float):
    """The scenario with one bypassing lever split into its pressure and its bypass, each
    costing ``cost_share`` of the original lever's cost."""
    from detente.scenario.uncertain import Uncertain

    def share(u: Uncertain) -> Uncertain:
        return Uncertain(low=u.low * cost_share, mode=u.mode * cost_share, high=u.high * cost_share)

    none = Uncertain(low=0, mode=0, high=0)
    arenas = []
    for arena in scenario.arenas:
        if arena.id == arena_id:
            levers = []
            for lever in arena.leverage:
                if lever.id != lever_id:
                    levers.append(lever)
                    continue
                cost = share(lever.cost)
                levers.append(
                    lever.model_copy(update={"bypasses_influencers": False, "cost": cost})
                )
                levers.append(
                    lever.model_copy(
                        update={
                            "id": f"{lever.id}_bypass",
                            "war_cost_add": none,
                            "front_drift_add": none,
                            "support_cut": False,
                            "cost": cost,
                        }
                    )
                )
            arena = arena.model_copy(update={"leverage": tuple(levers)})
        arenas.append(arena)
    return scenario.model_copy(update={"arenas": tuple(arenas)})


def lever_shares(scenario, *, runs: int, seed: int) -> str:
    """Who pulls what: the share of runs pulling each lever within a year."""
    import numpy as np

    from detente.process import EventKind

    log = simulate(compile_scenario(scenario), runs=runs, seed=seed)
    pulled = (log.kind == int(EventKind.LEVERAGE)) & (log.day <= 365)
    parts = []
    for arena in scenario.arenas:
        for index, lever in enumerate(arena.leverage):
            runs_pulling = np.unique(log.run[pulled & (log.value == index)])
            parts.append(f"{lever.id} {runs_pulling.size / runs:.1%}")
    return ", ".join(parts)


def lasting_shocks(scenario, *, runs: int, seed: int) -> str:
    """P(agreement within a year) and the share of those agreements the shocks alone
    carry (against the twin whose shocks are drawn but not felt), as ``diagnose``."""
    from detente.analysis.diagnostics import noise_dependence

    found = noise_dependence(compile_scenario(scenario), runs=runs, seed=seed, horizon_day=365)
    return (
        f"any agreement {found.agreed / runs:6.1%}, "
        f"carried by the shocks alone {found.share_lost_unfelt:6.1%}"
    )


def slower_texts(scenario, factor: float | None):
    """The scenario with every mediator's ``mediator_text_share`` (the share of the rounds
    it convenes at which it puts a text) multiplied by ``factor``, or set to 1 (a text at
    every round convened) where ``factor`` is None."""
    names = [n for n in scenario.dynamics if n.split(".")[0] == "mediator_text_share"]
    for name in names or ["mediator_text_share"]:
        if factor is None or name not in scenario.dynamics:  # the registry's default is 1
            scenario = apply_setting(scenario, f"dynamics.{name}", factor or 1.0)
        else:
            scenario = apply_setting(scenario, f"dynamics.{name}", factor, op="multiply")
    return scenario


def texts_per_year(scenario, *, runs: int, seed: int) -> float:
    """Texts put to the sides per run in the year after as_of (all mediated tracks)."""
    from detente.process import EventKind

    log = simulate(compile_scenario(scenario), runs=runs, seed=seed)
    return float(((log.kind == int(EventKind.TEXT_DRAFTED)) & (log.day <= 365)).sum() / runs)


def tracks_reversed(scenario):
    """The scenario with its mediated tracks in the reverse of the declared order."""
    tracks = [a for a in scenario.arenas if a.kind == "mediated"]
    order = iter(reversed(tracks))
    arenas = tuple(next(order) if a.kind == "mediated" else a for a in scenario.arenas)
    return scenario.model_copy(update={"arenas": arenas})


def texts_by_track(scenario, *, runs: int, seed: int) -> str:
    """Texts each mediated track puts to the sides per run in the year after as_of."""
    from detente.process import EventKind

    log = simulate(compile_scenario(scenario), runs=runs, seed=seed)
    drafted = (log.kind == int(EventKind.TEXT_DRAFTED)) & (log.day <= 365)
    tracks = {a.id for a in scenario.arenas if a.kind == "mediated"}
    return ", ".join(
        f"{arena_id} {(drafted & (log.arena == k)).sum() / runs:.2f}"
        for k, arena_id in enumerate(log.arena_ids)
        if arena_id in tracks
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", default=["ukraine-2025-12", "drc-m23-2025"])
    parser.add_argument("--runs", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--only", default=",".join(GROUPS), help=f"comma-separated, of {', '.join(GROUPS)}"
    )
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    if wanted - set(GROUPS):
        parser.error(f"--only: unknown {', '.join(sorted(wanted - set(GROUPS)))}")
    for name in args.scenarios:
        scenario = load_scenario(name)
        print(f"{name} ({args.runs:,} runs, seed {args.seed}), one year after as_of:")
        for rule in ("compromise", "weighted_median", "compromise+median"):
            if "drafting" not in wanted:
                break
            figures = shares(scenario, runs=args.runs, seed=args.seed, drafting=rule)
            print(f"  {'drafting ' + rule:<48} {figures}")
        for arena in scenario.arenas if "levers" in wanted else ():
            for lever in arena.leverage:
                if lever.bypasses_influencers:
                    kept = _lever_keeps_influencers(scenario, arena.id, lever.id)
                    label = f"{lever.id} keeps the influencers"
                    print(f"  {label:<48} {shares(kept, runs=args.runs, seed=args.seed)}")
                    for cost_share in (1.0, 0.5):
                        split = _lever_split(scenario, arena.id, lever.id, cost_share)
                        label = f"{lever.id} split, each part at {cost_share:g} x cost"
                        print(f"  {label:<48} {shares(split, runs=args.runs, seed=args.seed)}")
                        print(
                            f"  {'  levers pulled within a year':<48} "
                            f"{lever_shares(split, runs=args.runs, seed=args.seed)}"
                        )
        for factor in (None, 1.0, 0.5) if "cadence" in wanted else ():
            slower = slower_texts(scenario, factor)
            texts = texts_per_year(slower, runs=args.runs, seed=args.seed)
            share = "text share 1" if factor is None else f"text share x {factor:.2f}"
            label = f"{share}: {texts:.1f} texts a year"
            print(f"  {label:<48} {shares(slower, runs=args.runs, seed=args.seed)}")
        for hope in (0.0, 0.25, 0.5, 1.0) if "deferral" in wanted else ():
            hoping = apply_setting(scenario, "dynamics.deferral_expectation", hope)
            label = f"deferral_expectation = {hope:g}"
            print(f"  {label:<48} {shares(hoping, runs=args.runs, seed=args.seed)}")
        for k in (0.0, 0.25, 0.5, 1.0) if "shortfall" in wanted else ():
            fragile = apply_setting(scenario, "dynamics.breakdown_shortfall", k)
            label = f"breakdown_shortfall = {k:g}"
            log = simulate(compile_scenario(fragile), runs=args.runs, seed=args.seed)
            print(f"  {label:<48} {shares_in(log, fragile)}")
            print(f"  {'  broke down within a year':<48} {broke_down_in(log)}")
        for going_on in (False, True) if "talks" in wanted else ():
            phased = with_talks_under_ceasefires(scenario, going_on)
            label = f"talks_continue = {str(going_on).lower()} on every ceasefire"
            print(f"  {label:<48} {shares(phased, runs=args.runs, seed=args.seed)}")
        for days in (0, 30, 120, 365) if "persistence" in wanted else ():
            lasting = apply_setting(scenario, "dynamics.shock_persistence_days", float(days))
            label = f"shock_persistence_days = {days}"
            print(f"  {label:<48} {lasting_shocks(lasting, runs=args.runs, seed=args.seed)}")
        default = drafting_search.GRID_STEPS[2]
        for steps in (5, 10, 20, 40) if "grid" in wanted else ():
            drafting_search.GRID_STEPS[2] = steps
            drafting_search.simplex_grid.cache_clear()
            label = f"grid of {steps} steps"
            print(f"  {label:<48} {shares(scenario, runs=args.runs, seed=args.seed)}")
        drafting_search.GRID_STEPS[2] = default
        drafting_search.simplex_grid.cache_clear()
        implemented = any(a.implementers for a in scenario.arenas if a.kind == "mediated")
        settings = (0.0, 5.0, 10.0, 20.0, 40.0, "delivery", None)
        for tolerance in settings if "implementers" in wanted else ():
            if not implemented:
                break
            if tolerance is None:
                label, changed = "no implementers", without_implementers(scenario)
            elif tolerance == "delivery":
                label = "implementers act at delivery"
                changed = implementers_at_delivery(scenario)
            else:
                label = f"implementer_tolerance = {tolerance:g}"
                changed = apply_setting(scenario, "dynamics.implementer_tolerance", tolerance)
            log = simulate(compile_scenario(changed), runs=args.runs, seed=args.seed)
            print(f"  {label:<48} {shares_in(log, changed)}")
            print(f"  {'  the class in force':<48} {classes_in(log, changed)}")
        several = sum(a.kind == "mediated" for a in scenario.arenas) > 1
        for label, ordered in (
            (("tracks as declared", scenario), ("tracks reversed", tracks_reversed(scenario)))
            if "order" in wanted and several
            else ()
        ):
            print(f"  {label:<48} {shares(ordered, runs=args.runs, seed=args.seed)}")
            print(
                f"  {'  texts a year':<48} "
                f"{texts_by_track(ordered, runs=args.runs, seed=args.seed)}"
            )
        for growth in (0.0, 0.25, 0.5, 1.0) if "weariness" in wanted and scenario.war else ():
            weary = scenario
            for side in scenario.war.sides:
                weary = apply_setting(weary, f"dynamics.war_cost_growth.{side}", growth)
            label = f"war_cost_growth = {growth:g} a year, every side"
            log = simulate(
                compile_scenario(weary),
                runs=args.runs,
                seed=args.seed,
                rounds=2 * 365 // weary.round_days,
            )
            print(f"  {label:<48} {shares_in(log, weary)}")
            print(f"  {'  two years after as_of':<48} {shares_in(log, weary, years=2)}")
        compiled = compile_scenario(scenario)
        if compiled.war is None or "costs" not in wanted:
            continue
        gainer = compiled.actor_ids[compiled.war.gainer]
        column = compiled.column(f"dynamics.war_cost.{gainer}")
        mode = float(compiled.mode[column])
        for factor in (1.0, 2.0, 10 / 3, 16 / 3):
            for drift in (None, 0.0):
                changed = apply_setting(scenario, f"dynamics.war_cost.{gainer}", mode * factor)
                if drift is not None:
                    changed = apply_setting(changed, "dynamics.front_drift_per_round", drift)
                label = f"war_cost.{gainer} = {factor:.1f} x mode" + (
                    ", stalled" if drift == 0 else ""
                )
                print(f"  {label:<48} {shares(changed, runs=args.runs, seed=args.seed)}")


if __name__ == "__main__":
    main()
