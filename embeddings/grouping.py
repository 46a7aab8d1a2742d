"""Search that returns the best distinct groups (rows sharing a payload value), not raw rows."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import numpy as np

from embeddings.index import VectorIndex


@dataclass(frozen=True)
class GroupHit:
    """One group for one query: its key, its best score and its best rows (best first)."""

    key: Hashable
    score: float
    rows: tuple[int, ...]
    scores: tuple[float, ...]


def search_grouped(
    index: VectorIndex, queries: np.ndarray, n_groups: int, key: str, per_group: int = 1, **search_kw: Any
) -> list[list[GroupHit]]:
    """For each query, the `n_groups` groups (rows with the same `payload[key]`) with the best rows.

    Groups are ranked by their best row. The search widens (x4) until every query has
    `n_groups` groups each holding `per_group` rows, or until it has seen the whole index.
    """
    if n_groups < 1 or per_group < 1:
        raise ValueError(f"n_groups and per_group must be at least 1, got {n_groups} and {per_group}")
    matrix = np.atleast_2d(queries)
    fetch = min(len(index), max(32, 4 * n_groups * per_group))
    while True:
        scores, ids = index.search(matrix, fetch, **search_kw)
        results = [
            _group_rows(index, row_scores, row_ids, key, per_group)[:n_groups]
            for row_scores, row_ids in zip(scores, ids, strict=True)
        ]
        complete = all(len(r) == n_groups and all(len(h.rows) == per_group for h in r) for r in results)
        if complete or fetch >= len(index):
            return results
        fetch = min(len(index), fetch * 4)


def _group_rows(index: VectorIndex, scores: np.ndarray, ids: np.ndarray, key: str, per_group: int) -> list[GroupHit]:
    """Fold one query's ranked rows into groups, keeping the first (best) group order."""
    grouped: dict[Hashable, list[tuple[int, float]]] = {}
    for row, score in zip(ids.tolist(), scores.tolist(), strict=True):
        if row < 0:
            break
        if key not in index.payload[row]:
            raise ValueError(f"payload row {row} has no key {key!r} to group by")
        hits = grouped.setdefault(index.payload[row][key], [])
        if len(hits) < per_group:
            hits.append((row, score))
    return [
        GroupHit(key=group, score=hits[0][1], rows=tuple(r for r, _ in hits), scores=tuple(s for _, s in hits))
        for group, hits in grouped.items()
    ]
