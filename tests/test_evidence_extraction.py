"""Extraction on the seeds: quotes, dates, boilerplate, and precision/recall on the gold file.

The gold file (tests/data/evidence_gold.json) holds offsets and span hashes only,
annotated by hand against tests/data/evidence_scenario.yaml's actor ids.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from detente.evidence.actors import ActorLexicon
from detente.evidence.boilerplate import find_cuts
from detente.evidence.dates import ResolvedDate, resolve_date
from detente.evidence.dating import read_index
from detente.evidence.documents import read_document
from detente.evidence.extract import PreparedDocument, extract_documents
from detente.evidence.gold import score_document, total
from detente.scenario import load_scenario
from detente.scenario.text import span_sha256

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads((DATA / "evidence_gold.json").read_text())["documents"]


@pytest.fixture(scope="module")
def extracted(seeds_dir: Path) -> dict:
    """Seed key -> (document, extraction), with the gold file's scenario."""
    scenario = load_scenario(DATA / "evidence_scenario.yaml")
    index = read_index(seeds_dir / "INDEX.csv")
    documents = []
    for path in sorted(seeds_dir.glob("*.txt")):
        raw = read_document(path)
        documents.append(
            PreparedDocument(path.name[:3], raw.text, index[path.name], tuple(find_cuts(raw.text)))
        )
    lexicon = ActorLexicon.from_scenario(scenario)
    return {d.key: (d, x) for d, x in extract_documents(documents, lexicon, scenario.issue_ids)}


def test_gold_file_matches_the_seeds(extracted: dict, gold: dict) -> None:
    for key, (document, _) in extracted.items():
        assert gold[key]["sha256"] == read_document_sha(document)
        for kind in ("mentions", "quotes", "events", "stances"):
            for item in gold[key][kind]:
                assert span_sha256(document.text, item["start"], item["end"]) == item["sha256"]


def read_document_sha(document: PreparedDocument) -> str:
    from detente.scenario.text import sha256_text

    return sha256_text(document.text)


def test_putin_said_the_three_sentences_about_europe_in_001(extracted: dict) -> None:
    document, extraction = extracted["001"]
    about_europe = [q for q in extraction.quotes if "europe" in q.normalised]
    # "Europe is preventing ...", "They are on the side of war", "Russia does not intend ..."
    assert len(about_europe) == 2
    side_of_war = [q for q in extraction.quotes if q.normalised.startswith("they are on the side")]
    putin_quotes = [*about_europe, *side_of_war]
    assert len(putin_quotes) == 3
    for quote in putin_quotes:
        assert quote.speaker_actor == "RUS"
        assert "Putin" in quote.speaker
        assert document.text[quote.start - 1] in '“"'  # the span starts inside the quote


def test_tuesday_in_001_is_2_december_2025(extracted: dict) -> None:
    document, extraction = extracted["001"]
    tuesdays = [
        e for e in extraction.events if document.text[e.date_start : e.date_end] == "Tuesday"
    ]
    assert tuesdays and all(e.date == dt.date(2025, 12, 2) for e in tuesdays)
    assert tuesdays[0].granularity == "day"


def test_faq_tail_of_001_is_cut_and_nothing_is_extracted_from_it(extracted: dict) -> None:
    document, extraction = extracted["001"]
    faq = [c for c in document.cuts if c.reason == "appended FAQ"]
    assert len(faq) == 1 and faq[0].end == len(document.text)
    assert document.text[faq[0].start :].startswith("Frequently Asked Questions")
    spans = [(m.start, m.end) for m in extraction.mentions] + [
        (s.start, s.end) for s in extraction.stances
    ]
    assert spans and all(end <= faq[0].start for _, end in spans)


def test_crawler_header_and_share_line_of_002_are_cut(extracted: dict) -> None:
    document, _ = extracted["002"]
    reasons = [c.reason for c in document.cuts]
    assert reasons[0] == "crawler header" and document.cuts[0].start == 0
    assert "share button" in reasons


@pytest.mark.parametrize(
    ("text", "published", "expected", "granularity"),
    [
        ("Tuesday", "2025-12-04", "2025-12-02", "day"),  # Thursday -> two days back
        ("Thursday", "2025-12-04", "2025-12-04", "day"),  # its own weekday: that day
        ("last Thursday", "2025-12-04", "2025-11-27", "day"),  # ... a week back after "last"
        ("Tuesday", "2025-12-06", "2025-12-02", "day"),  # seed 004 (a Saturday)
        ("yesterday", "2025-12-04", "2025-12-03", "day"),
        ("this week’s", "2025-12-04", "2025-12-01", "week"),  # Monday of the ISO week
        ("last week", "2025-12-04", "2025-11-24", "week"),
        ("February 12", "2025-12-04", "2026-02-12", "day"),  # nearest; a past verb says 2025
        ("December 12", "2025-12-04", "2025-12-12", "day"),  # no year: the nearest one
        ("in January", "2025-12-04", "2025-01-01", "month"),
        ("2 December 2025", "2026-06-04", "2025-12-02", "day"),
        ("1945", "2025-12-04", "1945-01-01", "year"),
    ],
)
def test_date_resolution(text: str, published: str, expected: str, granularity: str) -> None:
    resolved = resolve_date(text, dt.date.fromisoformat(published))
    assert resolved == ResolvedDate(dt.date.fromisoformat(expected), granularity)


