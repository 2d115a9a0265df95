"""Render the report data into one self-contained HTML file (inline CSS and SVG, no script).

Why no JavaScript and no external link: the file is meant to be mailed, archived and
opened offline years later; everything it needs is inside it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from detente.report.figures import inline_svgs, report_chart_names
from detente.report.format import register_filters


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("detente.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
    )
    return register_filters(env)


def render_report(data: dict[str, Any], charts: dict[str, str] | None = None) -> str:
    """The HTML text of the report; ``charts`` (name -> SVG) is drawn from ``data`` if omitted."""
    svgs = charts if charts is not None else inline_svgs(data, report_chart_names(data))
    style = resources.files("detente.report").joinpath("templates", "style.css").read_text("utf-8")
    template = _environment().get_template("report.html")
    return template.render(
        data=data,
        charts={name: Markup(svg) for name, svg in svgs.items()},
        style=Markup(style),
    )


def write_report(data: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(data), encoding="utf-8")
    return path
