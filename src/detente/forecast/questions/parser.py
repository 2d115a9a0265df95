"""Recursive-descent parser of the question language (grammar in detente.forecast.questions).

Structure only: which terms exist, which arguments each takes and what kind of
value. Whether an arena/actor/issue id exists is checked later against a
scenario or event log (``check.py``), because the parser must work without one.
Nesting is capped (MAX_DEPTH) so hostile input fails with our error, never with
RecursionError.
"""

from __future__ import annotations

import datetime as dt
import math

from detente.forecast.questions import ast
from detente.forecast.questions.tokens import (
    QuestionSyntaxError,
    Token,
    TokenType,
    line_and_column,
    tokenize,
)
from detente.process.eventlog import EventKind, OutcomeClass

MAX_DEPTH = 40
# every kind but TERMS, a record of what an agreement settles that ``outcome(...)`` reads
EVENT_KINDS = tuple(k.name.lower() for k in EventKind if k is not EventKind.TERMS)
STATE_CLASSES = tuple(c.name.lower() for c in OutcomeClass)
BOOLEAN_TERMS = ("agreement", "decision", "event", "state")
NUMERIC_TERMS = ("outcome", "front", "count")
STARTS = (
    "agreement(...), decision(...), event(...), state(...), outcome(...), front(...), "
    "count(...), not, ("
)

# term -> {argument: value kind}; value kinds: "id", "bool", "number" or a tuple of choices
ARGUMENTS: dict[str, dict[str, object]] = {
    "agreement": {"arena": "id", "kind": ast.AGREEMENT_KINDS},
    "decision": {"arena": "id", "issue": "id", "passes": "bool"},
    "event": {"kind": EVENT_KINDS, "arena": "id", "actor": "id", "issue": "id", "value": "number"},
    "state": {"class": STATE_CLASSES, "terms": ast.AGREEMENT_TERMS},
    "outcome": {"issue": "id"},
    "front": {"extreme": ("low", "high")},
}
REQUIRED = {"event": ("kind",), "outcome": ("issue",)}
ONE_OF = {"state": ("class", "terms")}  # exactly one of these arguments


