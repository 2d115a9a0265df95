"""Dated events: a date expression tied to the nearest PLOVER trigger in its sentence."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from detente.evidence.dates import MONTHS, WEEKDAYS, ResolvedDate, resolve_date
from detente.evidence.dating import CRAWLER_HEADER
from detente.evidence.lexicons import (
    AGREEMENT_NOUNS,
    ANNOUNCING_WORDS,
    ASSERTION_NOUNS,
    CALL_FORMS,
    CLAIM_NOUNS,
    NEWS_OUTLETS,
    REACHED_NOUNS,
    REACHING_WORDS,
    REJECT_WORDS,
    REPORTING_VERBS,
    STATEMENT_VERBS,
    TRIGGER_TYPE,
)
from detente.evidence.mentions import demonym_actors
from detente.evidence.modality import NOT_FACTUAL, reported_plan
from detente.evidence.pipeline import doc_text
from detente.evidence.quotes import find_quote_spans
from detente.evidence.records import Event, Mention

MAX_TRIGGER_DISTANCE = 20  # tokens between the date and its trigger
RELATIVE = re.compile(
    r"\b(?:(?:this|last|next) (?:week(?:end)?|month)|yesterday|today|tomorrow|tonight|"
    r"the (?:same|following|next) (?:day|night|evening|morning)|"
    r"(?:a|one) day earlier|the (?:previous|prior) day|"
    r"(?:earlier |later )?this (?:morning|afternoon|evening)|last night|"
    r"(?:earlier|later) in the day|"
    r"(?:last |next )?(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.I,
)
TRUCE_ENDINGS = frozenset(["ended", "collapsed", "expired", "broke"])
# 'broke out' is an onset, 'broke off (talks)' a refusal
BREAKING_FORMS = frozenset(["broke", "broken", "breaks", "break", "breaking"])
TRUCE_NOUNS = frozenset(["ceasefire", "cease-fire", "truce", "armistice"])
ONSET_VERBS = frozenset(["erupted", "reignited", "resumed", "escalated", "flared", "intensified"])
# aiming at and holding ground: 'targeting Indian bases on May 8', 'annexed Crimea in
# 2014', 'occupied by Moscow's forces since March 2022'. As adjectives they name no act
# ('targeted sanctions', 'the occupied regions'), and they stay out of TRIGGER_TYPE, whose
# words an issue's vocabulary leaves out ('occupied' names the territorial question)
TAKING_FORMS = frozenset(["targeted", "targeting", "annexed", "annexation", "occupied"])
HELD_SINCE = frozenset(["occupied", "annexed"])  # a taking that lasts: 'since' dates it
# a state that lasts: 'the conflict, ongoing since April 2023' dates its onset
LASTING_SINCE = frozenset(["ongoing", "raging", "underway"])
HELD_PLACES = frozenset(["territory", "territories", "regions", "areas", "land", "lands"])
PLACES_TAKEN = frozenset(["control", "town", "city", "village", "villages", "towns", "airport"])
FIGHTING_NOUNS = frozenset(
    [
        *("clash", "clashes", "fighting", "war", "conflict", "hostilities", "violence"),
        *("shelling", "confrontation", "attack", "attacks", "battle", "battles"),
    ]
)
TIMES_OF_DAY = frozenset(["morning", "afternoon", "evening", "night"])
LAUNCH_FORMS = frozenset(["launched", "launch", "launches", "launching"])
PROPOSING_FORMS = frozenset(["proposed", "proposes", "propose"])
# suspending movement or exchange is a sanction (PLOVER: restrict movement, trade, aid);
# suspending an accord or talks stays a rejection
SUSPENDING_FORMS = frozenset(["suspended", "suspends", "suspend", "closed", "closes"])
RESTRICTED_THINGS = frozenset(
    [
        "crossings",
        "crossing",
        "border",
        "borders",
        "trade",
        "flights",
        "imports",
        "exports",
        "aid",
        "visas",
        "shipments",
    ]
)
PRESENTING_FORMS = frozenset(
    ["presented", "presents", "unveiled", "tabled", "submitted", "introduced", "floated", "shared"]
)
PROPOSED_TEXTS = frozenset(["plan", "proposal", "draft", "framework", "text", "offer"])
TALK_NOUNS = frozenset(["talks", "negotiations", "dialogue", "consultations", "round"])
MILITARY_OBJECTS = frozenset(
    ["drones", "missiles", "rockets", "operation", "assault", "counteroffensive", "barrage"]
)
# what a launch launches for it to be an assault: weapons, or a word that is itself an
# event ('launched an attack', 'launched strikes')
LAUNCHED_ATTACKS = MILITARY_OBJECTS | frozenset(TRIGGER_TYPE)
# texts a body adopts: 'the Security Council adopted a resolution' is an agreement
ADOPTED_TEXTS = AGREEMENT_NOUNS | {"resolution", "declaration", "plan", "framework", "text"}
# verbs that make a deal of the text they act on ('sealed a deal', 'the plan sealed in
# October', 'struck an agreement'); 'struck' alone is still a strike
SEALING_VERBS = frozenset(
    ["sealed", "seals", "clinched", "clinches", "struck", "strike", "strikes"]
)
EXTENDING_VERBS = frozenset(["extended", "extend", "extends", "extending", "prolonged"])
# whom a leader receives: 'Putin received Witkoff', 'received the delegation'
GUESTS = frozenset(["delegation", "envoy", "envoys", "counterpart", "ambassador", "minister"])
# 'the ceasefire began on October 10', 'the truce took effect', 'came into force'
TERMS_START = frozenset(["began", "begun", "begins", "begin", "started", "starts", "start"])
# 'a ceasefire starting on Sunday': the day its terms begin, on either side of the
# publication (a report written the day after the start, or days before it): the nearer
STARTING_FORMS = frozenset(["starting", "beginning"])
# a day said by a word ('held today, October 23'): a month-day after it restates it
DAY_WORDS = frozenset(["today", "yesterday", "tomorrow", "tonight"])
TERMS_IN_FORCE = frozenset(["take", "took", "takes", "came", "comes", "entered", "enters", "went"])
MAX_TREE_DISTANCE = 4  # parse edges: a trigger this close counts however long the aside
# 'On the same day in Moscow, ...': the day named last before it
# days from the day named last: 'the following morning' after 'late on Thursday', 'a day
# earlier' (not 'a day before X': the day before X, not before the last day named)
DAYS_FROM_LAST = (
    (re.compile(r"(?:on )?the same (?:day|night|evening|morning)", re.I), 0),
    (re.compile(r"(?:on )?the (?:following|next) (?:day|night|evening|morning)", re.I), 1),
    (re.compile(r"(?:a|one) day earlier|the (?:previous|prior) day", re.I), -1),
)
DAYS_SPAN = re.compile(r"(a|one|two|three) days?", re.I)
COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
# 'four days earlier' after 'On Saturday': counted from the day named last ('a day
# earlier' is in DAYS_FROM_LAST)
DAYS_COUNTED = re.compile(r"(two|three|four|five|six|seven) days (earlier|later)", re.I)


def _days_from_last(ent: Any) -> int | None:
    """How many days after the day named last a date says ('the following morning'), or
    None if it names none. 'declared a truce on Monday, a day after its rival rejected the
    proposal': the act after 'after' came that many days before the day named last."""
    text = ent.text.strip()
    step = next((step for pattern, step in DAYS_FROM_LAST if pattern.fullmatch(text)), None)
    if step is not None:
        return step
    counted = DAYS_COUNTED.fullmatch(text)
    if counted is not None:  # 'the confrontation that had begun four days earlier'
        sign = -1 if counted.group(2).lower() == "earlier" else 1
        return sign * COUNTS[counted.group(1).lower()]
    found = DAYS_SPAN.fullmatch(text)
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if found is None or following is None or following.lower_ != "after":
        return None
    # 'Earlier, two days after Trump announced the ceasefire, ...': the clause it dates
    # is not on the day named last, and the page gives no day to count from
    if any(t.lower_ == "earlier" for t in ent.sent if t.i < ent.start):
        return None
    return -COUNTS[found.group(1).lower()]


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?)?"
# a month and a day the model leaves untagged ('during the night of May 7–8')
EXPLICIT = re.compile(
    rf"\b(?:{_MONTH} {_DAY}|{_DAY} (?:of )?{_MONTH})(?:,? (?:19|20)\d\d)?(?![\w–-])"
    r"(?! [A-Z][a-z])"  # 'the March 23 Movement' is a name
)


