"""The scenario language as pydantic models (DESIGN section 4).

These models check types and single-field ranges; rules that span several
entries (unknown ids, duplicates, as-of dates) live in ``crosscheck``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from detente.scenario.base import EventEffect, Identifier, Sourced, Strict
from detente.scenario.dated import DatedChance
from detente.scenario.structure import (
    CalibrationTarget,
    Expectation,
    Leverage,
    Package,
    TrackMeetings,
    TrackOpening,
    War,
)
from detente.scenario.uncertain import Uncertain


class Source(Strict):
    id: Identifier
    title: str = Field(min_length=1)
    published: dt.date
    kind: str = "article"
    reliability: float = Field(default=0.5, ge=0, le=1)
    file: str | None = Field(default=None, description="file name of the document, if known")
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")


class EvidencePointer(Strict):
    """A span of a source's normalised text, fingerprinted; never the text itself."""

    id: Identifier
    source: Identifier
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    claim: str = Field(min_length=3, description="your own paraphrase of what the span supports")

    @model_validator(mode="after")
    def _span_order(self) -> EvidencePointer:
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be greater than start ({self.start})")
        return self


class Actor(Sourced):
    id: Identifier
    name: str = Field(min_length=1)
    # armed_group: a rebel or militia army (M23, the RSF), a side of most wars that end
    kind: Literal["state", "bloc", "organisation", "person", "coalition", "armed_group"] = "state"
    capability: Uncertain
    aliases: tuple[str, ...] = ()
    members: tuple[Identifier, ...] = ()

    @field_validator("capability")
    @classmethod
    def _capability_range(cls, value: Uncertain) -> Uncertain:
        if not value.within(0, 100):
            raise ValueError("capability must lie in 0..100 (share of the strongest actor's)")
        return value


class Issue(Strict):
    id: Identifier
    name: str = Field(min_length=1)
    scale: dict[int, str]
    status_quo: Uncertain
    # other names the news uses for the issue ('Donbas', 'the line of contact'): the
    # evidence pipeline reads a sentence naming one as a sentence about the issue
    aliases: tuple[str, ...] = Field(default=(), max_length=100)
    political: bool = Field(
        default=True,
        description="political issues are deferred by a ceasefire-only (armistice) text",
    )
    irreversible: bool = Field(
        default=False,
        description="what an agreement settles here is done at signature and stays done if "
        "the agreement breaks down (hostages or prisoners released, a handover made); "
        "otherwise the issue returns to where it stood (sanctions snap back, guarantees "
        "lapse). The front always takes the agreed line and fights on from there",
    )
    # the status quo is a number a person estimated: what shows where things stand today
    # (optional, so a status quo defined by an anchor, 'the front line itself', needs none)
    evidence: tuple[Identifier, ...] = ()
    assumption: str | None = Field(default=None, min_length=3)

    @field_validator("scale")
    @classmethod
    def _anchored(cls, scale: dict[int, str]) -> dict[int, str]:
        if 0 not in scale or 100 not in scale:
            raise ValueError("the scale needs written anchors at 0 and at 100")
        outside = [k for k in scale if not 0 <= k <= 100]
        if outside:
            raise ValueError(f"scale anchors must lie in 0..100, got {outside}")
        return scale

    @field_validator("status_quo")
    @classmethod
    def _status_quo_range(cls, value: Uncertain) -> Uncertain:
        if not value.within(0, 100):
            raise ValueError("status_quo must lie in 0..100")
        return value

    @field_validator("aliases")
    @classmethod
    def _alias_lengths(cls, aliases: tuple[str, ...]) -> tuple[str, ...]:
        bad = [a for a in aliases if not 3 <= len(a.strip()) <= 100]
        if bad:
            raise ValueError(f"each alias needs 3 to 100 characters, got {bad[0][:40]!r}")
        return aliases


class Position(Sourced):
    actor: Identifier
    issue: Identifier
    position: Uncertain
    salience: Uncertain

    @field_validator("position")
    @classmethod
    def _position_range(cls, value: Uncertain) -> Uncertain:
        if not value.within(0, 100):
            raise ValueError("position must lie on the issue's 0..100 scale")
        return value

    @field_validator("salience")
    @classmethod
    def _salience_range(cls, value: Uncertain) -> Uncertain:
        if not value.within(0, 100):
            raise ValueError("salience must lie in 0..100")
        return value


class Implementer(Sourced):
    """An actor outside the signatories whose consent a comprehensive text needs.

    Why: some components of a full settlement can only be delivered by a third party
    (e.g. sanctions relief or frozen assets held in its jurisdiction, troops it must
    send). It can refuse to implement a comprehensive text it dislikes, but it has no
    say over a ceasefire-only text or a deal the mediator imposes by bypassing it.
    Where it acts is the scenario's claim, with its evidence: at signature (the
    signatories will not sign without it) or only at delivery (a spoiler that is not at
    the table: the text is signed without it and it withholds what it dislikes).
    """

    actor: Identifier
    issues: tuple[Identifier, ...] = Field(
        min_length=1, description="the arena's issues this actor must implement"
    )
    acts_at: Literal["signature", "delivery"] | None = Field(
        default=None,
        description="signature: a comprehensive text needs its consent, and its refusal "
        "fails the round; delivery: the signatories sign without it, and it then withholds "
        "each of its issues on which the text leaves it worse off than the status quo; "
        "none: signature, and 'validate' warns, since the choice can decide the forecast",
    )


