"""Pick the embedder from a spec; the lexical backend is fitted on the passages it will search."""

from __future__ import annotations

from embeddings.base import Embedder, default_embedder_spec, get_embedder
from matcher.home import home_path
from matcher.search.passage_index import all_passages
from matcher.territory.loading import Territories


def resolve_embedder(spec: str | None, territories: Territories) -> Embedder:
    """`get_embedder(spec)`, except that plain "tfidf" means the TF-IDF fitted on the current CVs.

    The fitted vocabulary is saved per territory-data hash, so an import or edit refits it.
    """
    spec = (spec or default_embedder_spec()).strip()
    if spec != "tfidf":
        return get_embedder(spec)
    path = home_path("index", f"tfidf-{territories.data_hash}.joblib")
    if path.exists():
        return get_embedder(f"tfidf:{path}")
    embedder = get_embedder("tfidf")
    embedder.fit([p.text for p in all_passages(territories)])  # type: ignore[attr-defined]
    embedder.save(path)  # type: ignore[attr-defined]
    return embedder
