"""Declared structure of a war-ending negotiation: the war, agreement packages, leverage.

Why a module of its own: release 0.1.0 guessed which issue is the front (from its id)
and which side is pressured (the most dependent signatory). A reader of the YAML could
not see either, and a new case silently got the wrong roles. Everything the simulator
needs to know about roles is declared here, validated, and shown by ``detente show``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from pydantic import Field, field_validator, model_validator

from detente.scenario.base import EventEffect, Identifier, Sourced, Strict
from detente.scenario.dated import DatedChance, Window
from detente.scenario.uncertain import Uncertain


class CommitmentTerm(Strict):
    """An issue whose settled value makes an agreement easier to keep (or harder).

    ``toward`` is the end of the issue's scale that means a stronger commitment (e.g.
    100 on a guarantees scale, 0 on a force-caps scale when caps leave the weaker side
    unable to defend itself); ``weight`` its share in the commitment score.
    """

    issue: Identifier
    toward: Literal[0, 100] = 100
    weight: float = Field(default=1.0, gt=0, le=100)


class DecisiveLine(Sourced):
    """A line on the front past which ``side`` has won: the war ends there, without an
    agreement (a military victory: the other side defeated, or no longer able to hold).

    Why declared: wars end by victory as well as by settlement, and where the front
    issue's scale puts one side's defeat (e.g. 'federal forces hold all of Tigray') is the
    case's judgement, with its evidence; with no line the war only ends by agreement.
    """

    side: Identifier
    front: float = Field(ge=0, le=100, description="the front at or past which it has won")


class AgreementInForce(Sourced):
    """An agreement signed on or before as_of and in force on it: every run starts under
    it (a snapshot taken during a ceasefire, with phase-two talks going on or not).

    ``terms`` give the agreed value of every issue the package settles on its track; the
    issues that take effect (the front, and those declared ``irreversible``) start there.
    """

    track: Identifier
    package: Identifier
    signed: dt.date
    terms: dict[Identifier, float] = Field(min_length=1)

    @field_validator("terms")
    @classmethod
    def _on_the_scale(cls, terms: dict[str, float]) -> dict[str, float]:
        bad = {k: v for k, v in terms.items() if not (0 <= v <= 100) or v != v}
        if bad:
            raise ValueError(f"agreed terms lie on the issues' 0..100 scales, got {bad}")
        return terms


class War(Sourced):
    """One war shared by every track: who fights, which issue the front is, who gains.

    The front issue's status quo moves each round the war goes on, toward the end of
    its scale that ``gainer`` holds; every agreement on any track stops it for all.
    ``commitment`` lists the terms (guarantees, a force on the ground, caps) that
    lower the hazard that an agreement in force breaks down (the commitment problem).
    ``decisive`` lists the lines past which a side has won (``DecisiveLine``).
    """

    sides: tuple[Identifier, ...] = Field(min_length=2)
    front_issue: Identifier
    gainer: Identifier
    commitment: tuple[CommitmentTerm, ...] = ()
    decisive: tuple[DecisiveLine, ...] = Field(
        default=(),
        description="lines on the front past which a side has won and the war ends without "
        "an agreement; none: the war ends only by agreement",
    )
    in_force: AgreementInForce | None = Field(
        default=None,
        description="an agreement already in force on as_of (a snapshot taken during a "
        "ceasefire): every run starts under it",
    )

    @model_validator(mode="after")
    def _gainer_fights(self) -> War:
        if self.gainer not in self.sides:
            raise ValueError(f"gainer {self.gainer!r} must be one of the sides {self.sides}")
        return self


def ends_the_war(war: War | None, signatories: Iterable[str]) -> bool:
    """Whether an agreement among ``signatories`` ends the war: every side of it signs
    (with no war declared, any agreement does). A track that lacks a side reaches only an
    understanding."""
    return war is None or set(war.sides) <= set(signatories)


class SigningCondition(Sourced):
    """What ``actor`` needs before it signs a package, whatever the rest of the text gives.

    ``of: status_quo`` (the default): a condition precedent on the world, the issue as it
    stands (e.g. Baku signs no treaty while Armenia's constitution keeps its claim): only
    an event that moves the issue's status quo can meet it, so no term of the text can
    buy the signature. ``of: text``: a red line on what the text settles (the text must
    put the issue at or beyond the threshold; a package that defers the issue does not
    cross it). Exactly one of ``at_least`` and ``at_most``. Why: a side's value of a text is
    otherwise additive, so any demand can be traded for other terms; some are not.
    """

    actor: Identifier
    issue: Identifier
    at_least: float | None = Field(default=None, ge=0, le=100)
    at_most: float | None = Field(default=None, ge=0, le=100)
    of: Literal["status_quo", "text"] = "status_quo"

    @model_validator(mode="after")
    def _one_threshold(self) -> SigningCondition:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("give exactly one of 'at_least' and 'at_most' (0-100)")
        return self

    @property
    def bound(self) -> str:
        """'at least 80' or 'at most 20', as ``show`` and ``validate`` say it."""
        if self.at_least is not None:
            return f"at least {self.at_least:g}"
        return f"at most {self.at_most:g}"

    def met(self, value: float) -> bool:
        """Whether the issue at ``value`` meets the condition (scalar form of the rule the
        simulator applies to arrays)."""
        if self.at_least is not None:
            return value >= self.at_least
        return value <= float(self.at_most)  # type: ignore[arg-type]


class Package(Sourced):
    """A kind of agreement a track can offer.

    - ``comprehensive``: settles every issue of the track's text and ends the war.
    - ``ceasefire``: an armistice: settles ``settles`` (the line, what stops the
      shooting); the ``defers`` issues stay at the status quo, unresolved. Ends the war.
      ``freezes``: issues it settles where they stand on the day it is signed (a
      ceasefire in place, on the line of contact): the mediator does not draft them, so
      it cannot move the line to buy a holdout's yes. Left out, a ceasefire's line is
      drafted like any settled issue.
    - ``limited``: a deal reached while the war and the main talks go on (a prisoner
      exchange, a moratorium on strikes on energy, a truce of ``duration_days``). It
      never ends the war; each side accepts when its ``value`` plus a private shock is
      positive (a truce that ``pauses_fighting`` subtracts, per side, the ground that side
      would have gained by fighting on over its length, and adds what it would have lost:
      ``value`` is what the pause is worth beside that, relief included); while in force
      its ``effects`` apply (e.g. a lower war cost), and on agreement it restores
      ``patience_bonus`` failed rounds of the mediator's patience. ``at_signing``: what it
      does in the world when signed, and stays done (an exchange made: ``{path:
      issues.hostages.status_quo, op: add, value: 10}``); each deal does it again.

    ``ready_after_days``: days from as_of before the mediator can table a comprehensive
    or ceasefire text of this package (a text that settles many issues takes time to
    draft and to negotiate; a stop to the firing can be put at once). 0, the default: from
    the first round. Each track needs a package it can table at once.

    ``talks_continue`` (ceasefire only): whether the track keeps negotiating its
    comprehensive packages while this ceasefire holds, so that a full text may replace it
    (a phased peace: a ceasefire first, the settlement later); false: the ceasefire ends the
    talks, and only its breakdown reopens them. Left out it is false, and ``validate``
    warns where the track also offers a comprehensive package: the choice decides how
    often an armistice becomes a peace.

    ``conditions``: what a signatory needs before it signs this package, that no other term
    can pay for (``SigningCondition``): a precondition on the world or a red line on the text.
    """

    id: Identifier
    name: str = ""
    kind: Literal["comprehensive", "ceasefire", "limited"]
    settles: tuple[Identifier, ...] = ()
    defers: tuple[Identifier, ...] = ()
    freezes: tuple[Identifier, ...] = ()
    value: dict[Identifier, Uncertain] = Field(default_factory=dict)
    duration_days: int | None = Field(default=None, ge=1, le=3650)
    pauses_fighting: bool = False
    effects: tuple[EffectWhileInForce, ...] = ()
    at_signing: tuple[EventEffect, ...] = Field(
        default=(),
        description="limited deals: changes to issues' status quo made when the deal is "
        "signed and kept after it ends (prisoners exchanged, hostages released)",
    )
    patience_bonus: float = Field(default=0.0, ge=0, le=52)
    rounds_between: int = Field(default=1, ge=1, le=520)
    ready_after_days: int = Field(default=0, ge=0, le=3650)
    talks_continue: bool | None = None
    conditions: tuple[SigningCondition, ...] = ()

    def clashing_red_lines(self) -> list[tuple[int, SigningCondition, SigningCondition]]:
        """Red lines on the text ('of: text') that no single text can meet: (index of the
        one, the 'at least' one, the 'at most' one) where one side needs an issue at least
        v and another at most w < v. Such a package can never be signed."""
        on_text = [(k, c) for k, c in enumerate(self.conditions) if c.of == "text"]
        return [
            (k, low, high)
            for k, low in on_text
            for _, high in on_text
            if low.issue == high.issue
            and low.at_least is not None
            and high.at_most is not None
            and low.at_least > high.at_most
        ]

    @property
    def covers(self) -> tuple[str, ...]:
        """Every issue the package names: settled, frozen or deferred."""
        return (*self.settles, *self.freezes, *self.defers)

    def settles_on(self, issues: Iterable[str]) -> list[bool]:
        """For each of a track's ``issues``, whether a text of this package settles it: a
        comprehensive one all, a ceasefire those it settles or freezes where they stand."""
        if self.kind == "comprehensive":
            return [True for _ in issues]
        return [i in self.settles or i in self.freezes for i in issues]

    @model_validator(mode="after")
    def _kind_fields(self) -> Package:
        if self.talks_continue is not None and self.kind != "ceasefire":
            raise ValueError(
                "'talks_continue' belongs to ceasefire packages (whether the talks go on "
                "under the ceasefire)"
            )
        if self.freezes and self.kind != "ceasefire":
            raise ValueError(
                "'freezes' belongs to ceasefire packages (issues settled where they stand "
                "on the day it is signed)"
            )
        if self.kind == "ceasefire" and not (self.settles or self.freezes):
            raise ValueError(
                "a ceasefire package needs 'settles: [issues]' or 'freezes: [issues]' "
                "(at least the front)"
            )
        if self.kind != "limited" and (
            self.value or self.duration_days or self.effects or self.at_signing
        ):
            raise ValueError(
                "'value', 'duration_days', 'effects' and 'at_signing' belong to limited packages"
            )
        bad = [e.path for e in self.at_signing if not _status_quo_path(e.path)]
        if bad:
            raise ValueError(
                "'at_signing' changes where an issue stands ('issues.ID.status_quo'), "
                f"got {bad[0]!r}"
            )
        if self.kind == "limited" and not self.value:
            raise ValueError("a limited package needs 'value: {side: points}' for each side")
        if self.kind == "limited" and self.ready_after_days:
            raise ValueError(
                "'ready_after_days' belongs to comprehensive and ceasefire packages "
                "(a limited deal waits 'rounds_between')"
            )
        if self.conditions and self.kind == "limited":
            raise ValueError(
                "'conditions' belong to comprehensive and ceasefire packages (a limited deal "
                "is taken on its 'value')"
            )
        if self.pauses_fighting and self.duration_days is None:
            raise ValueError("a truce that pauses the fighting needs 'duration_days'")
        return self


def _status_quo_path(path: str) -> bool:
    parts = path.split(".")
    return len(parts) == 3 and parts[0] == "issues" and parts[2] == "status_quo"


class EffectWhileInForce(Strict):
    """An operation on a dynamics number while a limited deal holds (undone when it ends)."""

    path: str = Field(min_length=3)
    op: Literal["add", "multiply"] = "add"
    value: float

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float) -> float:
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("value must be a finite number")
        return value


class Leverage(Sourced):
    """A lever the track's mediator can pull on one signatory, chosen by expected payoff.

    ``war_cost_add`` is added to the target's war cost per round while the lever is
    pulled (sanctions on the stronger side, a cut in support to the weaker);
    ``front_drift_add`` moves the front further toward the gainer per round (a cut in
    weapons to the side losing ground). ``cost`` is what pulling it costs the
    mediator, in its own utility points per round. ``bypasses_influencers``: the lever
    goes over the influencers' heads (their pull and the implementers' consent no
    longer count), so a deal reached after it is an imposed deal.

    ``by``: who pulls it, the track's mediator when left out. Another actor (a patron, a
    trading partner pressing a side) pulls it in a round where the mediator tables a text
    and the lever raises the chance that every side takes that text by enough that the
    gain, times what an agreement on that text is worth to it (``deal_value``, what the
    shooting stopping is worth to it per se, plus the text over the status quo on its own
    positions), is more than the lever's ``cost`` to it. The mediator does not count on it
    when it drafts; a third party cannot bypass the influencers.
    """

    id: Identifier
    target: Identifier
    by: Identifier | None = None
    deal_value: Uncertain = Field(default_factory=lambda: Uncertain(low=0, mode=0, high=0))
    war_cost_add: Uncertain = Field(default_factory=lambda: Uncertain(low=0, mode=0, high=0))
    front_drift_add: Uncertain = Field(default_factory=lambda: Uncertain(low=0, mode=0, high=0))
    cost: Uncertain = Field(default_factory=lambda: Uncertain(low=0, mode=0, high=0))
    bypasses_influencers: bool = False
    support_cut: bool = Field(
        default=False, description="log the lever as a SUPPORT_CUT by the mediator"
    )


class TrackOpening(DatedChance):
    """A track that is closed at the start and opens on a date or in a window (a new
    channel), with a probability."""


class TrackMeetings(Sourced):
    """How often the two sides of a bilateral track meet and answer a text: ``share`` of
    the rounds (0..1). Why: a track without a mediator has no ``mediator_attention``, and
    talks that meet every round decide every round, so the date of a first agreement would
    follow from the round length, not from the case (direct talks meet when both sides'
    calendars and politics allow: a round of foreign ministers every few months)."""

    share: Uncertain

    @field_validator("share")
    @classmethod
    def _share_range(cls, value: Uncertain) -> Uncertain:
        if not value.within(0, 1):
            raise ValueError(
                f"share must lie in 0..1, got {value.text}: write the share of rounds in "
                "which the sides meet (0.25 for one round in four)"
            )
        return value


class Expectation(Sourced):
    """A qualitative expectation stated by a source, checked (never tuned) by ``forecast``.

    One test, in the question language:
    - ``question`` has probability at least ``at_least`` (and at most ``at_most``);
    - ``question`` is more likely than ``than``;
    - ``question`` comes before ``before``: it holds on an earlier day than the other in
      more runs than the other holds first (runs where neither holds by its date, or both
      first hold on the same day, count for neither). An order of events ("a ceasefire
      before a settlement") is not two probabilities by a date: both may be near 1.
    """

    id: Identifier
    statement: str = Field(min_length=3)
    question: str = Field(min_length=3)
    than: str | None = None
    before: str | None = None
    at_least: float | None = Field(default=None, ge=0, le=1)
    at_most: float | None = Field(default=None, ge=0, le=1)

    @model_validator(mode="after")
    def _one_test(self) -> Expectation:
        bounds = self.at_least is not None or self.at_most is not None
        given = sum((self.than is not None, self.before is not None, bounds))
        if given != 1:
            raise ValueError(
                "give one test: 'than: <question>', 'before: <question>', or 'at_least' / 'at_most'"
            )
        return self

    @property
    def rival(self) -> str | None:
        """The other question it is compared with ('than' or 'before'), if any."""
        return self.than if self.than is not None else self.before


class CalibrationTarget(Sourced):
    """A record up to as_of that one number is calibrated to, reproduced by ``calibrate``.

    Three kinds of record, one per target:
    - texts: of the first ``texts`` texts drafted on ``arena``, ``actor`` rejected
      ``rejected``; or, read over the record's dates instead of a count of texts,
      ``actor`` accepted ``accepted`` of the texts put to it within ``window``;
    - renewals: of ``renewals`` past renewals of ``decision`` (a vote arena's act in
      force with a renewal calendar), ``lapsed`` were vetoed;
    - persistence: the mediator of ``arena`` drafted ``texts`` texts (or kept the track
      through ``window``) without abandoning it (``abandoned: 0``), or abandoned it
      before (1).
    Why a window: how many distinct texts a history held is a judgement ("about four");
    its dates are facts, and the likelihood then reads as many texts as the model's own
    cadence puts in that span, so the calibration and the forecast count decisions alike.
    ``calibrate`` scans ``parameter`` over its range and reports the likelihood of the
    record at each value, the posterior from ``prior`` (the judgement range before the
    record) and whether the scenario's range is that posterior.
    """

    id: Identifier
    record: str = Field(min_length=3)
    parameter: str = Field(min_length=3)
    arena: Identifier
    actor: Identifier | None = None
    texts: int | None = Field(default=None, ge=1, le=100)
    rejected: int | None = Field(default=None, ge=0, le=100)
    decision: Identifier | None = None
    renewals: int | None = Field(default=None, ge=1, le=1000)
    lapsed: int | None = Field(default=None, ge=0, le=1000)
    abandoned: int | None = Field(
        default=None,
        ge=0,
        le=1,
        description="persistence record: 1 if the mediator abandoned the track before its "
        "texts-th text (or within the window), 0 if it kept on",
    )
    window: Window | None = Field(
        default=None,
        description="the record's dates, instead of a count of texts: the likelihood reads "
        "a span as long, from as_of, at the model's own cadence of texts",
    )
    accepted: int | None = Field(
        default=None,
        ge=0,
        le=100,
        description="window record: how many texts the actor accepted within the window",
    )
    prior: Uncertain | None = Field(
        default=None,
        description="the judgement range before the record; the snapshot then carries the "
        "posterior, and calibrate checks that it does",
    )

    @model_validator(mode="after")
    def _counts(self) -> CalibrationTarget:
        fields = (
            "actor",
            "texts",
            "rejected",
            "accepted",
            "window",
            "decision",
            "renewals",
            "lapsed",
            "abandoned",
        )
        given = {name for name in fields if getattr(self, name) is not None}
        kinds = (
            {"actor", "texts", "rejected"},
            {"actor", "window", "accepted"},
            {"decision", "renewals", "lapsed"},
            {"texts", "abandoned"},
            {"window", "abandoned"},
        )
        if given not in kinds:
            raise ValueError(
                "give one record: 'actor', 'texts' and 'rejected' (texts turned down), "
                "'actor', 'window' and 'accepted' (texts taken within dates), 'decision', "
                "'renewals' and 'lapsed' (renewals vetoed) or 'texts' (or 'window') and "
                "'abandoned' (the mediator kept on or gave up)"
            )
        if self.texts is not None and self.rejected is not None and self.rejected > self.texts:
            raise ValueError("rejected cannot exceed texts")
        if self.renewals is not None and self.lapsed is not None and self.lapsed > self.renewals:
            raise ValueError("lapsed cannot exceed renewals")
        return self

    @property
    def is_renewal_record(self) -> bool:
        return self.decision is not None

    @property
    def is_persistence_record(self) -> bool:
        return self.abandoned is not None

    @property
    def span_days(self) -> int | None:
        """Days the record's window lasts (None for a record that counts texts)."""
        return None if self.window is None else (self.window.end - self.window.start).days


Package.model_rebuild()
