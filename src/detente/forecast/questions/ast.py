"""The frozen syntax tree of a question; ``str(node)`` writes canonical question text.

Offsets (where a node stood in the question text) are kept for error messages but
excluded from equality, so ``parse(str(tree)) == tree`` holds for any parsed tree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

AGREEMENT_KINDS = ("any", "comprehensive", "armistice", "imposed")
AGREEMENT_TERMS = ("ceasefire", "comprehensive")
COMPARE_OPS = ("<", "<=", ">", ">=", "==", "!=")
DateMode = Literal["by", "on"]


@dataclass(frozen=True, kw_only=True)
class Node:
    offset: int = field(default=0, compare=False, repr=False)
    # where each argument's value stood, for "unknown arena" errors: ((key, offset), ...)
    arg_offsets: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)

    def offset_of(self, key: str) -> int:
        return dict(self.arg_offsets).get(key, self.offset)


def _args(pairs: list[tuple[str, object]]) -> str:
    shown = []
    for key, value in pairs:
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, float):
            value = _number(value)
        shown.append(f"{key}={value}")
    return ", ".join(shown)


def _number(value: float) -> str:
    """Plain decimal notation (the language has no exponents) that reads back exactly."""
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# ---------------------------------------------------------------- yes/no terms
@dataclass(frozen=True, kw_only=True)
class Agreement(Node):
    """Some agreement (of ``kind``) in ``arena`` (any arena when None)."""

    arena: str | None = None
    kind: str = "any"

    def __str__(self) -> str:
        kind = None if self.kind == "any" else self.kind
        return f"agreement({_args([('arena', self.arena), ('kind', kind)])})"


@dataclass(frozen=True, kw_only=True)
class Decision(Node):
    """A vote arena decided ``issue``: passed (passes=true) or blocked (passes=false)."""

    arena: str | None = None
    issue: str | None = None
    passes: bool = True

    def __str__(self) -> str:
        args = [("arena", self.arena), ("issue", self.issue), ("passes", self.passes)]
        return f"decision({_args(args)})"


@dataclass(frozen=True, kw_only=True)
class Event(Node):
    """At least one logged event of ``kind`` matching the given fields."""

    kind: str
    arena: str | None = None
    actor: str | None = None
    issue: str | None = None
    value: float | None = None

    def __str__(self) -> str:
        args = [
            ("kind", self.kind),
            ("arena", self.arena),
            ("actor", self.actor),
            ("issue", self.issue),
            ("value", self.value),
        ]
        return f"event({_args(args)})"


@dataclass(frozen=True, kw_only=True)
class State(Node):
    """On the question's date the run's outcome class is ``outcome_class``, or the
    agreement in force has ``terms`` (exactly one of the two is set)."""

    outcome_class: str | None = None
    terms: str | None = None

    def __str__(self) -> str:
        if self.terms is not None:
            return f"state(terms={self.terms})"
        return f"state(class={self.outcome_class})"


@dataclass(frozen=True, kw_only=True)
class Constant(Node):
    value: bool

    def __str__(self) -> str:
        return "true" if self.value else "false"


# ---------------------------------------------------------------- numbers
@dataclass(frozen=True, kw_only=True)
class Number(Node):
    value: float

    def __str__(self) -> str:
        return _number(self.value)


@dataclass(frozen=True, kw_only=True)
class Outcome(Node):
    """The agreed settlement on ``issue`` (0-100); no value when no agreement settled it."""

    issue: str

    def __str__(self) -> str:
        return f"outcome(issue={self.issue})"


@dataclass(frozen=True, kw_only=True)
class Front(Node):
    """The war's front on its issue's 0-100 scale: where it stands on the question's date,
    or the lowest / highest it stood from as_of to then (``extreme``: the lines it
    reached); no value where the scenario has no war with a front."""

    extreme: str | None = None  # None, "low" or "high"

    def __str__(self) -> str:
        return "front()" if self.extreme is None else f"front(extreme={self.extreme})"


@dataclass(frozen=True, kw_only=True)
class Count(Node):
    """How many events match ``event``."""

    event: Event

    def __str__(self) -> str:
        return f"count({self.event})"


Numeric = Number | Outcome | Front | Count


# ---------------------------------------------------------------- connectives
@dataclass(frozen=True, kw_only=True)
class Compare(Node):
    left: Numeric
    op: str
    right: Numeric

    def __str__(self) -> str:
        return f"{self.left} {self.op} {self.right}"


@dataclass(frozen=True, kw_only=True)
class Not(Node):
    operand: Predicate

    def __str__(self) -> str:
        inner = str(self.operand)
        if isinstance(self.operand, And | Or):
            inner = f"({inner})"
        return f"not {inner}"


@dataclass(frozen=True, kw_only=True)
class And(Node):
    operands: tuple[Predicate, ...]

    def __str__(self) -> str:
        return " and ".join(_wrapped(op) for op in self.operands)


@dataclass(frozen=True, kw_only=True)
class Or(Node):
    operands: tuple[Predicate, ...]

    def __str__(self) -> str:
        return " or ".join(_wrapped(op) for op in self.operands)


def _wrapped(node: Predicate) -> str:
    """Nested And/Or keep their parentheses so the text parses back to the same tree."""
    return f"({node})" if isinstance(node, And | Or) else str(node)


Predicate = Agreement | Decision | Event | State | Constant | Compare | Not | And | Or


@dataclass(frozen=True, kw_only=True)
class Question(Node):
    """A predicate and the date it is judged at (``by``: events up to then; ``on``: same cut,
    read as "the state on that date")."""

    predicate: Predicate
    date_mode: DateMode | None = None
    date: dt.date | None = None

    def __str__(self) -> str:
        if self.date is None:
            return str(self.predicate)
        return f"{self.predicate} {self.date_mode} {self.date.isoformat()}"

    def with_date(self, date: dt.date, mode: DateMode = "by") -> Question:
        return Question(predicate=self.predicate, date_mode=mode, date=date, offset=self.offset)


def walk(node: Node):
    """Every node of a tree, depth first (iteratively: trees are shallow but be safe)."""
    stack: list[Node] = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, Question):
            stack.append(current.predicate)
        elif isinstance(current, Not):
            stack.append(current.operand)
        elif isinstance(current, And | Or):
            stack.extend(reversed(current.operands))
        elif isinstance(current, Compare):
            stack.extend([current.right, current.left])
        elif isinstance(current, Count):
            stack.append(current.event)
