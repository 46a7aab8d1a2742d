"""Text -> vectors, and the vector index. Knows nothing of territories or Flask.

Only the light protocol layer is re-exported here, and lazily: `embeddings.settings` is read by
gunicorn's master before fork, which must not import numpy. Backends and the FAISS index are
imported from their own modules.
"""

from typing import Any

__all__ = ["Embedder", "default_embedder_spec", "get_embedder", "l2_normalise"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from embeddings import base

        return getattr(base, name)
    raise AttributeError(f"module 'embeddings' has no attribute {name!r}")
