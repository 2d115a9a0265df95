"""Number and text formatting shared by the CLI, the HTML report and the dashboard.

Why one module: the same probability must read the same everywhere, and rounding is
subtle: ``f"{0.35:.1f}"`` gives ``0.3`` because the binary float 0.35 is slightly
below 0.35. Every helper here rounds the number as written (its shortest decimal
``repr``), half away from zero, so 0.35 -> 0.4 and 0.95 -> 1.0 at one decimal.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the CLI formats numbers without loading jinja2
    from jinja2 import Environment

DASH = "–"


def rounded(value: float, digits: int) -> str:
    """``value`` with ``digits`` decimals, rounding its written (repr) form half up."""
    exact = Decimal(repr(float(value)))
    text = f"{exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP):f}"
    negative_zero = text.startswith("-") and not any(c in "123456789" for c in text)
    return text[1:] if negative_zero else text


def pct(value: float | None, digits: int = 1) -> str:
    """A probability as a percentage; None (no value) as an en dash."""
    return DASH if value is None else f"{rounded(100 * value, digits)}%"


def signed_pct(value: float | None, digits: int = 1) -> str:
    """A difference of probabilities in percentage points, always with its sign."""
    return DASH if value is None else f"{_sign(rounded(100 * value, digits))} pp"


def num(value: float | None, digits: int = 1) -> str:
    return DASH if value is None else rounded(value, digits)


def signed(value: float | None, digits: int = 1) -> str:
    return DASH if value is None else _sign(rounded(value, digits))


def quantity(value: float | None, significant: int = 3) -> str:
    """A scenario number as its author wrote it: 0.35, 0.95, 40, 14 (no padding zeros)."""
    if value is None:
        return DASH
    exact = Decimal(repr(float(value)))
    if exact == 0:
        return "0"
    shift = max(significant - exact.adjusted() - 1, 0)
    text = f"{exact.quantize(Decimal(1).scaleb(-shift), rounding=ROUND_HALF_UP):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _sign(text: str) -> str:
    return text if text.startswith("-") else f"+{text}"


def dotted(text: str | None) -> Any:
    """A scenario path (``positions.X.issue.position``) that may wrap after its dots in
    HTML: escaped, with a <wbr> break opportunity after each dot (and underscore)."""
    from markupsafe import Markup, escape

    if text is None:
        return ""
    escaped = str(escape(text))
    return Markup(escaped.replace(".", ".<wbr>").replace("_", "_<wbr>"))


def ranked_date(summary: Any) -> str | None:
    """The date a forecast summary's drivers rank agreement by where it is not the horizon
    (the median run's first agreement, ``outcomes.ranked_day``), else None: one reading for
    the terminal, the report's text and its charts. ``summary``: a ForecastSummary or its
    dict."""
    get = summary.get if isinstance(summary, dict) else lambda key: getattr(summary, key)
    date = get("driver_date")
    return date if date and date != get("scenario")["horizon"] else None


def label(text: str | None) -> str:
    return "" if text is None else str(text).replace("_", " ")


def outcome_label(key: str, at_war: bool = True) -> str:
    """An outcome class's name in the words of the case (``analysis.outcome_words``)."""
    from detente.analysis.outcome_words import outcome_labels

    return outcome_labels(at_war).get(key, label(key))


def register_filters(env: Environment) -> Environment:
    from detente.analysis.outcome_words import agreement_label, outcome_rows

    env.filters.update(
        agreement_label=agreement_label,
        outcome_rows=outcome_rows,
        pct=pct,
        signed_pct=signed_pct,
        num=num,
        signed=signed,
        label=label,
        quantity=quantity,
        dotted=dotted,
        ranked_date=ranked_date,
    )
    return env
