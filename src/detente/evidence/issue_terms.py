"""Each scenario's issue vocabulary: the words that show a sentence is about an issue.

Terms come from the scenario itself, so any negotiation works: the issue's name and
id as phrases, the distinctive words of its name, and the distinctive words of its
scale anchors (a word only in the 100 anchor points toward 100, only in the 0
anchor toward 0), and its aliases. The hand-written keyword lists in lexicons.py
are added for every issue whose id or aliases name their concept ('ceasefire',
'humanitarian_truce'); they are extra phrasings, not a requirement.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from detente.evidence.lexicons import (
    CONCEPT_WORDS,
    DEMAND_CUES,
    ISSUE_KEYWORDS,
    OPPOSE_CUES,
    SUPPORT_CUES,
    TRIGGER_TYPE,
)

# Words too common in negotiation news to show which issue a sentence is about.
GENERIC = frozenset(
    [
        "about",
        "after",
        "against",
        "agreement",
        "along",
        "before",
        "between",
        "country",
        "countries",
        "deal",
        "during",
        "every",
        "fighting",
        "force",
        "forces",
        "future",
        "government",
        "group",
        "groups",
        "immediate",
        "issue",
        "lasting",
        "leader",
        "leaders",
        "military",
        "national",
        "other",
        "peace",
        "people",
        "political",
        "process",
        "proposal",
        "regional",
        "return",
        "returned",
        "security",
        "should",
        "state",
        "states",
        "their",
        "there",
        "these",
        "third",
        "those",
        "through",
        "under",
        "united",
        "until",
        "where",
        "which",
        "while",
        "would",
        "without",
        "withdrawn",
    ]
)
STANCE_WORDS = SUPPORT_CUES | OPPOSE_CUES | DEMAND_CUES | frozenset(TRIGGER_TYPE)
# What may follow a stem: English inflections and the common derivations, so that
# 'direct' finds 'directly' but not 'Director', 'neutralis' finds 'neutralisation'.
ENDINGS = (
    r"(?:e|es|ee|ees|eed|s|d|ed|ing|y|ies|ied|ial|al|ally|ly|ion|ions|ation|ations|"
    r"ment|ments|ament|aments|ise|ize|ised|ized|ises|izes|ising|izing|isation|ization|"
    r"ity|ities|ive|ives)?\b"
)
POSSESSIVE_GAP = r"(?:['’]s)?[\s-]+"
# An issue named for a document ('Quad proposal', 'Doha framework'): a definite mention
# of that kind of document ('the plan', 'the U.S.-backed proposal') is the issue's
# document, which the story has named before. Each head noun with its near synonyms.
DOCUMENT_NOUNS: dict[str, tuple[str, ...]] = {
    "proposal": ("proposal", "plan", "roadmap", "initiative"),
    "plan": ("plan", "proposal", "roadmap", "initiative"),
    "roadmap": ("roadmap", "plan", "proposal"),
    "initiative": ("initiative", "plan", "proposal"),
    "framework": ("framework",),
    "accord": ("accord", "declaration"),
    "declaration": ("declaration", "accord"),
    "treaty": ("treaty",),
}
# The words that name a ceasefire. Where the scenario declares a ceasefire package, a
# ceasefire is the deal, not an issue: alone, these words show no issue but one whose id
# or aliases name the ceasefire ('Monitoring the ceasefire' keeps its whole name).
CEASEFIRE_WORDS = frozenset(["ceasefire", "cease-fire", "truce", "armistice"])
# Manner adverbs ('formally dissolved', 'fully withdrawn') say how an issue is settled, not
# which: in an anchor, 'formally' made 'to formally end the conflict' a stance on it.
MANNER_ADVERB = re.compile(r"\w{3,}(?:ally|ently|antly|ately|ively|ously|fully|icly|ntly)$")
# What an anchor negates ('no plan to change it'): up to three words after the negation.
NEGATED_RUN = re.compile(r"\b(?:no|not|never|without)\b(?:\s+[\w'-]+){1,3}", re.I)
MIN_NAME_WORD = 5
MIN_ANCHOR_WORD = 6


@dataclass(frozen=True, eq=False)
class IssueVocabulary:
    """issue id -> ((compiled pattern, sign), ...); sign +1/-1 toward the 100/0 anchor, 0 none."""

    patterns: dict[str, tuple[tuple[re.Pattern[str], int], ...]]

    @property
    def any_term(self) -> re.Pattern[str]:
        """One pattern for every issue's terms: most sentences name no issue at all."""
        if "_any" not in self.__dict__:
            bodies = [p.pattern for entries in self.patterns.values() for p, _ in entries]
            self.__dict__["_any"] = re.compile("|".join(bodies) or r"(?!)", re.I)
        return self.__dict__["_any"]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.patterns)

    @classmethod
    def from_ids(cls, ids: tuple[str, ...]) -> IssueVocabulary:
        """Only the hand-written keyword lists (for callers that pass bare issue ids)."""
        return cls({i: _compile(concept_keywords(concepts_named(i))) for i in ids})

    @classmethod
    def from_scenario(cls, scenario: Any) -> IssueVocabulary:
        names = {
            w.lower() for a in scenario.actors for n in (a.name, *a.aliases) for w in n.split()
        }
        packages = getattr(scenario, "packages", ())
        shared = _shared_words(scenario.issues, names) | _deal_nouns(packages)
        has_ceasefire = any(p.kind == "ceasefire" for p in packages)
        table = {}
        for issue in scenario.issues:
            concepts = concepts_named(issue.id, *issue.aliases)
            the_deal = has_ceasefire and not _names_the_ceasefire(issue)
            if the_deal:
                concepts = tuple(c for c in concepts if c != "ceasefire")
            entries = concept_keywords(concepts)
            entries.extend(
                derived_terms(issue, names, shared | CEASEFIRE_WORDS if the_deal else shared)
            )
            table[issue.id] = _compile(entries)
        return cls(table)


