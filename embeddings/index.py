"""Build, save, load and search a FAISS inner-product index with its payload and metadata."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from embeddings.fileio import replace_dir_atomic
from embeddings.index_files import read_index_dir, write_index_dir
from embeddings.index_meta import (
    REBUILD_HINT,
    IndexCorruptError,
    IndexMeta,
    IndexMismatchError,
    IndexNotFoundError,
    VectorIndexError,
)

log = logging.getLogger(__name__)

KINDS = ("flat", "hnsw", "ivf")
_NORM_TOLERANCE = 1e-3

# Exact search scans with faiss's own SIMD loop until the query batch is big enough, and only
# then calls one BLAS sgemm. Recent faiss (1.15 here) counts that size in query floats (nx * d,
# shipped 128000, i.e. 250 queries of dim 512); older faiss counted queries (shipped 20). Measured
# on 2 cores, 1e5 x 512: 100 queries took 0.65 s on the SIMD loop and 0.10 s with BLAS; the
# crossover is about 4 queries, and 1-3 queries are as fast or faster (up to 2x) on the SIMD loop.
# The setting is process-wide, so it is only ever lowered.
BLAS_FROM_QUERIES = 4
_TYPICAL_DIM = 512


def blas_threshold(shipped: int) -> int:
    """faiss's threshold making batches of BLAS_FROM_QUERIES queries (of dim 512) use BLAS."""
    counts_floats = shipped > 1000  # the shipped value tells which unit this faiss uses
    return min(shipped, BLAS_FROM_QUERIES * (_TYPICAL_DIM if counts_floats else 1))


faiss.cvar.distance_compute_blas_threshold = blas_threshold(faiss.cvar.distance_compute_blas_threshold)


@dataclass(frozen=True)
class AnnParams:
    """Approximate-search knobs: HNSW graph degree and beams, IVF lists and probes (0 = auto)."""

    m: int = 32
    ef_construction: int = 80
    ef_search: int = 64
    nlist: int = 0
    nprobe: int = 0
    seed: int = 0


def set_search_threads(n: int) -> None:
    """Cap faiss's OpenMP threads for the whole process (one per web worker avoids oversubscription).

    faiss's threads spin at barriers: with more busy threads than cores (several workers on
    2 cores), a 100-query exact search was measured up to 10x slower with 2 threads than with 1.
    """
    if n < 1:
        raise ValueError(f"thread count must be at least 1, got {n}")
    faiss.omp_set_num_threads(n)


