"""Vectors of texts already encoded, kept per process: a project text is encoded once.

A basin page ranks the newest projects again on every view (reverse matching): without a cache
it would re-run the encoder, the most expensive step of a match. Least recently used entries go
past `limit`. (NAF label vectors are kept apart, all at once: `matcher.project.sector_choice.label_vectors`.)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from embeddings.base import Embedder
from matcher.search.batch_cache import BatchCache


class VectorCache:
    def __init__(self, limit: int) -> None:
        self._vectors: BatchCache[tuple[str, str], np.ndarray] = BatchCache(limit)

    def encode(self, embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
        """`embedder.encode(texts)`, encoding only the texts not seen before, in one batch."""
        if not texts:
            return np.zeros((0, embedder.dim), dtype=np.float32)
        name = embedder.name
        return np.stack(
            self._vectors.get_many([(name, t) for t in texts], lambda keys: embedder.encode([t for _, t in keys]))
        )

    def clear(self) -> None:
        self._vectors.clear()
