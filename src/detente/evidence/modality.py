"""Whether a clause with a modal states a possibility or reports a plan.

'Russia could accept a freeze' is a possibility, no claim of fact; 'announced that he
would meet Trump' and 'it was agreed that both sides would stop all firing' report a plan
or a decision in the past, which the text says was made. Events and stances both ask.
"""

from __future__ import annotations

from typing import Any

from detente.evidence.lexicons import HYPOTHETICAL_WORDS, REPORTING_VERBS, STATEMENT_VERBS

# modals that make a trigger no claim of fact: 'could sign', 'Armenians must accept'
NOT_FACTUAL = HYPOTHETICAL_WORDS | {"must", "should"}
# verbs whose 'that X would ...' is a decision taken, not a possibility
DECIDING_VERBS = frozenset(["agreed", "decided", "pledged", "promised", "vowed", "resolved"])


def reported_plan(verb: Any) -> bool:
    """'announced that he would meet Trump', 'agreed that both sides would stop firing':
    a plan or a decision reported in the past, not a hypothetical; 'would' is then the
    only modal and no 'if' conditions it."""
    modals = {c.lower_ for c in verb.children if c.lower_ in NOT_FACTUAL}
    if modals != {"would"} or verb.dep_ != "ccomp":
        return False
    head = verb.head.lower_
    if head not in REPORTING_VERBS and head not in STATEMENT_VERBS and head not in DECIDING_VERBS:
        return False
    return not any(t.lower_ in ("if", "unless") for t in verb.subtree)


def governed_by_possibility(token: Any, sentence: Any) -> bool:
    """A modal of possibility ('would', 'could', 'might', 'may') governs the clause that
    holds ``token`` and reports no plan: 'India could accept talks if ...', not 'Russia
    rejected the plan, which could be revised' (the modal is the relative clause's)."""
    for modal in sentence:
        if modal.lower_ in HYPOTHETICAL_WORDS and modal.tag_ == "MD":
            verb = modal.head
            inside = verb.left_edge.i <= token.i <= verb.right_edge.i
            if inside and not reported_plan(verb):
                return True
    return False
