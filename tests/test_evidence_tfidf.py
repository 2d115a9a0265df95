"""The rewrite clustering's TF-IDF cosines equal scikit-learn's to the last bit."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from detente.evidence.tfidf import STOP_WORDS, cosine_matrix

OWN = [
    "Talks resumed in Geneva on Monday. The delegations met for six hours.",
    "The delegations met in Geneva on Monday; talks resumed after six hours of delay.",
    "Kyiv rejected the proposal. Moscow said the proposal stands. Talks, talks, talks.",
    "The the of and",  # stop words only: an empty row
    "Ceasefire ceasefire CEASEFIRE: a truce, une trêve, 停火 ceasefire.",
    "",
]


def _scikit_learn(texts: list[str]) -> np.ndarray:
    text = pytest.importorskip("sklearn.feature_extraction.text")
    pairwise = pytest.importorskip("sklearn.metrics.pairwise")
    vectoriser = text.TfidfVectorizer(
        stop_words="english", sublinear_tf=True, ngram_range=(1, 1), min_df=1
    )
    return pairwise.cosine_similarity(vectoriser.fit_transform(texts))


def test_stop_words_are_scikit_learns() -> None:
    text = pytest.importorskip("sklearn.feature_extraction.text")
    assert text.ENGLISH_STOP_WORDS == STOP_WORDS


def test_cosines_equal_scikit_learns_bit_for_bit(seeds_dir: Path) -> None:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    paragraphs = [p for seed in seeds for p in seed.split("\n\n") if p.strip()]
    rng = random.Random(7)
    samples = [OWN, seeds + OWN, paragraphs]
    samples += [rng.sample(paragraphs, rng.randint(2, len(paragraphs))) for _ in range(10)]
    for texts in samples:
        ours, theirs = cosine_matrix(texts), _scikit_learn(texts)
        assert ours.shape == theirs.shape
        assert np.array_equal(ours, theirs)
