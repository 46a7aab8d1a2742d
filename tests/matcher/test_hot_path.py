"""The match hot path's shortcuts give the same numbers as the slow way: TF-IDF rows, cached vectors, needs."""

from __future__ import annotations

import numpy as np
import pytest

from embeddings.sparse_tfidf import tfidf_rows
from matcher.project.need_vocabulary import evidence_for, needs_in_text
from matcher.search.lexical_scorers import char_vectorizer, whole_cv_vectorizer, word_vectorizer
from matcher.search.stage_timing import recording, stage
from matcher.search.vector_cache import VectorCache

CORPUS = [
    "Scierie et fabrication de panneaux de particules en bois.",
    "Embranchement ferroviaire et port fluvial à grand gabarit.",
    "Lycée professionnel : soudeurs, chaudronniers, usineurs.",
]
TEXTS = ["Usine de panneaux en bois avec accès ferroviaire", "", "zzzz", "Chaudronnerie, soudure, usinage !"]


def test_tfidf_rows_equal_scikit_learn_transform_bit_for_bit():
    for vectorizer in (
        char_vectorizer(),
        char_vectorizer().set_params(dtype=np.float64, max_df=1.0),
        whole_cv_vectorizer(),
        word_vectorizer().set_params(max_df=1.0),
    ):
        vectorizer.fit(CORPUS)
        expected = vectorizer.transform(TEXTS)
        got = tfidf_rows(vectorizer, vectorizer.build_analyzer(), TEXTS)
        assert got.dtype == expected.dtype and got.shape == expected.shape
        assert np.array_equal(got.indptr, expected.indptr) and np.array_equal(got.indices, expected.indices)
        assert np.array_equal(got.data, expected.data)


class CountingEmbedder:
    """The real USE embedder, counting the texts it is asked to encode."""

    def __init__(self, inner):
        self.inner, self.encoded = inner, []
        self.name, self.dim = inner.name, inner.dim

    def encode(self, texts):
        self.encoded.extend(texts)
        return self.inner.encode(texts)


@pytest.fixture(scope="module")
def use():  # loading the shipped model takes a second or two: the tests that take it are slow
    from embeddings.use import UseEmbedder

    return UseEmbedder()


@pytest.mark.slow
def test_vector_cache_encodes_each_text_once_and_returns_its_vector(use):
    embedder, cache = CountingEmbedder(use), VectorCache(limit=10)
    first = cache.encode(embedder, ["bois", "acier", "bois"])
    again = cache.encode(embedder, ["acier", "verre"])
    assert embedder.encoded == ["bois", "acier", "verre"]
    assert np.array_equal(first[0], first[2]) and np.array_equal(first[1], again[0])
    np.testing.assert_allclose(again[1], use.encode(["verre"])[0], atol=1e-5)
    assert cache.encode(embedder, []).shape == (0, use.dim)


@pytest.mark.slow
def test_vector_cache_drops_the_least_recently_used(use):
    embedder, cache = CountingEmbedder(use), VectorCache(limit=2)
    cache.encode(embedder, ["a1", "b2"])
    cache.encode(embedder, ["a1"])  # b2 is now the oldest
    cache.encode(embedder, ["c3"])
    cache.encode(embedder, ["a1", "b2"])
    assert embedder.encoded == ["a1", "b2", "c3", "b2"]


def test_needs_caches_answer_like_the_patterns():
    facts = ["Zone d'activités de 40 ha.", "Embranchement ferroviaire sur le site."]
    assert evidence_for("rail", facts) == facts[1]
    assert evidence_for("rail", list(reversed(facts))) == facts[1]
    assert evidence_for("airport", facts) is None
    assert needs_in_text("Besoin d'un accès ferroviaire et de vapeur") == {"rail", "industrial_heat"}


def test_stages_are_timed_only_while_recording():
    with stage("embed"):
        pass
    with recording() as totals:
        with stage("embed"):
            sum(range(1000))
        with stage("embed"):
            pass
    with stage("embed"):
        pass
    assert set(totals) == {"embed"} and totals["embed"] > 0
