"""Actor mentions: entity-ruler hits (aliases) plus fuzzy matches among NER entities."""

from __future__ import annotations

from typing import Any

from detente.evidence.actors import FUZZY_LABELS, ActorLexicon, name_initials
from detente.evidence.lexicons import INSTITUTIONS
from detente.evidence.pipeline import doc_text
from detente.evidence.records import Mention


def extract_mentions(
    doc: Any, offset: int, lexicon: ActorLexicon, people: frozenset[str]
) -> list[Mention]:
    found = []
    text = doc_text(doc)
    for ent in doc.ents:
        if ent.label_ == "ACTOR":
            found.append(
                Mention(
                    ent.start_char + offset,
                    ent.end_char + offset,
                    ent.ent_id_,
                    ent.text,
                    "alias",
                    ent.text in people,
                )
            )
        elif ent.label_ in FUZZY_LABELS:
            actor, method = lexicon.resolve(ent.text)
            if actor is not None:
                end = ent.end_char
                if ent.text.endswith(("'s", "’s")):
                    end -= 2
                found.append(
                    Mention(
                        ent.start_char + offset,
                        end + offset,
                        actor,
                        text[ent.start_char : end],
                        method,
                        ent.label_ == "PERSON",
                    )
                )
    found += _surnames(doc, offset, lexicon, people)
    return found + _unmatched_aliases(doc, offset, lexicon, people, found)


SURNAME_ROLES = ("nsubj", "nsubjpass", "poss", "dobj", "pobj", "appos")


def _surnames(doc: Any, offset: int, lexicon: ActorLexicon, people: frozenset[str]) -> list:
    """'Pashinian pledged': a lone proper noun that acts, which the model tagged as no one
    or as a nationality (the '-ian' of a surname), is a person when it is one of the
    scenario's people spelled another way ('Nikol Pashinyan'); it is never matched to a
    state ('Armenian' is no 'Armenia')."""
    found = []
    for token in doc:
        lone = token.ent_type_ == "" or (token.ent_type_ == "NORP" and token.ent_iob_ == "B")
        if (
            not lone
            or token.tag_ != "NNP"
            or len(token.text) < 5
            or not token.text[:1].isupper()
            or token.dep_ not in SURNAME_ROLES
            or any(c.dep_ in ("det", "compound", "amod") for c in token.children)
            or (token.i + 1 < len(doc) and doc[token.i + 1].ent_type_ == "NORP")
        ):
            continue
        actor, method = lexicon.resolve(token.text, among=people)
        if actor is not None:
            start = token.idx + offset
            found.append(Mention(start, start + len(token), actor, token.text, method, True))
    return found


def _unmatched_aliases(
    doc: Any, offset: int, lexicon: ActorLexicon, people: frozenset[str], found: list[Mention]
) -> list[Mention]:
    """Aliases glued to other words by hyphens or dashes ('U.S.-backed'), which the
    tokenizer keeps in one token and the phrase matcher therefore cannot see."""
    taken = [(m.start - offset, m.end - offset) for m in found]
    extra = []
    for match in _alias_regex(lexicon).finditer(doc_text(doc)):
        start, end = match.span()
        if any(start < b and a < end for a, b in taken):
            continue
        alias = match.group(0)
        taken.append((start, end))
        extra.append(
            Mention(
                start + offset,
                end + offset,
                lexicon.alias_to_actor[alias],
                alias,
                "alias",
                alias in people,
            )
        )
    return extra


DEMONYM_ENDINGS = ("n", "an", "ian", "i", "ese", "lese", "ish")


def demonyms(lexicon: ActorLexicon) -> dict[str, str]:
    """Adjectives of the actors' one-word place names ('Azerbaijani', 'Ukrainian',
    'Sudanese', 'Thai'), built by the usual English endings; they are read only as the
    modifier of a noun ('the Azerbaijani Foreign Ministry'), so a form that is no real
    word simply never matches. A name of several words stands in a title by its initials
    ('US President', 'UK Foreign Secretary'); initials two actors share name neither."""
    table: dict[str, str] = {}
    shared: set[str] = set()
    for alias, actor in lexicon.alias_to_actor.items():
        initials = name_initials(alias)
        if initials is not None and initials not in lexicon.alias_to_actor:
            for form in (initials, ".".join(initials) + "."):
                if table.setdefault(form, actor) != actor:
                    shared.add(form)
        if " " in alias or len(alias) < 4 or not alias[:1].isupper() or alias.isupper():
            continue
        stems = {alias, alias[:-1], alias[:-2]}
        if alias.endswith("land"):
            table.setdefault(alias[:-4], actor)  # Thailand -> Thai
        for stem in stems:
            for ending in DEMONYM_ENDINGS:
                form = stem + ending
                if len(form) > len(alias) - 2 and form != alias:
                    table.setdefault(form, actor)
    return {form: actor for form, actor in table.items() if form not in shared}


def demonym_actor(token: Any, demonyms: dict[str, str]) -> str | None:
    """The state a nationality adjective names on an institution: 'the Azerbaijani
    Foreign Ministry', 'Thai Prime Minister Anutin', 'Cambodian troops'."""
    return next(iter(demonym_actors(token, demonyms)), None)


def demonym_actors(token: Any, demonyms: dict[str, str]) -> list[str]:
    """Every state the nationality adjectives on an institution name, coordinated ones
    too: 'Thai and Cambodian leaders' are both countries' leaders."""
    if token.lower_ not in INSTITUTIONS:
        return []
    found = [
        demonyms[adjective.text]
        for t in token.lefts
        if t.dep_ in ("amod", "compound", "nmod")
        for adjective in (t, *t.conjuncts)
        if adjective.text in demonyms
    ]
    return list(dict.fromkeys(found))


_REGEX_CACHE: dict[int, Any] = {}


def _alias_regex(lexicon: ActorLexicon) -> Any:
    import re

    key = id(lexicon)
    if key not in _REGEX_CACHE:
        aliases = sorted(lexicon.alias_to_actor, key=len, reverse=True)
        body = "|".join(re.escape(a) for a in aliases)
        _REGEX_CACHE.clear()
        _REGEX_CACHE[key] = re.compile(rf"(?<![\w])(?:{body})(?=[-—–])")
    return _REGEX_CACHE[key]
