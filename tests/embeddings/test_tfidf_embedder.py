"""The TF-IDF backend: fitting, French preprocessing, persistence with a checked hash."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from embeddings.base import Embedder, get_embedder
from embeddings.tfidf import NotFittedError, TfidfEmbedder

CORPUS = [
    "La filière forêt-bois du bassin : scieries, exploitation forestière et panneaux de bois.",
    "Les banques et les assurances emploient de nombreux cadres dans le tertiaire.",
    "L'industrie métallurgique recrute des soudeurs et des chaudronniers.",
    "Le tourisme de plage et l'hôtellerie font vivre le littoral en été.",
]


@pytest.fixture(scope="module")
def fitted() -> TfidfEmbedder:
    return TfidfEmbedder().fit(CORPUS)


def test_encode_gives_unit_float32_rows_and_zero_for_unknown_words(fitted: TfidfEmbedder) -> None:
    vectors = fitted.encode(["une scierie de panneaux de bois", "zzz qwerty", ""])
    assert isinstance(fitted, Embedder)
    assert vectors.shape == (3, fitted.dim) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), [1.0, 0.0, 0.0], atol=1e-6)


def test_accents_case_and_stop_words_do_not_matter(fitted: TfidfEmbedder) -> None:
    a, b = fitted.encode(["La FORÊT et les SCIERIES", "foret scieries"])
    np.testing.assert_allclose(a, b, atol=1e-6)


def test_nearest_passage_is_the_lexical_match(fitted: TfidfEmbedder) -> None:
    passages = fitted.encode(CORPUS)
    query = fitted.encode(["recrutement de soudeurs pour l'industrie"])[0]
    assert int(np.argmax(passages @ query)) == 2


def test_unfitted_encode_says_how_to_fix_it() -> None:
    embedder = get_embedder("tfidf")
    assert (embedder.name, embedder.dim) == ("tfidf:unfitted", 0)
    with pytest.raises(NotFittedError, match=r"call fit\(texts\)"):
        embedder.encode(["bois"])


def test_empty_corpus_is_refused() -> None:
    with pytest.raises(ValueError, match="empty corpus"):
        TfidfEmbedder().fit([])


def test_name_depends_on_the_corpus(fitted: TfidfEmbedder) -> None:
    assert fitted.name.startswith("tfidf:") and fitted.name != "tfidf:unfitted"
    assert TfidfEmbedder().fit(CORPUS).name == fitted.name
    assert TfidfEmbedder().fit(CORPUS[:3]).name != fitted.name


def test_save_load_round_trip_gives_identical_vectors(fitted: TfidfEmbedder, tmp_path: Path) -> None:
    path = fitted.save(tmp_path / "tfidf.joblib")
    loaded = get_embedder(f"tfidf:{path}")
    assert (loaded.name, loaded.dim) == (fitted.name, fitted.dim)
    np.testing.assert_array_equal(loaded.encode(CORPUS), fitted.encode(CORPUS))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tfidf.joblib", "tfidf.joblib.json"]


def test_a_changed_file_is_refused_before_unpickling(fitted: TfidfEmbedder, tmp_path: Path) -> None:
    path = fitted.save(tmp_path / "tfidf.joblib")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError, match=r"tfidf\.joblib is corrupt or was changed"):
        TfidfEmbedder.load(path)


def test_a_missing_metadata_file_is_named(fitted: TfidfEmbedder, tmp_path: Path) -> None:
    path = fitted.save(tmp_path / "tfidf.joblib")
    (tmp_path / "tfidf.joblib.json").unlink()
    with pytest.raises(FileNotFoundError, match=r"tfidf\.joblib\.json is missing"):
        TfidfEmbedder.load(path)
