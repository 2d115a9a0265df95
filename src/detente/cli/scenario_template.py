"""The commented template scenario that ``detente new NAME`` writes.

Why a template and not a wizard: the YAML with its comments is the documentation a
new analyst reads while filling it in, and it validates as written, so every step
can be checked with ``detente validate``. Every estimated number carries an
``assumption:`` that says it is a placeholder, until evidence ids replace it; the
forecast lists them as open questions. Generic on purpose: no real case's names.
"""

from __future__ import annotations

import datetime as dt
import re

from detente.analysis.outcomes import add_months
from detente.scenario.errors import DetenteError

CHECKLIST = (
    "title and description: what negotiation, seen from which date (as_of)",
    "actors: every party that can accept, block, press or implement a deal; capability 0-100",
    "issues: each with written anchors at 0 and 100 (and between) and today's status quo",
    "positions: every actor's position and salience on each issue it cares about",
    "arenas: where talks happen (tracks), who mediates, who must sign, who only "
    "influences; the packages each track offers and the levers its mediator may pull",
    "war: who fights (sides), which issue the front is, which side gains ground, and the "
    "terms that make an agreement hold (commitment)",
    "packages: comprehensive, ceasefire (what it settles, what it defers), limited deals",
    "relations: who depends on, influences or is allied with whom (strength 0-1)",
    "dynamics: resolve, war cost, look-ahead, mediator attention and patience",
    "events: dated or windowed shocks with a probability and their effects",
    "sources and evidence: cite a span of a source for each number "
    "('detente evidence cite'), then replace its 'assumption:' by 'evidence: [ids]'",
    "questions: edit NAME.questions.yaml; then run 'detente validate', 'detente forecast'",
)

PLACEHOLDER = "placeholder - replace with evidence"

