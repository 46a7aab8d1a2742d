"""Vectors of texts already encoded, kept per process: a NAF label or a project text is encoded once.

A basin page ranks the newest projects again on every view (reverse matching) and each match
compares the project's NAF labels with the CVs: without a cache both re-run the encoder, the
most expensive step of a match. Least recently used entries go past `limit`; thread-safe, as
a web worker serves several requests at once.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from embeddings.base import Embedder


class VectorCache:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
        """`embedder.encode(texts)`, encoding only the texts not seen before, in one batch."""
        name = embedder.name
        with self._lock:
            found = {t: self._items[(name, t)] for t in texts if (name, t) in self._items}
            for text in found:
                self._items.move_to_end((name, text))
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            fresh = dict(zip(missing, embedder.encode(missing)))
            found.update(fresh)
            with self._lock:
                self._items.update(((name, t), v) for t, v in fresh.items())
                while len(self._items) > self.limit:
                    self._items.popitem(last=False)
        if not texts:
            return np.zeros((0, embedder.dim), dtype=np.float32)
        return np.stack([found[t] for t in texts])

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
