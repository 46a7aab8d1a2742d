"""The language a project is written in: the ranking is surest in French, the language of the CVs."""

from __future__ import annotations

from functools import lru_cache

# The dev cases rank best in French, then English, then German (docs/experiments.md).
LANGUAGE_NAMES = {"fr": "français", "de": "allemand", "en": "anglais"}
# Below this probability a text is taken for French: short texts and lists of terms are ambiguous,
# and the product's first language is the safe reading.
CONFIDENT = 0.9


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # ~0.7 s to load: on first use only

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, "fr" unless another one is clear."""
    code, probability = _identifier().classify(text)
    return code if probability >= CONFIDENT else "fr"


def language_warning(code: str) -> str | None:
    """What a reader of the ranking should know about a project not written in French."""
    if code == "fr":
        return None
    if code in LANGUAGE_NAMES:
        return (
            f"Projet rédigé en {LANGUAGE_NAMES[code]} : les CV sont en français, le classement "
            "est moins sûr qu'avec une description en français."
        )
    return (
        f"Langue du projet non prise en charge ({code}) : décrivez-le en français, allemand ou anglais "
        "pour un classement fiable."
    )
