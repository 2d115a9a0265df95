"""The next dated snapshot of a scenario: as_of moved, accepted briefing edits applied.

Why edit the YAML as a round-trip tree (ruamel.yaml) and not re-dump the model:
a scenario file is written and reviewed by people; its comments say why each
number is what it is. Only the entries an edit touches change, each changed
position gets a comment saying when and why, and the result is validated as
the scenario it will be before a single byte is written.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.evidence.briefing import salience_change
from detente.scenario.errors import DetenteError
from detente.scenario.schema import Scenario

if TYPE_CHECKING:
    from detente.evidence.accept_actors import Acceptance
    from detente.evidence.snapshot_in_force import InForceRequest

ACCEPT_ALL = "all"
ACCEPT_NONE = "none"


@dataclass
class SnapshotUpdate:
    text: str  # the new scenario YAML
    scenario: Scenario  # the same, validated
    applied: list[str] = field(default_factory=list)  # edit ids
    declined: list[str] = field(default_factory=list)
    accepted_actors: list[str] = field(default_factory=list)  # one line per accepted name
    in_force: str | None = None  # the line saying what --in-force wrote or removed


def chosen_edits(accept: str, edits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The edits named by ``--accept`` (all, none, or ids separated by commas)."""
    known = {e["id"]: e for e in edits}
    wanted = accept.strip()
    if wanted == ACCEPT_ALL:
        return list(edits)
    if wanted in (ACCEPT_NONE, ""):
        return []
    ids = [i.strip() for i in wanted.split(",") if i.strip()]
    unknown = [i for i in ids if i not in known]
    if unknown:
        listed = ", ".join(known) or "none: the briefing suggests no edit"
        raise DetenteError(
            f"--accept names edit(s) the briefing does not suggest: {', '.join(unknown)}",
            hint=f"choose from: {listed} (or 'all' / 'none'); see 'detente brief'",
        )
    return [known[i] for i in dict.fromkeys(ids)]


def _yaml() -> Any:
    from ruamel.yaml import YAML

    handler = YAML()  # round trip: comments, key order and flow style are kept
    handler.preserve_quotes = True
    handler.width = 4096  # never fold a scalar; a flow list a person wrapped becomes one line
    handler.indent(mapping=2, sequence=4, offset=2)
    return handler


