"""Hand-written tokenizer of the question language (no regex engine on user input, no eval).

Why by hand: every token keeps its offset, so errors name the line and column
of the question text, and the scanner is a single linear pass whatever the input.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from detente.scenario.errors import DetenteError, Location

MAX_QUESTION_CHARS = 2_000


class TokenType(Enum):
    IDENT = "identifier"
    NUMBER = "number"
    DATE = "date"
    LPAREN = "'('"
    RPAREN = "')'"
    COMMA = "','"
    ASSIGN = "'='"
    COMPARE = "comparison operator"
    END = "end of question"


KEYWORDS = frozenset({"and", "or", "not", "by", "on", "true", "false"})
COMPARE_OPS = ("<=", ">=", "==", "!=", "<", ">")


@dataclass(frozen=True)
class Token:
    type: TokenType
    text: str
    offset: int  # 0-based index into the question text

    def describe(self) -> str:
        if self.type is TokenType.END:
            return "the end of the question"
        return repr(self.text)


class QuestionSyntaxError(DetenteError):
    """A question that does not parse or names unknown things; knows its line and column."""

    def __init__(
        self,
        message: str,
        *,
        text: str,
        offset: int,
        hint: str = "",
        location: Location | None = None,
        question_id: str | None = None,
    ) -> None:
        self.text = text
        self.offset = max(0, min(offset, len(text)))
        self.line, self.column = line_and_column(text, self.offset)
        self.bare_message = message
        self.question_id = question_id
        where = f"question {question_id!r}, " if question_id else ""
        full = f"{where}line {self.line}, column {self.column}: {message}"
        if location is None:
            full = f"{where}line {self.line}, column {self.column} of the question: {message}"
        super().__init__(full, location=location, hint=hint)

    def relocated(self, location: Location, question_id: str) -> QuestionSyntaxError:
        """The same error, placed in a file (the question's own line/column stay in the text)."""
        return QuestionSyntaxError(
            self.bare_message,
            text=self.text,
            offset=self.offset,
            hint=self.hint,
            location=location,
            question_id=question_id,
        )


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def _is_ident_start(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _is_ident_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "_-")


def tokenize(text: str) -> list[Token]:
    """Split a question into tokens; raises QuestionSyntaxError on anything unknown."""
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionSyntaxError(
            f"question is {len(text)} characters, over the limit of {MAX_QUESTION_CHARS}",
            text=text[:MAX_QUESTION_CHARS],
            offset=MAX_QUESTION_CHARS,
            hint="split it into several questions",
        )
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in " \t\r\n":
            i += 1
        elif ch == "#":  # comment to end of line
            while i < n and text[i] != "\n":
                i += 1
        elif ch in "(),":
            kind = {"(": TokenType.LPAREN, ")": TokenType.RPAREN, ",": TokenType.COMMA}[ch]
            tokens.append(Token(kind, ch, i))
            i += 1
        elif ch in "<>=!":
            two = text[i : i + 2]
            if two in COMPARE_OPS:
                tokens.append(Token(TokenType.COMPARE, two, i))
                i += 2
            elif ch in "<>":
                tokens.append(Token(TokenType.COMPARE, ch, i))
                i += 1
            elif ch == "=":
                tokens.append(Token(TokenType.ASSIGN, ch, i))
                i += 1
            else:
                raise QuestionSyntaxError(
                    "'!' must be followed by '=' (write '!=' for 'not equal')",
                    text=text,
                    offset=i,
                    hint="use '!=' or the keyword 'not'",
                )
        elif ch.isascii() and (
            ch.isdigit() or (ch in "-+." and i + 1 < n and text[i + 1].isdigit())
        ):
            i = _number_or_date(text, i, tokens)
        elif _is_ident_start(ch):
            start = i
            while i < n and _is_ident_char(text[i]):
                i += 1
            tokens.append(Token(TokenType.IDENT, text[start:i], start))
        else:
            shown = repr(ch) if ch.isprintable() else f"U+{ord(ch):04X}"
            raise QuestionSyntaxError(
                f"unexpected character {shown}",
                text=text,
                offset=i,
                hint="questions use names, numbers, dates (YYYY-MM-DD), ( ) , = < <= > >= == !=",
            )
    tokens.append(Token(TokenType.END, "", n))
    return tokens


def _number_or_date(text: str, i: int, tokens: list[Token]) -> int:
    """Scan a number (``-3``, ``75``, ``0.5``) or a date (``2026-06-30``) starting at ``i``."""
    n = len(text)
    start = i
    if text[i] in "-+":
        i += 1
    while i < n and text[i].isascii() and (text[i].isdigit() or text[i] in ".-"):
        i += 1
    literal = text[start:i]
    if _looks_like_date(literal):
        tokens.append(Token(TokenType.DATE, literal, start))
    else:
        body = literal[1:] if literal[0] in "-+" else literal
        if body.count(".") > 1 or "-" in body or body.endswith(".") or not body:
            raise QuestionSyntaxError(
                f"malformed number or date {literal!r}",
                text=text,
                offset=start,
                hint="numbers look like 75 or 0.5, dates like 2026-06-30",
            )
        tokens.append(Token(TokenType.NUMBER, literal, start))
    if i < n and _is_ident_char(text[i]):
        raise QuestionSyntaxError(
            f"a number or date cannot run into a name ({text[start : i + 1]!r})",
            text=text,
            offset=i,
            hint="put a space or an operator between them",
        )
    return i


def _looks_like_date(literal: str) -> bool:
    parts = literal.split("-")
    return (
        len(parts) == 3 and [len(p) for p in parts] == [4, 2, 2] and all(p.isdigit() for p in parts)
    )