_TEMPLATE = """\
# Scenario template written by 'detente new {name}' for a snapshot as of {today}.
# It validates as written ('detente validate {file}') but every number is a PLACEHOLDER:
# each carries 'assumption: ...' until you cite evidence for it ('evidence: [ids]').
# 'detente forecast {file}' lists the assumption-only numbers that move it most as open
# questions (evidence for those first)
# and warns when a result looks extreme (e.g. an agreement above 95% within months).
#
# Checklist (fill in, in this order):
{checklist}
#
# Uncertain numbers: a single value (50) or a range {{low: 40, mode: 50, high: 65}}
# (beta-PERT; the Monte Carlo runs draw from it). Ids: letters, digits, _ and -.

id: {name}
title: "{name}: TITLE OF THE NEGOTIATION"
description: >-
  One paragraph: who is negotiating what, since when, through whom.
as_of: {today}          # the date the scenario describes; nothing after it is known
horizon: {horizon}      # last date simulated
round_days: {round_days}   # days between negotiation rounds; the numbers marked 'per round'
                 # below are for rounds of this length ('detente new --round-days N'
                 # writes them for N): change it and convert them, or delete them (a
                 # number left out takes the registry default converted to your rounds;
                 # 'detente validate' says which)

sources:
  # one entry per document you cite; 'file' is its name in your sources folder (briefings
  # and 'detente update' know an ingested document by it, instead of adding it again)
  - {{id: src1, title: "TITLE OF A SOURCE", file: "source1.txt", published: {today},
     reliability: 0.5}}

actors:
  # capability 0-100: the actor's weight in the talks (military, economic, diplomatic)
  - id: MED
    name: Mediator
    kind: state
    capability: {{low: 60, mode: 70, high: 80}}
    assumption: "{placeholder}"
  - id: PARTY_A
    name: Party A
    kind: state
    capability: {{low: 40, mode: 50, high: 60}}
    assumption: "{placeholder}"
  - id: PARTY_B
    name: Party B
    kind: state
    capability: {{low: 40, mode: 50, high: 60}}
    assumption: "{placeholder}"
  - id: BACKER
    name: Backer of Party A
    kind: coalition
    capability: {{low: 30, mode: 40, high: 50}}
    assumption: "{placeholder}"

issues:
  # each issue is a 0-100 line with written anchors; write what 0, 50 and 100 mean
  - id: line
    name: Ceasefire line
    scale:
      0: "Party A keeps everything"
      50: "freeze on today's line"
      100: "Party B gets everything it claims"
    status_quo: 50      # today's state on the scale (a placeholder too: cite a source)
    # other names the news gives the issue, so that extraction finds it ('the line of
    # contact', a region's name); the id's words also attach built-in phrasings
    # ('ceasefire' or 'truce': 'cessation of hostilities', 'halt all military activities')
    aliases: [line of contact, front line]
  - id: status
    name: Political status
    scale: {{0: "Party A's view prevails", 100: "Party B's view prevails"}}
    status_quo: 50

positions:
  # position on the issue's scale, salience 0-100 = how much the issue matters to the actor
  - {{actor: MED, issue: line, position: 50, salience: 40, assumption: "{placeholder}"}}
  - {{actor: PARTY_A, issue: line, position: {{low: 5, mode: 15, high: 30}}, salience: 80,
     assumption: "{placeholder}"}}
  - {{actor: PARTY_B, issue: line, position: {{low: 70, mode: 85, high: 95}}, salience: 80,
     assumption: "{placeholder}"}}
  - {{actor: BACKER, issue: line, position: 30, salience: 50, assumption: "{placeholder}"}}
  - {{actor: PARTY_A, issue: status, position: 10, salience: 60, assumption: "{placeholder}"}}
  - {{actor: PARTY_B, issue: status, position: 90, salience: 60, assumption: "{placeholder}"}}

arenas:
  # mediated talks: the mediator drafts, the signatories must all accept, influencers pull
  - id: talks
    name: Mediated talks
    kind: mediated
    mediator: MED
    signatories: [PARTY_A, PARTY_B]
    influencers: [BACKER]
    issues: [line, status]
    packages: [full, ceasefire]   # the kinds of agreement this track may offer
    # implementers: third parties a full text needs (their troops, sanctions, funds), and
    # where each acts: at signature (no signature without it) or only at delivery (signed
    # without it; it withholds what leaves it worse off), e.g.
    # - {{actor: BACKER, issues: [status], acts_at: delivery, assumption: "..."}}
    # leverage: levers the mediator may pull, chosen by expected payoff, e.g.
    # - {{id: press_b, target: PARTY_B, war_cost_add: 1, cost: 1, assumption: "..."}}
    # a third party's lever says who pulls it and what a deal is worth to it; it presses
    # when the lift in the chance the text is taken pays for the cost, e.g.
    # - {{id: patron_presses_b, by: BACKER, target: PARTY_B, war_cost_add: 1, cost: 0.5,
    #    deal_value: 5, assumption: "..."}}
  # direct talks with no mediator: kind bilateral, exactly two signatories, and how often
  # they meet (the share of rounds), e.g.
  # - {{id: direct, kind: bilateral, signatories: [PARTY_A, PARTY_B], issues: [line],
  #    meets: {{share: {{low: 0.1, mode: 0.2, high: 0.4}}, assumption: "..."}}}}

war:
  # one war shared by every track: who fights, which issue the front is, who gains ground
  sides: [PARTY_A, PARTY_B]
  front_issue: line
  gainer: PARTY_B
  commitment:            # terms that make an agreement hold (the commitment problem)
    - {{issue: status, toward: 100}}
  # where the front decides the war (a side has won: no agreement), with why, e.g.
  # decisive: [{{side: PARTY_B, front: 95, assumption: "..."}}]; none: only a deal ends it
  assumption: "{placeholder}"

packages:
  # comprehensive: settles every issue of the track; ceasefire: settles some, defers the rest.
  # ready_after_days: N (days from as_of) if its text cannot be tabled at once: a full text
  # takes weeks to draft, a stop to the firing does not (default 0: from the first round).
  # talks_continue (ceasefire): true if the track goes on negotiating the settlement while
  # the ceasefire holds (a phased peace), false if the ceasefire ends the talks until it
  # breaks down; it decides how often an armistice becomes a peace: choose it with a reason.
  # freezes (ceasefire): issues settled where they stand on the day it is signed (a
  # ceasefire in place, on the line of contact) instead of drafted: write 'freezes: [line]'
  # in place of 'settles: [line]' if the mediator cannot move the line to buy a yes
  # conditions: what a side needs before it signs, that no other term can buy: a
  # precondition on an issue as it stands (only an event moves it) or, with 'of: text', a
  # red line on what the text settles, e.g.
  #   conditions: [{{actor: PARTY_B, issue: status, at_least: 60, assumption: "..."}}]
  - {{id: full, kind: comprehensive, assumption: "{placeholder}"}}
  - {{id: ceasefire, kind: ceasefire, settles: [line], defers: [status], talks_continue: false,
     assumption: "{placeholder}"}}

relations:
  # influence: 'from' sways 'to' (an influencer pulls the text through its strongest one).
  # dependency ('from' needs 'to': aid, trade) and alliance are recorded but no part of the
  # model reads them: what a dependency does (a mediator cutting support) is a lever under
  # the track's leverage. 'detente validate' warns about every relation nothing reads.
  - {{kind: influence, from: BACKER, to: PARTY_A, strength: {{low: 0.4, mode: 0.6, high: 0.8}},
     assumption: "{placeholder}"}}

dynamics:
  # process numbers; any not listed take their defaults ('detente show {file}' lists them)
  mediator_attention:     # share of rounds in which the mediator convenes talks (0-1)
    value: {mediator_attention}
    assumption: "{placeholder}"
  mediator_patience_rounds:   # failed rounds before the mediator's patience runs out
    value: {mediator_patience_rounds}
    assumption: "{placeholder}"
  lookahead_rounds:       # rounds of further fighting a party weighs a draft against
    value: {lookahead_rounds}
    assumption: "{placeholder}"
  war_cost.PARTY_A:       # utility points a party loses per round of war (0-100)
    value: {war_cost}
    assumption: "{placeholder}"
  war_cost.PARTY_B:
    value: {war_cost}
    assumption: "{placeholder}"
  resolve.PARTY_A:        # extra value a party places on fighting on (-100..100)
    value: {{low: 5, mode: 15, high: 30}}
    assumption: "{placeholder}"
  resolve.PARTY_B:
    value: {{low: 5, mode: 15, high: 30}}
    assumption: "{placeholder}"
  # optional: a party that believes the war goes better for it than it does (points per
  # round of front drift; fighting teaches it the trend, drift_belief_rounds sets how fast):
  # drift_optimism.PARTY_A: {{value: {{low: 0, mode: 0.3, high: 0.6}}, assumption: "..."}}
  decision_noise:         # sd of a party's day-to-day shock, in scale points: keep it
    # small; a party's private resolve (above) carries what the mediator does not know.
    # 'detente diagnose FILE' shows how much the forecast rests on it
    value: {{low: 1, mode: 2, high: 3}}
    assumption: "{placeholder}"
{registry_dynamics}
events:
  # shocks: a date or a window, a probability, and what they change (a scenario path)
  - id: backer_pressure_drops
    name: The backer halves its pressure on Party A
    window: {{start: {event_start}, end: {event_end}}}
    probability: {{low: 0.05, mode: 0.15, high: 0.3}}
    effects:
      - {{path: relations.influence.BACKER.PARTY_A.strength, op: multiply, value: 0.5}}
    assumption: "{placeholder}"

evidence: []
  # - {{id: ev1, source: src1, start: 0, end: 120, sha256: ..., claim: "your paraphrase"}}
  #   'detente evidence cite' computes start, end and sha256 from the source's text
"""

