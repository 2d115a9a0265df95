"""The process parameters a scenario may set under ``dynamics:``, with their ranges.

The simulator reads these names; a scenario that omits one gets the default
here, marked as an assumption. Names ending in ``.{actor}`` are per actor
(``war_cost.RUS``). Keep each description honest about its unit.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

# The round length the defaults below were set for (a fortnight, the built-in snapshots'):
# a per-round default means something else in a scenario of two-day rounds, so a scenario
# whose rounds differ gets each per-round default converted to its rounds (``default_for``).
REGISTRY_ROUND_DAYS = 14
# How a per-round number d converts to rounds r times as long, keeping what it means per
# day: a probability compounds, an amount adds up, a spread grows with the square root (a
# random walk), and a count of rounds (or a number per unit of a per-round amount) shrinks.
ROUND_SCALINGS: dict[str, Callable[[float, float], float]] = {
    "probability": lambda d, r: 1.0 - (1.0 - d) ** r,
    "amount": lambda d, r: d * r,
    "spread": lambda d, r: d * math.sqrt(r),
    "rounds": lambda d, r: d / r,
}


@dataclass(frozen=True)
class DynamicSpec:
    name: str
    low: float
    high: float
    default: float
    description: str
    named_only: bool = False  # per-actor: exists only for the actors a scenario names
    # its meaning depends on the round's length: how it converts (ROUND_SCALINGS), or ""
    per_round: str = ""

    def default_for(self, round_days: int) -> float:
        """The default in rounds of ``round_days``: the registry's fortnightly number with
        the same meaning per day (a hazard of 3% a fortnight is 0.65% a three-day round)."""
        return self.convert(self.default, round_days)

    def convert(self, value: float, round_days: int) -> float:
        """``value``, a number of this kind for fortnightly rounds, in rounds of
        ``round_days`` (kept within the range for that round length)."""
        r = round_days / REGISTRY_ROUND_DAYS
        if not self.per_round or r == 1:
            return value
        low, high = self.range_for(round_days)
        return min(max(ROUND_SCALINGS[self.per_round](value, r), low), high)

    def range_for(self, round_days: int) -> tuple[float, float]:
        """The registry's range, written for fortnightly rounds, with the same meaning in
        rounds of ``round_days`` (widened, never narrowed): 52 rounds of lookahead are
        two years, so 364 two-day rounds, not 52 (which clipped a short-round case)."""
        r = round_days / REGISTRY_ROUND_DAYS
        if not self.per_round or r == 1:
            return self.low, self.high
        scale = ROUND_SCALINGS[self.per_round]
        return min(self.low, scale(self.low, r)), max(self.high, scale(self.high, r))

    def __post_init__(self) -> None:
        if self.per_round and self.per_round not in ROUND_SCALINGS:
            raise ValueError(f"{self.name}: per_round must be one of {list(ROUND_SCALINGS)}")

    @property
    def per_actor(self) -> bool:
        return self.name.endswith(".{actor}")

    @property
    def only_when_named(self) -> bool:
        """Per-mediator overrides, and per-actor numbers whose absence means something
        (a side with no ``drift_optimism`` knows the war's trend), exist only where a
        scenario sets them."""
        return self.per_actor and (self.named_only or self.name.startswith("mediator_"))


DYNAMICS: tuple[DynamicSpec, ...] = (
    DynamicSpec(
        "mediator_agenda_power",
        0,
        1,
        0.3,
        "pull of each candidate text toward the mediator's own ideal (0 none, 1 its ideal)",
    ),
    DynamicSpec(
        "mediator_attention",
        0,
        1,
        0.7,
        "share of rounds in which the mediator actually convenes talks",
        per_round="probability",
    ),
    DynamicSpec(
        "mediator_text_share",
        0,
        1,
        1.0,
        "share of the rounds the mediator convenes at which it puts its text to the sides' "
        "decision; at the others the text is only discussed (no answer, no shock, no lever), "
        "as a single negotiating text is revised between the times it is tabled",
    ),
    DynamicSpec(
        "mediator_deal_value",
        0,
        200,
        20,
        "utility points the mediator gains from any agreement that stops the war (on top "
        "of what the text gives it on the issues)",
    ),
    DynamicSpec(
        "mediator_round_cost",
        0,
        50,
        1.0,
        "utility points another round costs the mediator once its patience is spent "
        "(attention, prestige); the cost grows from 0 with each failed round, and it abandons "
        "when no text, package or lever is worth it",
        per_round="amount",
    ),
    DynamicSpec(
        "mediator_abandon_cost",
        0,
        50,
        0.0,
        "utility points walking away from a track costs the mediator (the audience cost of "
        "a public peace effort given up): it abandons only when that cost plus what its best "
        "option is worth falls below the cost of another round",
    ),
    DynamicSpec(
        "mediator_patience_rounds",
        1,
        200,
        12,
        "failed rounds after which another round costs the mediator mediator_round_cost "
        "(the cost grows linearly with failures: patience wears out)",
        per_round="rounds",
    ),
    DynamicSpec(
        "mediator_attention.{actor}",
        0,
        1,
        0.7,
        "mediator_attention of one mediator (a co-mediator or a second channel), if it differs",
        per_round="probability",
    ),
    DynamicSpec(
        "mediator_text_share.{actor}",
        0,
        1,
        1.0,
        "mediator_text_share of one mediator, if it differs",
    ),
    DynamicSpec(
        "mediator_agenda_power.{actor}",
        0,
        1,
        0.3,
        "mediator_agenda_power of one mediator, if it differs",
    ),
    DynamicSpec(
        "mediator_deal_value.{actor}",
        0,
        200,
        20,
        "mediator_deal_value of one mediator, if it differs",
    ),
    DynamicSpec(
        "mediator_round_cost.{actor}",
        0,
        50,
        1.0,
        "mediator_round_cost of one mediator, if it differs",
        per_round="amount",
    ),
    DynamicSpec(
        "mediator_abandon_cost.{actor}",
        0,
        50,
        0.0,
        "mediator_abandon_cost of one mediator, if it differs",
    ),
    DynamicSpec(
        "resume_hazard",
        0,
        1,
        0.1,
        "per-round probability that abandoned talks resume (pressure returns)",
        per_round="probability",
    ),
    DynamicSpec(
        "influencer_cohesion",
        0,
        1,
        0.6,
        "internal cohesion of the influencers (scales their pull on the text)",
    ),
    DynamicSpec(
        "influencer_pull_scale",
        0,
        1,
        0.5,
        "share of the distance to the influencers' ideal that a fully cohesive influencer "
        "of influence strength 1 pulls the text",
    ),
    DynamicSpec(
        "decision_noise",
        0,
        50,
        2,
        "standard deviation of a decider's per-round shock, in scale points (day-to-day "
        "politics; small next to the private resolve each side keeps for the whole run)",
    ),
    DynamicSpec(
        "shock_persistence_days",
        0,
        3650,
        0.0,
        "how long a decider's shock lasts, in days: each round keeps exp(-round_days / T) "
        "of the last round's shock (an AR(1) mood with the same spread); 0: a fresh shock "
        "for every decision",
    ),
    DynamicSpec(
        "front_drift_per_round",
        -10,
        10,
        0.3,
        "points per round the front issue moves toward the gainer's end of its scale",
        per_round="amount",
    ),
    DynamicSpec(
        "front_noise_per_round",
        0,
        10,
        0.5,
        "standard deviation of the front's movement per round, in scale points",
        per_round="spread",
    ),
    DynamicSpec(
        "abandoned_drift",
        0,
        10,
        0.5,
        "extra drift per round toward the gainer while every track is abandoned (the war "
        "intensifies)",
        per_round="amount",
    ),
    DynamicSpec(
        "war_cost.{actor}",
        0,
        100,
        2.0,
        "utility points a side loses per round of continued war",
        per_round="amount",
    ),
    DynamicSpec(
        "war_cost_growth.{actor}",
        0,
        5,
        0.0,
        "share of its war_cost by which a side's cost of fighting grows per year of war "
        "fought after as_of (0.5: after a year each round costs 1.5 times as much): war "
        "weariness, the mounting hurt of a mutually hurting stalemate; the side counts the "
        "growth over its look-ahead. 0: the cost stays the same however long the war "
        "lasts (nothing ripens)",
    ),
    DynamicSpec(
        "resolve.{actor}",
        -100,
        100,
        0.0,
        "extra value a side places on fighting on (optimism, domestic politics); drawn once "
        "per run and private: the mediator knows only its range",
    ),
    DynamicSpec(
        "drift_optimism.{actor}",
        -10,
        10,
        0.0,
        "points per round by which a side of the war believes the front moves in its favour "
        "beyond the trend it follows (negative: pessimism); drawn once per run and private; "
        "fighting teaches the side the trend (drift_belief_rounds). A side without it knows "
        "the trend",
        named_only=True,
        per_round="amount",
    ),
    DynamicSpec(
        "drift_belief_rounds",
        0,
        1000,
        8.0,
        "rounds of watching the front that a side's first belief about the war's trend "
        "(drift_optimism) counts as: after k rounds of fighting its optimism has shrunk to "
        "n0 / (n0 + k) of its start, plus what the front's noise taught it",
        per_round="rounds",
    ),
    DynamicSpec(
        "lookahead_rounds",
        1,
        52,
        6,
        "rounds of further fighting a side weighs a text against: its value of fighting on "
        "is the status quo projected that far along the front, minus that many rounds of "
        "war cost",
        per_round="rounds",
    ),
    DynamicSpec(
        "concession_aversion",
        0,
        5,
        1.0,
        "loss aversion: each point a text (or the front) gives up beyond today's status quo "
        "counts (1 + this) times (1.0: losses weigh twice as much as gains)",
    ),
    DynamicSpec(
        "breakdown_hazard",
        0,
        1,
        0.03,
        "per-round probability that an agreement in force with no commitment terms breaks "
        "down and the war resumes",
        per_round="probability",
    ),
    DynamicSpec(
        "commitment_effect",
        0,
        1,
        0.7,
        "share of the breakdown hazard removed by the strongest commitment terms (the "
        "war's commitment issues at their committed end)",
    ),
    DynamicSpec(
        "breakdown_temptation",
        0,
        5,
        0.5,
        "growth of the breakdown hazard per point of expected front drift per round (the "
        "more the gainer expects to win by fighting, the likelier it resumes)",
        # per point of a per-round drift: the drift grows with the round, so this shrinks
        per_round="rounds",
    ),
    DynamicSpec(
        "breakdown_shortfall",
        0,
        5,
        0.0,
        "growth of the breakdown hazard per utility point by which a signatory valued the "
        "deal below fighting on when it signed (without that round's shock): a deal only a "
        "good day carried is not self-enforcing; 0 makes it as durable as any other",
    ),
    DynamicSpec(
        "deferral_expectation",
        0,
        1,
        0.0,
        "how the sides and the mediator value the issues a package defers (a ceasefire's "
        "political issues): 0 as they stand (the status quo outlasts the ceasefire, as in a "
        "frozen conflict), 1 as the full text drafted beside it would settle them (a later "
        "peace on those terms), a share of the way between",
    ),
    DynamicSpec(
        "vote_attention",
        0,
        1,
        0.5,
        "per-round probability that a vote arena (e.g. the EU Council) takes up its pending issues",
        per_round="probability",
    ),
    DynamicSpec(
        "implementer_tolerance",
        -100,
        100,
        0.0,
        "points by which an arena's implementer still consents to a comprehensive text "
        "that is worse for it than the status quo on the issues it must implement; "
        "negative: it demands a gain",
    ),
)

_BY_NAME = {spec.name: spec for spec in DYNAMICS}


def dynamic_spec(name: str) -> DynamicSpec | None:
    """The spec for a dynamics key (``war_cost.RUS`` finds ``war_cost.{actor}``)."""
    if name in _BY_NAME:
        return _BY_NAME[name]
    head, _, _actor = name.partition(".")
    return _BY_NAME.get(f"{head}.{{actor}}") if _actor else None


def known_dynamics_names() -> list[str]:
    return [spec.name for spec in DYNAMICS]
