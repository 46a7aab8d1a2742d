"""A thread-safe LRU of computed values, filled a batch at a time: only keys not seen before are computed.

Web workers serve several requests at once, and the expensive work (encoding texts, ranking
projects) is cheaper in one batch than key by key, which functools.lru_cache cannot do.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Generic, TypeVar

from cachetools import LRUCache

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BatchCache(Generic[K, V]):
    def __init__(self, limit: int) -> None:
        self._items: LRUCache[K, V] = LRUCache(maxsize=limit)
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[K], compute: Callable[[list[K]], Iterable[V]]) -> list[V]:
        """The value of each key; `compute` gets the missing keys, once each, in one call."""
        with self._lock:  # reading an entry makes it the most recently used
            found = {key: self._items[key] for key in keys if key in self._items}
        missing = [key for key in dict.fromkeys(keys) if key not in found]
        if missing:
            fresh = dict(zip(missing, compute(missing), strict=True))
            found.update(fresh)
            with self._lock:
                self._items.update(fresh)
        return [found[key] for key in keys]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
