"""Extractions written several documents per transaction read back record for record,
replace what was stored before, and clear a recorded failure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from detente.evidence.records import (
    CandidateMention,
    Claim,
    Event,
    Extraction,
    Mention,
    Quote,
    Stance,
)
from detente.evidence.store import EvidenceStore

SCENARIO, VERSION = "s", "v"


def _extraction(shift: int) -> Extraction:
    return Extraction(
        mentions=(Mention(1 + shift, 5 + shift, "usa", "US", "alias", False),),
        quotes=(Quote(10, 30, "", None, None, None, "unknown", "the talks went well"),),
        events=(
            Event(40, 44, "MEET", 50, 56, dt.date(2025, 12, 1), "day", ("rus", "usa"), ()),
            Event(60, 66, "AGREE", 70, 79, dt.date(2025, 12, 1), "week", (), ("negated",)),
        ),
        stances=(Stance(0, 80, "usa", "ceasefire", "support", 1, (), 3, 9),),
        claims=(Claim(2, 9, "affiliation", "usa", "rus", "US envoy"),),
        candidates=(CandidateMention(90, 95, "Stubb", "PERSON"),),
    )


def test_a_batch_reads_back_as_written_and_replaces_earlier_records(tmp_path: Path) -> None:
    with EvidenceStore(tmp_path / "store.duckdb") as store:
        store.add_extraction("a", SCENARIO, VERSION, _extraction(100))
        store.add_failure("b", SCENARIO, VERSION, "it failed once")
        batch = [("a", _extraction(0)), ("b", Extraction()), ("c", _extraction(7))]
        store.add_extractions(batch, SCENARIO, VERSION)
        for key, extraction in batch:
            assert store.extraction(key, SCENARIO, VERSION) == extraction
        assert store.failures(SCENARIO, VERSION) == {}
        assert store.counts()["mentions"] == 2  # a's earlier mention is gone
        assert store.quotes_and_events(SCENARIO, VERSION) == {
            key: Extraction(quotes=x.quotes, events=x.events) for key, x in batch
        }