def flow_map(mapping: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    node = CommentedMap(mapping)
    node.fa.set_flow_style()
    return node


def flow_list(items: list[Any]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    node = CommentedSeq(items)
    node.fa.set_flow_style()
    return node


def list_section(tree: Any, name: str) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    if tree.get(name) is None:
        tree[name] = CommentedSeq()
    return tree[name]


def _apply(tree: Any, edit: dict[str, Any], as_of: dt.date) -> None:
    sources = list_section(tree, "sources")
    have = {s["id"] for s in sources}
    for source in edit["sources"]:
        if source["id"] not in have:
            sources.append(dict(source))
            have.add(source["id"])
    evidence = list_section(tree, "evidence")
    have = {e["id"] for e in evidence}
    for pointer in edit["evidence"]:
        if pointer["id"] not in have:
            evidence.append(flow_map(dict(pointer)))
            have.add(pointer["id"])
    new = edit["position"]
    positions = list_section(tree, "positions")
    entry = next(
        (p for p in positions if p["actor"] == new["actor"] and p["issue"] == new["issue"]), None
    )
    if entry is None:
        from ruamel.yaml.comments import CommentedMap

        entry = CommentedMap(actor=new["actor"], issue=new["issue"])
        positions.append(entry)
    for key in ("position", "salience"):
        if _as_range(entry.get(key)) != new[key]:  # untouched values keep their layout
            entry[key] = flow_map({k: yaml_number(v) for k, v in new[key].items()})
    if list(entry.get("evidence") or []) != list(new["evidence"]):
        entry["evidence"] = flow_list(list(new["evidence"]))
    was = edit["current_position"]
    note = f"{edit['change']} (was {was:g})" if was is not None else edit["change"]
    note += salience_change(edit)
    comment = f"updated {as_of}: {note}"
    if entry.fa.flow_style():  # '- {actor: ..., evidence: [...]}': after the closing brace
        _item_comment(positions, positions.index(entry), comment)
    else:
        entry.yaml_add_eol_comment(comment, "evidence")


def _item_comment(items: Any, index: int, text: str) -> None:
    """``text`` at the end of a sequence item's line, keeping the comments it has: an
    end-of-line one is appended to ours, and the lines before it stay (ruamel's own call
    fails where the item already carries comment lines)."""
    held = items.ca.items.get(index)
    before = held[1] if held else None
    if held and held[0] is not None:
        text = f"{text}; {held[0].value.strip().lstrip('#').strip()}"
    if held:
        held[0] = held[1] = None
    items.yaml_add_eol_comment(text, index)
    items.ca.items[index][1] = before


def yaml_number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _as_range(node: Any) -> dict[str, float] | None:
    """A YAML position/salience value (scalar or mapping) as {low, mode, high}."""
    if node is None:
        return None
    if isinstance(node, int | float):
        return {"low": float(node), "mode": float(node), "high": float(node)}
    return {k: float(node[k]) for k in ("low", "mode", "high")}


def next_snapshot(
    text: str,
    file: str,
    scenario: Scenario,
    briefing: dict[str, Any],
    accept: str,
    acceptances: Sequence[Acceptance] = (),
    horizon: dt.date | None = None,
    title: str | None = None,
    new_id: str | None = None,
    in_force: InForceRequest | None = None,
) -> SnapshotUpdate:
    """The scenario text with as_of moved, the accepted edits and actor candidates
    applied, and the events and expectations that lie wholly before the new as_of removed
    (the diff lists them), validated. ``horizon``, ``title`` and ``new_id``, where given,
    replace the scenario's: a snapshot moved forward otherwise keeps a shrinking forecast
    window, a title that may name the earlier date and the earlier snapshot's id.
    ``in_force`` writes, replaces or removes the agreement in force."""
    from detente.evidence.accept_actors import apply_acceptances
    from detente.evidence.snapshot_in_force import apply_in_force
    from detente.scenario.loader import parse_scenario_text

    as_of: dt.date = briefing["as_of"]
    if as_of < scenario.as_of:
        raise DetenteError(
            f"--as-of {as_of} is before the scenario's as_of {scenario.as_of}",
            hint="a next snapshot moves forward: give a later date",
        )
    end, named = (horizon, "--horizon") if horizon else (scenario.horizon, "scenario's horizon")
    if as_of >= end:
        raise DetenteError(
            f"--as-of {as_of} is not before the {named} {end}",
            hint="give a later --horizon, or an earlier --as-of",
        )
    if title is not None and not title.strip():
        raise DetenteError(
            "--title is empty", hint="give the new snapshot's title, or leave it out"
        )
    accepted = chosen_edits(accept, briefing["suggested_edits"])
    handler = _yaml()
    tree = handler.load(text)
    tree["as_of"] = as_of
    if horizon is not None:
        tree["horizon"] = horizon
    if title is not None:
        tree["title"] = title.strip()
    if new_id is not None:
        tree["id"] = new_id
    in_force_line = None if in_force is None else apply_in_force(tree, in_force)
    # an event whose window is past happened or did not; a question about the past is
    # history now (the diff lists both)
    _drop_items(tree, "events", [k for k, e in enumerate(scenario.events) if e.last_day < as_of])
    asked = [k for k, e in enumerate(scenario.expectations) if _asks_before(e, as_of)]
    _drop_items(tree, "expectations", asked)
    for edit in accepted:
        _apply(tree, edit, as_of)
    actor_lines = apply_acceptances(tree, list(acceptances), scenario)
    out = io.StringIO()
    handler.dump(tree, out)
    new_text = keep_untouched_sections(text, out.getvalue())
    new = parse_scenario_text(new_text, file)  # raises with file:line:col if an edit breaks it
    ids = [e["id"] for e in accepted]
    declined = [e["id"] for e in briefing["suggested_edits"] if e["id"] not in ids]
    return SnapshotUpdate(new_text, new, ids, declined, actor_lines, in_force_line)


def _drop_items(tree: Any, section: str, indices: list[int]) -> None:
    """Delete the items of a list section; a section left empty goes whole (the YAML
    emitter writes an emptied list that kept its comments as text that does not parse)."""
    for k in reversed(indices):
        del tree[section][k]
    if indices and not tree[section]:
        del tree[section]


def _asks_before(expectation: Any, as_of: dt.date) -> bool:
    """An expectation one of whose questions is judged before ``as_of``: no forecast from
    that date can check it."""
    from detente.forecast.questions import parse_question

    texts = (expectation.question, expectation.than, expectation.before)
    dates = [parse_question(t).date for t in texts if t is not None]
    return any(d is not None and d < as_of for d in dates)


def _section_lines(tree: Any, lines: list[str]) -> dict[str, tuple[int, int]]:
    """Top-level key -> (first line, end line) of its section in the text."""
    starts = [tree.lc.key(key)[0] for key in tree]
    ends = [*starts[1:], len(lines)]
    return {key: (start, end) for key, start, end in zip(tree, starts, ends, strict=True)}


def keep_untouched_sections(original: str, dumped: str) -> str:
    """The dumped text with every top-level section that did not change taken verbatim
    from the original, so a reviewer's diff shows only what the update changed (the
    YAML emitter re-lays out wrapped flow lists). Falls back to ``dumped`` whenever the
    spliced text would not read back as the same data."""
    handler = _yaml()
    try:
        old_tree, new_tree = handler.load(original), handler.load(dumped)
        old_lines = original.splitlines(keepends=True)
        new_lines = dumped.splitlines(keepends=True)
        if old_lines and not old_lines[-1].endswith("\n"):
            old_lines[-1] += "\n"
        old_spans = _section_lines(old_tree, old_lines)
        new_spans = _section_lines(new_tree, new_lines)
        first = next(iter(old_spans.values()))[0] if old_spans else 0
        pieces = old_lines[:first]
        for key in new_tree:
            if key in old_tree and old_tree[key] == new_tree[key]:
                start, end = old_spans[key]
                pieces += old_lines[start:end]
            elif key in old_tree and _both_lists(old_tree[key], new_tree[key]):
                pieces += _spliced_items(
                    old_tree[key],
                    new_tree[key],
                    old_lines,
                    new_lines,
                    old_spans[key],
                    new_spans[key],
                )
            else:
                start, end = new_spans[key]
                pieces += new_lines[start:end]
        spliced = "".join(pieces)
        if handler.load(spliced) == new_tree:
            return spliced
    except Exception:  # any surprise in the layout: the emitter's text is still right
        return dumped
    return dumped


def _both_lists(old: Any, new: Any) -> bool:
    from ruamel.yaml.comments import CommentedSeq

    return isinstance(old, CommentedSeq) and isinstance(new, CommentedSeq) and bool(old)


def _item_ranges(seq: Any, span: tuple[int, int], lines: list[str]) -> tuple[list, list[str]]:
    """Each item's (first, end) line, and the blank or comment lines after the last item
    (they introduce the next section, so they stay last)."""
    starts = [seq.lc.item(i)[0] for i in range(len(seq))]
    end = span[1]
    while end > starts[-1] + 1 and (not lines[end - 1].strip() or _comment(lines[end - 1])):
        end -= 1
    ends = [*starts[1:], end]
    return list(zip(starts, ends, strict=True)), lines[end : span[1]]


def _comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _spliced_items(
    old: Any,
    new: Any,
    old_lines: list[str],
    new_lines: list[str],
    old_span: tuple[int, int],
    new_span: tuple[int, int],
) -> list[str]:
    """A changed list section item by item: an item the update left as it was keeps its
    original lines (and layout), a new or changed item takes the emitter's."""
    if not new:
        return new_lines[new_span[0] : new_span[1]]
    old_ranges, tail = _item_ranges(old, old_span, old_lines)
    new_ranges, _ = _item_ranges(new, new_span, new_lines)
    pieces = old_lines[old_span[0] : old_ranges[0][0]]  # the key line and its comments
    unused = list(range(len(old)))
    for j, (start, end) in enumerate(new_ranges):
        same = next((k for k in unused if old[k] == new[j]), None)
        if same is None:
            pieces += new_lines[start:end]
        else:
            unused.remove(same)
            pieces += old_lines[old_ranges[same][0] : old_ranges[same][1]]
    return pieces + tail


def snapshot_id(option: str | None, output: Path, earlier: str) -> str | None:
    """The next snapshot's id: ``--id`` where given, else the output file's name where it
    is a valid id (the built-ins' convention, ``ukraine-2026-06.yaml``), else None (the
    earlier id kept). Why not keep it: the run store lists and filters forecasts by id,
    and two snapshots under one id read as one."""
    from detente.scenario.ids import is_identifier

    if option is not None:
        if not is_identifier(option):
            raise DetenteError(
                f"--id {option!r} is not an id",
                hint="letters, digits, '_' or '-', starting with a letter (at most 64)",
            )
        return option
    stem = output.name.removesuffix(".yaml").removesuffix(".yml")
    return stem if is_identifier(stem) and stem != earlier else None


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
