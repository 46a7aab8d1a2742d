"""Which language a project is written in, and what its ranking's reader is told."""

import json

import pytest

from matcher.project.language import detect_language, language_warning
from training.case_files import DEV_CASES, FRANCE_CASES, translated


@pytest.mark.parametrize("cases", [DEV_CASES, FRANCE_CASES], ids=["grand-est", "france"])
@pytest.mark.parametrize("language", ["fr", "de", "en"])
def test_every_dev_case_is_recognised_in_each_language(cases, language):
    path = cases if language == "fr" else translated(cases, language)
    texts = [json.loads(line)[f"description_{language}"] for line in path.read_text("utf-8").splitlines()]
    assert [detect_language(t) for t in texts] == [language] * len(texts)


def test_an_ambiguous_short_text_is_read_as_french():
    # "Sägewerk" alone is German, but too short to be sure: French is the product's first language.
    assert detect_language("Sägewerk") == "fr" and detect_language("Gigafactory 5 GW") == "fr"


def test_other_languages_are_named_and_not_supported():
    italian = "Vogliamo costruire uno stabilimento di piastrelle in ceramica con 200 dipendenti."
    assert detect_language(italian) == "it"
    assert "non prise en charge (it)" in language_warning("it")


def test_only_texts_not_in_french_carry_a_warning():
    assert language_warning("fr") is None
    assert "rédigé en anglais" in language_warning("en") and "moins sûr" in language_warning("en")