JOINING = frozenset(["(", "and", "or", "to", "-", "–"])  # between two dates of one event


# a year the model leaves untagged before the noun it dates ('a 2024 agreement')
YEAR_BEFORE_NOUN = re.compile(r"\b(?:a|the|its|their|his|her) ((?:19|20)\d\d)(?= [a-z])")


def date_spans(doc: Any) -> list[tuple[Any, str]]:
    """spaCy DATE entities plus relative expressions, month-days and years the model
    misses, each with the words that say its date (a restated day: its month-day)."""
    spans = [
        # the date itself: a pattern's one group where it has one (the year, not 'a ')
        doc.char_span(m.start(m.lastindex or 0), m.end(m.lastindex or 0), alignment_mode="expand")
        for pattern in (RELATIVE, EXPLICIT, YEAR_BEFORE_NOUN)
        for m in pattern.finditer(doc_text(doc))
    ]
    spans = [s for s in spans if s is not None]
    taken = [(s.start_char, s.end_char) for s in spans]
    for ent in doc.ents:
        if ent.label_ == "DATE" and not any(
            a < ent.end_char and ent.start_char < b for a, b in taken
        ):
            spans.append(ent)
    spans.sort(key=lambda s: s.start_char)
    # "Monday (November 10)": the bracketed date restates the one before it, one event;
    # "today and tomorrow", "Tuesday and Wednesday": one event on its first day, as a range
    text = doc_text(doc)
    kept: list[tuple[Any, str]] = []
    for i, s in enumerate(spans):
        between = text[spans[i - 1].end_char : s.start_char].strip() if i else None
        if kept and kept[-1][0] is spans[i - 1] and _restates(spans[i - 1], between, s):
            # 'Friday (January 23)', 'Sunday, December 28': the day's place in the
            # sentence, the month-day's date (which Friday)
            kept[-1] = (spans[i - 1], s.text)
            continue
        if between not in JOINING and not _names_something(s):
            kept.append((s, s.text))
    return kept


def _restates(day: Any, between: str | None, date: Any) -> bool:
    """A month-day in brackets after a day ('Friday (January 23)', 'today [on 26
    February]'), or after a weekday or 'today' and a comma ('Sunday, December 28', 'held
    today, October 23' in a page dated the day after), says which day it was: one date."""
    if not _names_month(date) or _names_month(day):
        return False
    weekday = day.text.strip().lower() in (*WEEKDAYS, *DAY_WORDS)
    # an editor's bracket in a quote: '"Today [on 26 February] we continue ..."'
    bracketed = between in ("(", "[", "[on")
    return bracketed or (between == "," and weekday)


def _names_month(span: Any) -> bool:
    return any(t.lower_.rstrip(".") in MONTHS for t in span)


def _names_something(span: Any) -> bool:
    """'the March 23 Movement': a date that modifies a capitalised noun is part of a name."""
    if span.end >= len(span.doc):
        return False
    following = span.doc[span.end]
    # 'the Sept. 4 Paris summit': a place before a common noun names where, not a name
    place = following.ent_type_ in ("GPE", "LOC") and following.head.tag_ in ("NN", "NNS")
    return following.text[:1].isupper() and span.root.head.i == following.i and not place


def _quote_of(char: int, quoted: list[tuple[int, int]]) -> int:
    """Index of the quote holding ``char``, -1 outside quotes: a date and its trigger
    must both be the speaker's words or both the reporter's."""
    return next((i for i, (a, b) in enumerate(quoted) if a <= char < b), -1)


# what a statement may report as done, dated by the statement ('said Tuesday that Ukraine
# had accepted a 30-day ceasefire'): an agreement or a refusal is news the day it is told
REPORTED_KINDS = frozenset(["AGREE", "REJECT"])


def _reported_act(verb: Any, ent: Any, dates: set[int]) -> Any | None:
    """The act the statement ``verb`` that ``ent`` dates reports as done: 'Mediator Qatar
    said Wednesday that Israel and Hamas had agreed to a ceasefire', 'announced on Saturday
    that they agreed on a ceasefire' (an agreement or a refusal, in the past or the
    perfect, with no date of its own and no modal: 'said it would sign' is a plan)."""
    clause = None if verb is None else next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if (
        clause is None
        or clause.tag_ not in ("VBD", "VBN")
        or trigger_kind(clause) not in REPORTED_KINDS
    ):
        return None
    if any(c.lower_ in NOT_FACTUAL or c.dep_ == "neg" for c in clause.children):
        return None
    # a date of its own hangs on the verb ('had agreed on Monday'); a date inside its
    # object is the object's ('a ceasefire starting on Sunday', 'a 30-day ceasefire')
    return None if any(_hangs_on(t, clause) for t in ent.sent if t.i in dates) else clause


