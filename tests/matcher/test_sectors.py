"""The sector of a project: the given NAF code, else inferred from the text in French, German or English."""

import numpy as np
import pytest

from matcher.project.naf_labels import best_codes, label_word_scores
from matcher.project.record import project_from_mapping
from matcher.project.sector_choice import infer_sectors, label_vectors, project_sectors

# Texts a company might write without knowing its NAF code, and the sub-class a person would pick.
TEXTS = {
    "Wir betreiben ein Sägewerk und wollen ein zweites Werk für Schnittholz und Hobelware bauen.": "16.10A",
    "Wir stellen Käse und Joghurt her und suchen einen Standort für eine neue Molkerei.": "10.51C",
    "Wir produzieren Batteriezellen für Elektroautos.": "27.20Z",
    "We want to make pharmaceutical tablets and capsules.": "21.20Z",
    "Nous fabriquons des fromages et des yaourts et cherchons un site pour une nouvelle laiterie.": "10.51C",
}


@pytest.fixture(scope="module")
def guesses(matcher):  # the USE encoder: what these tests check is its reading of the texts
    texts = list(TEXTS)
    return infer_sectors(texts, matcher.embedder.encode(texts), matcher.embedder)


@pytest.mark.slow
def test_the_sector_is_inferred_in_french_german_and_english(guesses):
    assert [g.code.code for g in guesses] == list(TEXTS.values())


def test_words_alone_miss_a_german_text_that_the_embedding_places():
    # What the embedding adds: the labels are French, and "Sägewerk" shares no word with "sciage".
    (guess,) = best_codes(label_word_scores([next(iter(TEXTS))]))
    assert guess.code.division_code != "16"


@pytest.mark.slow  # the inferred code is the USE encoder's reading of the text
def test_a_given_code_is_kept_and_only_missing_ones_are_inferred(matcher):
    given = project_from_mapping({"description": "Nous voulons une usine de fromages.", "naf_code": "24.51Z"})
    bare = project_from_mapping({"description": "Nous voulons une usine de fromages."})
    vectors = matcher.embedder.encode([given.text, bare.text])
    kept, inferred = project_sectors([given, bare], vectors, matcher.embedder)
    assert (kept.code, kept.inferred) == ("24.51Z", False)
    assert (inferred.code, inferred.inferred) == ("10.51C", True)


class CountingEmbedder:
    """Deterministic vectors; counts how many texts it was asked to encode."""

    name, dim = "counting-test-embedder", 4

    def __init__(self):
        self.encoded = 0

    def encode(self, texts):
        self.encoded += len(texts)
        return np.array([[len(t), t.count("a"), t.count("e"), 1.0] for t in texts], dtype=np.float32)


def test_label_vectors_are_encoded_once_then_read_from_disk(fresh_home):
    first = CountingEmbedder()
    vectors = label_vectors(first)
    assert vectors.shape == (732, 4) and first.encoded == 732
    label_vectors.cache.clear()  # as a new process would start
    second = CountingEmbedder()
    np.testing.assert_array_equal(label_vectors(second), vectors)
    assert second.encoded == 0
