"""The process parameters a scenario may set under ``dynamics:``, with their ranges.

The simulator reads these names; a scenario that omits one gets the default
here, marked as an assumption. Names ending in ``.{actor}`` are per actor
(``war_cost.RUS``). Keep each description honest about its unit.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DynamicSpec:
    name: str
    low: float
    high: float
    default: float
    description: str

    @property
    def per_actor(self) -> bool:
        return self.name.endswith(".{actor}")


DYNAMICS: tuple[DynamicSpec, ...] = (
    DynamicSpec(
        "mediator_agenda_power",
        0,
        1,
        0.3,
        "pull of each draft toward the mediator's own ideal (0 none, 1 its ideal)",
    ),
    DynamicSpec(
        "mediator_attention",
        0,
        1,
        0.7,
        "share of rounds in which the mediator actually convenes talks",
    ),
    DynamicSpec(
        "mediator_patience_rounds",
        1,
        200,
        12,
        "mean number of failed rounds before the mediator's patience runs out",
    ),
    DynamicSpec(
        "abandon_weight",
        0,
        1,
        0.3,
        "when patience runs out: relative weight of abandoning the talks",
    ),
    DynamicSpec(
        "bypass_weight",
        0,
        1,
        0.4,
        "when patience runs out: relative weight of bypassing the influencers "
        "and pressing the weaker signatory",
    ),
    DynamicSpec(
        "narrow_weight",
        0,
        1,
        0.3,
        "when patience runs out: relative weight of narrowing to a ceasefire-only text",
    ),
    DynamicSpec(
        "resume_hazard",
        0,
        1,
        0.1,
        "per-round probability that abandoned talks resume (pressure returns)",
    ),
    DynamicSpec(
        "influencer_cohesion",
        0,
        1,
        0.6,
        "internal cohesion of the influencers (scales their pull on the text)",
    ),
    DynamicSpec(
        "channel_open_hazard",
        0,
        1,
        0.02,
        "per-round probability that the influencers open their own channel",
    ),
    DynamicSpec(
        "decision_noise",
        0,
        50,
        6,
        "standard deviation of a signatory's private utility shock, in scale points",
    ),
    DynamicSpec(
        "front_drift_per_round",
        -10,
        10,
        0.3,
        "points per round the front moves on the territory scale (positive: toward "
        "Russia's ideal) at current support",
    ),
    DynamicSpec(
        "front_noise_per_round",
        0,
        10,
        0.5,
        "standard deviation of the front's movement per round, in scale points",
    ),
    DynamicSpec(
        "support_cut_drift",
        0,
        10,
        1.0,
        "extra drift per round toward Russia when the mediator cuts support to Ukraine",
    ),
    DynamicSpec(
        "war_cost.{actor}",
        0,
        100,
        2.0,
        "utility points a signatory loses per round of continued war",
    ),
    DynamicSpec(
        "resolve.{actor}",
        -100,
        100,
        0.0,
        "extra value a signatory places on fighting on (optimism, domestic politics)",
    ),
    # Added for the process simulator (detente.process); see its module docstrings.
    DynamicSpec(
        "lookahead_rounds",
        1,
        52,
        6,
        "rounds of further fighting a signatory weighs a draft against: its value of "
        "fighting on is the status quo projected that far along the front, minus that "
        "many rounds of war cost",
    ),
    DynamicSpec(
        "mediator_adaptation",
        0,
        2,
        0.2,
        "after each rejection the mediator raises the rejecting signatory's weight in "
        "the next draft by this fraction (the US adjusts its plan)",
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
        "abandoned_drift",
        0,
        10,
        0.5,
        "extra drift per round toward the front's gainer while talks are abandoned "
        "(the war intensifies)",
    ),
    DynamicSpec(
        "channel_pull_boost",
        1,
        5,
        1.5,
        "factor on the influencers' pull once they have opened their own channel",
    ),
    DynamicSpec(
        "concession_aversion",
        0,
        5,
        1.0,
        "loss aversion of a signatory: each point a text (or the front) gives up beyond "
        "today's status quo counts (1 + this) times (1.0: losses weigh twice as much as "
        "gains, near Kahneman-Tversky's 2.25)",
    ),
    DynamicSpec(
        "vote_attention",
        0,
        1,
        0.5,
        "per-round probability that a vote arena (e.g. the EU Council) takes up its pending issues",
    ),
    DynamicSpec(
        "implementer_tolerance",
        -100,
        100,
        0.0,
        "points by which an arena's implementer still consents to a comprehensive text "
        "that is worse for it than the status quo on the issues it must implement "
        "(e.g. pressure from the mediator); negative: it demands a gain",
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