def parse_question(text: str) -> ast.Question:
    """Parse question text into a frozen tree; raises QuestionSyntaxError."""
    return _Parser(text).question()


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.pos = 0
        self.depth = 0

    # ------------------------------------------------------------ helpers
    @property
    def current(self) -> Token:
        return self.tokens[self.pos]

    def advance(self) -> Token:
        token = self.tokens[self.pos]
        if token.type is not TokenType.END:
            self.pos += 1
        return token

    def is_keyword(self, word: str) -> bool:
        return self.current.type is TokenType.IDENT and self.current.text == word

    def error(
        self, expected: str, token: Token | None = None, hint: str = ""
    ) -> QuestionSyntaxError:
        token = token or self.current
        return QuestionSyntaxError(
            f"expected {expected}, found {token.describe()}",
            text=self.text,
            offset=token.offset,
            hint=hint,
        )

    def expect(self, kind: TokenType, expected: str | None = None) -> Token:
        if self.current.type is not kind:
            raise self.error(expected or kind.value)
        return self.advance()

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QuestionSyntaxError(
                f"nested more than {MAX_DEPTH} levels deep",
                text=self.text,
                offset=self.current.offset,
                hint="simplify the question; remove redundant parentheses or 'not'",
            )

    # ------------------------------------------------------------ grammar
    def question(self) -> ast.Question:
        start = self.current.offset
        predicate = self.predicate()
        mode = date = None
        date_offset: tuple[tuple[str, int], ...] = ()
        if self.is_keyword("by") or self.is_keyword("on"):
            mode = self.advance().text
            date_offset = (("date", self.current.offset),)
            date = self.date()
        if self.current.type is not TokenType.END:
            if mode is None:
                expected = "'and', 'or', 'by DATE', 'on DATE' or the end of the question"
            else:
                expected = "the end of the question ('by'/'on' DATE applies to the whole question)"
            raise self.error(expected)
        return ast.Question(
            predicate=predicate, date_mode=mode, date=date, offset=start, arg_offsets=date_offset
        )

    def date(self) -> dt.date:
        token = self.expect(TokenType.DATE, "a date like 2026-06-30")
        try:
            return dt.date.fromisoformat(token.text)
        except ValueError:
            raise QuestionSyntaxError(
                f"{token.text!r} is not a calendar date",
                text=self.text,
                offset=token.offset,
                hint="write YYYY-MM-DD with a real month and day",
            ) from None

    def predicate(self) -> ast.Predicate:
        self.enter()
        start = self.current.offset
        operands = [self.conjunction()]
        while self.is_keyword("or"):
            self.advance()
            operands.append(self.conjunction())
        self.depth -= 1
        return operands[0] if len(operands) == 1 else ast.Or(operands=tuple(operands), offset=start)

    def conjunction(self) -> ast.Predicate:
        start = self.current.offset
        operands = [self.negation()]
        while self.is_keyword("and"):
            self.advance()
            operands.append(self.negation())
        return (
            operands[0] if len(operands) == 1 else ast.And(operands=tuple(operands), offset=start)
        )

    def negation(self) -> ast.Predicate:
        # iterative over repeated 'not' so "not not not ..." cannot exhaust the stack
        nots: list[int] = []
        while self.is_keyword("not"):
            nots.append(self.advance().offset)
            if len(nots) > MAX_DEPTH:
                raise QuestionSyntaxError(
                    f"more than {MAX_DEPTH} 'not' in a row",
                    text=self.text,
                    offset=nots[-1],
                    hint="two 'not' cancel out; remove them",
                )
        node = self.primary()
        for offset in reversed(nots):
            node = ast.Not(operand=node, offset=offset)
        return node

    def primary(self) -> ast.Predicate:
        token = self.current
        if token.type is TokenType.LPAREN:
            self.advance()
            inner = self.predicate()
            line, column = line_and_column(self.text, token.offset)
            self.expect(TokenType.RPAREN, f"')' to close the '(' at line {line}, column {column}")
            return inner
        if token.type is TokenType.NUMBER or (
            token.type is TokenType.IDENT and token.text in NUMERIC_TERMS
        ):
            return self.comparison()
        if token.type is TokenType.IDENT and token.text in ("true", "false"):
            self.advance()
            node: ast.Predicate = ast.Constant(value=token.text == "true", offset=token.offset)
        elif token.type is TokenType.IDENT and token.text in BOOLEAN_TERMS:
            node = self.term()
        else:
            raise self.error(f"a condition: {STARTS}", hint=self._hint_for_unknown(token))
        if self.current.type is TokenType.COMPARE:
            raise self.error(
                "'and', 'or' or 'by' (only outcome(...), front(...), count(...) and numbers can "
                "be compared)"
            )
        return node

    def comparison(self) -> ast.Compare:
        start = self.current.offset
        left = self.numeric()
        if self.current.type is not TokenType.COMPARE:
            raise self.error(
                "a comparison operator (<, <=, >, >=, ==, !=) after a number or "
                "outcome(...)/front(...)/count(...)"
            )
        op = self.advance().text
        right = self.numeric()
        if self.current.type is TokenType.COMPARE:
            raise self.error(
                "'and' between two comparisons (chains like a < b < c are not allowed)"
            )
        return ast.Compare(left=left, op=op, right=right, offset=start)

    def numeric(self) -> ast.Numeric:
        token = self.current
        if token.type is TokenType.NUMBER:
            self.advance()
            value = float(token.text)
            if not math.isfinite(value):
                raise self.error("a finite number", token)
            return ast.Number(value=value, offset=token.offset)
        if token.type is TokenType.IDENT and token.text in ("outcome", "front"):
            return self.term()  # type: ignore[return-value]
        if token.type is TokenType.IDENT and token.text == "count":
            self.advance()
            self.expect(TokenType.LPAREN, "'(' after count")
            if not (self.current.type is TokenType.IDENT and self.current.text == "event"):
                raise self.error("event(...) inside count(...)")
            event = self.term()
            self.expect(TokenType.RPAREN, "')' to close count(")
            return ast.Count(event=event, offset=token.offset)  # type: ignore[arg-type]
        raise self.error("a number, outcome(...), front(...) or count(...)")

    def term(self) -> ast.Node:
        name_token = self.advance()
        name = name_token.text
        self.expect(TokenType.LPAREN, f"'(' after {name}")
        allowed = ARGUMENTS[name]
        values: dict[str, object] = {}
        offsets: list[tuple[str, int]] = []
        while self.current.type is not TokenType.RPAREN:
            if values:
                self.expect(TokenType.COMMA, f"',' or ')' in {name}(...)")
            key_token = self.current
            if key_token.type is not TokenType.IDENT or key_token.text not in allowed:
                raise self.error(
                    f"an argument of {name}: {', '.join(allowed)}",
                    hint=f"write {name}({next(iter(allowed))}=...)",
                )
            self.advance()
            if key_token.text in values:
                raise QuestionSyntaxError(
                    f"argument {key_token.text!r} given twice in {name}(...)",
                    text=self.text,
                    offset=key_token.offset,
                    hint="keep one of them",
                )
            self.expect(TokenType.ASSIGN, f"'=' after {key_token.text}")
            offsets.append((key_token.text, self.current.offset))
            values[key_token.text] = self.argument_value(
                name, key_token.text, allowed[key_token.text]
            )
        self.advance()  # ')'
        for key in REQUIRED.get(name, ()):
            if key not in values:
                raise QuestionSyntaxError(
                    f"{name}(...) needs {key}=...",
                    text=self.text,
                    offset=name_token.offset,
                    hint=f"add {key}=<{key}> inside the parentheses",
                )
        one_of = ONE_OF.get(name, ())
        if one_of and sum(key in values for key in one_of) != 1:
            raise QuestionSyntaxError(
                f"{name}(...) needs exactly one of {' or '.join(k + '=...' for k in one_of)}",
                text=self.text,
                offset=name_token.offset,
                hint=f"write {name}({one_of[0]}=...) or {name}({one_of[1]}=...)",
            )
        common = {"offset": name_token.offset, "arg_offsets": tuple(offsets)}
        if name == "agreement":
            return ast.Agreement(
                arena=values.get("arena"), kind=values.get("kind", "any"), **common
            )
        if name == "decision":
            return ast.Decision(
                arena=values.get("arena"),
                issue=values.get("issue"),
                passes=values.get("passes", True),
                **common,
            )
        if name == "event":
            return ast.Event(
                kind=values["kind"],
                arena=values.get("arena"),
                actor=values.get("actor"),
                issue=values.get("issue"),
                value=values.get("value"),
                **common,
            )
        if name == "state":
            return ast.State(outcome_class=values.get("class"), terms=values.get("terms"), **common)
        if name == "front":
            return ast.Front(extreme=values.get("extreme"), **common)
        return ast.Outcome(issue=values["issue"], **common)

    def argument_value(self, term: str, key: str, kind: object) -> object:
        token = self.current
        if kind == "number":
            return self.numeric_literal(key)
        if token.type is not TokenType.IDENT:
            raise self.error(f"a value for {key}")
        self.advance()
        if kind == "bool":
            if token.text not in ("true", "false"):
                raise self.error(f"true or false for {key}", token)
            return token.text == "true"
        if isinstance(kind, tuple):
            if token.text not in kind:
                raise QuestionSyntaxError(
                    f"unknown {key} {token.text!r} in {term}(...); known: {', '.join(kind)}",
                    text=self.text,
                    offset=token.offset,
                    hint=f"use one of the known {key} values",
                )
            return token.text
        if token.text in ("true", "false", "and", "or", "not", "by", "on"):
            raise self.error(f"an id for {key}", token)
        return token.text

    def numeric_literal(self, key: str) -> float:
        token = self.expect(TokenType.NUMBER, f"a number for {key}")
        value = float(token.text)
        if not math.isfinite(value):
            raise self.error("a finite number", token)
        return value

    def _hint_for_unknown(self, token: Token) -> str:
        if token.type is TokenType.IDENT and token.text in ("and", "or"):
            return f"'{token.text}' needs a condition on both sides"
        if token.type is TokenType.IDENT and token.text in ("by", "on"):
            return "write the condition before 'by DATE'"
        if token.type is TokenType.IDENT:
            return f"{token.text!r} is not a term of the question language"
        return ""
