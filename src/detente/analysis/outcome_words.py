"""What the outcome classes are called, in the words of the case.

Why: talks between states that are not fighting (Armenia and Azerbaijan in 2025, a border
or a treaty dispute) have no fighting to go on while talking, no armistice and no war to
resume. The classes are the same states of the model (no agreement; a text that settles
some issues and defers others; an agreement that broke down), so only their names change
where a scenario declares no ``war:``.
"""

from __future__ import annotations

AT_WAR = {
    "fighting_while_talking": "fighting while talking",
    "comprehensive": "comprehensive settlement",
    "armistice": "armistice",
    "imposed": "deal imposed",
    "abandoned": "talks abandoned",
    "collapsed": "agreement collapsed, war resumed",
    "victory": "military victory (a decisive line reached)",
}
WITHOUT_WAR = {  # no war, no front: no victory
    **{key: name for key, name in AT_WAR.items() if key != "victory"},
    "fighting_while_talking": "no agreement yet, talks go on",
    "armistice": "interim agreement (issues deferred)",
    "collapsed": "agreement collapsed",
}
# the negotiation cycle's states (``report.cycle.CYCLE_STATES``) that speak of a war
CYCLE_WITHOUT_WAR = {
    "talking: a ceasefire text offered": "talking: an interim text offered",
    "armistice": WITHOUT_WAR["armistice"],
    "agreement collapsed, war resumed": WITHOUT_WAR["collapsed"],
}
# the outcome class and the cycle state a case without a war cannot be in (no front, no
# victory)
AT_WAR_ONLY = frozenset(["victory", "military victory"])


def outcome_labels(at_war: bool) -> dict[str, str]:
    """Outcome class key -> its name, for a scenario with a war or without one."""
    return dict(AT_WAR if at_war else WITHOUT_WAR)


def cycle_label(state: str, at_war: bool) -> str:
    """A negotiation-cycle state's name for a scenario with a war or without one."""
    return state if at_war else CYCLE_WITHOUT_WAR.get(state, state)


def agreement_label(in_force: bool) -> str:
    """The total row's name: where an agreement was already in force on as_of, the row
    counts only agreements reached after it."""
    return "a new agreement reached (one was in force on as_of)" if in_force else "any agreement"


def shown(keys, at_war: bool) -> list[int]:
    """The positions in ``keys`` (outcome class keys or cycle states) of those the case
    can be in: all at war; without a war, not the victory that needs a front."""
    return [k for k, key in enumerate(keys) if at_war or key not in AT_WAR_ONLY]


def case_words(war) -> tuple[bool, bool]:
    """(at war, an agreement in force on as_of) of a scenario's ``war`` section (or None):
    what its outcome rows are called, for the forecast and the what-if alike."""
    return war is not None, war is not None and war.in_force is not None


def outcome_rows(keys, at_war: bool, in_force: bool) -> list[tuple[int, str]]:
    """(position in ``keys``, name) of each outcome row the case can be in, in its words;
    the total row ``agreement`` named as the forecast names it (``agreement_label``). One
    rule for the terminal's what-if, the dashboard's table and its chart."""
    names = {**outcome_labels(at_war), "agreement": agreement_label(in_force)}
    return [(k, names.get(keys[k], keys[k].replace("_", " "))) for k in shown(keys, at_war)]
