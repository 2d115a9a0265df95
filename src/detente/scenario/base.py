"""The building blocks every scenario model shares: ids, strict models, sourced numbers,
and the effect an event or an institution has on a scenario path."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from detente.scenario.ids import IDENTIFIER_MAX, IDENTIFIER_PATTERN

Identifier = Annotated[
    str,
    Field(
        pattern=IDENTIFIER_PATTERN,
        max_length=IDENTIFIER_MAX,
        description="letters, digits, '_' or '-', starting with a letter",
    ),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Sourced(Strict):
    """Anything a person estimated: it cites evidence ids or says why it is an assumption."""

    evidence: tuple[Identifier, ...] = ()
    assumption: str | None = Field(default=None, min_length=3)

    @model_validator(mode="after")
    def _has_basis(self) -> Sourced:
        if not self.evidence and not self.assumption:
            raise ValueError(
                "needs 'evidence: [ids]' or 'assumption: <reason>' so a reader can check it"
            )
        return self


class EventEffect(Strict):
    """What a fired event does: an operation on one scenario path (see ``paths``)."""

    path: str = Field(min_length=3)
    op: Literal["set", "add", "multiply"] = "set"
    value: float
