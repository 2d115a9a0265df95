"""Number formatting shared by the HTML report and the dashboard templates (jinja filters)."""

from __future__ import annotations

from jinja2 import Environment


def pct(value: float | None, digits: int = 1) -> str:
    """A probability as a percentage; None (no value) as an en dash."""
    return "–" if value is None else f"{100 * value:.{digits}f}%"


def signed_pct(value: float | None, digits: int = 1) -> str:
    """A difference of probabilities in percentage points, always with its sign."""
    return "–" if value is None else f"{100 * value:+.{digits}f} pp"


def num(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def signed(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:+.{digits}f}"


def label(text: str | None) -> str:
    return "" if text is None else str(text).replace("_", " ")


def register_filters(env: Environment) -> Environment:
    env.filters.update(pct=pct, signed_pct=signed_pct, num=num, signed=signed, label=label)
    return env