_QUESTIONS = """\
# Questions for {name} ('detente ask {file}' and 'detente forecast {file}' answer them).
# Language: agreement(arena=ID) by DATE, settled(ISSUE) >= N by DATE, ... (see the docs)
- id: deal_6m
  text: Will the mediated talks produce an agreement by {six_months}?
  question: agreement(arena=talks) by {six_months}
- id: deal_12m
  text: Will the mediated talks produce an agreement by {twelve_months}?
  question: agreement(arena=talks) by {twelve_months}
"""


HAND_WRITTEN = (
    "mediator_attention",
    "mediator_patience_rounds",
    "lookahead_rounds",
    "war_cost.{actor}",
    "resolve.{actor}",
    "decision_noise",
)
PARTIES = ("PARTY_A", "PARTY_B")


def _registry_dynamics(read: set[str] | None = None, round_days: int = 14) -> str:
    """Every other dynamics number of the registry (that ``read`` names, if given) at its
    default, each with its meaning, so the template sets them all (nothing silently
    defaulted) and stays in step with the simulator as numbers are added. A per-round
    default is written converted to rounds of ``round_days`` (``DynamicSpec.default_for``)."""
    import textwrap

    from detente.scenario.dynamics import DYNAMICS

    lines = ["  # the other process numbers, at the registry's defaults: check each one"]
    for spec in DYNAMICS:
        if spec.name in HAND_WRITTEN or spec.only_when_named:
            continue
        names = (
            [spec.name.replace("{actor}", p) for p in PARTIES] if spec.per_actor else [spec.name]
        )
        names = [n for n in names if read is None or n in read]
        if not names:  # the template's structure never reads it (e.g. no vote arena)
            continue
        about = re.sub(r"\s*\(e\.g\.[^)]*\)", "", spec.description)
        unit = f"; per round: {spec.per_round}" if spec.per_round else ""
        low, high = (_number(v, spec.per_round) for v in spec.range_for(round_days))
        for line in textwrap.wrap(f"{about} ({low}..{high}{unit})", 88):
            lines.append(f"  # {line}")
        for key in names:
            lines += [
                f"  {key}:",
                f"    value: {_number(spec.default_for(round_days), spec.per_round)}",
                f'    assumption: "{DEFAULT_NOTE}"',
            ]
    return "\n".join(lines) + "\n"


