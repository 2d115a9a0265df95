"""TF-IDF cosine between documents, as scikit-learn computes it, without scikit-learn.

Why: clustering after each ingest compared documents with scikit-learn's
``TfidfVectorizer(stop_words="english", sublinear_tf=True)`` and ``cosine_similarity``,
and importing scikit-learn (it brings pandas and scipy.stats) cost about 2.5 s of CPU,
more than the clustering. This is the same arithmetic in the same order on the same
scipy sparse matrices, so the cosines are equal to the last bit (a test compares them
with scikit-learn's); that is why it builds the matrix the way scikit-learn does
(vocabulary in order of first sight, then renumbered alphabetically without
re-sorting each row) and sums each row's squares in one pass, as its l2 normaliser does.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern
# scikit-learn's ENGLISH_STOP_WORDS (BSD-3-Clause), the list "english" names
_STOP_WORDS = (
    "a about above across after afterwards again against all almost alone along already "
    "also although always am among amongst amoungst amount an and another any anyhow "
    "anyone anything anyway anywhere are around as at back be became because become "
    "becomes becoming been before beforehand behind being below beside besides between "
    "beyond bill both bottom but by call can cannot cant co con could couldnt cry de "
    "describe detail do done down due during each eg eight either eleven else elsewhere "
    "empty enough etc even ever every everyone everything everywhere except few fifteen "
    "fifty fill find fire first five for former formerly forty found four from front full "
    "further get give go had has hasnt have he hence her here hereafter hereby herein "
    "hereupon hers herself him himself his how however hundred i ie if in inc indeed "
    "interest into is it its itself keep last latter latterly least less ltd made many "
    "may me meanwhile might mill mine more moreover most mostly move much must my myself "
    "name namely neither never nevertheless next nine no nobody none noone nor not "
    "nothing now nowhere of off often on once one only onto or other others otherwise our "
    "ours ourselves out over own part per perhaps please put rather re same see seem "
    "seemed seeming seems serious several she should show side since sincere six sixty so "
    "some somehow someone something sometime sometimes somewhere still such system take "
    "ten than that the their them themselves then thence there thereafter thereby "
    "therefore therein thereupon these they thick thin third this those though three "
    "through throughout thru thus to together too top toward towards twelve twenty two un "
    "under until up upon us very via was we well were what whatever when whence whenever "
    "where whereafter whereas whereby wherein whereupon wherever whether which while "
    "whither who whoever whole whom whose why will with within without would yet you your "
    "yours yourself yourselves"
)
STOP_WORDS = frozenset(_STOP_WORDS.split())


def cosine_matrix(texts: Sequence[str]) -> np.ndarray:
    """The documents' pairwise TF-IDF cosines (sublinear tf, smoothed idf, l2 rows)."""
    import scipy.sparse as sp

    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    counts: list[int] = []
    indptr = [0]
    for text in texts:
        counter: dict[int, int] = {}
        for word in TOKEN.findall(text.lower()):
            if word not in STOP_WORDS:
                index = vocabulary.setdefault(word, len(vocabulary))
                counter[index] = counter.get(index, 0) + 1
        indices.extend(counter)
        counts.extend(counter.values())
        indptr.append(len(indices))
    matrix = sp.csr_array(
        (
            np.asarray(counts, dtype=np.intc),
            np.asarray(indices, dtype=np.int32),
            np.asarray(indptr, dtype=np.int32),
        ),
        shape=(len(texts), len(vocabulary)),
        dtype=np.float64,
    )
    matrix.sort_indices()
    alphabetical = np.empty(len(vocabulary), dtype=matrix.indices.dtype)
    for new, (_, old) in enumerate(sorted(vocabulary.items())):
        alphabetical[old] = new
    matrix.indices = alphabetical.take(matrix.indices, mode="clip")
    documents_with = np.bincount(matrix.indices, minlength=matrix.shape[1]).astype(np.float64)
    documents_with += 1.0  # smoothing: as if one more document held every word once
    idf = np.full_like(documents_with, fill_value=len(texts) + 1, dtype=np.float64)
    idf /= documents_with
    np.log(idf, out=idf)
    idf += 1.0
    np.log(matrix.data, matrix.data)  # sublinear tf: 1 + log(count)
    matrix.data += 1.0
    matrix.data *= idf[matrix.indices]
    _normalise_rows(matrix)  # the vectoriser's l2 rows
    unit = matrix.copy()
    _normalise_rows(unit)  # and cosine_similarity's, again
    return (unit @ unit.T).toarray()


def _normalise_rows(matrix) -> None:
    """Each row to unit length in place; an empty row is left as it is."""
    data, indptr = matrix.data, matrix.indptr
    for row in range(matrix.shape[0]):
        start, end = indptr[row], indptr[row + 1]
        squares = 0.0
        for value in data[start:end].tolist():
            squares += value * value
        if squares != 0.0:
            data[start:end] /= math.sqrt(squares)