def _deal_nouns(packages: Any) -> set[str]:
    """The kinds of document the scenario's own agreements are ('treaty' of a package
    'treaty', 'accord' of 'washington_accord'): the deal, like a ceasefire where one is
    declared, so no issue's word ('before the treaty is signed' in an anchor gave
    'agreed on 15 of 17 articles of the draft treaty' a stance on that issue)."""
    words = {
        w
        for p in packages
        if p.kind != "limited"
        for w in re.split(r"[^a-z]+", getattr(p, "id", "").lower())
    }
    return words & set(DOCUMENT_NOUNS)


def _names_the_ceasefire(issue: Any) -> bool:
    """Whether the issue is the ceasefire itself: its id or an alias ends in a ceasefire
    word ('humanitarian_truce'), not merely has one ('ceasefire_monitoring' is about
    monitoring)."""
    names = (issue.id, *issue.aliases)
    return any(re.split(r"[^a-z-]+", n.lower().strip())[-1] in CEASEFIRE_WORDS for n in names)


def concepts_named(issue_id: str, *aliases: str) -> tuple[str, ...]:
    """The keyword concepts an issue's id or aliases name ('humanitarian_truce' ->
    'ceasefire'): the id's parts and the aliases' words, every word of a set present."""
    words = set(re.split(r"[^a-z]+", issue_id.lower()))  # ids may join words by _ or -
    for alias in aliases:
        words |= set(re.findall(r"[a-z][a-z-]*", alias.lower()))
    return tuple(c for c, sets in CONCEPT_WORDS.items() if any(s <= words for s in sets))


def concept_keywords(concepts: tuple[str, ...]) -> list[tuple[str, int]]:
    """The hand-written (pattern, sign) entries of ``concepts``."""
    return [entry for concept in concepts for entry in ISSUE_KEYWORDS[concept]]


def _issue_words(
    issue: Any, actor_words: set[str]
) -> tuple[set[str], set[str], set[str], set[str]]:
    """The distinctive words of the issue's name, its 100 anchor, its 0 anchor, and those
    an anchor negates ('no limits', 'no plan to change it'): about the issue, but they
    point away from the end that names them, so they give no direction ('no plan to
    change it' read 'the PM called for a change of the constitution' as a move toward 0)."""
    anchors = [issue.scale.get(100, ""), issue.scale.get(0, "")]
    negated = " ".join(m.group(0) for a in anchors for m in NEGATED_RUN.finditer(a))
    return (
        _own(_words(issue.name, MIN_NAME_WORD), actor_words),
        _own(_words(NEGATED_RUN.sub(" ", anchors[0]), MIN_ANCHOR_WORD), actor_words),
        _own(_words(NEGATED_RUN.sub(" ", anchors[1]), MIN_ANCHOR_WORD), actor_words),
        _own(_words(negated, MIN_ANCHOR_WORD), actor_words),
    )


