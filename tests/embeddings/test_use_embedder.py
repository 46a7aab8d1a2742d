"""The default USE backend: contract, batching, and behaviour on French and cross-lingual text."""

from __future__ import annotations

import numpy as np
import pytest

from embeddings.use import UseEmbedder

SAWMILL_QUERY = "Nous voulons implanter une scierie et une usine de panneaux de bois."
FORESTRY = (
    "Le bassin compte de vastes forêts exploitées et une filière bois active : exploitation "
    "forestière, sciage, menuiserie et fabrication de panneaux."
)
BANKING = "Le secteur tertiaire est dominé par les banques, les assurances et les services financiers."
WELDERS_FR = "Le bassin d'emploi manque de soudeurs qualifiés pour ses usines métallurgiques."
WELDERS_DE = "Dem regionalen Arbeitsmarkt fehlen qualifizierte Schweißer für seine Metallfabriken."
WELDERS_EN = "The local labour market lacks skilled welders for its metalworking plants."
UNRELATED = "Le festival de musique attire chaque été des milliers de touristes sur la plage."


@pytest.fixture(scope="module")
def use() -> UseEmbedder:  # loading the shipped model takes a second or two: the tests that take it are slow
    return UseEmbedder()


@pytest.mark.slow
def test_encode_returns_unit_float32_rows_even_for_empty_text(use: UseEmbedder) -> None:
    vectors = use.encode([SAWMILL_QUERY, "", "123"])
    assert vectors.shape == (3, 512) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.isfinite(vectors).all()


@pytest.mark.slow
def test_encode_of_nothing_is_an_empty_matrix(use: UseEmbedder) -> None:
    assert use.encode([]).shape == (0, 512)


@pytest.mark.slow
def test_model_loads_on_first_encode_only() -> None:
    embedder = UseEmbedder()
    assert embedder._model is None
    embedder.encode(["bois"])
    assert embedder._model is not None


@pytest.mark.slow
def test_small_batches_give_the_same_vectors(use: UseEmbedder, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [SAWMILL_QUERY, FORESTRY, BANKING, WELDERS_FR, UNRELATED]
    whole = use.encode(texts)
    monkeypatch.setattr(use, "batch_size", 2)
    np.testing.assert_allclose(use.encode(texts), whole, atol=1e-5)


def test_denoise_option_changes_the_name() -> None:
    assert UseEmbedder(denoise=True).name != UseEmbedder().name


@pytest.mark.slow
def test_sawmill_project_is_closer_to_forestry_than_to_banking(use: UseEmbedder) -> None:
    query, forestry, banking = use.encode([SAWMILL_QUERY, FORESTRY, BANKING])
    assert query @ forestry > query @ banking + 0.1


@pytest.mark.slow
def test_german_and_english_paraphrases_land_near_the_french_sentence(use: UseEmbedder) -> None:
    french, german, english, unrelated = use.encode([WELDERS_FR, WELDERS_DE, WELDERS_EN, UNRELATED])
    assert french @ german > french @ unrelated + 0.2
    assert french @ english > french @ unrelated + 0.2
