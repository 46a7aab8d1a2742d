"""Text -> vectors, and the vector index. Knows nothing of territories or Flask.

Nothing is imported here: `embeddings.settings` is read by gunicorn's master before fork, which must
not import numpy. Import from the modules themselves (`embeddings.base`, `embeddings.index`, ...).
"""
