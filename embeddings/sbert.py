"""sentence-transformers backend, from a local folder only: offline, no remote code."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from embeddings.base import check_texts, l2_normalise
from embeddings.fileio import sha256_file, short_hash

log = logging.getLogger(__name__)


def _model_files(folder: Path) -> Iterator[Path]:
    """Files that decide the vectors: everything but hidden entries and the model card."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not any(p.startswith(".") for p in relative.parts) and path.name != "README.md":
            yield path


def folder_fingerprint(folder: Path) -> str:
    """Short hash over the relative names and bytes of the model's weights and configs."""

    def parts() -> Iterator[bytes]:
        for path in _model_files(folder):
            yield str(path.relative_to(folder)).encode()
            yield sha256_file(path).encode()

    return short_hash(parts())


class SbertEmbedder:
    """A sentence-transformers model read from an existing local directory."""

    def __init__(self, folder: str | Path, device: str = "cpu", batch_size: int = 32) -> None:
        path = Path(folder).expanduser()
        # Checked before importing anything: a hub id such as "org/model" must never reach
        # sentence-transformers, which would try to download it.
        if not path.is_dir():
            raise ValueError(
                f"sbert model folder {str(folder)!r} is not an existing directory; "
                "give the path of a sentence-transformers model saved on this machine "
                "(models are never downloaded)"
            )
        path = path.resolve()
        # Imported here only: sentence-transformers (and torch) take seconds to import.
        from sentence_transformers import SentenceTransformer

        log.info("loading sentence-transformers model from %s", path)
        self._model: Any = SentenceTransformer(str(path), device=device, trust_remote_code=False, local_files_only=True)
        self.batch_size = batch_size
        # Renamed in sentence-transformers 6; the old name still works on 3.x-5.x.
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        dim = get_dim()
        if dim is None:
            raise ValueError(f"sbert model at {path} does not report its embedding dimension; add a Pooling module")
        self.dim = int(dim)
        self.name = f"sbert:{path.name}@{folder_fingerprint(path)}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode texts with the model's own batching; rows come back unit-normalised."""
        texts = check_texts(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return l2_normalise(vectors)