def test_today_makes_the_publication_weekday_mean_today() -> None:
    published = dt.date(2025, 12, 4)
    assert resolve_date("Thursday", published).value == published


@pytest.mark.parametrize("text", ["eight decades", "a day", "21st-century"])
def test_durations_are_not_dates(text: str) -> None:
    assert resolve_date(text, dt.date(2025, 12, 4)) is None


def test_week_covers_its_days() -> None:
    week = ResolvedDate(dt.date(2025, 12, 1), "week")
    assert week.covers(ResolvedDate(dt.date(2025, 12, 2), "day"))
    assert not week.covers(ResolvedDate(dt.date(2025, 12, 8), "day"))


def test_precision_and_recall_against_the_gold_file(extracted: dict, gold: dict) -> None:
    scores = total([score_document(gold[k], x) for k, (_, x) in extracted.items()])
    report = {k: (round(v.precision, 2), round(v.recall, 2)) for k, v in scores.items()}
    print("evidence gold P/R:", report)
    # Floors a little under what the extractor reaches today (see the evidence note).
    floors = {
        "mentions": (0.9, 0.9),
        "quotes": (1.0, 1.0),
        "events": (0.9, 0.9),
        "event_dates": (0.95, 0.95),
        "stances": (0.9, 0.65),
    }
    for kind, (precision, recall) in floors.items():
        assert scores[kind].precision >= precision, (kind, report[kind])
        assert scores[kind].recall >= recall, (kind, report[kind])


def test_a_gold_speaker_s_article_is_not_asked_of_the_prediction() -> None:
    """The gold names 'the Kremlin' as the text does; a speaker 'Kremlin' is the same one,
    'Putin' is not (the score is one-to-one on overlapping spans)."""
    gold = {
        "quotes": [{"start": 0, "end": 10, "speaker": "the Kremlin"}],
        "mentions": [],
        "events": [],
        "stances": [],
    }

    def quotes_hit(speaker: str) -> int:
        quote = SimpleNamespace(start=0, end=10, speaker=speaker)
        extraction = SimpleNamespace(mentions=[], quotes=[quote], events=[], stances=[])
        return score_document(gold, extraction)["quotes"].true_positives

    assert quotes_hit("Kremlin") == 1
    assert quotes_hit("the Kremlin") == 1
    assert quotes_hit("Putin") == 0


@pytest.mark.parametrize(
    ("gold_speaker", "predicted", "hit"),
    [
        ("Sir Keir Starmer", "Keir Starmer", 1),  # an honorific is not asked of the prediction
        ("Keir Starmer", "Sir Keir Starmer", 1),
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky", 1),  # transliterations of one name
        ("Zelensky", "President Volodymyr Zelenskiy", 1),
        ("Keir Starmer", "Starmer", 0),  # the prediction must be as specific as the gold
        ("Sergei Lavrov", "Sergei Ryabkov", 0),
    ],
)
def test_a_speaker_is_the_same_person_under_an_honorific_or_transliteration(
    gold_speaker: str, predicted: str, hit: int
) -> None:
    gold = {"quotes": [{"start": 0, "end": 10, "speaker": gold_speaker}]}
    gold |= {"mentions": [], "events": [], "stances": []}
    quote = SimpleNamespace(start=0, end=10, speaker=predicted)
    extraction = SimpleNamespace(mentions=[], quotes=[quote], events=[], stances=[])
    assert score_document(gold, extraction)["quotes"].true_positives == hit


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("in May", dt.date(2025, 5, 1)),
        ("late in May", dt.date(2025, 5, 1)),
        ("mid-May", dt.date(2025, 5, 1)),
        ("early in March", dt.date(2025, 3, 1)),
        ("in may", None),  # the modal verb, not the month
    ],
)
def test_the_month_of_may_is_a_month(words: str, expected) -> None:
    """'a brief skirmish late in May' (set heldout18): the three-letter name is a month
    when written as one; lower-case 'may' stays a verb."""
    found = resolve_date(words, dt.date(2025, 7, 28))
    assert (found.value if found else None) == expected
    assert found is None or found.granularity == "month"


def test_date_resolution_scores_the_dating_of_the_events_found() -> None:
    """Three gold events: one found and dated right, one found and dated a year early,
    one not found. Dated right: 1 of the 2 found; found: 2 of 3."""
    from detente.evidence.gold import date_resolution

    gold_events = [
        {"start": 0, "end": 5, "date": "2026-02-17", "granularity": "day"},
        {"start": 10, "end": 15, "date": "2026-02-18", "granularity": "day"},
        {"start": 20, "end": 25, "date": "2026-03-01", "granularity": "month"},
    ]

    def event(start: int, day: str) -> SimpleNamespace:
        return SimpleNamespace(
            date_start=start,
            date_end=start + 5,
            date=dt.date.fromisoformat(day),
            granularity="day",
        )

    score = date_resolution(gold_events, [event(0, "2026-02-17"), event(11, "2025-02-18")])
    assert (score.true_positives, score.predicted, score.expected) == (1, 2, 3)
    assert score.precision == 0.5