def _hangs_on(token: Any, verb: Any) -> bool:
    """A word that modifies ``verb`` itself, directly or through a preposition (spaCy
    makes a new Token on each access: compare positions, not objects)."""
    head = token.head.head if token.head.dep_ == "prep" else token.head
    return head.i == verb.i != token.i


def _outlet_spans(sentence: Any, offset: int) -> list[tuple[int, int]]:
    """Character spans of the news outlets that report in ``sentence`` ("China's state
    broadcaster CCTV News reported"): the state that owns an outlet is no party to what it
    reports (a Thailand-Cambodia page made China a party to their ceasefire)."""
    spans = []
    for token in sentence:
        if token.lower_ in REPORTING_VERBS:
            for subject in token.children:
                if subject.dep_ == "nsubj" and subject.lower_ in NEWS_OUTLETS:
                    start = subject.left_edge.idx + offset
                    spans.append((start, subject.idx + len(subject.text) + offset))
    return spans


def _statement_verb(ent: Any) -> Any | None:
    """The verb of saying a date belongs to, if it dates a statement: 'X said on Thursday
    that ...' is when it was said, not when it happened."""
    head = ent.root.head
    if head.lower_ in TIMES_OF_DAY and head.i != ent.root.i:
        head = head.head  # 'said on Tuesday morning'
    if head.dep_ == "prep":
        head = head.head
    if head.dep_ == "pobj" and trigger_kind(head) is None:
        head = head.head.head  # 'said in an audio recording early Friday': the saying's
    if head.lower_ in ANNOUNCING_WORDS and _acts_on(head, AGREEMENT_NOUNS):
        return None  # 'the ceasefire they had declared on Tuesday': declared, not said
    if head.lower_ in STATEMENT_VERBS or head.lower_ in PUBLISHED_VERBS:
        return head
    if head.lower_ == "speaking" and not any(c.lower_ in ("with", "to") for c in head.children):
        return head  # 'Speaking at the conference on Saturday, X said'; not 'speaking with'
    if head.lower_ in RELEASING_FORMS and head.dep_ == "acl":
        # 'in comments to reporters released on Tuesday': when they came out (the parse
        # may hang it on 'reporters')
        noun = head.head
        owners = {noun.lower_, noun.head.head.lower_ if noun.dep_ == "pobj" else ""}
        if owners & REMARKS:
            return head
    # 'announced Tuesday that he will travel ...': the date is the announcement's
    if head.lower_ not in REPORTING_VERBS:
        return None
    if any(c.dep_ == "ccomp" for c in head.children):
        return head
    # '... has rejected the plan, the Associated Press reported on Monday': a report
    # joined after the clause it reports, with nothing of its own to report
    inverted = head.dep_ in ("conj", "parataxis") and head.i > head.head.i
    own = ("dobj", "nsubjpass", "xcomp", "attr")
    return head if inverted and not any(c.dep_ in own for c in head.children) else None


# 'an interview aired on Feb. 21': the date of a broadcast or a publication, not of an event
# 'comments released on Tuesday', 'a video issued on Monday': a statement's date
RELEASING_FORMS = frozenset(["released", "issued", "published", "posted", "aired"])
REMARKS = frozenset(["comments", "remarks", "statement", "video", "interview", "speech", "address"])
PUBLISHED_VERBS = frozenset(
    ["aired", "broadcast", "published", "publicized", "publicised", "televised"]
)
# what a halt withholds: aid, and the arms it sends ('would halt deliveries of air defence')
WITHHELD_SUPPLIES = frozenset(["aid", "funding", "deliveries", "shipments", "supplies"])
ACCUSATIONS = frozenset(["accusation", "accusations", "allegation", "allegations"])
PRESSING_VERBS = frozenset(
    [
        *("push", "pushes", "pushed", "pushing", "urge", "urges", "urged", "urging", "press"),
        *("presses", "pressed", "pressing", "propose", "proposes", "proposed", "proposing"),
    ]
)
CALLING_FORMS = frozenset(["calling", "urging"])
EXPECTING_FORMS = frozenset(["expect", "expects", "expecting"])
UPCOMING = frozenset(["planned", "upcoming", "scheduled", "expected", "proposed", "next"])


def _upcoming(ent: Any, reach: int = 8) -> Any | None:
    """'before the upcoming summit in Alaska on Friday': the parse may hang the date on
    the clause's verb, but it follows a planned thing's phrase with no verb between:
    the planned thing (the date's, and in the future)."""
    doc = ent.doc
    for token in reversed(doc[max(0, ent.start - reach) : ent.start]):
        if token.tag_.startswith(("VB", "MD")) or (token.is_punct and token.text not in "-‐"):
            return None
        if token.lower_ in UPCOMING and token.dep_ == "amod":
            return token.head
    return None


