"""Run every extractor over documents: spaCy once per kept segment, batched.

Offsets: each kept segment (the text between boilerplate cuts) is parsed on
its own and every span is shifted by the segment's start, so all records
index into the whole document's normalised text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from threadpoolctl import threadpool_limits

from detente.evidence.actors import ActorLexicon
from detente.evidence.boilerplate import Cut, kept_segments
from detente.evidence.candidates import candidate_mentions
from detente.evidence.claims import extract_claims
from detente.evidence.dating import lead_end
from detente.evidence.events import extract_events
from detente.evidence.issue_terms import IssueVocabulary
from detente.evidence.mentions import demonyms, extract_mentions
from detente.evidence.people import person_aliases
from detente.evidence.pipeline import load_pipeline
from detente.evidence.quotes import SpeakerMemory, extract_quotes
from detente.evidence.records import Extraction
from detente.evidence.segments import split_segment
from detente.evidence.speaker_states import with_speaker_states
from detente.evidence.stances import extract_stances


@dataclass(frozen=True)
class PreparedDocument:
    """What extraction needs: the normalised text, its date and its boilerplate cuts."""

    key: str
    text: str
    published: dt.date
    cuts: tuple[Cut, ...]


@dataclass(frozen=True)
class ExtractionFailure:
    """One document whose extraction raised; the others go on."""

    reason: str


def extract_documents(
    documents: Iterable[PreparedDocument],
    lexicon: ActorLexicon,
    issues: IssueVocabulary | tuple[str, ...],
    *,
    batch_size: int = 32,
) -> Iterator[tuple[PreparedDocument, Extraction | ExtractionFailure]]:
    """Yield (document, extraction or failure) in input order, streaming: a document is
    extracted as soon as its last segment is parsed, so memory stays one batch deep."""
    if not isinstance(issues, IssueVocabulary):
        issues = IssueVocabulary.from_ids(tuple(issues))
    nlp = load_pipeline(lexicon)
    people = person_aliases(lexicon)
    adjectives = demonyms(lexicon)
    docs = list(documents)
    jobs = [
        (d_index, start, d.text[start:end])
        for d_index, d in enumerate(docs)
        for segment_start, segment_end in _article_segments(d)
        for start, end in split_segment(d.text, segment_start, segment_end)
    ]
    parsed = nlp.pipe(
        ((_lines_as_sentences(nlp, text), (d_index, start)) for d_index, start, text in jobs),
        as_tuples=True,
        batch_size=batch_size,
    )
    current, segments = 0, []
    # one BLAS thread: the model's matrices are small, so a second thread mostly spins
    # (a fifth more CPU for the same words), and the extraction workers are the parallelism
    with threadpool_limits(1, user_api="blas"):
        for spacy_doc, (d_index, start) in parsed:
            while d_index > current:
                yield (
                    docs[current],
                    _safe_extract(docs[current], segments, lexicon, people, issues, adjectives),
                )
                current, segments = current + 1, []
            segments.append((spacy_doc, start))
        while current < len(docs):
            yield (
                docs[current],
                _safe_extract(docs[current], segments, lexicon, people, issues, adjectives),
            )
            current, segments = current + 1, []


def _article_segments(document: PreparedDocument) -> list[tuple[int, int]]:
    """The kept segments, less an inline crawler header and a wire dateline at the very
    start (a header on a line of its own is already a boilerplate cut)."""
    skip = lead_end(document.text)
    segments = []
    for start, end in kept_segments(document.text, list(document.cuts)):
        start = max(start, skip)
        if start < end:
            segments.append((start, end))
    return segments


def _lines_as_sentences(nlp: Any, text: str) -> Any:
    """A tokenised Doc whose every line starts a sentence: a headline or dateline with no
    full stop is not glued to the paragraph under it (the parser keeps preset starts)."""
    doc = nlp.make_doc(text)
    after_newline = False
    for token in doc:
        if token.is_space:
            after_newline = after_newline or "\n" in token.text
            continue
        if after_newline and token.i:
            token.is_sent_start = True
        after_newline = "\n" in token.whitespace_
    return doc


def _safe_extract(
    document, segments, lexicon, people, issues, adjectives
) -> Extraction | ExtractionFailure:
    try:
        return _extract_one(document, segments, lexicon, people, issues, adjectives)
    except Exception as exc:  # one odd document must not stop a batch of thousands
        return ExtractionFailure(f"extraction failed ({type(exc).__name__}: {exc})")


def _extract_one(document, segments, lexicon, people, issues, adjectives) -> Extraction:
    mentions, quotes, events, stances, candidates = [], [], [], [], []
    memory = SpeakerMemory()  # who the document named, carried from segment to segment
    for spacy_doc, offset in segments:
        found = extract_mentions(spacy_doc, offset, lexicon, people)
        mentions.extend(found)
        candidates.extend(candidate_mentions(spacy_doc, offset, found))
        said = with_speaker_states(
            spacy_doc,
            offset,
            extract_quotes(spacy_doc, offset, found, lexicon.groups, memory),
            found,
            adjectives,
        )
        quotes.extend(said)
        events.extend(extract_events(spacy_doc, offset, document.published, found, adjectives))
        stances.extend(extract_stances(spacy_doc, offset, found, issues, said, adjectives))
    claims = extract_claims(document.text, mentions, lexicon)
    return Extraction(
        tuple(mentions),
        tuple(quotes),
        tuple(events),
        tuple(stances),
        tuple(claims),
        candidates=tuple(candidates),
    )
