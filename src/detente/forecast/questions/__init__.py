"""The forecast question language: a small, safe predicate language over event logs.

Parsed by a hand-written tokenizer and recursive-descent parser into a frozen
tree (never ``eval``). Grammar (EBNF; keywords are lower case, ids are case
sensitive, ``#`` starts a comment to the end of the line):

    question    = predicate , [ ( "by" | "on" ) , DATE ] ;
    predicate   = conjunction , { "or" , conjunction } ;
    conjunction = negation , { "and" , negation } ;
    negation    = { "not" } , primary ;
    primary     = "(" , predicate , ")"
                | comparison
                | "true" | "false"
                | agreement | decision | event | state ;
    comparison  = numeric , COMPARE , numeric ;          (* no chains: a < b < c *)
    numeric     = NUMBER | outcome | front | count ;
    agreement   = "agreement" , "(" , [ args ] , ")" ;   (* arena=ID, kind=KIND *)
    decision    = "decision" , "(" , [ args ] , ")" ;    (* arena=ID, issue=ID, passes=BOOL *)
    event       = "event" , "(" , args , ")" ;           (* kind=EVENT_KIND (required),
                                                            arena=ID, actor=ID, issue=ID,
                                                            value=NUMBER *)
    state       = "state" , "(" , ( "class" , "=" , CLASS | "terms" , "=" , TERMS ) , ")" ;
    outcome     = "outcome" , "(" , "issue" , "=" , ID , ")" ;
    front       = "front" , "(" , [ "extreme" , "=" , ( "low" | "high" ) ] , ")" ;
    count       = "count" , "(" , event , ")" ;
    args        = arg , { "," , arg } ;                  (* each key at most once *)
    arg         = NAME , "=" , ( ID | NUMBER | "true" | "false" ) ;
    COMPARE     = "<" | "<=" | ">" | ">=" | "==" | "!=" ;
    KIND        = "any" | "comprehensive" | "armistice" | "imposed" ;
    EVENT_KIND  = "round_held" | "text_drafted" | "accepted" | "rejected" | "abandoned"
                | "resumed" | "bypassed" | "narrowed" | "channel_opened" | "agreement"
                | "decision_passed" | "decision_blocked" | "exogenous" | "support_cut"
                | "breakdown" | "limited_deal" | "limited_ended" | "leverage"
                | "understanding" | "shock_carried" | "withheld" | "truce_broken"
                | "victory" | "in_force" | "decision_lapsed" | "rule_switched"
                | "member_replaced" ;
                  (* every ``EventKind`` but TERMS, lower case *)
    CLASS       = "fighting_while_talking" | "comprehensive" | "armistice" | "imposed"
                | "abandoned" | "collapsed" | "victory" ;
    TERMS       = "ceasefire" | "comprehensive" ;
    ID          = letter , { letter | digit | "_" | "-" } ;
    NUMBER      = [ "-" | "+" ] , digits , [ "." , digits ] ;
    DATE        = digit*4 , "-" , digit*2 , "-" , digit*2 ;

Precedence: ``not`` binds tighter than ``and``, which binds tighter than ``or``;
``not count(...) >= 3`` means ``not (count(...) >= 3)``.

Meaning, per Monte Carlo run, with D the question's date (``by D`` / ``on D`` or
the question file's resolution_date) and only events on days <= D counted:

- ``agreement(arena, kind)``: an AGREEMENT event in that arena (any arena if
  omitted) whose outcome class is ``kind`` (``any``: whatever its class).
- ``decision(arena, issue, passes=true)``: a DECISION_PASSED event; with
  ``passes=false`` a DECISION_BLOCKED event (for "no decision passed" write
  ``not decision(...)``).
- ``event(kind=K, ...)``: at least one event of kind K matching every given field.
  ``decision_lapsed``: a vote arena's act in force lapsed because its renewal was
  vetoed (``issue`` is the act's issue, ``actor`` the member who vetoed);
  ``rule_switched``: the arena's rule changed (``value``: 0 unanimity, 1 qmv,
  2 majority, 3 enhanced); ``member_replaced``: ``actor`` took a seat;
  ``withheld``: an implementer (``actor``) withheld its part (``issue``) of a deal
  imposed over its head, or of any full deal where it acts only at delivery (the issue
  stays at the status quo).
  ``breakdown``: an agreement in force collapsed and the war resumed (at any time up
  to D, even if a later agreement is in force on D: ``state(class=collapsed)`` asks
  how things stand on D); ``limited_deal`` / ``limited_ended``: a limited deal (a
  truce, an exchange, a moratorium) was reached / expired (``value``: its index);
  ``truce_broken``: a truce that paused the fighting broke down before its end;
  ``victory``: the front reached a decisive line (``actor``: the side that won; ``value``:
  the front then) and the war ended without an agreement; ``in_force``: on day 0, the
  agreement signed before as_of that every run starts under (``war: in_force``), which
  ``agreement(...)`` does not count (it asks about agreements reached after as_of).
- ``count(event(...))``: the number of such events.
- ``outcome(issue=I)``: the settlement on I of the latest agreement reached by D
  whose track has I, as delivered (an issue an implementer withheld reads as its
  status quo), whether or not it still holds on D (``state(...)`` asks that); terms
  agreed after D never count, even where they replace a ceasefire reached before it.
  No value otherwise (the issue deferred by that agreement, no agreement), and a
  comparison with no value is false (so ``not outcome(...) >= 75`` is true then).
- ``front()``: where the war's front stands on D, on its issue's 0-100 scale (after the
  last round played by D); ``front(extreme=low)`` / ``front(extreme=high)``: the lowest /
  highest it stood from as_of to D, so ``front(extreme=low) <= 10 by D`` asks whether it
  reached the line 10 ("will the city fall by D"). No value without a war with a front
  (and in the no-change baseline), so a comparison is false there.
- ``state(class=C)``: the run's outcome class on D is C. The class says how the
  war stands and how a deal came about (``imposed``: after the mediator pulled a
  lever that bypassed the side's backers), whatever the deal's text.
- ``state(terms=T)``: an agreement is in force on D and its text is a ceasefire
  package that defers some issues (``ceasefire``) or settles every issue on its
  track (``comprehensive``), however it came about. "An armistice rather than a
  peace" is a question about terms; an imposed deal has terms too.
``by`` and ``on`` cut the log at the same day; use ``on`` for readability with
``state(...)``. Limits: 2,000 characters, nesting depth 40.
"""

from detente.forecast.questions.ast import Question
from detente.forecast.questions.parser import parse_question
from detente.forecast.questions.tokens import QuestionSyntaxError

__all__ = ["Question", "QuestionSyntaxError", "parse_question"]
