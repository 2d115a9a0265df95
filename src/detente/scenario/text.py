"""The one text normalisation every evidence offset refers to.

Offsets into a document are only stable if everybody normalises the raw bytes
the same way, so this is the single definition: decode UTF-8 (a BOM is
dropped), Unicode NFC, and every line ending becomes ``\\n``. Nothing else is
touched: boilerplate is marked by spans, never cut out of the coordinate
system.
"""

from __future__ import annotations

import hashlib
import unicodedata


def normalise_text(raw: str | bytes) -> str:
    """Return the normalised text that evidence offsets index into."""
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def sha256_text(text: str) -> str:
    """Hex sha256 of a text's UTF-8 bytes (used for whole documents and cited spans)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def span_sha256(text: str, start: int, end: int) -> str:
    """Hex sha256 of ``text[start:end]``; the fingerprint an evidence pointer stores."""
    return sha256_text(text[start:end])
