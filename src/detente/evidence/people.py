"""Which aliases name people: 'he said' can only point back to a person.

The entity ruler labels every alias ACTOR, hiding whether the statistical NER
would have called it a PERSON; we ask the model (the pipeline with its ruler
disabled) once per alias in a neutral template sentence and remember the answer.
"""

from __future__ import annotations

from functools import lru_cache

from detente.evidence.actors import ActorLexicon

TEMPLATES = ("Yesterday {} said that the talks would continue.", "Later {} flew to Paris.")
PLACE_TEMPLATE = "The delegates travelled to {} on Monday."


@lru_cache(maxsize=8)
def person_aliases(lexicon: ActorLexicon) -> frozenset[str]:
    from threadpoolctl import threadpool_limits

    from detente.evidence.pipeline import RULER, load_pipeline

    nlp = load_pipeline(lexicon)
    aliases = list(lexicon.alias_to_actor)
    votes = {alias: 0 for alias in aliases}
    # the statistical model's own view; one BLAS thread, as in extraction: on these small
    # matrices a second thread only spins (this check took twice the CPU, same answers)
    with nlp.select_pipes(disable=[RULER]), threadpool_limits(1, user_api="blas"):
        for template in (*TEMPLATES, PLACE_TEMPLATE):
            start = template.index("{}")
            docs = nlp.pipe([template.format(a) for a in aliases])
            for alias, doc in zip(aliases, docs, strict=True):
                for ent in doc.ents:
                    if ent.start_char == start and ent.end_char == start + len(alias):
                        if ent.label_ == "PERSON":
                            votes[alias] += 1
                        elif template == PLACE_TEMPLATE and ent.label_ in ("GPE", "LOC", "FAC"):
                            votes[alias] -= 2
    people = {alias for alias, vote in votes.items() if vote >= 1 and not _acronym(alias)}
    return frozenset(people | _surnames_of(lexicon, people))


def _surnames_of(lexicon: ActorLexicon, people: set[str]) -> set[str]:
    """One-word aliases that are the surname of a person alias of the same actor, or that
    surname spelled another way: 'Zelenskyy' and 'Zelenskiy' with 'Volodymyr Zelensky',
    'Witkoff' with 'Steve Witkoff'. The template sentences cannot tell them: the model
    reads a bare surname as a place or a body as often as a person."""
    from rapidfuzz import fuzz

    from detente.evidence.actors import FUZZY_THRESHOLD

    table = lexicon.alias_to_actor
    surnames = {(p.split()[-1], table[p]) for p in people if " " in p}
    return {
        alias
        for alias, actor in table.items()
        if " " not in alias
        and not _acronym(alias)
        and any(
            actor == owner and fuzz.ratio(alias, surname) >= FUZZY_THRESHOLD
            for surname, owner in surnames
        )
    }


def _acronym(alias: str) -> bool:
    """'RSF', 'SAF', 'DRC': letters all capitals name a body, whatever the model guesses
    in a template ('Yesterday RSF said' reads like a person to it)."""
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in alias
