"""Read YAML while remembering where every value stood.

Files are read through ``detente.scenario.user_files`` (regular files only, a byte
limit). YAML is composed from PyYAML's event stream by a small loop of our own instead of
the recursive composer: nesting depth, aliases expanded (the "billion laughs"
bomb) and merge keys are all limited here, each with a one-line located error,
and each path (``("positions", 3, "salience")``) maps to its line and column.
Aliases share the Python object they point to, so memory stays proportional to
the file; the expanded size is still counted because validators walk it.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

from detente.scenario.errors import Location, ScenarioError, shorten
from detente.scenario.user_files import (  # noqa: F401  (callers import them from here)
    MAX_FILE_BYTES,
    decode_text,
    read_text_file,
    read_user_bytes,
)

PathKey = tuple[str | int, ...]
MAX_DEPTH = 64  # a scenario nests about 6 levels deep
MAX_EXPANDED_NODES = 250_000  # values after aliases are expanded; a scenario has ~2,000
MAX_ALIASES = 10_000

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.SafeLoader("")
_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_MAP_TAGS = {None, "!", _TAG + "map"}
_SEQ_TAGS = {None, "!", _TAG + "seq"}


class LocatedYaml:
    """Plain data from a YAML document plus a map from data paths to file locations."""

    def __init__(self, data: Any, marks: dict[PathKey, tuple[int, int]], file: str) -> None:
        self.data = data
        self.marks = marks
        self.file = file

    def locate(self, path: PathKey) -> Location:
        """The location of ``path`` or of its nearest ancestor that has one."""
        for cut in range(len(path), -1, -1):
            mark = self.marks.get(tuple(path[:cut]))
            if mark is not None:
                return Location(self.file, mark[0], mark[1])
        return Location(self.file)


def parse_located_yaml(text: str, file: str) -> LocatedYaml:
    """Parse one YAML document into plain data with its marks."""
    composer = _Composer(file)
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            composer.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        problem = exc.problem or exc.context or "malformed YAML"
        raise ScenarioError(
            f"malformed YAML: {problem}",
            location=where,
            hint="check indentation, colons and quotes near this place",
        ) from None
    except yaml.YAMLError as exc:
        raise ScenarioError(
            f"malformed YAML: {shorten(str(exc))}",
            location=Location(file),
            hint="check the file is YAML text",
        ) from None
    if composer.root is None:
        raise ScenarioError("file is empty", location=Location(file), hint="write a mapping")
    return LocatedYaml(composer.root[0], composer.marks, file)


class _Frame:
    """A mapping or sequence being filled, with the key waiting for its value."""

    __slots__ = ("anchor", "counted_at", "has_key", "key", "path", "value")

    def __init__(self, value: Any, path: PathKey, anchor: str | None, counted_at: int) -> None:
        self.value = value
        self.path = path
        self.anchor = anchor
        self.counted_at = counted_at
        self.key: Any = None
        self.has_key = False


class _Composer:
    """Plain data from YAML events, iteratively, with depth and alias limits."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.marks: dict[PathKey, tuple[int, int]] = {}
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.expanded = 0
        self.aliases = 0
        self.documents = 0
        self.root: tuple[Any] | None = None

    def _where(self, mark: Any) -> Location:
        return Location(self.file, mark.line + 1, mark.column + 1)

    def _count(self, nodes: int, mark: Any) -> None:
        self.expanded += nodes
        if self.expanded > MAX_EXPANDED_NODES:
            if self.aliases:
                raise ScenarioError(
                    f"the document expands to more than {MAX_EXPANDED_NODES:,} values "
                    "(aliases repeat what they point to)",
                    location=self._where(mark),
                    hint="write the data out instead of nesting aliases",
                )
            raise ScenarioError(
                f"more than {MAX_EXPANDED_NODES:,} values in one file",
                location=self._where(mark),
                hint="split the data; a scenario needs a few thousand values",
            )

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise ScenarioError(
                    "more than one YAML document in the file",
                    location=self._where(event.start_mark),
                    hint="keep one document: remove the second '---' and what follows",
                )
        elif isinstance(event, yaml.ScalarEvent):
            self._count(1, event.start_mark)
            self._add(self._scalar(event), event.start_mark, event.anchor, 1)
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self._start(event)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            frame = self.stack.pop()
            if frame.anchor is not None:
                self.open_anchors.discard(frame.anchor)
            size = self.expanded - frame.counted_at
            self._add(frame.value, None, frame.anchor, size, path=frame.path)

    def _start(self, event: yaml.CollectionStartEvent) -> None:
        mapping = isinstance(event, yaml.MappingStartEvent)
        if event.tag not in (_MAP_TAGS if mapping else _SEQ_TAGS):
            raise self._tag_error(event.tag, event.start_mark)
        if len(self.stack) >= MAX_DEPTH:
            raise ScenarioError(
                f"nested deeper than {MAX_DEPTH} levels",
                location=self._where(event.start_mark),
                hint="flatten the structure; a scenario needs only a few levels",
            )
        path = self._child_path(event.start_mark, collection=True)
        self.marks[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        counted_at = self.expanded
        self._count(1, event.start_mark)
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        self.stack.append(_Frame({} if mapping else [], path, event.anchor, counted_at))

    def _alias(self, event: yaml.AliasEvent) -> None:
        where = self._where(event.start_mark)
        if event.anchor in self.open_anchors:
            raise ScenarioError(
                f"alias *{shorten(event.anchor)} refers to a node that contains it",
                location=where,
                hint="an alias may only repeat a finished node; write the data out",
            )
        if event.anchor not in self.anchors:
            raise ScenarioError(
                f"unknown alias *{shorten(event.anchor)}",
                location=where,
                hint="define the anchor (&name) before using it",
            )
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise ScenarioError(
                f"more than {MAX_ALIASES:,} aliases",
                location=where,
                hint="write the data out instead of repeating aliases",
            )
        value, size = self.anchors[event.anchor]
        self._count(size, event.start_mark)
        self._add(value, event.start_mark, None, size)

    def _child_path(self, mark: Any, *, collection: bool) -> PathKey:
        if not self.stack:
            return ()
        parent = self.stack[-1]
        if isinstance(parent.value, list):
            return (*parent.path, len(parent.value))
        if not parent.has_key:
            if collection:
                raise ScenarioError(
                    "a mapping key must be a plain value",
                    location=self._where(mark),
                    hint="write the key as a word or a number",
                )
            return parent.path  # a key: located by its value
        return (*parent.path, parent.key)

    def _add(
        self,
        value: Any,
        mark: Any,
        anchor: str | None,
        size: int,
        *,
        path: PathKey | None = None,
    ) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.root = (value,)
            if path is None:
                self.marks[()] = (mark.line + 1, mark.column + 1)
            return
        parent = self.stack[-1]
        if isinstance(parent.value, list):
            if path is None:
                self.marks[(*parent.path, len(parent.value))] = (mark.line + 1, mark.column + 1)
            parent.value.append(value)
            return
        if not parent.has_key:
            self._set_key(parent, value, mark)
            return
        if path is None:
            self.marks[(*parent.path, parent.key)] = (mark.line + 1, mark.column + 1)
        parent.value[parent.key] = value
        parent.key, parent.has_key = None, False

    def _set_key(self, parent: _Frame, key: Any, mark: Any) -> None:
        where = self._where(mark)
        if isinstance(key, list | dict):
            raise ScenarioError(
                "a mapping key must be a plain value",
                location=where,
                hint="write the key as a word or a number",
            )
        if isinstance(key, _MergeKey):
            raise ScenarioError(
                "merge keys ('<<: *anchor') are not supported",
                location=where,
                hint="write the merged keys out in full",
            )
        if key in parent.value:
            raise ScenarioError(
                f"duplicate key {shorten(repr(key))}",
                location=where,
                hint="keep one of the two entries",
            )
        parent.key, parent.has_key = key, True

    def _tag_error(self, tag: str | None, mark: Any) -> ScenarioError:
        return ScenarioError(
            f"unsupported YAML tag {shorten(str(tag))}",
            location=self._where(mark),
            hint="remove the tag; write plain text, numbers, dates, lists and mappings",
        )

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _TAG + "merge":
            return _MergeKey()
        if tag not in _SCALAR_TAGS:
            raise self._tag_error(tag, event.start_mark)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            raise ScenarioError(
                f"cannot read value {shorten(event.value)!r}: {shorten(problem)}",
                location=self._where(event.start_mark),
                hint="write dates as YYYY-MM-DD and numbers in plain digits, or quote text",
            ) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise ScenarioError(
                f"{shorten(event.value)!r} is not a finite number",
                location=self._where(event.start_mark),
                hint="write an ordinary number (NaN and infinity are not allowed)",
            )
        return value


class _MergeKey:
    """Marks a '<<' key so the mapping can refuse it with its location."""