def _tense(ent: Any) -> str | None:
    """'past' or 'future' from the verb a date hangs on ('since' counts as past); 'nearest'
    for the day a ceasefire starts."""
    doc = ent.doc
    if ent.start and doc[ent.start - 1].lower_ in ("since", "last"):
        return "past"
    if _upcoming(ent) is not None:
        return "future"
    node = ent.root
    if node.head.tag_ in ("NN", "NNS") and node.head.i > ent.end - 1:
        # 'says Kyiv is ready ... ahead of a Friday meeting': what is ahead is to come,
        # unless the story tells it in the past ('said talks were moving quickly ahead
        # of Monday's meeting' may be last Monday's)
        of = node.head.head
        verbs = [a for a in node.ancestors if a.tag_.startswith("VB")]
        told_now = bool(verbs) and not any(v.tag_ in ("VBD", "VBN") for v in verbs)
        if of.lower_ == "of" and of.head.lower_ == "ahead" and told_now:
            return "future"
        return None  # 'the October 26 signing': a noun's date, whatever the clause's tense
    through_noun = False  # 'the Declaration on October 26': the date is the noun's
    for _ in range(4):
        if node.tag_.startswith("VB") or node.head is node:
            break
        node = node.head
        through_noun = through_noun or node.tag_ in ("NN", "NNS", "NNP", "NNPS")
        if node.tag_ in ("NN", "NNS") and any(
            c.dep_ == "amod" and c.lower_ in UPCOMING for c in node.children
        ):
            return "future"  # 'ahead of a planned meeting with Dmitriev on Saturday'
        if node.lower_ == "of" and node.head.lower_ == "ahead":
            return "future"  # 'ahead of fresh talks in March': what is ahead is to come
    if not node.tag_.startswith("VB"):
        return None
    if node.lower_ in STARTING_FORMS and node.dep_ == "acl" and node.head.lower_ in AGREEMENT_NOUNS:
        return "nearest"
    if any(c.lower_ == "ahead" and c.dep_ == "advmod" for c in node.children):
        return "future"  # 'the warning comes ahead of Putin's meeting ... on Friday'
    auxiliaries = [c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")]
    planned = ("scheduled", "expected", "due", "set", "slated", "planned")
    if node.lower_ in planned and any(c.lower_ == "originally" for c in node.children):
        return "nearest"  # 'talks originally set for Tuesday were called off': a past plan
    if (
        any(a in ("will", "shall", "'ll") for a in auxiliaries)
        or ("would" in auxiliaries and reported_plan(node))  # 'said he would meet'
        or (node.lower_ in planned and not _set_in_the_past(node))
        or node.lower_ in EXPECTING_FORMS  # 'we expect a meeting on Saturday'
        or (node.dep_ == "xcomp" and node.head.lower_ in planned)  # 'set to take effect Friday'
    ):
        # a month-day that dates a noun may lie behind a clause about the future ('will
        # be returned in the spirit of the Declaration on October 26'): the nearest year;
        # a past clause keeps what it names in the past ('criticized him during his
        # visit on February 28')
        return None if through_noun and _names_month(ent) else "future"
    if "to" in auxiliaries:  # an infinitive has no tense of its own
        # 'a final deal is to be signed no later than August 18': 'is to' is a plan
        if node.head.lower_ in ("is", "are"):
            return "future"
        # 'ready to launch by September': a deadline, unless a past verb frames it
        deadline = ent.start and doc[ent.start - 1].lower_ == "by"
        return "future" if deadline and node.head.tag_ not in ("VBD", "VBN") else None
    if node.tag_ in ("VBD", "VBN") or any(
        a in ("had", "has", "have", "did", "was", "were") for a in auxiliaries
    ):
        return "past"
    return None


def trigger_kind(token: Any) -> str | None:
    """The PLOVER kind a token triggers, reading the words around the ambiguous ones; none
    inside a claim's clause ('repeated his claim that the US facilitated the agreement':
    said, no act)."""
    kind = _kind_read(token)
    if kind is None or _inside_a_claim(token) or _none_of_it(token):
        return None
    if any(c.dep_ == "neg" for c in token.children):
        return None  # 'a new war won't start tomorrow', 'Russia did not attack on Monday'
    if kind == "AGREE" and _urged(token):
        return "REQUEST"  # 'pushed Azerbaijan to sign a peace treaty': the push, no signing
    return kind


def _urged(token: Any) -> bool:
    """An agreement someone is pressed toward ('pushed Baku to sign the treaty', 'proposed
    signing the agreement with a declaration'), not one made."""
    verb = token if token.tag_.startswith("VB") else None
    if verb is None and token.dep_ in ("dobj", "nsubjpass"):
        verb = token.head
    # the parse makes 'pushed Baku to sign' an xcomp or an advcl
    pressed = verb is not None and verb.dep_ in ("xcomp", "advcl")
    return pressed and verb.head.lower_ in PRESSING_VERBS


def _none_of_it(token: Any) -> bool:
    """'reported no fighting on Sunday', 'there was no call between them': a noun the
    text says did not happen."""
    return token.tag_.startswith("NN") and any(
        c.dep_ == "det" and c.lower_ == "no" for c in token.children
    )


HALTING_VERBS = frozenset(
    [
        "halt",
        "halted",
        "halting",
        "halts",
        "pause",
        "paused",
        "pausing",
        "pauses",
        "suspend",
        "suspended",
        "suspending",
        "suspends",
        "freeze",
        "froze",
        "frozen",
        "cut",
        "cuts",
        "stop",
        "stopped",
        "stopping",
        "stops",
    ]
)


FREEZING_VERBS = frozenset(["froze", "freeze", "freezes", "freezing", "frozen", "immobilised"])
FROZEN_THINGS = frozenset(["assets", "funds", "reserves", "accounts", "holdings"])


def _kind_read(token: Any) -> str | None:
    word = token.lower_
    following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    if word in CALL_FORMS:
        if token.tag_.startswith("NN") and any(
            c.lower_ in ("phone", "telephone", "video") for c in token.lefts
        ):
            return "CONSULT"  # 'held a phone call on October 16'
        after_on = token.nbor(2) if token.i + 2 < len(token.doc) else None
        if following == "on" and after_on is not None and after_on.ent_type_ == "DATE":
            return "CONSULT"  # 'following a trilateral call on Wednesday'
        if following in ("on", "for"):
            return "REQUEST"  # 'called on both sides to', 'calls for a truce'
        if word == "calling" or _names(token):
            return None  # 'calling it a decisive step', 'called the plan a basis'
        return "CONSULT"  # 'called its Indian counterpart', 'a phone call'
    if word in ACCUSATIONS:
        return "ACCUSE" if token.dep_ == "dobj" else None  # 'traded accusations of attacks'
    if word in ("objection", "objections"):
        return "REJECT" if token.dep_ == "dobj" else None  # 'repeated its objection to X'
    if word in ("threat", "threats"):
        # 'renewed a threat to impose sanctions on Friday'; 'tomorrow's threat' is a danger
        made = token.dep_ == "dobj" and any(c.dep_ == "acl" for c in token.children)
        return "THREATEN" if made else None
    if word in WITHHELD_SUPPLIES and token.head.lower_ in HALTING_VERBS:
        return "SANCTION"  # 'the decision Monday to halt aid to Ukraine': aid withheld
    if word in FREEZING_VERBS and _acts_on(token, FROZEN_THINGS):
        return "SANCTION"  # 'the EU on Friday indefinitely froze Russia's assets'
    if word in BREAKING_FORMS and any(
        c.dep_ == "prt" and c.lower_ == "off" for c in token.children
    ):
        # 'Kyiv had broken off negotiations in 2022': talks ended by one side
        return "REJECT" if _acts_on(token, TALK_NOUNS) else None
    if word in AGREEMENT_NOUNS and _in_force_then(token):
        return "AGREE"  # 'a ceasefire in October halted two years of conflict'
    if word in ONSET_VERBS or _broke_out(token):
        # 'clashes erupted on July 24', 'the conflict reignited', 'talks resumed'
        subjects = _subjects_of(token)  # 'the conflict that reignited on December 7'
        # 'a border dispute erupted into conflict on Thursday': what it turned into
        subjects |= {o.lower_ for p in token.children if p.lower_ == "into" for o in p.children}
        if token.dep_ == "relcl" and token.head.dep_ == "pobj":
            subjects.add(token.head.head.head.lower_)  # 'the war in Sudan, which erupted in'
        if subjects & FIGHTING_NOUNS:
            return "ASSAULT"
        return "CONSULT" if subjects & {"talks", "negotiations", "dialogue"} else None
    if word in LASTING_SINCE and any(c.lower_ == "since" for c in token.children):
        # 'the conflict between the army and the RSF, ongoing since April 2023', 'the war
        # has been raging since April 2023'
        subjects = _subjects_of(token, ("amod", "acl", "relcl"))
        return "ASSAULT" if subjects & FIGHTING_NOUNS else None
    if word in TRUCE_ENDINGS:
        # 'since the last ceasefire ended on March 18': the fighting came back that day
        subjects = _subjects_of(token, ("relcl", "acl"))
        return "ASSAULT" if subjects & TRUCE_NOUNS else None
    if word in ("seized", "captured") or (
        word in ("took", "seized", "gained")
        and any(c.dep_ == "dobj" and _a_place_taken(c) for c in token.children)
    ):
        return "ASSAULT"  # 'the RSF took control of Al-Fashir', 'took another town'
    if word in ("campaign", "operation", "operations"):
        # 'a military campaign in 2023'; 'the Director General of Military Operations'
        # is a title, and a capital makes the word part of it
        military = any(c.lower_ in ("military", "air", "ground") for c in token.lefts)
        return "ASSAULT" if military and token.text.islower() else None
    if word in ANNOUNCING_WORDS:
        return "AGREE" if _acts_on(token, AGREEMENT_NOUNS) else None
    if word in ("adopted", "adopts", "adopt"):
        return "AGREE" if _acts_on(token, ADOPTED_TEXTS) else None
    if word in REACHING_WORDS:
        # 'a ceasefire understanding was reached on Saturday'; 'reached the city' is none
        return "AGREE" if _acts_on(token, REACHED_NOUNS | AGREEMENT_NOUNS) else None
    if word in SEALING_VERBS:
        return "AGREE" if _acts_on(token, ADOPTED_TEXTS) else TRIGGER_TYPE.get(word)
    if word in ("received", "receives", "receiving"):
        guests = [c for c in token.children if c.dep_ == "dobj"]
        return "CONSULT" if any(_a_guest(c) for c in guests) else None
    if word in TERMS_START or word in TERMS_IN_FORCE:
        if _terms_start(token):
            return "AGREE"
        if _talks_begin(token):
            return "CONSULT"
        return "ASSAULT" if _fighting_begins(token) else None
    if word in ("got", "gets", "get"):  # 'the talks got underway'
        return "CONSULT" if _talks_begin(token) else None
    if word in ("declaration", "statement", "communique", "communiqué"):
        if not any(c.lower_ == "joint" for c in token.lefts):
            return None
        # 'a joint statement calling for a three-month truce': what it does is ask
        calling = any(c.dep_ == "acl" and c.lower_ in CALLING_FORMS for c in token.children)
        return "REQUEST" if calling else "AGREE"
    if word in LAUNCH_FORMS:
        # 'launched an offensive' is an assault; 'launched a second phase of dialogue' is
        # the start of talks, and launching an initiative or a website is neither
        named = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        named += [g for c in named for p in c.children if p.dep_ == "prep" for g in p.children]
        words = {c.lower_ for c in named}
        if words & TALK_NOUNS:
            return "CONSULT"
        return "ASSAULT" if not named or words & LAUNCHED_ATTACKS else None
    if word in TAKING_FORMS:
        # 'swapping occupied territory' is the adjective however the parse read it (a
        # verb with no subject); 'forces occupied territory' took it
        held = following in HELD_PLACES and not any(c.dep_ == "nsubj" for c in token.children)
        return None if token.dep_ == "amod" or token.tag_ == "JJ" or held else "ASSAULT"
    if word in PROPOSING_FORMS:  # 'Sharif on Thursday proposed Saudi Arabia as a venue'
        # 'proposed a venue', 'proposed to Aliyev that their ministers hold talks'
        proposes = token.tag_.startswith("VB") and token.dep_ not in ("amod", "acl")
        proposal = any(c.dep_ in ("dobj", "ccomp") for c in token.children)
        return "REQUEST" if proposes and proposal else None
    if word in PRESENTING_FORMS:  # 'the US presented Ukraine with a 28-point peace plan'
        # 'the framework was shared with the officials': a passive subject is presented too
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        objects += [o for p in token.children if p.lower_ == "with" for o in p.children]
        if token.dep_ == "acl":  # 'the proposal first introduced in mid-September'
            objects.append(token.head)
        return "REQUEST" if any(o.lower_ in PROPOSED_TEXTS for o in objects) else None
    if word in ("host", "hosts") and not token.tag_.startswith("VB"):
        return None  # 'a host of issues', 'the host country': no meeting
    if word in ("sign", "signs") and token.tag_.startswith("NN"):
        return None  # 'there are signs that', 'a sign of goodwill': no signing
    if word in REJECT_WORDS and any(
        c.dep_ == "dobj" and c.lower_ in CLAIM_NOUNS for c in token.children
    ):
        return None  # 'rejected Trump's claims that the US mediated': a denial, no act
    if word == "failed" and token.dep_ == "amod":
        return None  # 'after a failed attempt at talks in Luanda': the talks, no refusal
    if word in SUSPENDING_FORMS and _acts_on(token, RESTRICTED_THINGS):
        return "SANCTION"  # 'suspended all border crossings': a restriction, not a refusal
    return TRIGGER_TYPE.get(word)


def _inside_a_claim(token: Any) -> bool:
    """A word in the clause a claim or an allegation holds ('his claim that the US
    facilitated the ceasefire'): what someone asserts, not an act the text reports ('reports
    that forces attacked' still report an attack). 'Lay claim to a region recaptured in
    2023' holds no clause: the recapture happened."""
    node = token
    while node.head.i != node.i:
        parent = node.head
        if parent.lower_ in ACCUSATIONS and node.lower_ == "of":
            return True  # 'traded accusations of attacks on Wednesday': what is alleged
        if parent.lower_ in ASSERTION_NOUNS and parent.tag_.startswith("NN"):
            clause = node.dep_ in ("acl", "ccomp")  # a clause of its own, not a participle
            return clause and any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in node.children)
        node = parent
    return False


