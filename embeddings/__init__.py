"""Text -> vectors, and the vector index. Knows nothing of territories or Flask.

Only the light protocol layer is re-exported here: backends and the FAISS index
are imported from their own modules so that importing the package stays cheap.
"""

from embeddings.base import Embedder, default_embedder_spec, get_embedder, l2_normalise

__all__ = ["Embedder", "default_embedder_spec", "get_embedder", "l2_normalise"]
