"""Lexical similarity between a project's text and CV passages (TF-IDF on character n-grams)."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


class LexicalScorer:
    """Cosine of TF-IDF vectors; fitted on the passages themselves, so it needs no training data."""

    def __init__(self, passages: Sequence[str]):
        # Character n-grams inside words match French inflections ("ferroviaire", "ferroviaires")
        # and compounds without a stemmer; terms found in half the passages carry no signal.
        self._vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(4, 6), strip_accents="unicode",
            sublinear_tf=True, max_df=0.5, dtype=np.float32,
        )
        self._matrix = self._vectorizer.fit_transform(passages).T.tocsr()

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), n_passages) cosine similarities in [0, 1]."""
        return np.asarray((self._vectorizer.transform(texts) @ self._matrix).todense(), dtype=np.float32)
