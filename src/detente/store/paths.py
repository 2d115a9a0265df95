"""Where the run store lives when nobody says: one DuckDB file in the user's data directory.

Why no platformdirs: the rule is short and has to match what the evidence package
uses for the same file, so it is spelled out here once.
"""

from __future__ import annotations

import os
from pathlib import Path

STORE_FILE_NAME = "detente.duckdb"


def data_directory() -> Path:
    """$DETENTE_HOME, else $XDG_DATA_HOME/detente, else ~/.local/share/detente."""
    home = os.environ.get("DETENTE_HOME")
    if home:
        return Path(home).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    if xdg:
        return Path(xdg).expanduser() / "detente"
    return Path.home() / ".local" / "share" / "detente"


def default_store_path() -> Path:
    """The store file shared by runs, forecasts and the evidence package's tables."""
    return data_directory() / STORE_FILE_NAME


def resolve_store_path(path: str | os.PathLike[str] | None) -> Path:
    """An explicit path wins; otherwise the default location (its folder is created)."""
    chosen = Path(path).expanduser() if path is not None else default_store_path()
    chosen.parent.mkdir(parents=True, exist_ok=True)
    return chosen