def _names(call: Any) -> bool:
    """'called the plan a basis', 'called it historic': a call that names something; a
    lone predicate with nothing named ('called Indian DGMO') is whom it phoned."""
    deps = {c.dep_ for c in call.children}
    return "xcomp" in deps or ("oprd" in deps and "dobj" in deps)


def _object_of(head: Any, triggers: list[Any], ent: Any) -> Any:
    """The trigger a preposition governs when the date hangs on that preposition and not
    on its own 'on' ('following an attack on Israel two years ago')."""
    if head.dep_ != "prep" or head.i in range(ent.start, ent.end):
        return None
    objects = [c for c in head.children if c.dep_ in ("pobj", "dobj") and c in triggers]
    return objects[0] if objects else None


def _acts_on(verb: Any, words: frozenset[str]) -> bool:
    """Whether a verb acts on one of ``words``: its object, its passive subject, or the
    noun it describes ('adopted a resolution', 'the deal was sealed', 'the ceasefire
    plan sealed in October'), so 'sealed the border' or 'struck Kyiv' makes no deal."""
    named = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
    if verb.dep_ in ("acl", "relcl"):
        named.append(verb.head)  # 'the ceasefire they had declared on Tuesday'
    return any(c.lower_ in words for c in named)


def _a_place_taken(token: Any) -> bool:
    """'took control of', 'took another mining town - Nyabibwe': ground taken, not
    'took part'."""
    named = [token, *(c for c in token.children if c.dep_ == "compound")]
    return any(t.lower_ in PLACES_TAKEN for t in named)


