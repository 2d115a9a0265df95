"""Hostile and malformed input: only QuestionSyntaxError, never a crash, never eval."""

from __future__ import annotations

import builtins

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.forecast.questions import QuestionSyntaxError, ast, parse_question

VOCABULARY = [
    "agreement",
    "decision",
    "event",
    "state",
    "outcome",
    "count",
    "and",
    "or",
    "not",
    "by",
    "on",
    "true",
    "false",
    "(",
    ")",
    ",",
    "=",
    "==",
    "<",
    ">=",
    "!=",
    "arena",
    "kind",
    "issue",
    "actor",
    "class",
    "passes",
    "value",
    "round_held",
    "armistice",
    "peace_talks",
    "2026-06-30",
    "3",
    "-1.5",
    " ",
    "\n",
    "#",
    "__import__",
    "'",
    '"',
]


def parse_or_error(text: str) -> ast.Question | None:
    try:
        return parse_question(text)
    except QuestionSyntaxError as exc:
        assert exc.line >= 1 and exc.column >= 1
        assert exc.offset <= len(text)
        return None


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_random_text_raises_only_our_error(text: str) -> None:
    parse_or_error(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=60).map(" ".join))
def test_token_soup_raises_only_our_error_and_round_trips(text: str) -> None:
    tree = parse_or_error(text)
    if tree is not None:
        assert parse_question(str(tree)) == tree


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=1_500), st.sampled_from(["(", "not ", "count("]))
def test_deep_nesting_never_blows_the_stack(depth: int, opener: str) -> None:
    closer = ")" if opener != "not " else ""
    parse_or_error(opener * depth + "true" + closer * depth)


def test_python_code_is_not_evaluated(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("eval/exec called")

    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    for text in ("__import__('os').system('true')", "agreement(arena=__import__)", "1 if 1 else 2"):
        tree = parse_or_error(text)
        if tree is not None:  # an id is just a name, never looked up as Python
            assert isinstance(tree.predicate, ast.Agreement)
            assert tree.predicate.arena == "__import__"


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="()abcdefghijklmnopqrstuvwxyz=,<>!0123456789- .\n", min_size=2_001))
def test_overlong_text_is_refused(text: str) -> None:
    with pytest.raises(QuestionSyntaxError, match="over the limit"):
        parse_question(text)


# ------------------------------------------------------------------ generated trees
KEYWORDS = {"and", "or", "not", "by", "on", "true", "false"}
ids = st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,8}", fullmatch=True).filter(
    lambda s: s not in KEYWORDS
)
maybe_id = st.none() | ids
numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
events = st.builds(
    ast.Event,
    kind=st.sampled_from(["round_held", "accepted", "channel_opened", "support_cut"]),
    arena=maybe_id,
    actor=maybe_id,
    issue=maybe_id,
    value=st.none() | numbers,
)
numeric = (
    st.builds(ast.Number, value=numbers)
    | st.builds(ast.Outcome, issue=ids)
    | st.builds(ast.Count, event=events)
)
leaves = (
    st.builds(ast.Agreement, arena=maybe_id, kind=st.sampled_from(ast.AGREEMENT_KINDS))
    | st.builds(ast.Decision, arena=maybe_id, issue=maybe_id, passes=st.booleans())
    | events
    | st.builds(ast.State, outcome_class=st.sampled_from(["armistice", "abandoned"]))
    | st.builds(ast.State, terms=st.sampled_from(ast.AGREEMENT_TERMS))
    | st.builds(ast.Constant, value=st.booleans())
    | st.builds(ast.Compare, left=numeric, op=st.sampled_from(ast.COMPARE_OPS), right=numeric)
)
predicates = st.recursive(
    leaves,
    lambda inner: (
        st.builds(ast.Not, operand=inner)
        | st.builds(ast.And, operands=st.lists(inner, min_size=2, max_size=3).map(tuple))
        | st.builds(ast.Or, operands=st.lists(inner, min_size=2, max_size=3).map(tuple))
    ),
    max_leaves=12,
)
questions = st.builds(
    ast.Question,
    predicate=predicates,
    date_mode=st.sampled_from(["by", "on"]),
    date=st.dates(),
)


@settings(max_examples=300, deadline=None)
@given(questions)
def test_generated_trees_round_trip_through_text(tree: ast.Question) -> None:
    text = str(tree)
    if len(text) > 2_000:
        return
    assert parse_question(text) == tree
