"""VectorIndex: build, search, and the metadata it carries, for each kind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import faiss
import numpy as np
import pytest

from embeddings.index import KINDS, AnnParams, VectorIndex, blas_threshold, set_search_threads


def payload_for(labels: np.ndarray) -> list[dict[str, object]]:
    return [{"row": i, "group": f"g{label}", "text": f"passage {i}"} for i, label in enumerate(labels.tolist())]


@pytest.fixture(scope="module", params=KINDS)
def built(request: pytest.FixtureRequest, clustered: tuple[np.ndarray, np.ndarray]) -> VectorIndex:
    vectors, labels = clustered
    return VectorIndex.build(vectors, payload_for(labels), "test-embedder", "data-1", kind=request.param)


def exact_top_k(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    return np.argsort(-(queries @ vectors.T), axis=1, kind="stable")[:, :k]


def test_a_stored_vector_finds_itself_first(built: VectorIndex, clustered: tuple[np.ndarray, np.ndarray]) -> None:
    vectors, _ = clustered
    scores, ids = built.search(vectors, 1)
    assert scores.dtype == np.float32 and ids.dtype == np.int64 and ids.shape == (len(vectors), 1)
    hit_rate = float(np.mean(ids[:, 0] == np.arange(len(vectors))))
    assert hit_rate == 1.0 if built.meta.kind == "flat" else hit_rate >= 0.95
    np.testing.assert_allclose(scores[ids[:, 0] == np.arange(len(vectors)), 0], 1.0, atol=1e-5)


def test_recall_at_10_against_exact_search(built: VectorIndex, clustered: tuple[np.ndarray, np.ndarray]) -> None:
    vectors, _ = clustered
    queries = clustered_queries(vectors)
    _, ids = built.search(queries, 10)
    truth = exact_top_k(vectors, queries, 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(ids.tolist(), truth.tolist(), strict=True)])
    assert recall == 1.0 if built.meta.kind == "flat" else recall >= 0.9


def clustered_queries(vectors: np.ndarray) -> np.ndarray:
    rng = np.random.default_rng(1)
    queries = vectors[:50] + 0.05 * rng.standard_normal((50, vectors.shape[1])).astype(np.float32)
    return queries / np.linalg.norm(queries, axis=1, keepdims=True)


def test_stored_vectors_come_back_in_row_order(built: VectorIndex, clustered: tuple[np.ndarray, np.ndarray]) -> None:
    stored = built.stored_vectors()
    assert stored.dtype == np.float32
    np.testing.assert_array_equal(stored, clustered[0])
    assert built.search(clustered[0][:3], 1)[1][:, 0].tolist() == [0, 1, 2]


def test_flat_scores_are_exact_inner_products(clustered: tuple[np.ndarray, np.ndarray]) -> None:
    vectors, labels = clustered
    index = VectorIndex.build(vectors, payload_for(labels), "e", "d")
    queries = clustered_queries(vectors)
    scores, ids = index.search(queries, 5)
    np.testing.assert_array_equal(ids, exact_top_k(vectors, queries, 5))
    np.testing.assert_allclose(scores, np.take_along_axis(queries @ vectors.T, ids, axis=1), atol=1e-5)


def test_k_beyond_the_index_pads_with_minus_one_and_minus_inf() -> None:
    vectors = np.eye(3, 4, dtype=np.float32)
    index = VectorIndex.build(vectors, [{}, {}, {}], "e", "d")
    scores, ids = index.search(vectors[0], 5)
    assert ids.shape == (1, 5)
    assert ids[0, 0] == 0 and sorted(ids[0, :3].tolist()) == [0, 1, 2]
    assert ids[0, 3:].tolist() == [-1, -1] and np.isneginf(scores[0, 3:]).all()


def test_meta_records_what_built_the_index(clustered: tuple[np.ndarray, np.ndarray]) -> None:
    vectors, labels = clustered
    index = VectorIndex.build(vectors, payload_for(labels), "e", "d", kind="ivf", extra={"scope": "x"})
    meta = index.meta
    assert (meta.embedder_name, meta.dim, meta.kind, meta.n_vectors, meta.data_hash) == ("e", 32, "ivf", 600, "d")
    assert meta.faiss_version == faiss.__version__ and meta.extra == {"scope": "x"}
    assert abs(datetime.fromisoformat(meta.created_at) - datetime.now(UTC)) < timedelta(minutes=1)
    # nlist ~ 4 sqrt(n), capped so each list keeps at least 39 training points.
    assert meta.params["nlist"] == 600 // 39 and 1 <= meta.params["nprobe"] <= meta.params["nlist"]


def test_search_overrides_apply_to_one_call(clustered: tuple[np.ndarray, np.ndarray]) -> None:
    vectors, labels = clustered
    index = VectorIndex.build(vectors, payload_for(labels), "e", "d", kind="ivf", params=AnnParams(nprobe=1))
    queries = clustered_queries(vectors)
    _, narrow = index.search(queries, 10)
    _, wide = index.search(queries, 10, nprobe=index.params.nlist)
    np.testing.assert_array_equal(wide, exact_top_k(vectors, queries, 10))
    assert index.params.nprobe == 1 and not np.array_equal(narrow, wide)


@pytest.mark.parametrize(
    "vectors, payload, kind, message",
    [
        (np.ones((2, 3), dtype=np.float32), [{}, {}], "flat", "row 0 has norm 1.732"),
        (np.eye(2, dtype=np.float32), [{}], "flat", "2 vectors but 1 payload rows"),
        (np.zeros((0, 4), dtype=np.float32), [], "flat", "non-empty 2-D"),
        (np.eye(2, dtype=np.float32), [{}, {}], "annoy", "valid kinds are flat, hnsw, ivf"),
        (np.array([[np.nan, 0.0]], dtype=np.float32), [{}], "flat", "row 0 has norm nan"),
    ],
)
def test_bad_input_is_refused(vectors: np.ndarray, payload: list[dict[str, object]], kind: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        VectorIndex.build(vectors, payload, "e", "d", kind=kind)


def test_zero_rows_are_allowed_and_queries_of_the_wrong_dim_refused() -> None:
    index = VectorIndex.build(np.array([[1.0, 0.0], [0.0, 0.0]], dtype=np.float32), [{}, {}], "e", "d")
    with pytest.raises(ValueError, match=r"shape \(m, 2\)"):
        index.search(np.ones((1, 3), dtype=np.float32), 1)
    with pytest.raises(ValueError, match="k must be at least 1"):
        index.search(np.ones(2, dtype=np.float32), 0)


def test_exact_batches_use_blas_from_four_queries() -> None:
    # faiss 1.15 ships 128000 query floats (250 queries of dim 512); older faiss shipped 20 queries.
    assert blas_threshold(128_000) == 4 * 512
    assert blas_threshold(20) == 4
    assert blas_threshold(2) == 2
    assert faiss.cvar.distance_compute_blas_threshold in (4, 4 * 512)


def test_saved_files_round_trip(built: VectorIndex, tmp_path: Path, clustered: tuple[np.ndarray, np.ndarray]) -> None:
    vectors, _ = clustered
    built.save(tmp_path / "idx")
    loaded = VectorIndex.load(tmp_path / "idx", embedder_name="test-embedder", dim=32)
    assert loaded.payload == built.payload and loaded.meta == built.meta
    assert loaded.params == built.params
    np.testing.assert_array_equal(loaded.search(vectors[:20], 5)[1], built.search(vectors[:20], 5)[1])


def test_search_threads_can_be_capped() -> None:
    saved = faiss.omp_get_max_threads()
    try:
        set_search_threads(1)
        assert faiss.omp_get_max_threads() == 1
    finally:
        faiss.omp_set_num_threads(saved)
    with pytest.raises(ValueError, match="at least 1"):
        set_search_threads(0)


@pytest.mark.parametrize("kind", ["flat", "hnsw", "ivf"])
def test_stored_vectors_give_back_what_was_indexed(kind: str, clustered: tuple[np.ndarray, np.ndarray]) -> None:
    vectors = clustered[0][:2000]
    index = VectorIndex.build(vectors, [{"i": i} for i in range(len(vectors))], "emb", "h", kind=kind)
    np.testing.assert_allclose(index.stored_vectors(), vectors, atol=1e-6)
