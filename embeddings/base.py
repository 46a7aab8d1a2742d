"""The Embedder protocol, the row normaliser every backend shares, and the factory."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

from embeddings.settings import EMBEDDER

ENV_VAR = EMBEDDER.name
DEFAULT_SPEC = EMBEDDER.default
VALID_SPECS = ("use", "sbert:/path/to/local/folder", "tfidf", "tfidf:/path/to/saved.joblib")


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 rows; `name` changes whenever the model does."""

    @property
    def name(self) -> str:
        """Stable identifier of the model; an index built with another name is refused."""
        ...

    @property
    def dim(self) -> int:
        """Length of every vector `encode` returns."""
        ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return a float32 array of shape (len(texts), dim) with unit (or zero) rows."""
        ...


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Return float32 rows scaled to unit length; all-zero rows stay zero instead of NaN."""
    out = np.asarray(vectors, dtype=np.float32)
    if out.ndim != 2:
        raise ValueError(f"expected a 2-D array of vectors, got shape {out.shape}")
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    # Dividing by 1 leaves a zero row at zero: an empty text must not poison scores with NaN.
    return np.ascontiguousarray(out / np.where(norms > 0, norms, 1.0), dtype=np.float32)


def check_texts(texts: Sequence[str]) -> list[str]:
    """Return texts as a list, refusing a bare string (which would be encoded char by char)."""
    if isinstance(texts, str):
        raise TypeError("encode() takes a sequence of texts, not a single string: wrap it in a list")
    texts = list(texts)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"text {i} is a {type(text).__name__}, not a str")
    return texts


def default_embedder_spec() -> str:
    """The spec named by $TERRIMATCH_EMBEDDER, or "use" when it is unset or blank."""
    return EMBEDDER.get()


def get_embedder(spec: str | None = None, **kwargs: Any) -> Embedder:
    """Build the embedder named by `spec` (default: `default_embedder_spec()`).

    Specs: "use", "sbert:<local folder>", "tfidf" (unfitted: call `fit`) or
    "tfidf:<file saved by TfidfEmbedder.save>". Keyword arguments go to the backend.
    """
    spec = (spec or default_embedder_spec()).strip()
    kind, _, arg = spec.partition(":")
    # Backends are imported here so that choosing one never pays for the others' imports.
    if kind == "use" and not arg:
        from embeddings.use import UseEmbedder

        return UseEmbedder(**kwargs)
    if kind == "sbert" and arg:
        from embeddings.sbert import SbertEmbedder

        return SbertEmbedder(arg, **kwargs)
    if kind == "tfidf":
        from embeddings.tfidf import TfidfEmbedder

        return TfidfEmbedder.load(arg, **kwargs) if arg else TfidfEmbedder(**kwargs)
    raise ValueError(
        f"unknown embedder spec {spec!r} (from the argument or ${ENV_VAR}); "
        f"valid choices are: {', '.join(repr(s) for s in VALID_SPECS)}"
    )
