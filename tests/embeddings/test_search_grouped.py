"""search_grouped: the best distinct payload groups per query."""

from __future__ import annotations

import numpy as np
import pytest

from embeddings.grouping import search_grouped
from embeddings.index import VectorIndex


@pytest.fixture(scope="module")
def grouped_index(clustered: tuple[np.ndarray, np.ndarray]) -> VectorIndex:
    vectors, labels = clustered
    # Groups cut across clusters, so a group's rows are scattered in the ranking.
    payload = [{"group": f"g{(i * 7) % 40}", "label": int(label)} for i, label in enumerate(labels)]
    return VectorIndex.build(vectors, payload, "e", "d")


def brute_force_groups(
    index: VectorIndex, vectors: np.ndarray, query: np.ndarray, per_group: int
) -> dict[str, list[int]]:
    order = np.argsort(-(vectors @ query), kind="stable")
    groups: dict[str, list[int]] = {}
    for row in order.tolist():
        rows = groups.setdefault(index.payload[row]["group"], [])
        if len(rows) < per_group:
            rows.append(row)
    return groups


def test_groups_match_brute_force(grouped_index: VectorIndex, clustered: tuple[np.ndarray, np.ndarray]) -> None:
    vectors, _ = clustered
    results = search_grouped(grouped_index, vectors[:5], n_groups=6, key="group", per_group=3)
    assert len(results) == 5
    for query, hits in zip(vectors[:5], results, strict=True):
        expected = list(brute_force_groups(grouped_index, vectors, query, 3).items())[:6]
        assert [(h.key, list(h.rows)) for h in hits] == expected
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        assert all(h.score == h.scores[0] for h in hits)


def test_more_groups_than_exist_returns_all_of_them(
    grouped_index: VectorIndex, clustered: tuple[np.ndarray, np.ndarray]
) -> None:
    vectors, _ = clustered
    (hits,) = search_grouped(grouped_index, vectors[0], n_groups=100, key="label")
    assert len(hits) == 12 and len({h.key for h in hits}) == 12


def test_a_missing_group_key_is_named(grouped_index: VectorIndex, clustered: tuple[np.ndarray, np.ndarray]) -> None:
    with pytest.raises(ValueError, match="has no key 'basin'"):
        search_grouped(grouped_index, clustered[0][0], n_groups=2, key="basin")
