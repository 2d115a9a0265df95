"""Which saved news excerpts match the gold, and how near the others are.

Every session starts on a fresh machine, so the excerpts (never committed) are rebuilt
from the search tool's ``pages`` corpus by each gold entry's ``rebuild`` note. A file
matches when its sha256 is the gold's; for one that does not, the gold's span hashes
checked at their offsets say where it goes wrong (all spans but the last right: the end
differs; none right: a missing date line or another version of the page).

Run: python benchmarks/check_excerpts.py EXCERPTS_DIR [--set NAME]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eval_extraction import DATA, SETS, _excerpt_path

from detente.evidence.documents import read_document
from detente.scenario.text import sha256_text

SPAN_KINDS = ("quotes", "events", "stances", "mentions")


def check(folder: Path, entry: dict) -> str:
    """One line: OK, MISSING, or MISMATCH with the spans that still match."""
    path = _excerpt_path(folder, entry)
    if not path.is_file():
        return f"MISSING  {entry['set']}/{entry['file']}"
    text = read_document(path).text
    if sha256_text(text) == entry["sha256"]:
        return f"OK       {entry['set']}/{entry['file']}"
    spans = sorted(
        (s for kind in SPAN_KINDS for s in entry.get(kind, []) if "start" in s),
        key=lambda s: s["start"],
    )
    wrong = [s for s in spans if sha256_text(text[s["start"] : s["end"]]) != s["sha256"]]
    first = f"; first wrong span starts at {wrong[0]['start']}" if wrong else ""
    return (
        f"MISMATCH {entry['set']}/{entry['file']}: {len(spans) - len(wrong)} of {len(spans)} "
        f"spans right{first}; {len(text)} characters"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("excerpts", type=Path, help="folder with the saved excerpts")
    parser.add_argument("--gold", type=Path, default=DATA / "news_gold.json")
    parser.add_argument("--set", default="all", choices=(*SETS, "all"))
    args = parser.parse_args(argv)
    if not args.excerpts.is_dir():
        print(f"{args.excerpts}: not a folder (fix: pass the folder of saved excerpts)")
        return 2
    gold = json.loads(args.gold.read_text(encoding="utf-8"))["documents"]
    lines = [
        check(args.excerpts, entry) for entry in gold.values() if args.set in ("all", entry["set"])
    ]
    for line in lines:
        print(line)
    counts = {word: sum(line.startswith(word) for line in lines) for word in ("OK", "MISS")}
    print(f"{counts['OK']} of {len(lines)} match; {counts['MISS']} missing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
