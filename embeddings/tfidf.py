"""Lexical backend: a French-friendly TF-IDF fitted on the passage corpus, dense float32 rows."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

from embeddings.base import check_texts, l2_normalise
from embeddings.fileio import sha256_file, short_hash, write_file_atomic

log = logging.getLogger(__name__)

# Written accent-free and lowercase: sklearn compares stop words after its own preprocessing.
FRENCH_STOP_WORDS = frozenset(
    """a au aux avec ce ces cet cette dans de des du elle en est et etre il ils la le les leur
    leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se
    ses son sont sur ta te tes toi ton tu un une vos votre vous y d l j m n s t c qu""".split()
)
_ROWS_PER_CHUNK = 1024


class NotFittedError(RuntimeError):
    """The TF-IDF vocabulary does not exist yet."""


class TfidfEmbedder:
    """TfidfVectorizer (accents stripped, lowercase, word 1-2 grams, sublinear tf) as an Embedder."""

    def __init__(self, max_features: int = 20_000, min_df: int | float = 1, max_df: int | float = 1.0) -> None:
        self.vectorizer = TfidfVectorizer(
            strip_accents="unicode",
            lowercase=True,
            analyzer="word",
            ngram_range=(1, 2),
            sublinear_tf=True,
            stop_words=sorted(FRENCH_STOP_WORDS),
            max_features=max_features,
            min_df=min_df,
            max_df=max_df,
            dtype=np.float32,
        )
        self._name: str | None = None

    @property
    def fitted(self) -> bool:
        return hasattr(self.vectorizer, "idf_")

    def _require_fitted(self) -> None:
        if not self.fitted:
            raise NotFittedError(
                "the TF-IDF embedder is not fitted: call fit(texts) on the passage corpus "
                "or load a saved one with TfidfEmbedder.load(path)"
            )

    @property
    def name(self) -> str:
        """ "tfidf:<hash of vocabulary, idf weights and settings>"; "tfidf:unfitted" before `fit`."""
        if not self.fitted:
            return "tfidf:unfitted"
        if self._name is None:
            self._name = f"tfidf:{short_hash(self._fingerprint_parts())}"
        return self._name

    def _fingerprint_parts(self) -> Iterator[bytes]:
        yield "\n".join(self.vectorizer.get_feature_names_out()).encode()
        yield self.vectorizer.idf_.astype(np.float32).tobytes()
        params = self.vectorizer.get_params()
        yield json.dumps({k: repr(v) for k, v in sorted(params.items())}).encode()

    @property
    def dim(self) -> int:
        """Vocabulary size; 0 before `fit`."""
        return len(self.vectorizer.vocabulary_) if self.fitted else 0

    def fit(self, texts: Sequence[str]) -> TfidfEmbedder:
        """Learn the vocabulary and idf weights from `texts`; returns self."""
        texts = check_texts(texts)
        if not texts:
            raise ValueError("cannot fit the TF-IDF embedder on an empty corpus")
        self.vectorizer.fit(texts)
        self._name = None
        log.info("fitted TF-IDF on %d texts: %d features", len(texts), self.dim)
        return self

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Dense float32 rows, densified chunk by chunk; a text with no known word is a zero row."""
        texts = check_texts(texts)
        self._require_fitted()
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), _ROWS_PER_CHUNK):
            sparse = self.vectorizer.transform(texts[start : start + _ROWS_PER_CHUNK])
            out[start : start + sparse.shape[0]] = l2_normalise(sparse.toarray())
        return out

    def save(self, path: str | Path) -> Path:
        """Write the vectorizer with joblib and, beside it, `<path>.json` holding its sha256."""
        self._require_fitted()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file_atomic(path, lambda tmp: joblib.dump(self.vectorizer, tmp))
        meta = {"name": self.name, "dim": self.dim, "sha256": sha256_file(path), "scikit_learn": sklearn.__version__}
        write_file_atomic(_meta_path(path), lambda tmp: tmp.write_text(json.dumps(meta, indent=2)))
        return path

    @classmethod
    def load(cls, path: str | Path) -> TfidfEmbedder:
        """Load a saved embedder, checking the file's sha256 before unpickling it (a pickle is code)."""
        path = Path(path)
        for required in (path, _meta_path(path)):
            if not required.is_file():
                raise FileNotFoundError(f"TF-IDF file {required} is missing; refit and save the embedder")
        meta: dict[str, Any] = json.loads(_meta_path(path).read_text())
        if sha256_file(path) != meta.get("sha256"):
            raise ValueError(f"TF-IDF file {path} is corrupt or was changed (sha256 mismatch); refit it")
        embedder = cls()
        embedder.vectorizer = joblib.load(path)
        if embedder.name != meta.get("name"):
            raise ValueError(f"TF-IDF file {path} does not match its metadata name {meta.get('name')!r}")
        return embedder


def _meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")
