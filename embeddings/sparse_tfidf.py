"""TF-IDF cosines of texts to a fixed set of documents, with a fast transform of one text at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2


def tfidf_rows(vectorizer: TfidfVectorizer, analyze: Callable[[str], list[str]], texts: Sequence[str]) -> sp.csr_array:
    """`vectorizer.transform(texts)`, the same numbers step by step, for a fitted char/word TF-IDF.

    scikit-learn's per-call input checks take most of the time of transforming one project text
    (about 2 ms of 2.5): a match transforms it five times (passages, facts, whole CVs in
    characters and in words, NAF labels).
    `analyze` is `vectorizer.build_analyzer()`, built once by the caller.
    """
    vocabulary = vectorizer.vocabulary_
    columns: list[int] = []
    counts: list[int] = []
    indptr = [0]
    for text in texts:
        counter: dict[int, int] = {}  # first-seen order, then sorted below, as CountVectorizer does
        for gram in analyze(text):
            j = vocabulary.get(gram)
            if j is not None:
                counter[j] = counter.get(j, 0) + 1
        columns.extend(counter)
        counts.extend(counter.values())
        indptr.append(len(columns))
    matrix = sp.csr_array(
        (np.asarray(counts, dtype=np.intc), np.asarray(columns, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
        shape=(len(texts), len(vocabulary)),
        dtype=vectorizer.dtype,
    )
    matrix.sort_indices()
    if vectorizer.sublinear_tf:
        np.log(matrix.data, matrix.data)
        matrix.data += 1.0
    matrix.data *= vectorizer.idf_[matrix.indices]
    inplace_csr_row_normalize_l2(matrix)
    return matrix


class FittedTfidf:
    """A TF-IDF vectorizer fitted on documents, and the cosines of new texts to each of them.

    IDF comes from the documents themselves, so it needs no training data; no documents, no columns.
    """

    def __init__(self, vectorizer: TfidfVectorizer, documents: Sequence[str]):
        self._vectorizer = vectorizer
        self._columns = vectorizer.fit_transform(documents).T.tocsr() if len(documents) else None  # terms x docs
        self._analyze = vectorizer.build_analyzer()

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), n_documents) cosine similarities in [0, 1]."""
        if self._columns is None:
            return np.zeros((len(texts), 0), dtype=np.float32)
        rows = tfidf_rows(self._vectorizer, self._analyze, texts)
        return np.asarray((rows @ self._columns).todense(), dtype=np.float32)
