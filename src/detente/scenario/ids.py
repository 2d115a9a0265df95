"""What an id is: one rule for the schema, the importers, `new` and `update`.

Why a module of its own, with no pydantic: the table importer and `solve` check ids
before a scenario model exists, and load nothing heavy to do it.
"""

from __future__ import annotations

import re

IDENTIFIER_PATTERN = r"^[A-Za-z][A-Za-z0-9_\-]*$"
IDENTIFIER_MAX = 64


def is_identifier(text: str) -> bool:
    """Whether ``text`` is a valid id (letters, digits, '_' or '-', starting with a letter,
    at most 64 characters)."""
    return len(text) <= IDENTIFIER_MAX and re.fullmatch(IDENTIFIER_PATTERN, text) is not None