def _shared_words(issues: Any, actor_words: set[str]) -> set[str]:
    """Words of more than one issue ('border' in 'control of the disputed border points'
    and 'how the border is settled'): they cannot say which issue a sentence is about,
    and read as keywords they gave one sentence a stance on every issue that has them.
    An issue's aliases count too: 'action' of 'Action against militant groups' is no
    sign of that issue where another issue's alias is 'military action'."""
    counts = Counter(
        w
        for issue in issues
        for w in set().union(
            *_issue_words(issue, actor_words),
            *(_own(_words(alias, MIN_NAME_WORD), actor_words) for alias in issue.aliases),
        )
    )
    return {w for w, n in counts.items() if n > 1}


def derived_terms(
    issue: Any, actor_words: set[str], shared: set[str] = frozenset()
) -> list[tuple[str, int]]:
    """(regex, sign) pairs from the issue's name, id and scale anchors; words that
    another issue also has (``shared``) are left out, the whole name is kept."""
    terms: list[tuple[str, int]] = []
    phrases = {issue.name.lower().strip(), issue.id.replace("_", " ").lower()}
    phrases |= {alias.lower().strip() for alias in issue.aliases}
    for phrase in sorted(p for p in phrases if len(p) >= 4):
        # 'the Quad's proposal' names the Quad proposal: a possessive may end any word
        terms.append((re.escape(phrase).replace(r"\ ", POSSESSIVE_GAP), 0))
    terms.extend(_document_anaphor(issue.name))
    name_words, high, low, negated = _issue_words(issue, actor_words)
    for word in sorted((name_words | high | low | negated) - shared):
        sign = 0 if word in name_words else (1 if word in high and word not in low else 0)
        if word in low and word not in high and word not in name_words:
            sign = -1
        stem = _stem(word)
        if word not in name_words and len(stem) < MIN_ANCHOR_WORD:
            # an anchor's word whose stem is short is kept whole: 'cleared' (of 'mines
            # cleared') is no sign of the issue in 'clear measures'
            stem = re.escape(word)
        terms.append((stem + ENDINGS, sign))
    return terms


def _document_anaphor(name: str) -> list[tuple[str, int]]:
    """'the plan', 'this proposal', 'the US-backed proposal' for an issue named '... proposal'."""
    words = name.lower().split()
    kinds = DOCUMENT_NOUNS.get(words[-1]) if words else None
    if not kinds:
        return []
    nouns = "|".join(kinds)
    return [(rf"(?:the|this|that|its|their)\s+(?:[\w.'’]+-\w+\s+)?(?:{nouns})\b", 0)]


def _words(text: str, minimum: int) -> set[str]:
    """Distinctive words: long enough and not generic, or an acronym ('FDLR')."""
    acronyms = {w.lower() for w in re.findall(r"\b[A-Z]{3,}\b", text)}
    return acronyms | {
        w
        for w in re.findall(r"[a-z][a-z'-]+", text.lower())
        # 'processing' is as generic as 'process': its stem would find every 'process'
        if len(w) >= minimum
        and w not in GENERIC
        and _stem(w).replace("\\", "") not in GENERIC
        and not MANNER_ADVERB.match(w)
    }


def _own(words: set[str], actor_words: set[str]) -> set[str]:
    """Leave out actor names and their demonyms ('Russian' from 'Russia'): they say
    who, not what; and stance or event words ('rejected', 'suspended'): they say how."""
    return {
        w
        for w in words
        if w not in actor_words
        and w not in STANCE_WORDS
        and not any(len(a) >= 4 and w.startswith(a) for a in actor_words)
    }


def _stem(word: str) -> str:
    """A prefix that also matches the word's inflections (guarantees/guarantee, amends/amend)."""
    if word.endswith("y") and len(word) >= 7:
        return re.escape(word[:-1])  # territory / territories
    for suffix in ("ies", "es", "s", "ed", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 5:
            return re.escape(word[: -len(suffix)])
    return re.escape(word)


def _compile(entries: list[tuple[str, int]]) -> tuple[tuple[re.Pattern[str], int], ...]:
    """One pattern per sign (an alternation is one pass over a sentence, not one per term)."""
    by_sign: dict[int, list[str]] = {}
    for pattern, sign in entries:
        by_sign.setdefault(sign, []).append(pattern)
    return tuple(
        (re.compile(rf"\b(?:{'|'.join(f'(?:{p})' for p in bodies)})", re.I), sign)
        for sign, bodies in by_sign.items()
    )
