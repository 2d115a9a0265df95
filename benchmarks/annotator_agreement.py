"""How far two hand annotations of the same news pages agree: the ceiling of extraction scores.

A second annotator annotated some pages of a check set again, without seeing the first
annotation (tests/data/news_gold_second.json, offsets and hashes only). Each annotation is
scored against the other with the extraction scorer's own matching (overlapping spans and
equal labels, ``detente.evidence.gold.score_document``): precision of B against A is the
share of B's items that A also marks, recall the share of A's that B marks. If two people
reading by the same conventions agree on stances at 0.5, an extractor cannot be expected to
reach 0.75 against either of them. No article text is needed: only offsets and labels.

Run: python benchmarks/annotator_agreement.py [--first FILE] [--second FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from detente.evidence.gold import annotator_agreement

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
KINDS = ("quotes", "events", "event_dates", "stances")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", type=Path, default=DATA / "news_gold.json")
    parser.add_argument("--second", type=Path, default=DATA / "news_gold_second.json")
    args = parser.parse_args(argv)
    first = json.loads(args.first.read_text(encoding="utf-8"))["documents"]
    second = json.loads(args.second.read_text(encoding="utf-8"))["documents"]
    try:
        keys, b_on_a, a_on_b = annotator_agreement(first, second)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"pages annotated twice: {len(keys)} ({', '.join(keys)})")
    for kind in KINDS:
        s, r = b_on_a[kind], a_on_b[kind]
        print(
            f"  {kind:12s} second against first P {s.precision:.2f} R {s.recall:.2f}"
            f" (matched {s.true_positives}, second {s.predicted}, first {s.expected});"
            f" first against second P {r.precision:.2f} R {r.recall:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
