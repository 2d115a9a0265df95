"""Read the files a user names, safely.

Every file goes through ``read_user_bytes``: it refuses what is not a regular file
(directories, pipes, devices such as /dev/zero) before opening it and never reads more
than a byte limit, so a hostile path cannot hang or exhaust memory. Kept apart from the
YAML reader so that commands reading other formats do not import PyYAML.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from detente.scenario.errors import Location, ScenarioError

MAX_FILE_BYTES = 2 * 1024 * 1024  # scenario, question, resolution, intervention YAML


def _kind_of(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _stat_problem(exc: OSError) -> tuple[str, str]:
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return "no such file", "check the path"
    if isinstance(exc, PermissionError):
        return "permission denied", "check the file's permissions"
    return f"cannot read ({exc.strerror or exc})", "check the path"


def _check_regular(info: os.stat_result, where: Location, limit: int, what: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise ScenarioError(
            "is a directory, not a file", location=where, hint=f"name a {what} inside it"
        )
    if not stat.S_ISREG(info.st_mode):
        raise ScenarioError(
            f"is {_kind_of(info.st_mode)}, not a regular file",
            location=where,
            hint=f"save the {what} to an ordinary file and give its path",
        )
    if info.st_size > limit:
        raise _too_large(info.st_size, limit, where, what)


def _too_large(size: int | str, limit: int, where: Location, what: str) -> ScenarioError:
    return ScenarioError(
        f"file is {size} bytes, over the {limit:,} byte limit for a {what}",
        location=where,
        hint="split it or remove embedded data",
    )


def read_user_bytes(path: str | Path, *, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or a located ScenarioError.

    The file type is checked with ``stat`` before opening (a pipe would block and
    /dev/zero never ends) and again on the open descriptor, and the read itself is
    capped, so a file that grows meanwhile cannot exceed the limit either.
    """
    where = Location(str(path))
    try:
        info = os.stat(path)
    except OSError as exc:
        problem, hint = _stat_problem(exc)
        raise ScenarioError(problem, location=where, hint=hint) from None
    except ValueError:  # a NUL byte in the path
        raise ScenarioError(
            "the path contains a NUL byte", location=where, hint="check the path"
        ) from None
    _check_regular(info, where, limit, what)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        problem, hint = _stat_problem(exc)
        raise ScenarioError(problem, location=where, hint=hint) from None
    with os.fdopen(fd, "rb") as handle:
        _check_regular(os.fstat(handle.fileno()), where, limit, what)  # swapped meanwhile?
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise _too_large(f"more than {limit:,}", limit, where, what)
    return raw


def decode_text(raw: bytes, file: str, *, what: str = "file") -> str:
    """UTF-8 text (a leading BOM dropped), or an error naming the line of the first bad byte."""
    if b"\x00" in raw:
        raise ScenarioError(
            "looks binary (contains NUL bytes)",
            location=Location(file),
            hint=f"give a {what} saved as text",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ScenarioError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            location=Location(file, line, 1),
            hint="save the file as UTF-8",
        ) from None


def read_text_file(path: Path, *, limit: int = MAX_FILE_BYTES, what: str = "YAML file") -> str:
    """Read a UTF-8 text file, turning every way it can be wrong into a ScenarioError."""
    text = decode_text(read_user_bytes(path, limit=limit, what=what), str(path), what=what)
    if not text.strip():
        raise ScenarioError(
            "file is empty", location=Location(str(path)), hint=f"write the {what}'s content"
        )
    return text
