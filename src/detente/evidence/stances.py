"""Stances of actors on the scenario's issues, with polarity and context.

A sentence that names an issue (lexicon per issue id) and carries a cue word
(support / oppose / demand) states a stance of the cue's subject, else of the
nearest actor before the cue, else of the actor the previous sentences were
about (section-style prose: "Russia ... Its goals include ...").
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from detente.evidence.issue_terms import IssueVocabulary
from detente.evidence.lexicons import (
    ACCUSING_WORDS,
    AGREEMENT_NOUNS,
    ANAPHORIC_NOUNS,
    ANNOUNCING_WORDS,
    ASSERTION_NOUNS,
    CLAIM_NOUNS,
    CONDITION_WORDS,
    CONDITIONAL_CUES,
    DEMAND_CUES,
    EMPHATIC_WORDS,
    ENTERING_WORDS,
    EXPECTING_WORDS,
    EXTENDING_WORDS,
    HARM_WORDS,
    INSTITUTIONS,
    NEEDING_WORDS,
    NEGATIONS,
    OPPOSE_CUES,
    PRONOUNS,
    REACHED_NOUNS,
    REACHING_WORDS,
    REPORTED_WORDS,
    REPORTING_VERBS,
    REQUIRING_WORDS,
    RULING_WORDS,
    SPEECH_VERBS,
    SUPPORT_CUES,
    VIEW_NOUNS,
    VIEW_POLARITY,
    WANTING_WORDS,
    WARNING_WORDS,
    WORKING_WORDS,
)
from detente.evidence.mentions import demonym_actor, demonym_actors
from detente.evidence.modality import governed_by_possibility
from detente.evidence.pipeline import doc_text
from detente.evidence.records import Mention, Quote, Stance

REFERRING = PRONOUNS | {"this", "that", "which"}  # subjects that point back to a holder
FIRST_PERSON = frozenset(["i", "we"])  # inside a quote: its speaker
# subjects that say what is pursued, not who: 'efforts are continuing to achieve a truce'
ENDEAVOUR_NOUNS = frozenset(["efforts", "effort", "work", "focus", "aim", "goal", "priority"])
NOT_AN_ACTOR = "-"  # the stance has a subject, and it is none of the scenario's actors
REFERS_BACK = "<"  # a pronoun: the stance belongs to the actor the text was about
BOTH_SIDES = "<<"  # 'both sides', 'the two countries', 'agreed between them': the last two
THEY = "<?"  # 'they': the pair named just before if there is one, else the actor it was about
PAIR_NOUNS = frozenset(
    ["sides", "parties", "countries", "nations", "neighbours", "neighbors", "governments"]
)
FLIP = {"support": "oppose", "oppose": "support", "demand": "oppose"}
PUSHING = frozenset(["push", "pushes", "pushed", "pushing"])
REACHED_TEXTS = REACHED_NOUNS | AGREEMENT_NOUNS  # 'reached an understanding', 'a truce reached'

# every word ``_cue_polarity`` can give a polarity: any other word is no cue, and most
# tokens are ruled out by one set lookup before the checks that read their neighbours
CUE_WORDS = (
    PUSHING
    | REACHING_WORDS
    | ENTERING_WORDS
    | DEMAND_CUES
    | OPPOSE_CUES
    | SUPPORT_CUES
    | EXPECTING_WORDS
    | REQUIRING_WORDS
    | ANNOUNCING_WORDS
    | RULING_WORDS
    | WORKING_WORDS
    | EXTENDING_WORDS
    | ACCUSING_WORDS
    | WARNING_WORDS
    | CONDITIONAL_CUES
    | VIEW_POLARITY.keys()
    | {"until", "red"}  # 'will not end until X' demands X; 'X is a red line' opposes X
)
# a dash glued to a stop or bracket: the tokenizer keeps 'U.S.-brokered' or
# 'UAE)—advocated' in one token, whose last part is the cue word
GLUED = re.compile(r"(?<=[^\w\s])[-–—](?=[a-z]+$)")
MAX_TITLE_WORDS = 20  # a longer line with no closing stop is a paragraph cut short


def _points_back(token: Any) -> bool:
    """'it', 'this', or a bare definite noun ('the country', 'the government'), which
    names no one new and so stands for the actor the text is about."""
    if token.lower_ in REFERRING:
        return True
    if token.lower_ not in ANAPHORIC_NOUNS:
        return False
    lefts = [t for t in token.lefts if t.dep_ != "punct"]
    return [t.lower_ for t in lefts] == ["the"]


def _asked_by(cue: Any) -> Any:
    """'called on the army to accept the truce', 'urged Kyiv to agree': the acceptance
    is what the caller demands, so the demand is the cue and the caller its holder."""
    infinitive = cue.dep_ == "xcomp" or (
        cue.dep_ == "advcl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in cue.children)
    )
    if infinitive and _cue_polarity(cue.head) == "demand":
        return cue.head
    # 'will not stop until Kyiv accepts a truce': the acceptance is what is demanded
    held = [c for c in cue.children if c.lower_ == "until" and _held_until(c)]
    return held[0] if held else cue


def _headline(sentence: Any, text: str) -> bool:
    """A title line (a whole line with no closing punctuation) repeats the story's lead;
    its stance is stated again, with its holder, in the body. ``text`` is the doc's text,
    read once by the caller (spaCy rebuilds it from the tokens on each access)."""
    start = sentence.start_char
    end = start + len(sentence.text.rstrip())
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    whole = text[line_start:start].strip() == "" and text[end:line_end].strip() == ""
    if not whole or sentence.text.rstrip().endswith((".", "!", "?", '"', "”", "’", ")")):
        return False
    # an excerpt that stops mid-sentence leaves a long last line without a stop: a body
    # sentence, not a title (titles run to a dozen words or so)
    return sum(1 for t in sentence if not (t.is_punct or t.is_space)) <= MAX_TITLE_WORDS


def _glued_cue(word: str) -> str | None:
    """The cue word at the end of a token glued by a dash ('u.s.-brokered' -> 'brokered')."""
    if "-" not in word and "—" not in word and "–" not in word:
        return None
    glue = GLUED.search(word)
    last = word[glue.end() :] if glue else None
    return last if last in CUE_WORDS else None


def _cue_polarity(token: Any) -> str | None:
    word = token.lower_
    if word == "no":  # 'there will be no truce', 'we will have no truce with them'
        return "oppose" if _refused_to_come(token) else None
    if word not in CUE_WORDS:
        word = _glued_cue(word)
        if word is None:
            return None
    following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    if word in VIEW_POLARITY:  # 'a negative view of X'; 'a negative effect' is no one's view
        return VIEW_POLARITY[word] if token.head.lower_ in VIEW_NOUNS else None
    if word in PUSHING and following == "back":
        return "oppose"
    if word in ("calling", "called", "calls") and following not in ("for", "on", "upon"):
        return None  # 'calling it a decisive step' is no demand; 'called on X to' is
    if word == "against" and not token.head.tag_.startswith("VB"):  # no pos_: no attribute ruler
        return None  # 'claims against Azerbaijan' opposes nothing; 'is against X' does
    if word == "proposed" and token.dep_ in ("amod", "acl"):
        return None  # 'pushes back on proposed limits': the limits are someone's proposal
    if word in RULING_WORDS:
        return "oppose" if following == "out" else None  # 'ruled out a truce'
    if word in REACHING_WORDS or (word in WORKING_WORDS and following == "out"):
        # 'reached a common understanding', 'worked out an understanding': to agree
        return "support" if _object_in(token, REACHED_TEXTS) else None
    if word in WORKING_WORDS:
        return None
    if word in ANNOUNCING_WORDS:  # 'announced a humanitarian ceasefire'
        return "support" if _object_in(token, AGREEMENT_NOUNS) else None
    if word in EXTENDING_WORDS:  # 'extended the truce': only an agreement's extension
        return "support" if _object_in(token, AGREEMENT_NOUNS) else None
    if word == "until":  # 'will not end until X is disarmed': X comes first, a demand
        return "demand" if _held_until(token) else None
    if word == "red":  # 'disarmament is a red line' (crossing one is news, not a stance)
        line = token.head
        red_line = line.i == token.i + 1 and line.lower_ in ("line", "lines")
        return "oppose" if red_line and not line.head.lower_.startswith("cross") else None
    if word in ACCUSING_WORDS or word in WARNING_WORDS:  # only of what they name: _target
        return "oppose" if _target(token) else None
    if word in CONDITIONAL_CUES:  # 'conditional on X', 'contingent upon X'
        return "conditional" if following in ("on", "upon") else None
    if word in EXPECTING_WORDS:
        return "demand" if _asks_someone(token) else None
    if word in WANTING_WORDS and _wants_of_another(token):
        return "demand"  # 'Baku wants Yerevan to remove ...'; 'wants to sign' backs it
    if word in REQUIRING_WORDS:
        return None if token.dep_ == "amod" else "demand"  # 'the required papers'
    if word in ("open", "openness") and following != "to":
        return None  # 'open to a ceasefire' is support; 'an open border' is not
    if word in ("ready", "willing", "prepared", "desire") and following not in ("for", "to"):
        return None  # 'when it is ready' states nothing; 'ready for a ceasefire' does
    if word in ENTERING_WORDS:
        return "support" if following == "into" else None  # 'enter into a truce'
    if word in NEEDING_WORDS:
        # 'Ukraine needs firm guarantees from the US', 'the need for concessions': asked
        # of someone; 'need to discuss an exchange' is the holder's own will
        needs_a_thing = token.tag_.startswith("VB") and any(
            c.dep_ == "dobj" for c in token.children
        )
        return "demand" if needs_a_thing or following == "for" else "support"
    if word in DEMAND_CUES:
        rejected = token.dep_ == "dobj" and _cue_polarity(token.head) == "oppose"
        if token.tag_ in ("NN", "NNS") and rejected:
            return None  # 'rejected the territorial demands': the rejection speaks
        return "demand"
    if word in OPPOSE_CUES:
        return "oppose"
    if word in SUPPORT_CUES:
        return "support"
    return None


def _refused_to_come(no: Any) -> bool:
    """'no' before a thing that the clause says will not be: a refusal of it. The same
    words in the past ('there was no truce') report a fact, not a stance."""
    thing, verb = no.head, no.head.head
    return (
        no.dep_ == "det"
        and thing.dep_ in ("attr", "dobj")
        and verb.lower_ in ("be", "have")
        and any(c.lower_ in FUTURE_AUXILIARIES for c in verb.children if c.dep_ == "aux")
    )


FUTURE_AUXILIARIES = frozenset(["will", "shall", "'ll", "’ll"])


def _object_in(token: Any, nouns: frozenset[str]) -> bool:
    """The verb's direct object is one of ``nouns`` ('reached a deal', 'announced a truce'),
    or its passive subject ('the truce was announced by ...', 'the deal was extended'), or
    the noun a participle qualifies ('a ceasefire understanding reached between ...')."""
    if token.dep_ == "acl" and token.head.lower_ in nouns:
        return True
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in nouns for c in token.children)


def _held_until(token: Any) -> bool:
    """'until' opening a clause under a negated one ('will not end until', 'no deal
    until'): what the clause names must come first. 'until May 18' is no clause."""
    if token.dep_ != "mark" or token.head.head is token.head:
        return False
    governor = token.head.head
    return any(
        c.dep_ == "neg" or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        for c in governor.children
    )


NAMED_ONLY = ACCUSING_WORDS | WARNING_WORDS | {"until"}  # cues with a ``_target``
# who is accused is a party, not a stance's object: 'accused each other of violating it'
PARTY_WORDS = PRONOUNS | INSTITUTIONS | PAIR_NOUNS | {"each", "other", "one", "another"}


def _target(cue: Any) -> set[int] | None:
    """For a cue that states a stance only on what it names, the tokens that name it: what
    is accused ('accused the plan of undermining talks': the plan, not the talks), what a
    warning says would do harm ('warned that sending X would damage ties': X), what must
    come first ('will not sign a truce until X': X, the truce itself is conditional)."""
    if cue.lower_ == "until":
        return {t.i for t in cue.head.subtree}
    if cue.lower_ in ACCUSING_WORDS:
        for obj in (c for c in cue.children if c.dep_ == "dobj"):
            if obj.ent_type_ or obj.lower_ in PARTY_WORDS or obj.tag_ in ("PRP", "NNP", "NNPS"):
                return None
            of = [c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"]
            left_out = {t.i for prep in of for t in prep.subtree}
            return {t.i for t in obj.subtree} - left_out or None
        return None
    for clause in (c for c in cue.children if c.dep_ in ("ccomp", "xcomp")):
        if any(t.lower_ in HARM_WORDS for t in clause.subtree):
            for subject in (c for c in clause.children if c.dep_ in ("nsubj", "csubj")):
                return {t.i for t in subject.subtree}
    return None


def _wants_of_another(token: Any) -> bool:
    """'wants Yerevan to remove the preamble': what is wanted is another's act."""
    clauses = [c for c in token.children if c.dep_ in ("ccomp", "xcomp")]
    own_subject = any(g.dep_ == "nsubj" for c in clauses for g in c.children)
    asked = any(c.dep_ == "dobj" for c in token.children)  # 'wants Kyiv' + 'to accept'
    return own_subject or (asked and bool(clauses))


def _asks_someone(token: Any) -> bool:
    """'expects Yerevan to amend', 'expects that Hamas will comply': an expectation put on
    someone; 'is expected to be signed' (passive) only forecasts."""
    children = {c.dep_ for c in token.children}
    return bool(children & {"xcomp", "ccomp"}) and not children & {"auxpass", "nsubjpass"}


def _negated(token: Any) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if token.dep_ in ("xcomp", "ccomp") and any(c.dep_ == "neg" for c in token.head.children):
        return True
    window = token.doc[max(token.sent.start, token.i - 3) : token.i]
    if any(t.lower_ in NEGATIONS for t in window):
        return True
    # 'there is no chance we will agree to a ceasefire': the cue says what has no chance
    chance = token.head if token.dep_ in ("acl", "relcl", "ccomp") else None
    return chance is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in chance.children)


MAX_CUE_DISTANCE = 14  # tokens between the issue keyword and its cue word
MAX_GOVERNED = 20  # the same, for a keyword inside the cue's own object phrase
MAX_PAIRS = 3  # keyword-cue pairs tried per issue and sentence


def extract_stances(
    doc: Any,
    offset: int,
    mentions: list[Mention],
    vocabulary: IssueVocabulary,
    quotes: list[Quote] = (),
    demonyms: dict[str, str] | None = None,
) -> list[Stance]:
    wanted = [issue for issue in vocabulary.ids if vocabulary.patterns[issue]]
    demonyms = demonyms or {}
    stances: list[Stance] = []
    recent_actor: str | None = None
    pair: list[str] | None = None  # the two actors a recent sentence named, if two
    pair_age = 0
    text = doc_text(doc)
    for sentence in doc.sents:
        s0, s1 = sentence.start_char + offset, sentence.end_char + offset
        sentence_text = text[sentence.start_char : sentence.end_char]  # = sentence.text, built once
        inside = [m for m in mentions if s0 <= m.start < s1]
        holders = [m.actor for m in inside if _holds(m, sentence, offset)]
        holders = holders or _demonym_holders(sentence, demonyms)
        if not vocabulary.any_term.search(sentence_text) or _headline(sentence, text):
            recent_actor = _recent(holders, inside, sentence, recent_actor)
            pair, pair_age = _next_pair(pair, pair_age, inside, sentence)
            continue
        cues = _cues(sentence)  # the same for every issue: found once per sentence
        for issue in wanted:
            # per actor, the closest keyword-cue pair whose cue it holds ('the announcement
            # could dim ... chances of securing the weapons' holds nothing); two actors
            # may each state one ('Hamas refused to disarm, while Israel insists on ...')
            taken: set[str] = set()
            pairs = _pairs(sentence, sentence_text, vocabulary.patterns[issue], cues)
            for key, sign, cue in pairs[:MAX_PAIRS]:
                if taken and not cue.tag_.startswith("VB"):
                    continue  # a second holder states its own with a verb of its own
                cue = _asked_by(cue)
                actors = _stance_actors(cue, inside, offset, key, quotes, demonyms)
                if actors == THEY:
                    actors = _named_pair(pair, []) if pair else None
                if actors == BOTH_SIDES:
                    before = [m for m in inside if m.start - offset < cue.idx]
                    actors = (
                        _named_pair(None, before)
                        or _hyphen_pair(inside, text, offset)
                        or _named_pair(pair, before)
                        or NOT_AN_ACTOR
                    )
                if actors == NOT_AN_ACTOR:
                    continue
                if actors is None and _unnamed_new_speaker(cue, inside, offset):
                    continue  # 'A military official told AP that ...': not the last actor
                if actors is None:
                    # 'X must ...' with no one found who says so: X is asked, never asks
                    asked = _asked_of(cue, inside, offset, key, demonyms)
                    fallback = next(
                        (h for h in (*holders, recent_actor) if h and h not in asked), None
                    )
                    actors = [fallback] if fallback else []
                for actor in actors:
                    if actor not in taken:
                        stances.append(_stance(sentence, offset, actor, issue, sign, key, cue))
                taken.update(actors)
        recent_actor = _recent(holders, inside, sentence, recent_actor)
        pair, pair_age = _next_pair(pair, pair_age, inside, sentence)
    return stances


INDEFINITE = frozenset(["a", "an", "another"])
SAYING = SPEECH_VERBS | REPORTING_VERBS


def _unnamed_new_speaker(cue: Any, inside: list, offset: int) -> bool:
    """Whether the cue is reported by someone new and unnamed: a speech verb above it has
    an indefinite noun phrase as subject ('A Sudan military official told AP that ...',
    'an aide said') that names no actor. An indefinite phrase brings a new referent into
    the story, so the stance it reports is not the previous sentences' actor's."""
    for verb in cue.ancestors:
        if verb.lower_ not in SAYING:
            continue
        for token in verb.children:
            if token.dep_ != "nsubj" or not token.tag_.startswith("NN"):
                continue
            if token.ent_type_ in ("DATE", "TIME"):
                continue
            if not any(c.lower_ in INDEFINITE for c in token.children if c.dep_ == "det"):
                continue
            start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
            if not any(start <= m.start - offset < end for m in inside):
                return True
    return False


MAX_PAIR_AGE = 2  # sentences naming no new pair that 'both sides' may still reach over


def _next_pair(
    pair: list[str] | None, age: int, inside: list[Mention], sentence: Any
) -> tuple[list[str] | None, int]:
    """The pair 'both sides' refers to after this sentence: the two actors it names;
    with none named, the last pair for a couple more sentences ('Sources said the two
    sides ...' two sentences after 'India and Pakistan'); with one or three, nobody's:
    'the rift between the White House and Western capitals' sets up a pair of its own.
    Countries no actor stands for count too: 'the US, Turkey and Saudi Arabia were in
    contact with Pakistan' names four, not the pair Saudi Arabia and Pakistan."""
    named = len({m.actor for m in inside})
    if named >= 1:
        if named + _other_countries(sentence) > 2:
            return None, 0
        return _named_pair(None, inside), 0
    if pair is None or age >= MAX_PAIR_AGE:
        return None, 0
    return pair, age + 1


def _other_countries(sentence: Any) -> int:
    """Countries no actor's alias claims (GPE) listed with an actor: 'the US, Turkey and
    Saudi Arabia'. A venue or a dateline ('met in Geneva') is no party of the pair."""

    def first_conjunct(token: Any) -> Any:
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        return token

    listed = {first_conjunct(e.root).i for e in sentence.ents if e.label_ == "ACTOR"}
    return sum(1 for e in sentence.ents if e.label_ == "GPE" and first_conjunct(e.root).i in listed)


def _named_pair(pair: list[str] | None, mentions: list[Mention]) -> list[str] | None:
    """Who 'both sides' are after ``mentions``: the two actors they name; else, for the
    words before the cue in the same sentence (``pair`` given), the previous sentence's
    pair. Never older: 'both sides' two sentences on may be any two."""
    actors = list(dict.fromkeys(m.actor for m in mentions))
    if len(actors) == 2:
        return actors
    return pair if len(actors) < 2 else None


def _hyphen_pair(inside: list[Mention], text: str, offset: int) -> list[str] | None:
    """'the Cambodia-Thailand border committee ... both sides': two actors joined by a
    hyphen name the pair a bilateral body or meeting belongs to."""
    for first, second in pairwise(inside):
        between = text[first.end - offset : second.start - offset]
        if between in ("-", "–") and first.actor != second.actor:
            return [first.actor, second.actor]
    return None


def _both_sides(token: Any) -> bool:
    """'both sides', 'the two countries', 'both': a pair the text named before; also
    people of the pair ('officials from both countries', 'leaders of the two sides')."""
    words = {c.lower_ for c in token.children}
    if token.lower_ == "both":
        return True
    if token.lower_ in PAIR_NOUNS and bool(words & {"both", "two"}):
        return True
    return any(
        _both_sides(obj)
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in ("from", "of")
        for obj in prep.children
        if obj.dep_ == "pobj" and obj.lower_ in PAIR_NOUNS
    )


def _demonym_holders(sentence: Any, demonyms: dict[str, str]) -> list[str]:
    """'The Azerbaijani Foreign Ministry reaffirmed ...': the main subject's nationality."""
    for token in sentence:
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT":
            found = demonym_actor(token, demonyms)
            return [found] if found else []
    return []


def _recent(holders: list[str], inside: list[Mention], sentence: Any, last: str | None):
    """The actor later sentences are about: this sentence's holder, or a heading's actor."""
    if holders:
        return holders[0]
    if len(inside) == 1 and len(sentence) <= 4:  # a heading: "Russia", "The United States"
        return inside[0].actor
    return last


def _stance(
    sentence: Any, offset: int, actor: str, issue: str, sign: int, key: Any, cue: Any
) -> Stance:
    """One actor's stance, its polarity turned by negation and conditions."""
    text = sentence.text
    polarity = _cue_polarity(cue) or "support"
    if polarity == "conditional" and _in_condition(cue, key):
        polarity = "demand"  # 'made the signing conditional on a new constitution': asks it
    context = []
    before_key = sentence.doc[max(sentence.start, key.start - 3) : key.start]
    # 'will not end until X': the negation and the condition are the cue's own
    until = cue.lower_ == "until"
    refused = cue.lower_ == "no"  # 'there will be no truce': the refusal is the cue itself
    negation = _negated(cue) or any(t.lower_ in ("not", "no") for t in before_key)
    if not until and not refused and negation:
        context.append("negated")
        polarity = FLIP.get(polarity, polarity)
    only = any(t.lower_ == "only" for t in cue.doc[max(sentence.start, cue.i - 2) : cue.i])
    condition = CONDITION_WORDS.search(text)
    if (
        condition
        and condition.group(0).lower() == "until"
        and not any(t.lower_ == "until" and t.dep_ == "mark" for t in sentence)
    ):
        condition = None  # 'until May 18' bounds a period; 'until he secures ...' is a condition
    if (condition or only) and not until:
        context.append("conditional")
        # 'demands X ... until it gets guarantees', 'will only agree to a truce which ...'
        held_back = condition is not None and condition.group(0).lower() in ("until", "unless")
        if polarity == "support" or (polarity in ("oppose", "demand") and held_back):
            polarity = "conditional"
    if governed_by_possibility(cue, sentence):
        context.append("hypothetical")
    if REPORTED_WORDS.search(text):
        context.append("reported")
    if EMPHATIC_WORDS.search(text):
        context.append("emphatic")
    direction = sign * (-1 if polarity == "oppose" else 1)
    return Stance(
        sentence.start_char + offset,
        sentence.end_char + offset,
        actor,
        issue,
        polarity,
        direction,
        tuple(context),
        cue.idx + offset,
        cue.idx + len(cue.text) + offset,
    )


def _cues(sentence: Any) -> list[Any]:
    """The sentence's cue words, in order."""
    return [
        t
        for t in sentence
        if _cue_polarity(t) is not None
        and not t.ent_type_  # 'Rapid Support Forces' names an actor, it backs nothing
        and not (t.lower_ == "back" and t.i and t.nbor(-1).lower_.startswith("push"))
        and not _denies_a_claim(t)
        and not _inside_a_claim(t)
    ]


def _pairs(
    sentence: Any, sentence_text: str, patterns: tuple, cues: list[Any]
) -> list[tuple[Any, int, Any]]:
    """(keyword span, sign, cue token) pairs within reach, closest first."""
    doc = sentence.doc
    matches = [(m, sign) for pattern, sign in patterns for m in pattern.finditer(sentence_text)]
    if not matches:
        return []
    found = []
    for match, sign in matches:
        key = doc.char_span(
            sentence.start_char + match.start(),
            sentence.start_char + match.end(),
            alignment_mode="expand",
        )
        for cue in cues:
            if key.start <= cue.i < key.end:
                continue
            named_only = cue.lower_ in NAMED_ONLY
            if named_only and key.root.i not in (_target(cue) or ()):
                continue  # 'accused the plan of undermining the truce' opposes the plan
            if cue.lower_ == "no" and key.root.i != cue.head.i:
                continue  # 'there will be no ceasefire violations' refuses no ceasefire
            # 'X is a red line': X; 'the treaty conditional on a change': the change too
            modifier = cue.dep_ == "amod" and cue.lower_ != "red" and _condition(cue) is None
            if modifier and not any(t.i == key.root.i for t in cue.head.subtree):
                continue  # 'the US-backed plan': backs the plan, not a word outside it
            distance = abs(cue.i - key.start) + (0.5 if cue.i > key.start else 0)
            # 'demanded an end to another armed group, the Democratic Forces ... (FDLR)':
            # a keyword inside the cue's own phrase is its object however far it reads
            if distance <= MAX_CUE_DISTANCE or (distance <= MAX_GOVERNED and _governs(cue, key)):
                found.append((distance, key.start, cue.i, key, sign, cue))
    found.sort(key=lambda f: f[:3])
    # one pair per cue: the cue decides the holder, so a cue that held nothing for its
    # closest keyword holds nothing for a farther one either
    seen: set[int] = set()
    pairs = []
    for *_, key, sign, cue in found:
        if cue.i not in seen:
            seen.add(cue.i)
            pairs.append((key, sign, cue))
    return pairs


def _condition(cue: Any) -> Any:
    """The 'on' or 'upon' after 'conditional' or 'contingent', wherever the parser hung it."""
    if cue.lower_ not in CONDITIONAL_CUES or cue.i + 1 >= len(cue.doc):
        return None
    following = cue.nbor(1)
    return following if following.lower_ in ("on", "upon") else None


def _in_condition(cue: Any, key: Any) -> bool:
    """The keyword is the condition ('conditional on a change of the constitution'), not
    what is made conditional: whoever sets a condition demands it."""
    condition = _condition(cue)
    return condition is not None and key.root.i in {t.i for t in condition.subtree}


def _inside_a_claim(cue: Any) -> bool:
    """A cue inside what someone claims ('denied claims that Washington mediated the
    truce', 'the claim of a US-brokered truce') reports an assertion, no one's stance."""
    return any(a.lower_ in ASSERTION_NOUNS and a.tag_.startswith("NN") for a in cue.ancestors)


def _denies_a_claim(cue: Any) -> bool:
    return any(c.dep_ == "dobj" and c.lower_ in CLAIM_NOUNS for c in cue.children)


def _governs(cue: Any, key: Any) -> bool:
    """The keyword sits in the cue's object phrase, not in a clause of its own."""
    node = key.root
    for _ in range(8):
        if node.i == cue.i:
            return True
        if node.dep_ in ("ccomp", "advcl", "relcl", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _holds(mention: Mention, sentence: Any, offset: int) -> bool:
    """A mention that is the sentence's subject, or the possessor of it ('Russia's goals')."""
    span = sentence.doc.char_span(
        mention.start - offset, mention.end - offset, alignment_mode="expand"
    )
    if span is None:
        return False
    root = span.root
    if root.dep_ == "poss":
        root = root.head
    # the subject of the main verb (or one joined to it), not of a clause inside:
    # 'It proposes that Ukraine receive ...' is not about what Ukraine holds
    verb = root.head
    main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
    return root.dep_ in ("nsubj", "nsubjpass") and main


def _mention_for(token: Any, inside: list[Mention], offset: int) -> str | None:
    for m in inside:
        if m.start - offset <= token.idx < m.end - offset:
            return m.actor
    return None


def _stance_actors(
    cue: Any,
    inside: list[Mention],
    offset: int,
    key: Any,
    quotes: list[Quote],
    demonyms: dict[str, str],
) -> list[str] | str | None:
    """The actors holding the stance a cue states, NOT_AN_ACTOR, or None (look wider).

    A passive cue ('opposed by the United States') is held by the agent after 'by', and a
    hyphenated one ('a Qatar-mediated deal') by the actor before the hyphen;
    'X must ...' and 'X requires Y' are demands of whoever says so (the reporting verb's
    subject, or the quote's speaker), not of X; coordinated subjects ('Thailand and Cambodia have
    agreed') each hold it.
    """
    for agent in (c for c in cue.children if c.dep_ == "agent"):
        for obj in (t for t in agent.children if t.dep_ == "pobj"):
            found = _mention_for(obj, inside, offset) or _phrase_actor(
                obj, inside, offset, demonyms
            )
            return [found] if found is not None else NOT_AN_ACTOR
    if cue.lower_ in REFUSED_FORMS and any(c.dep_ == "auxpass" for c in cue.children):
        # 'Pakistan's request for a ceasefire was refused': no agent says who refused; only
        # one who reports it as theirs ('was rejected, Pakistan said') holds it
        demander = _demander(cue, inside, offset, quotes, demonyms)
        return [demander] if demander not in (None, REFERS_BACK, NOT_AN_ACTOR) else NOT_AN_ACTOR
    if cue.dep_ == "amod":  # 'a Qatar-mediated deal', 'a US-backed ceasefire'
        glued = _mention_for(cue, inside, offset)  # 'a U.S.-brokered truce': one token
        if glued is not None:
            return [glued]
        for named in (c for c in cue.children if c.dep_ == "npadvmod"):
            found = _mention_for(named, inside, offset)
            if found is not None:
                return [found]
    # 'the ceasefire between Pakistan and India has been extended': with no agent, the
    # parties the passive's subject names hold it
    named = [cue, *(c for c in cue.children if c.dep_ == "nsubjpass")]
    betweens = (c for n in named for c in n.children if c.dep_ == "prep" and c.lower_ == "between")
    for prep in betweens:
        if any(t.lower_ in ("them", "themselves") for t in prep.children):
            return BOTH_SIDES  # "it was agreed between them"
        # 'a ceasefire understanding reached between India and Pakistan': the two parties
        parties = [
            found
            for obj in prep.children
            if obj.dep_ == "pobj"
            for t in (obj, *obj.conjuncts)
            if (found := _mention_for(t, inside, offset)) is not None
        ]
        if len(set(parties)) >= 2:
            return list(dict.fromkeys(parties))
    if cue.lower_ == "until":  # 'X said the war will not end until ...': X demands it
        governor = cue.head.head
        demander = _demander(governor, inside, offset, quotes, demonyms)
        if demander not in (None, REFERS_BACK):
            return demander if demander == NOT_AN_ACTOR else [demander]
        return _subject_actors(governor, inside, offset, key, demonyms)
    if cue.lower_ in CONDITIONAL_CUES and cue.dep_ in ("ccomp", "oprd", "xcomp"):
        # 'made the signing conditional on X': the maker's stance, not the signing's
        return _subject_actors(cue.head, inside, offset, key, demonyms)
    if cue.lower_ in CONDITIONAL_CUES and cue.dep_ == "acomp":
        # 'Baku made clear that its signing remains conditional on X': the one who says so
        setter = _demander(cue.head, inside, offset, quotes, demonyms)
        if setter not in (None, REFERS_BACK, NOT_AN_ACTOR):
            return [setter]
    requiring = cue.lower_ in REQUIRING_WORDS
    if cue.lower_ == "must" or requiring:
        demander = _demander(cue, inside, offset, quotes, demonyms)
        if demander == REFERS_BACK:
            return None
        if demander is None and _asked_of(cue, inside, offset, key, demonyms):
            return None  # 'X must ...': whoever says so, found wider; never X
        if demander is not None:
            return demander if demander == NOT_AN_ACTOR else [demander]
        if requiring:  # 'the EU requires unanimity for ...' states a rule, not a demand
            return NOT_AN_ACTOR
    own = _noun_holder(cue, inside, offset, demonyms)
    if own is not None:
        return [own]
    at = cue.idx + offset
    speaker = next((q.speaker_actor for q in quotes if q.start <= at < q.end), None)
    return _subject_actors(cue, inside, offset, key, demonyms, speaker)


def _asked_of(
    cue: Any, inside: list[Mention], offset: int, key: Any, demonyms: dict[str, str]
) -> set[str]:
    """The actors a 'must' is laid on ('Armenia must amend its constitution': Armenia), who
    hold no demand of it, whoever does; empty for any other cue."""
    if cue.lower_ != "must":
        return set()
    found = _subject_actors(cue, inside, offset, key, demonyms)
    return set(found) if isinstance(found, list) else set()


def _speakers_own(subject: Any) -> bool:
    """'Hun Manet said his country supported the ceasefire': 'his country' is the state of
    whoever says so, found further up (the reporting verb's subject)."""
    return (
        subject.dep_ == "nsubj"
        and subject.lower_ in ANAPHORIC_NOUNS
        and any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in subject.children)
    )


def _noun_holder(
    cue: Any, inside: list[Mention], offset: int, demonyms: dict[str, str]
) -> str | None:
    """A noun cue names its own holder ('X is a key Ukrainian demand', 'the US demand', 'a
    demand of Moscow'), whatever the clause's subject: the guarantees are no one's name."""
    if not cue.tag_.startswith("NN"):
        return None
    for child in cue.children:
        named = [child] if child.dep_ in ("amod", "compound") else []
        if child.dep_ == "prep" and child.lower_ in ("of", "from", "by"):
            named = [c for c in child.children if c.dep_ == "pobj"]
        for token in named:
            found = (
                _mention_for(token, inside, offset)
                or demonyms.get(token.text)  # 'a Ukrainian demand'
                or demonym_actor(token, demonyms)  # 'a demand of the Russian government'
            )
            if found is not None:
                return found
    return None


def _demander(
    cue: Any, inside: list[Mention], offset: int, quotes: list[Quote], demonyms: dict[str, str]
) -> str | None:
    """Who says that someone else must: the reporting verb's subject, else the quote's speaker."""
    at = cue.idx + offset
    speaker = next((q.speaker_actor for q in quotes if q.start <= at < q.end), None)
    verb = cue.head if cue.lower_ == "must" else cue  # 'must' hangs on its verb
    if verb.dep_ in ("ccomp", "parataxis") and verb.head is not verb:
        for child in verb.head.children:
            if child.dep_ == "nsubj":
                found = (
                    _mention_for(child, inside, offset)
                    or _attached_actor(child, inside, offset)
                    or demonym_actor(child, demonyms)
                    # 'Kremlin spokesman Dmitry Peskov said': the state the speaker serves
                    or _phrase_actor(child, inside, offset, demonyms)
                )
                # 'the ministry reaffirmed that Armenia must ...': a demand of someone else;
                # '"... Armenia must amend ...," the minister said': the quote's speaker;
                # 'He stressed that ... must': whoever 'he' is (the caller looks back)
                if found or speaker:
                    return found or speaker
                return REFERS_BACK if _points_back(child) else NOT_AN_ACTOR
    return speaker


def _attached_actor(token: Any, inside: list[Mention], offset: int) -> str | None:
    """'Russia's goals', 'the DRC government': an actor named as possessor or modifier."""
    return next(
        (
            a
            for t in token.children
            if t.dep_ in ("poss", "compound", "appos")
            for a in [_mention_for(t, inside, offset)]
            if a
        ),
        None,
    )


CLAUSES = frozenset(["relcl", "acl", "ccomp", "advcl", "xcomp"])  # inner clauses: not the name


def _phrase_actor(
    head: Any,
    inside: list[Mention],
    offset: int,
    demonyms: dict[str, str],
    key: Any = None,
) -> str | None:
    """The actor a subject phrase speaks for: 'Thai Foreign Minister Maris ...', 'a
    Cambodian government spokesman', 'Maly Socheata, a spokeswoman for Cambodia's defence
    ministry': a person or office the scenario does not list, named with the state they
    serve (in the phrase itself, not in a clause inside it: 'officials who met Kyiv'), nor
    the owner of the issue the stance is on: 'the claims in Armenia's Constitution are a
    barrier', said by Baku, is no stance of Armenia's."""
    stack = [head]
    while stack:
        token = stack.pop()
        if key is not None and key.start <= token.head.i < key.end and token.head is not token:
            continue  # a possessor or modifier of the issue's own words
        if token.i != head.i:
            found = _mention_for(token, inside, offset)
            if found is not None:
                return found
        nationality = demonym_actor(token, demonyms)
        if nationality is not None:
            return nationality
        stack.extend(c for c in reversed(list(token.children)) if c.dep_ not in CLAUSES)
    return None


def _of_actors(token: Any, inside: list[Mention], offset: int) -> list[str]:
    """'the leaders of Egypt, Turkey and Qatar': the actors a plural head stands for."""
    found = []
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            for t in (obj, *obj.conjuncts):
                actor = _mention_for(t, inside, offset)
                if actor:
                    found.append(actor)
    return found


def _with_auxiliary_children(node: Any) -> list[Any]:
    """A verb's dependents, with those the parser hung on its auxiliary ('the two sides
    were committed': 'sides' under 'were'), so the walk up does not skip the subject."""
    children = list(node.children)
    for child in list(children):
        if child.dep_ in ("aux", "auxpass"):
            children.extend(child.children)
    return children


# a passive whose subject is what was turned down, never who turned it down ('opposed' and
# 'committed' are not: 'Kyiv is opposed to ...' is Kyiv's)
REFUSED_FORMS = frozenset(["rejected", "refused", "dismissed", "vetoed", "blocked"])


def _subject_actors(
    cue: Any,
    inside: list[Mention],
    offset: int,
    key: Any,
    demonyms: dict[str, str],
    speaker: str | None = None,
) -> list[str] | str | None:
    """The subject of the cue (walking up through clauses), or a possessor on the way;
    'I' or 'we' inside a quote is its ``speaker`` ('"I announce a truce," said ...');
    a subject such as 'efforts' is nobody's name, so the walk goes on to who states it."""
    node = cue
    for _ in range(5):
        for child in _with_auxiliary_children(node):
            if child.i == cue.i:
                continue  # 'the priority is guarantees': the cue is no one's name
            if child.dep_ in ("nsubj", "nsubjpass", "poss"):
                if child.lower_ in FIRST_PERSON and speaker and child.dep_ != "poss":
                    return [speaker]
                if child.lower_ in ENDEAVOUR_NOUNS or _speakers_own(child):
                    continue
                # 'the EU mission posed a threat': the issue's own words name its owner,
                # not who states the stance (found wider)
                owned = key.start <= child.i < key.end
                found = None if owned else _mention_for(child, inside, offset)
                nationalities: list[str] = []
                if found is None and child.dep_ != "poss" and not owned:
                    found = _attached_actor(child, inside, offset)
                    # 'Thai and Cambodian leaders have agreed': each adjective's state
                    nationalities = [] if found else demonym_actors(child, demonyms)
                    found = found or next(iter(nationalities), None)
                if found is not None:
                    others = [
                        a
                        for c in child.conjuncts
                        for a in [_mention_for(c, inside, offset), *_of_actors(c, inside, offset)]
                    ]
                    return list(dict.fromkeys([found, *nationalities, *(a for a in others if a)]))
                if child.dep_ != "poss":
                    found = _phrase_actor(child, inside, offset, demonyms, key)
                    if found is not None:
                        return [found]
                    if _both_sides(child):
                        return BOTH_SIDES
                    if child.lower_ == "they":
                        return THEY
                    if child.lower_ in ANAPHORIC_NOUNS and _points_back(child):
                        # 'Washington would disarm Hamas if the group refuses': the
                        # group is the actor named last before it, if any in the sentence
                        before = [m for m in inside if m.end - offset <= child.idx]
                        if before:
                            return [before[-1].actor]
                    # "the guarantees must be ...": the issue itself is the subject
                    refers = _points_back(child) or key.start <= child.i < key.end
                    return None if refers else NOT_AN_ACTOR
        if node.head is node:
            break
        node = node.head
    return None
