"""Who holds a DuckDB file lock, told in words a user can act on.

Why parse DuckDB's message: it is the only place that knows the holder's PID; /proc
then gives the holder's command line, so the message can say "detente sweep (PID 812)"
instead of a bare IO error.
"""

from __future__ import annotations

import re
from pathlib import Path

_HOLDER = re.compile(r"lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")
MAX_COMMAND_CHARS = 80


def lock_holder(error_text: str) -> str | None:
    """'PID 812: detente sweep ...' from DuckDB's lock error, or None if it names nobody."""
    found = _HOLDER.search(error_text)
    if found is None:
        return None
    pid = found["pid"]
    command = _command_line(pid) or Path(found["program"]).name
    if len(command) > MAX_COMMAND_CHARS:
        command = command[: MAX_COMMAND_CHARS - 3] + "..."
    return f"PID {pid}: {command}"


def _command_line(pid: str) -> str | None:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    parts = [part.decode("utf-8", "replace") for part in raw.split(b"\0") if part]
    if not parts:
        return None
    parts[0] = Path(parts[0]).name
    return " ".join(" ".join(parts).split())  # one line, whatever the arguments hold
