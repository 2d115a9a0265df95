"""Plain immutable records of what extraction found; every one carries its span."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor: str
    surface: str  # at most a few words: the alias as written
    method: str  # "alias" (entity ruler) or "fuzzy" (rapidfuzz over NER entities)
    is_person: bool = False


@dataclass(frozen=True)
class Quote:
    start: int  # inside the quotation marks
    end: int
    speaker: str  # the speaker as named, '' when unknown
    speaker_actor: str | None
    speaker_start: int | None
    speaker_end: int | None
    method: str  # speech-verb-subject, pronoun, previous-subject, unknown
    normalised: str  # lower-case letters and digits only: how rewrites are matched


@dataclass(frozen=True)
class Event:
    start: int  # the trigger word
    end: int
    kind: str  # PLOVER category
    date_start: int
    date_end: int
    date: dt.date
    granularity: str
    actors: tuple[str, ...]
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stance:
    start: int  # the sentence that states it
    end: int
    actor: str
    issue: str
    polarity: str  # support, oppose, demand, conditional
    direction: int  # +1 toward the issue's 100 anchor, -1 toward 0, 0 unknown
    context: tuple[str, ...] = ()  # negated, conditional, hypothetical, reported, emphatic
    cue_start: int = 0
    cue_end: int = 0


@dataclass(frozen=True)
class Claim:
    """A factual assertion that conflicts with the scenario (kept, never merged)."""

    start: int
    end: int
    kind: str  # e.g. "affiliation"
    subject_actor: str
    claimed_actor: str
    surface: str


@dataclass(frozen=True)
class CandidateMention:
    """A named entity no scenario actor claims (see candidates.py)."""

    start: int
    end: int
    surface: str
    label: str  # PERSON, ORG, GPE or NORP


@dataclass(frozen=True)
class Extraction:
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    stances: tuple[Stance, ...] = ()
    claims: tuple[Claim, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    candidates: tuple[CandidateMention, ...] = ()
