"""Read YAML while remembering where every value stood (line and column).

PyYAML's composer gives nodes with marks; we build plain Python data from the
node tree ourselves so that each path (``("positions", 3, "salience")``) maps to
its position in the file, and duplicate keys are an error instead of a silent
overwrite.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from detente.scenario.errors import Location, ScenarioError

PathKey = tuple[str | int, ...]
MAX_FILE_BYTES = 20 * 1024 * 1024


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


def read_text_file(path: Path) -> str:
    """Read a UTF-8 text file, turning every way it can be wrong into a ScenarioError."""
    where = Location(str(path))
    if not path.exists():
        raise ScenarioError("no such file", location=where, hint="check the path")
    if path.is_dir():
        raise ScenarioError(
            "is a directory, not a file", location=where, hint="name a .yaml file inside it"
        )
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ScenarioError(
            f"file is {size} bytes, over the {MAX_FILE_BYTES} byte limit for a scenario",
            location=where,
            hint="split it or remove embedded data",
        )
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise ScenarioError(
            "looks binary (contains NUL bytes)", location=where, hint="give a YAML text file"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ScenarioError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            location=Location(str(path), line, 1),
            hint="save the file as UTF-8",
        ) from None
    if not text.strip():
        raise ScenarioError("file is empty", location=where, hint="write a scenario mapping")
    return text


def parse_located_yaml(text: str, file: str) -> LocatedYaml:
    """Parse one YAML document into plain data with its marks."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
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
        raise ScenarioError(f"malformed YAML: {exc}", location=Location(file)) from None
    if root is None:
        raise ScenarioError("file is empty", location=Location(file), hint="write a mapping")
    marks: dict[PathKey, tuple[int, int]] = {}
    constructor = yaml.SafeLoader("")
    data = _build(root, (), marks, constructor, file)
    return LocatedYaml(data, marks, file)


def _build(
    node: yaml.Node,
    path: PathKey,
    marks: dict[PathKey, tuple[int, int]],
    constructor: yaml.SafeLoader,
    file: str,
) -> Any:
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                raise ScenarioError(
                    "a mapping key must be a plain value",
                    location=Location(file, key_node.start_mark.line + 1),
                )
            if key in result:
                raise ScenarioError(
                    f"duplicate key {key!r}",
                    location=Location(
                        file, key_node.start_mark.line + 1, key_node.start_mark.column + 1
                    ),
                    hint="keep one of the two entries",
                )
            result[key] = _build(value_node, (*path, key), marks, constructor, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(child, (*path, index), marks, constructor, file)
            for index, child in enumerate(node.value)
        ]
    try:
        return constructor.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        raise ScenarioError(
            f"cannot read value: {exc.problem}",
            location=Location(file, node.start_mark.line + 1, node.start_mark.column + 1),
        ) from None