DEFAULT_NOTE = "registry default - replace with evidence"


# the template's own judgements for the numbers it writes by hand, for 14-day rounds
HAND_RANGES = {
    "mediator_attention": (0.4, 0.6, 0.8),
    "mediator_patience_rounds": (6, 12, 20),
    "lookahead_rounds": (3, 6, 10),
    "war_cost": (1, 2, 4),
}


def _number(value: float, per_round: str = "") -> str:
    """A converted number as a person would write it: three significant digits, and a
    count of rounds of ten or more in whole rounds (``93`` rounds, not ``93.3``)."""
    if per_round == "rounds" and abs(value) >= 10:
        return str(round(value))
    return f"{float(f'{value:.3g}'):g}"


def _hand_range(name: str, round_days: int) -> str:
    """``HAND_RANGES[name]`` converted to rounds of ``round_days`` as the registry converts
    the same number, written as a YAML range."""
    from detente.scenario.dynamics import DYNAMICS, REGISTRY_ROUND_DAYS

    spec = next(d for d in DYNAMICS if d.name in (name, f"{name}.{{actor}}"))
    low, mode, high = (
        _number(spec.convert(v, round_days), spec.per_round) for v in HAND_RANGES[name]
    )
    written = "{" + f"low: {low}, mode: {mode}, high: {high}" + "}"
    if round_days == REGISTRY_ROUND_DAYS or not spec.per_round:
        return written
    # a converted number reads as a judgement only beside the one it was converted from
    fortnightly = " / ".join(f"{v:g}" for v in HAND_RANGES[name])
    return f"{written}  # {fortnightly} for {REGISTRY_ROUND_DAYS}-day rounds, converted"


def scenario_template(name: str, today: dt.date, file: str, round_days: int = 14) -> str:
    """The template scenario YAML for ``name`` as of ``today``, in rounds of ``round_days``
    (every per-round number written for that round length).

    Drafted with every registry number, then redrawn with only those the simulator
    reads for this structure, so ``detente validate`` has nothing to warn about.
    """
    draft = _filled(name, today, file, None, round_days)
    try:
        from detente.process.reads import read_dynamics
        from detente.scenario.loader import parse_scenario_text

        read = set(read_dynamics(parse_scenario_text(draft, file)))
    except (ImportError, DetenteError):  # keep every number if the check is unavailable
        return draft
    return _filled(name, today, file, read, round_days)


def _filled(
    name: str, today: dt.date, file: str, read: set[str] | None, round_days: int = 14
) -> str:
    checklist = "\n".join(f"#  [ ] {k}. {item}" for k, item in enumerate(CHECKLIST, 1))
    return _TEMPLATE.format(
        name=name,
        file=file,
        today=today.isoformat(),
        horizon=add_months(today, 12).isoformat(),
        event_start=add_months(today, 1).isoformat(),
        event_end=add_months(today, 6).isoformat(),
        checklist=checklist.replace("NAME", name),
        placeholder=PLACEHOLDER,
        registry_dynamics=_registry_dynamics(read, round_days),
        round_days=round_days,
        **{key: _hand_range(key, round_days) for key in HAND_RANGES},
    )


def questions_template(name: str, today: dt.date, file: str) -> str:
    return _QUESTIONS.format(
        name=name,
        file=file,
        six_months=add_months(today, 6).isoformat(),
        twelve_months=add_months(today, 12).isoformat(),
    )