class VectorIndex:
    """Unit vectors in a FAISS index, one JSON payload row per vector, and an `IndexMeta`."""

    def __init__(self, index: faiss.Index, payload: list[dict[str, Any]], meta: IndexMeta) -> None:
        self._index = index
        self.payload = payload
        self.meta = meta
        self.params = AnnParams(**meta.params)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    @classmethod
    def build(
        cls,
        vectors: np.ndarray,
        payload: Sequence[dict[str, Any]],
        embedder_name: str,
        data_hash: str,
        kind: str = "flat",
        extra: dict[str, Any] | None = None,
        params: AnnParams | None = None,
    ) -> VectorIndex:
        """Index `vectors` (L2-normalised rows, as `Embedder.encode` returns) with their payload."""
        if kind not in KINDS:
            raise ValueError(f"unknown index kind {kind!r}; valid kinds are {', '.join(KINDS)}")
        vectors = _check_vectors(vectors, payload)
        params = _resolve_params(params or AnnParams(), kind, len(vectors))
        index = _new_index(kind, vectors.shape[1], params)
        if kind == "ivf":
            index.train(_training_sample(vectors, params))
        index.add(vectors)
        meta = IndexMeta(
            embedder_name=embedder_name,
            dim=int(vectors.shape[1]),
            kind=kind,
            n_vectors=len(vectors),
            data_hash=data_hash,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            faiss_version=faiss.__version__,
            params=_kind_params(params, kind),
            extra=dict(extra or {}),
        )
        log.info("built %s index: %d vectors of dim %d", kind, len(vectors), meta.dim)
        return cls(index, [dict(row) for row in payload], meta)

    def stored_vectors(self) -> np.ndarray:
        """All indexed vectors, in row order (float32, (n, dim)); lets a caller rebuild a subset."""
        if self.meta.kind == "ivf":
            faiss.extract_index_ivf(self._index).make_direct_map()
        return np.asarray(self._index.reconstruct_n(0, self._index.ntotal), dtype=np.float32)

    def search(
        self, queries: np.ndarray, k: int, *, ef_search: int | None = None, nprobe: int | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Top-k rows per query: scores float32 (m, k), best first, and ids int64 (m, k).

        Missing slots (k larger than what the index returns) have id -1 and score -inf.
        `ef_search` / `nprobe` override the built-in values for this call only.
        """
        if k < 1:
            raise ValueError(f"k must be at least 1, got {k}")
        matrix = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        if matrix.ndim != 2 or matrix.shape[1] != self.dim:
            raise ValueError(f"queries must have shape (m, {self.dim}), got {np.shape(queries)}")
        scores, ids = self._index.search(matrix, k, params=self._search_params(ef_search, nprobe))
        scores[ids < 0] = -np.inf
        return scores.astype(np.float32, copy=False), ids.astype(np.int64, copy=False)

    def _search_params(self, ef_search: int | None, nprobe: int | None) -> faiss.SearchParameters | None:
        if self.meta.kind == "hnsw":
            return faiss.SearchParametersHNSW(efSearch=ef_search or self.params.ef_search)  # type: ignore[attr-defined,no-any-return]
        if self.meta.kind == "ivf":
            return faiss.SearchParametersIVF(nprobe=nprobe or self.params.nprobe)  # type: ignore[call-arg]
        return None

    def save(self, directory: str | Path) -> Path:
        """Write index, payload and meta to a temporary sibling, then swap it in atomically."""
        directory = Path(directory)
        written: dict[str, IndexMeta] = {}

        def fill(tmp: Path) -> None:
            written["meta"] = write_index_dir(tmp, self._index, self.payload, self.meta)

        replace_dir_atomic(directory, fill)
        self.meta = written["meta"]
        log.info("saved %s index (%d vectors) to %s", self.meta.kind, len(self), directory)
        return directory

    @classmethod
    def load(cls, directory: str | Path, embedder_name: str | None = None, dim: int | None = None) -> VectorIndex:
        """Load and verify an index; refuse it if it was built by another embedder than the live one."""
        directory = Path(directory)
        if not directory.is_dir():
            raise IndexNotFoundError(f"no index at {directory}; build it with `terrimatch index build`")
        index, payload, meta = read_index_dir(directory, lambda m: _check_live(directory, m, embedder_name, dim))
        return cls(index, payload, meta)


def _check_live(directory: Path, meta: IndexMeta, embedder_name: str | None, dim: int | None) -> None:
    """Raise IndexMismatchError when the live embedder differs from the one that built the index."""
    live_name = meta.embedder_name if embedder_name is None else embedder_name
    live_dim = meta.dim if dim is None else dim
    if (live_name, live_dim) != (meta.embedder_name, meta.dim):
        raise IndexMismatchError(
            f"index at {directory} was built with embedder {meta.embedder_name!r} (dim {meta.dim}) "
            f"but the live embedder is {live_name!r} (dim {live_dim}); {REBUILD_HINT}"
        )


def _check_vectors(vectors: np.ndarray, payload: Sequence[dict[str, Any]]) -> np.ndarray:
    """Return vectors as contiguous float32 after checking shape, payload length and norms."""
    matrix = np.ascontiguousarray(vectors, dtype=np.float32)
    if matrix.ndim != 2 or matrix.shape[0] == 0 or matrix.shape[1] == 0:
        raise ValueError(f"need a non-empty 2-D array of vectors, got shape {matrix.shape}")
    if len(payload) != len(matrix):
        raise ValueError(f"got {len(matrix)} vectors but {len(payload)} payload rows; give one row per vector")
    norms = np.linalg.norm(matrix, axis=1)
    # Inner product equals cosine only on unit rows; zero rows (empty texts) are allowed.
    bad = np.flatnonzero(~np.isfinite(norms) | ((np.abs(norms - 1) > _NORM_TOLERANCE) & (norms != 0)))
    if bad.size:
        raise ValueError(
            "vectors must be L2-normalised rows (as Embedder.encode returns): "
            f"row {bad[0]} has norm {norms[bad[0]]:.4g}"
        )
    return matrix


def _resolve_params(params: AnnParams, kind: str, n: int) -> AnnParams:
    """Fill the automatic IVF values: nlist ~ 4 sqrt(n), at least 39 points per list; nprobe ~ sqrt(nlist).

    nprobe ~ sqrt(nlist), at least 8, keeps recall@10 >= 0.95 with room to spare on clustered
    passage vectors (benchmarks/index_scale.py needed 8-12 probes at 1e4 and 1e5).
    """
    if kind != "ivf":
        return params
    nlist = params.nlist or max(1, min(round(4 * math.sqrt(n)), n // 39))
    nprobe = params.nprobe or max(8, round(math.sqrt(nlist)))
    return replace(params, nlist=nlist, nprobe=min(nprobe, nlist))


def _kind_params(params: AnnParams, kind: str) -> dict[str, int]:
    """The knobs that matter for `kind`, as stored in meta.json."""
    names = {"flat": (), "hnsw": ("m", "ef_construction", "ef_search"), "ivf": ("nlist", "nprobe", "seed")}[kind]
    return {name: getattr(params, name) for name in names}


def _new_index(kind: str, dim: int, params: AnnParams) -> faiss.Index:
    if kind == "hnsw":
        graph = faiss.IndexHNSWFlat(dim, params.m, faiss.METRIC_INNER_PRODUCT)
        graph.hnsw.efConstruction = params.ef_construction
        graph.hnsw.efSearch = params.ef_search
        return graph
    if kind == "ivf":
        # The IVF wrapper keeps a Python reference to its quantizer, so it is not freed early.
        lists = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, params.nlist, faiss.METRIC_INNER_PRODUCT)
        lists.nprobe = params.nprobe
        return lists
    return faiss.IndexFlatIP(dim)


def _training_sample(vectors: np.ndarray, params: AnnParams) -> np.ndarray:
    """At most 64 points per list: k-means gains little beyond, and its cost grows linearly."""
    size = min(len(vectors), 64 * params.nlist)
    if size == len(vectors):
        return vectors
    rows = np.random.default_rng(params.seed).choice(len(vectors), size=size, replace=False)
    return vectors[np.sort(rows)]


__all__ = [
    "AnnParams",
    "IndexCorruptError",
    "IndexMeta",
    "IndexMismatchError",
    "IndexNotFoundError",
    "VectorIndex",
    "VectorIndexError",
    "set_search_threads",
]
