"""The question language: parsing, round-trips, precedence and located errors."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.forecast.questions import QuestionSyntaxError, ast, parse_question

EXAMPLES = [
    "agreement(arena=peace_talks) by 2026-06-30",
    "agreement(arena=peace_talks, kind=armistice) by 2026-06-30",
    "decision(arena=eu_council, issue=frozen_assets, passes=true) by 2025-12-31",
    "outcome(issue=territory) >= 75 and agreement(arena=peace_talks) by 2026-12-31",
    "event(kind=channel_opened, actor=EUR) by 2026-02-28",
    "count(event(kind=round_held, arena=peace_talks)) >= 3 by 2026-01-31",
    "state(class=abandoned) on 2026-06-30",
    "state(terms=ceasefire) or state(class=imposed) on 2026-06-30",
    "not (agreement() or decision(passes=false)) by 2026-03-01",
    "outcome(issue=territory) != 50.5 or 2 < count(event(kind=rejected, actor=RUS))",
    "event(kind=text_drafted, value=2) and true by 2026-01-01",
]


@pytest.mark.parametrize("text", EXAMPLES)
def test_examples_round_trip(text: str) -> None:
    tree = parse_question(text)
    assert str(tree) == text
    assert parse_question(str(tree)) == tree


def test_tree_of_the_design_example() -> None:
    tree = parse_question(
        "outcome(issue=territory) >= 75 and agreement(arena=peace_talks) by 2026-12-31"
    )
    assert tree.date == dt.date(2026, 12, 31)
    assert tree.date_mode == "by"
    assert tree.predicate == ast.And(
        operands=(
            ast.Compare(left=ast.Outcome(issue="territory"), op=">=", right=ast.Number(value=75)),
            ast.Agreement(arena="peace_talks"),
        )
    )


def test_precedence_not_over_and_over_or() -> None:
    a, b, c = "agreement()", "decision()", "event(kind=round_held)"
    tree = parse_question(f"not {a} or {b} and {c}").predicate
    # not binds tightest, then and, then or: (not a) or (b and c)
    assert isinstance(tree, ast.Or)
    assert isinstance(tree.operands[0], ast.Not)
    assert tree.operands[0].operand == ast.Agreement()
    assert tree.operands[1] == ast.And(operands=(ast.Decision(), ast.Event(kind="round_held")))


def test_parentheses_override_precedence_and_survive_round_trip() -> None:
    tree = parse_question("(agreement() or decision()) and not (true and false)")
    assert isinstance(tree.predicate, ast.And)
    assert isinstance(tree.predicate.operands[0], ast.Or)
    assert parse_question(str(tree)) == tree


def test_not_applies_to_a_whole_comparison() -> None:
    tree = parse_question("not count(event(kind=round_held)) >= 2").predicate
    assert isinstance(tree, ast.Not) and isinstance(tree.operand, ast.Compare)


def test_defaults_of_terms() -> None:
    assert parse_question("agreement()").predicate == ast.Agreement(arena=None, kind="any")
    assert parse_question("decision(issue=x)").predicate == ast.Decision(issue="x", passes=True)
    assert parse_question("agreement()").date is None


def test_comments_and_newlines_are_allowed() -> None:
    tree = parse_question("agreement()   # any arena\n  and decision()\nby 2026-01-01")
    assert isinstance(tree.predicate, ast.And)


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("agreement(arena=x", 1, 18, "expected ',' or ')'"),
        ("agreement(arena=x) by 2026-02-30", 1, 23, "not a calendar date"),
        ("event(kind=foo)", 1, 12, "unknown kind 'foo'"),
        ("event(kind=round_held) >= 2", 1, 24, "only outcome(...), front(...), count(...)"),
        ("agreement() agreement()", 1, 13, "expected 'and', 'or'"),
        ("outcome(issue=t) > 1 > 2", 1, 22, "chains"),
        ("agreement(arena=x, arena=y)", 1, 20, "given twice"),
        ("event(arena=x)", 1, 1, "needs kind="),
        ("state()", 1, 1, "exactly one of class=... or terms=..."),
        ("state(class=armistice, terms=ceasefire)", 1, 1, "exactly one of"),
        ("state(terms=peace)", 1, 13, "unknown terms 'peace'"),
        # line 2 = "  and decision(passes=maybe)": 2 + 4 + 9 + 7 = 22 characters before "maybe"
        ("agreement()\n  and decision(passes=maybe)", 2, 23, "true or false"),
        ("agreement() by", 1, 15, "a date like"),
        ("agreement() by 2026-01-01 by", 1, 27, "applies to the whole question"),
        ("treaty(arena=x)", 1, 1, "expected a condition"),
        ("(agreement()", 1, 13, "')' to close the '(' at line 1, column 1"),
        ("", 1, 1, "expected a condition"),
        ("agreement() & decision()", 1, 13, "unexpected character '&'"),
        ("outcome(issue=t) >= 1.2.3", 1, 21, "malformed number"),
        ("outcome(issue=t) ! 3", 1, 18, "'!' must be followed by '='"),
    ],
)
def test_errors_name_line_column_and_expectation(
    text: str, line: int, column: int, words: str
) -> None:
    with pytest.raises(QuestionSyntaxError) as info:
        parse_question(text)
    assert (info.value.line, info.value.column) == (line, column)
    assert words in str(info.value)


def test_deep_nesting_is_refused_with_our_error() -> None:
    with pytest.raises(QuestionSyntaxError, match="nested more than"):
        parse_question("(" * 500 + "true" + ")" * 500)
    with pytest.raises(QuestionSyntaxError, match="'not' in a row"):
        parse_question("not " * 450 + "true")
    # within the limit it works
    assert parse_question("(" * 30 + "true" + ")" * 30).predicate == ast.Constant(value=True)


def test_length_limit() -> None:
    with pytest.raises(QuestionSyntaxError, match="over the limit of 2000"):
        parse_question("true or " * 300 + "true")


def test_the_grammar_lists_every_event_kind_the_parser_accepts() -> None:
    """The module's grammar is the language's reference: a kind the simulator logs (and
    the parser accepts) but the grammar omits ('breakdown' was missing) cannot be found
    by a reader."""
    import detente.forecast.questions as questions
    from detente.process.eventlog import EventKind

    for kind in EventKind:
        name = kind.name.lower()
        if kind is EventKind.TERMS:  # what an agreement settles: outcome(...) reads it
            with pytest.raises(QuestionSyntaxError, match="unknown kind 'terms'"):
                parse_question(f"event(kind={name}) by 2026-01-01")
            continue
        parse_question(f"event(kind={name}) by 2026-01-01")
        assert f'"{name}"' in questions.__doc__, name
