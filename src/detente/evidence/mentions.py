"""Actor mentions: entity-ruler hits (aliases) plus fuzzy matches among NER entities."""

from __future__ import annotations

from typing import Any

from detente.evidence.actors import FUZZY_LABELS, ActorLexicon
from detente.evidence.records import Mention


def extract_mentions(
    doc: Any, offset: int, lexicon: ActorLexicon, people: frozenset[str]
) -> list[Mention]:
    found = []
    for ent in doc.ents:
        if ent.label_ == "ACTOR":
            found.append(Mention(ent.start_char + offset, ent.end_char + offset, ent.ent_id_,
                                 ent.text, "alias", ent.text in people))
        elif ent.label_ in FUZZY_LABELS:
            actor, method = lexicon.resolve(ent.text)
            if actor is not None:
                end = ent.end_char
                if ent.text.endswith(("'s", "’s")):
                    end -= 2
                found.append(Mention(ent.start_char + offset, end + offset, actor,
                                     doc.text[ent.start_char:end], method,
                                     ent.label_ == "PERSON"))
    return found
