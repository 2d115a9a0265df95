"""Lay a BriefingView out as plain text, Markdown or a standalone HTML page.

Plain text wraps nothing and marks nothing up, so it pastes anywhere; the HTML
is autoescaped (sentences are untrusted text from the news) and self-contained.
"""

from __future__ import annotations

from pathlib import Path

from detente.evidence.briefing_view import BriefingView, Citation

FORMATS = ("text", "md", "html")
OPENING_MARKS = ("“", '"', "‘", "'", "«")
APPLY_HINT = (
    "apply with: detente update SCENARIO --store STORE --as-of DATE --accept ID,ID -o NEW.yaml"
)


def _said(c: Citation) -> str:
    """The cited sentence set off by quotation marks, unless it opens with its own (a
    quote's sentence shown as “"We will not", he said.” doubled them)."""
    if c.sentence is None:
        return f"[{c.problem}; pointer {c.pointer}]"
    return c.sentence if c.sentence.startswith(OPENING_MARKS) else f"“{c.sentence}”"


def render_text(view: BriefingView) -> str:
    lines = [view.title, view.summary, ""]
    for section in view.sections:
        lines.append(section.title)
        if not section.entries:
            lines.append(f"  ({section.empty})")
        for entry in section.entries:
            lines.append(f"  - {entry.heading}" + (f" — {entry.detail}" if entry.detail else ""))
            for c in entry.citations:
                lines.append(f"      {_said(c)}")
                lines.append(f"        — {c.source}")
        lines.append("")
    if view.edits_yaml:
        lines += [f"Suggested edits as YAML ({APPLY_HINT})", view.edits_yaml, ""]
    return "\n".join(lines)


def _md(text: str) -> str:
    """Escape what Markdown would read as markup inside running text."""
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text


def render_markdown(view: BriefingView) -> str:
    lines = [f"# {_md(view.title)}", "", _md(view.summary), ""]
    for section in view.sections:
        lines += [f"## {section.title}", ""]
        if not section.entries:
            lines += [f"_{section.empty}_", ""]
        for entry in section.entries:
            detail = f" — {_md(entry.detail)}" if entry.detail else ""
            lines.append(f"- **{_md(entry.heading)}**{detail}")
            for c in entry.citations:
                lines.append(f"  > {_md(_said(c))}")
                lines.append(f"  > — {_md(c.source)}")
                lines.append("")
        lines.append("")
    if view.edits_yaml:
        lines += ["## Suggested edits as YAML", "", f"_{_md(APPLY_HINT)}_", "", "```yaml"]
        lines += [view.edits_yaml, "```", ""]
    return "\n".join(lines)


def render_html(view: BriefingView) -> str:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
    )
    return env.get_template("briefing.html").render(view=view)


def render(view: BriefingView, fmt: str) -> str:
    return {"text": render_text, "md": render_markdown, "html": render_html}[fmt](view)