def _a_guest(token: Any) -> bool:
    """A person or a delegation received, not a letter or a proposal."""
    return token.tag_ in ("NNP", "NNPS") or token.lower_ in GUESTS


RELATIVES = frozenset(["that", "which"])


def _in_force_then(noun: Any) -> bool:
    """'A ceasefire in October halted two years of conflict', 'despite a December
    ceasefire that ended renewed fighting': an agreement that did something was made; a
    ceasefire called for, proposed or to come is none."""
    verbs = [noun.head] if noun.dep_ == "nsubj" else []
    # 'that ended ...' (the ceasefire did it), not 'he had championed' (someone did)
    verbs += [
        c
        for c in noun.children
        if c.dep_ == "relcl"
        and any(s.dep_ == "nsubj" and s.lower_ in RELATIVES for s in c.children)
    ]
    # 'the ceasefire ended' is its end; 'a ceasefire that ended the fighting' its work
    acted = any(
        v.tag_ == "VBD"
        and (v.lower_ not in TRUCE_ENDINGS or any(c.dep_ == "dobj" for c in v.children))
        for v in verbs
    )
    return acted and any(c.dep_ == "relcl" or c.ent_type_ == "DATE" for c in noun.subtree)


def _broke_out(token: Any) -> bool:
    """'the border clash broke out on the night of November 12': an onset, where 'the
    truce broke' is an ending."""
    return token.lower_ in BREAKING_FORMS and any(
        c.dep_ == "prt" and c.lower_ == "out" for c in token.children
    )


def _terms_start(token: Any) -> bool:
    """'the ceasefire began', 'the truce took effect', 'the accord came into force'."""
    heads = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    if token.dep_ == "relcl":
        heads.append(token.head)
    if token.dep_ == "xcomp" and token.head.dep_ == "acl":
        heads.append(token.head.head)  # 'the ceasefire expected to take effect on May 18'
    # 'the first phase of the Gaza ceasefire began': the ceasefire's terms start
    of = [g for h in heads for p in h.children if p.lower_ == "of" for g in p.children]
    subjects = {t.lower_ for t in heads + [g for g in of if g.dep_ == "pobj"]}
    if not subjects & AGREEMENT_NOUNS:
        return False
    if token.lower_ in TERMS_START:
        return True
    objects = {c.lower_ for c in token.children if c.dep_ == "dobj"}
    into = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "into"]
    force = {g.lower_ for p in into for g in p.children if g.dep_ == "pobj"}
    return "effect" in objects or bool(force & {"force", "effect"})


def _fighting_begins(token: Any) -> bool:
    """'the clashes began on July 24', 'the confrontation that had begun four days
    earlier': the onset of fighting."""
    return token.lower_ in TERMS_START and bool(_subjects_of(token) & FIGHTING_NOUNS)