class Arena(Strict):
    id: Identifier
    name: str = ""
    kind: Literal["mediated", "vote", "bilateral"]
    mediator: Identifier | None = None
    signatories: tuple[Identifier, ...] = ()
    influencers: tuple[Identifier, ...] = ()
    members: tuple[Identifier, ...] = ()
    rule: Literal["unanimity", "qmv", "majority", "enhanced"] | None = None
    issues: tuple[Identifier, ...] = Field(min_length=1)
    implementers: tuple[Implementer, ...] = Field(
        default=(),
        description="actors whose consent a COMPREHENSIVE text needs on the issues they "
        "must implement: each consents when its utility of the text on those issues "
        "(plus noise) is at least that of the status quo; a ceasefire-only text does not "
        "need them, and a deal imposed after the mediator bypassed the influencers is "
        "signed without them, and each withholds the parts of it that leave it worse off "
        "than the status quo",
    )
    # Vote arenas as institutions (see detente.scenario.institutions).
    decisions: tuple[Decision, ...] = ()
    population: Population | None = None
    rule_switches: tuple[RuleSwitch, ...] = ()

    packages: tuple[Identifier, ...] = Field(
        default=(),
        description="ids of the scenario's packages this track may offer (comprehensive, "
        "ceasefire, limited); none: a comprehensive text only",
    )
    leverage: tuple[Leverage, ...] = Field(
        default=(), description="levers the mediator may pull, chosen by expected payoff"
    )
    opens: TrackOpening | None = Field(
        default=None, description="a track closed at the start that may open in a window"
    )
    meets: TrackMeetings | None = Field(
        default=None,
        description="a bilateral track: the share of rounds in which its two sides meet and "
        "answer a text (none: every round)",
    )

    @model_validator(mode="after")
    def _kind_fields(self) -> Arena:
        if self.kind == "mediated" and (self.mediator is None or len(self.signatories) < 2):
            raise ValueError("a mediated arena needs a 'mediator' and at least two 'signatories'")
        if self.kind == "bilateral" and len(self.signatories) != 2:
            raise ValueError("a bilateral arena needs exactly two 'signatories'")
        if self.kind == "vote" and (not self.members or self.rule is None):
            raise ValueError(
                "a vote arena needs 'members' and a 'rule' (unanimity, qmv, majority, enhanced)"
            )
        if self.meets is not None and self.kind != "bilateral":
            raise ValueError(
                "'meets' belongs to a bilateral track: a mediated track meets as often as its "
                "mediator convenes (dynamics.mediator_attention.<mediator>)"
            )
        if self.kind != "vote" and (self.decisions or self.population or self.rule_switches):
            raise ValueError("'decisions', 'population' and 'rule_switches' belong to a vote arena")
        return self


class Relation(Sourced):
    kind: Literal["dependency", "influence", "alliance"]
    source_actor: Identifier = Field(alias="from")
    target_actor: Identifier = Field(alias="to")
    strength: Uncertain

    @property
    def strength_path(self) -> str:
        """Its strength's scenario path (``detente.scenario.paths``), as warnings,
        sliders and open questions name it."""
        return f"relations.{self.kind}.{self.source_actor}.{self.target_actor}.strength"

    @field_validator("strength")
    @classmethod
    def _strength_range(cls, value: Uncertain) -> Uncertain:
        if not value.within(0, 1):
            raise ValueError("strength must lie in 0..1")
        return value


class DynamicParameter(Sourced):
    value: Uncertain


class LoggedAs(Strict):
    """What a fired event also is in the event log, so questions count every route to it
    (e.g. a support cut that happens outside the talks is a SUPPORT_CUT by that actor)."""

    kind: Literal["support_cut", "leverage", "channel_opened"]
    actor: Identifier


class ExogenousEvent(DatedChance):
    id: Identifier
    name: str = ""
    logs_as: LoggedAs | None = None
    effects: tuple[EventEffect, ...] = Field(min_length=1)


class Scenario(Strict):
    id: Identifier
    title: str = ""
    description: str = ""
    as_of: dt.date
    horizon: dt.date
    round_days: int = Field(default=14, ge=1, le=365)
    sources: tuple[Source, ...] = ()
    actors: tuple[Actor, ...] = Field(min_length=1)
    issues: tuple[Issue, ...] = Field(min_length=1)
    positions: tuple[Position, ...] = Field(min_length=1)
    arenas: tuple[Arena, ...] = ()
    relations: tuple[Relation, ...] = ()
    dynamics: dict[str, DynamicParameter] = Field(default_factory=dict)
    events: tuple[ExogenousEvent, ...] = ()
    evidence: tuple[EvidencePointer, ...] = ()
    war: War | None = Field(
        default=None, description="the war every track shares: sides, front issue, gainer"
    )
    packages: tuple[Package, ...] = ()
    expectations: tuple[Expectation, ...] = ()
    calibration: tuple[CalibrationTarget, ...] = ()

    @model_validator(mode="after")
    def _dates(self) -> Scenario:
        if self.horizon <= self.as_of:
            raise ValueError("horizon must be after as_of")
        return self

    # Small lookups used everywhere; cheap enough to rebuild on demand.
    def actor(self, actor_id: str) -> Actor:
        return next(a for a in self.actors if a.id == actor_id)

    def issue(self, issue_id: str) -> Issue:
        return next(i for i in self.issues if i.id == issue_id)

    def arena(self, arena_id: str) -> Arena:
        return next(a for a in self.arenas if a.id == arena_id)

    @property
    def actor_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.actors)

    @property
    def issue_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.issues)


# Arena names these in its annotations; model_rebuild below resolves them.
from detente.scenario.institutions import Decision, Population, RuleSwitch  # noqa: E402

Arena.model_rebuild()
Scenario.model_rebuild()
