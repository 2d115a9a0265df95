"""Write an output file whole or not at all.

Why: a briefing or a new scenario snapshot written halfway (disk full, Ctrl-C)
would look valid to the next command; a temporary file renamed into place never does.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from detente.scenario.errors import DetenteError


def write_text_atomically(path: Path, text: str) -> None:
    if path.is_dir():
        raise DetenteError(f"{path}: is a folder", hint="give a file name, e.g. briefing.html")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise DetenteError(f"{path}: folder {folder} does not exist", hint="create it first")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