def _subjects_of(verb: Any, attached: tuple[str, ...] = ("relcl",)) -> set[str]:
    """What a verb says something of: its subjects, and the noun it hangs on as a
    relative clause or (``attached``) a modifier ('the conflict that reignited', 'the
    conflict, ongoing since April 2023')."""
    subjects = {c.lower_ for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
    if verb.dep_ in attached:
        subjects.add(verb.head.lower_)
    return subjects


def _talks_begin(token: Any) -> bool:
    """'talks began on Monday', 'the second day of a round of negotiations got underway on
    Thursday': the start of talks, however long the subject that names them."""
    if token.lower_ not in TERMS_START and not any(c.lower_ == "underway" for c in token.children):
        return False  # 'talks went on', 'talks took place' say nothing of a start
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    named = {t.lower_ for s in subjects for t in s.subtree if t.i < token.i}
    return bool(named & TALK_NOUNS)


def _to_come_in(trigger: Any, triggers: list[Any]) -> Any:
    """'The United States has proposed another round of talks next week': a day still to
    come cannot date an act told as done; it dates the talks the act names, if any."""
    auxiliaries = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
    done = trigger.tag_ == "VBD" or (
        trigger.tag_ == "VBN" and bool(auxiliaries & {"has", "have", "had", "was", "were"})
    )
    if not done:
        return trigger
    named = [
        t for t in triggers if t in trigger.subtree and t is not trigger and t.tag_[:2] == "NN"
    ]
    return named[0] if named else trigger


def _signed_at(trigger: Any, triggers: list[Any], ent: Any) -> Any:
    """'signed a document during a summit on Monday': the date hangs on the meeting, but
    what happened that day is the signing the meeting hosted; so too for a participle
    that describes the meeting ('initialed the treaty during talks hosted by Trump on
    August 8') and a summit on whose sidelines it was signed (four edges up). A date
    that names the meeting ('during the January 6 talks') dates the meeting."""
    meeting = trigger.tag_.startswith("NN") or (
        trigger.dep_ == "acl" and trigger.head.lower_ in TRIGGER_TYPE
    )
    if trigger_kind(trigger) != "CONSULT" or not meeting or _premodifies(ent, trigger):
        return trigger
    for ancestor in list(trigger.ancestors)[:4]:
        if ancestor in triggers and trigger_kind(ancestor) == "AGREE":
            return ancestor
    return trigger


def _premodifies(ent: Any, noun: Any) -> bool:
    """'the January 6 talks', 'the Sept. 4 Paris summit': the date stands before the
    noun inside its phrase."""
    return (
        ent.end <= noun.i
        and noun in (ent.root.head, ent.root.head.head)
        and all(
            t.dep_ in ("compound", "nmod", "amod", "nummod", "punct")
            for t in ent.doc[ent.end : noun.i]
        )
    )


# a conjoined verb is in its head's clause ('On August 7 the sides reached ... and signed')
CLAUSE_DEPS = frozenset(["ROOT", "advcl", "ccomp", "relcl", "acl", "xcomp"])


def _clause_of(token: Any) -> int:
    """The verb heading the clause a word is in: 'strikes in Gaza on Tuesday after Israel
    accused Hamas' dates the strikes, whose clause the date is in, not the accusation of
    the subordinate clause as near to it in the parse."""
    while token.dep_ not in CLAUSE_DEPS and token.head is not token:
        token = token.head
    return token.i


def _in_a_relative_clause_without(trigger: Any, ent: Any) -> bool:
    """'The M23 on Sunday was keeping hold of the town which it recently captured': a
    relative clause has a time of its own, and a date outside it dates something else
    ('since February 12, when Trump spoke with Putin': a clause on the date is dated)."""
    clause = trigger.doc[_clause_of(trigger)]
    if clause.dep_ != "relcl" or ent.start <= clause.head.i < ent.end:
        return False
    return not any(t.i == ent.root.i for t in clause.subtree)


def _tree_distance(a: Any, b: Any) -> int:
    """Edges between two tokens in the parse: the trigger a date belongs to is the one
    it hangs nearest to, not the nearest in the line."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    index_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in index_b:
            return n + index_b[t.i]
    return len(up_a) + len(up_b)


DEADLINE_NOUNS = frozenset(["deadline", "deadlines", "target", "timeline", "timetable"])
GOAL_NOUNS = frozenset(["goal", "aim", "objective"])


def _bound(ent: Any) -> bool:
    """'extended until May 18', 'displaced since July', 'a June deadline': an end or a
    start of a period, not the day something happened."""
    head = ent.root.head
    if head.lower_ in DEADLINE_NOUNS and head.i >= ent.end:
        return True  # 'proposed a June deadline': the day a term runs out, no act on it
    if not ent.start:
        return False
    before = ent.doc[ent.start - 1].lower_
    if before == "since":
        # 'since February 12, when Trump first spoke ...' still dates the call, and
        # 'fighting has resumed since early December' the day it resumed
        after = [t.lower_ for t in ent.doc[ent.end : ent.end + 2]]
        # and 'occupied since March 2022' the day the occupation began
        onset = ONSET_VERBS | HELD_SINCE | LASTING_SINCE
        return "when" not in after and ent.root.head.head.lower_ not in onset
    if before in ("before", "after") and ent.start >= 2:
        # 'takes place just days before February 24': that day is a landmark, not the day
        # of the meeting
        return ent.doc[ent.start - 2].lower_ in SPANS_OF_TIME
    if before == "by" and _a_goal(ent.root.head.head):
        return True
    if before in ("until", "till") and (_deadline_for(ent) or _when_clause(ent) is not None):
        # 'gave Kyiv until next Thursday to agree': the day it is due; 'lasted until May
        # 10, when the military leaders agreed to a ceasefire': the day of the agreement
        return False
    return before in ("until", "till", "through") or (before == "to" and _extends(ent))


def _set_in_the_past(verb: Any) -> bool:
    """'a roadmap that initially set a start date no later than Aug. 8': a plan made
    before, with its object, not 'talks set for Tuesday'; its date lies in the past too."""
    return verb.tag_ == "VBD" and any(c.dep_ == "dobj" for c in verb.children)


def _a_goal(verb: Any) -> bool:
    """'committing to increase budgets by 2035', 'the goal of reaching a deal by Aug. 18':
    a verb without tense whose phrase names no act, or that a goal or a timeline holds, is
    a target; 'agreed by Friday' and 'ready to sign by Monday' still date an act."""
    if verb.tag_ not in ("VB", "VBG"):
        return False
    if all(trigger_kind(t) is None for t in verb.subtree):
        return True  # 'to increase budgets by 2035'; 'to draft a peace agreement by May 2' acts
    return any(a.lower_ in DEADLINE_NOUNS | GOAL_NOUNS for a in list(verb.ancestors)[:3])


def _when_clause(ent: Any) -> Any | None:
    """The verb of a 'when' clause that hangs on a date ('May 10, when both agreed')."""
    for verb in ent.root.children:
        if verb.dep_ == "relcl" and any(c.lower_ == "when" for c in verb.children):
            return verb
    return None


def _deadline_for(ent: Any) -> bool:
    """'until next Thursday to agree to the plan': an infinitive right after the date says
    what must be done by then."""
    doc = ent.doc
    return ent.end + 1 < len(doc) and doc[ent.end].lower_ == "to" and doc[ent.end + 1].tag_ == "VB"


SPANS_OF_TIME = frozenset(["days", "weeks", "months", "hours", "day", "week", "month", "hour"])


def _extends(ent: Any) -> bool:
    """'extended it to May 14', 'pushed the ceasefire further to May 18': the day a term
    now ends, where 'moved the talks to Monday' still dates the talks."""
    verb = ent.root.head.head
    objects = {c.lower_ for c in verb.children if c.dep_ == "dobj"}
    return verb.lower_ in EXTENDING_VERBS or bool(objects & AGREEMENT_NOUNS)


def _owned_by_a_thing(ent: Any, triggers: list[Any]) -> bool:
    """'today's army', 'today's Russia': the present day's, no day at all; but 'today's
    talks' is the event itself."""
    root = ent.root
    return root.lower_ == "today" and root.dep_ == "poss" and root.head not in triggers


def _date_line(ent: Any, text: str) -> bool:
    """A line that is nothing but a date ('MONDAY, NOVEMBER 10, 2025'): a page's date."""
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    line_end = text.find("\n", ent.end_char)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    words = re.findall(r"[a-z]+", line.lower())
    return all(w in MONTHS or w in WEEKDAYS for w in words)


def _reports(trigger: Any) -> bool:
    """'delivered a report' delivers no aid."""
    return any(
        c.dep_ == "dobj" and c.lower_ in ("report", "speech", "statement", "message", "remarks")
        for c in trigger.children
    )


def _dateline(ent: Any, text: str) -> bool:
    """'KUALA LUMPUR, Oct 26 — ...', 'CAIRO – 13 April 2025: ...', 'Washington DC, April
    19: ...': the dateline of a story, a place (in capitals, or each word capitalised) and
    the day it was filed."""
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    before = CRAWLER_HEADER.sub("", text[line_start : ent.start_char]).lstrip()
    after = text[ent.end_char : ent.end_char + 3]
    place = re.fullmatch(r"[A-Z][A-Z .'-]*(?:, | [—–-] )", before)
    named = re.fullmatch(r"(?:[A-Z][A-Za-z.'-]*,? )+", before) and after.lstrip()[:1] == ":"
    # 'Washington, (APP - Agency News - 27th Feb, 2025) British Prime Minister ...'
    credited = re.fullmatch(r"[A-Z][A-Za-z .'-]*, \([^()]*", before) and after[:1] == ")"
    return bool(named or credited) or (bool(place) and after.lstrip()[:1] in "—–-:(")  # (Reuters)


def extract_events(
    doc: Any,
    offset: int,
    published: dt.date,
    mentions: list[Mention],
    demonyms: dict[str, str] | None = None,
) -> list[Event]:
    events = []
    text = doc_text(doc)
    quoted = [(a + offset, b + offset) for a, b in find_quote_spans(text)]
    header = CRAWLER_HEADER.match(text) if offset == 0 else None
    header_end = header.end() if header else 0  # ' date 2025-03-13 First words ...'
    last_day: dt.date | None = None  # the day named last, for 'the same day'
    spans = date_spans(doc)
    dates = {ent.root.i for ent, _ in spans}  # each date's head word
    for ent, wording in spans:
        step = _days_from_last(ent)
        if step is not None:
            shifted = None if last_day is None else last_day + dt.timedelta(days=step)
            resolved = None if shifted is None else ResolvedDate(shifted, "day")
        else:
            if ent.start and ent.doc[ent.start - 1].lower_ == "in":
                wording = "in " + wording  # 'will begin in two weeks': from the publication
            resolved = resolve_date(wording, published, _tense(ent))
        if resolved is None:
            continue
        if ent.end_char <= header_end or _dateline(ent, text) or _date_line(ent, text):
            continue  # the page's own date, not a day the story names
        if resolved.granularity == "day":
            last_day = resolved.value
        statement = _statement_verb(ent)
        reported = _reported_act(statement, ent, dates)
        if (statement is not None and reported is None) or _bound(ent):
            continue
        sentence = ent.sent
        inside = _quote_of(ent.start_char + offset, quoted)
        triggers = [
            t
            for t in sentence
            if trigger_kind(t) is not None
            and _quote_of(t.idx + offset, quoted) == inside
            and not _reports(t)
            and not (ent.start <= t.i < ent.end)
            and not _in_a_relative_clause_without(t, ent)
            and (
                abs(t.i - ent.start) <= MAX_TRIGGER_DISTANCE
                or _tree_distance(t, ent.root) <= MAX_TREE_DISTANCE
            )
        ]
        if reported is not None:
            triggers = [reported]  # the statement's date is the reported act's
        if not triggers or _owned_by_a_thing(ent, triggers):
            continue
        head = ent.root.head
        dated_object = _object_of(head, triggers, ent)
        if dated_object is not None:
            head = dated_object  # 'following a Hamas attack two years ago': the attack's
        elif head.dep_ == "prep" and head.head.i in {t.i for t in triggers}:
            head = head.head  # 'On October 26, during the summit, both sides signed'
        when = _when_clause(ent)
        if when in triggers:
            head = when  # 'lasted until May 10, when military leaders agreed'
        upcoming = _upcoming(ent)
        if upcoming in triggers:
            head = upcoming  # 'rejected ... before the upcoming summit on Friday'
        trigger = (
            head
            if head in triggers
            else min(
                triggers,
                key=lambda t: (
                    _clause_of(t) != _clause_of(ent.root),
                    _tree_distance(t, ent.root),
                    abs(t.i - ent.start),
                    t.i < ent.start,
                ),
            )
        )
        trigger = reported if reported is not None else _signed_at(trigger, triggers, ent)
        if resolved.value > published:
            trigger = _to_come_in(trigger, triggers)
        elif trigger.dep_ == "dobj" and trigger.head in triggers:
            trigger = trigger.head  # 'had broken off negotiations in 2022': the breaking off
        s0, s1 = sentence.start_char + offset, sentence.end_char + offset
        outlets = _outlet_spans(sentence, offset)
        named = {
            m.actor
            for m in mentions
            if s0 <= m.start < s1
            and not any(a <= m.start < b for a, b in quoted)
            and not any(a <= m.start < b for a, b in outlets)
        }
        # 'Cambodian Prime Minister Hun Manet and Thai Prime Minister Anutin signed', 'Thai
        # and Cambodian leaders have agreed': the states their nationality adjectives name
        # take part too
        named |= {
            found
            for t in sentence
            if _quote_of(t.idx + offset, quoted) < 0
            for found in demonym_actors(t, demonyms or {})
        }
        actors = tuple(sorted(named))
        context = []
        # a modal on the trigger verb, or on the verb a noun trigger is the object of
        verb = trigger if trigger.tag_.startswith("VB") else None
        if verb is None and trigger.dep_ in ("dobj", "pobj", "attr", "oprd"):
            verb = trigger.head if trigger.dep_ != "pobj" else trigger.head.head
        modal = verb is not None and any(t.lower_ in NOT_FACTUAL for t in verb.children)
        if modal and not reported_plan(verb):
            context.append("hypothetical")
        if resolved.value > published:
            context.append("future")
        if reported is not None:
            context.append("reported")  # the statement's date: the act came on or before it
        events.append(
            Event(
                trigger.idx + offset,
                trigger.idx + len(trigger.text) + offset,
                trigger_kind(trigger),
                ent.start_char + offset,
                ent.end_char + offset,
                resolved.value,
                resolved.granularity,
                actors,
                tuple(context),
            )
        )
    return _one_date_per_trigger(events)


FINER = {"day": 0, "week": 1, "month": 2, "year": 3}


def _one_date_per_trigger(events: list[Event]) -> list[Event]:
    """When dates of different precision pick one trigger ('met in Addis on October 22
    for the first time this year') the coarser one frames the finer: keep the finest.
    Two dates of the same precision may be two events (or a range) and both stay."""
    finest: dict[int, int] = {}
    for event in events:
        rank = FINER.get(event.granularity, len(FINER))
        finest[event.start] = min(rank, finest.get(event.start, rank))
    return [e for e in events if FINER.get(e.granularity, len(FINER)) == finest[e.start]]
