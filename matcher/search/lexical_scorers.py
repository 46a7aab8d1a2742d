"""Lexical similarity between project texts and CV text, at three grains of the CV.

`passage_scorer` compares a project with whole CV passages (one per section), `FactScorer` with
single curated facts, the unit a CV is written in (a project usually matches one fact, "the
basin has a chocolate factory", which a whole section dilutes), and `CvScorer` with a basin's
whole curated CV and its sources' headlines, where words spread over several facts add up. Each
grain misses matches the others find; measured on the dev cases, the ranker does better with all
three than with any two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from embeddings.sparse_tfidf import FittedTfidf
from matcher.cv.document import Passage
from matcher.territory.records import CURATED_SECTIONS

# A curated passage is "Title — Basin : fact. fact. fact." (see cv.passages): facts end with a
# full stop (or a closing quote/bracket) and the next one starts with a capital or a quote.
PASSAGE_HEAD = re.compile(r"^[^:]*? : ")
FACT_BREAK = re.compile(r"(?<=[.!?])(?<!\s[A-Z]\.)\s+(?=[A-ZÀ-ÖØ-Þ«\"'(])")  # not after an initial "N."
# A source title ends with its publisher in brackets: "Le dernier carré du textile dans l'Aube (L'Usine Nouvelle)".
PUBLISHER = re.compile(r"\s*\([^()]*\)\s*$")


# What a basin makes and knows: where a project's products and trades show up.
ACTIVITY_SECTIONS = ("industrial_fabric", "skills_and_training", "ecosystem")


def char_vectorizer() -> TfidfVectorizer:
    # Character n-grams inside words match French inflections ("ferroviaire", "ferroviaires")
    # and compounds without a stemmer; terms found in half the units carry no signal.
    # Measured on the dev cases: (4, 6) beat (3, 5), (5, 8), word stems and BM25.
    return TfidfVectorizer(
        analyzer="char_wb", ngram_range=(4, 6), strip_accents="unicode", sublinear_tf=True, max_df=0.5, dtype=np.float32
    )


def passage_scorer(passages: Sequence[str]) -> FittedTfidf:
    """TF-IDF cosines (character n-grams) of texts to whole CV passages (one per section)."""
    return FittedTfidf(char_vectorizer(), passages)


@dataclass(frozen=True)
class Fact:
    basin_code: str
    section: str
    text: str


def split_facts(passage: Passage) -> list[Fact]:
    """The facts of a curated passage (figure sections are not facts and give none)."""
    if passage.section not in CURATED_SECTIONS:
        return []
    body = PASSAGE_HEAD.sub("", passage.text, count=1)
    return [Fact(passage.basin_code, passage.section, t.strip()) for t in FACT_BREAK.split(body) if t.strip()]


def source_headlines(passage: Passage) -> list[Fact]:
    """The titles of a curated passage's sources, without their publisher, as facts of its section.

    A title sums up in a few words what a source says about the basin ("la filière textile porte la
    culotte"): read with the whole CV, it adds words the facts do not repeat. The publisher
    ("Wikipédia", "L'Usine Nouvelle") says nothing of the basin.
    """
    if passage.section not in CURATED_SECTIONS:
        return []
    headlines = (PUBLISHER.sub("", title).strip() for title in passage.source_titles)
    return [Fact(passage.basin_code, passage.section, h) for h in headlines if h]


class FactScorer:
    """TF-IDF cosine of texts to every curated fact; IDF comes from the facts themselves."""

    def __init__(self, facts: Sequence[Fact]):
        self.facts = list(facts)
        self._tfidf = FittedTfidf(char_vectorizer(), [f.text for f in self.facts])
        rows: dict[str, list[int]] = {}
        for i, fact in enumerate(self.facts):
            rows.setdefault(fact.basin_code, []).append(i)
        self.basin_rows = {code: np.array(ids) for code, ids in rows.items()}

    @classmethod
    def from_passages(cls, passages: Sequence[Passage]) -> FactScorer:
        return cls([f for p in passages for f in split_facts(p)])

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), n_facts) cosine similarities in [0, 1]."""
        return self._tfidf.scores(texts)


def whole_cv_vectorizer() -> TfidfVectorizer:
    # Longer n-grams than for facts: across a whole CV, 4-grams shared by chance pile up.
    return TfidfVectorizer(
        analyzer="char_wb", ngram_range=(5, 7), strip_accents="unicode", sublinear_tf=True, dtype=np.float32
    )


def word_vectorizer() -> TfidfVectorizer:
    # Words and word pairs ("pâte à papier", "pièces forgées") that character n-grams split up;
    # words in most basins' activity sections ("industrie", "salariés") carry no signal.
    return TfidfVectorizer(
        analyzer="word", ngram_range=(1, 2), strip_accents="unicode", sublinear_tf=True, max_df=0.8, dtype=np.float32
    )


class CvScorer:
    """TF-IDF cosine of texts to each basin's curated CV read as one document.

    `sections` limits the document to those sections (all curated sections when None); IDF comes
    from the basins' documents, so words every basin's CV uses weigh little.
    """

    def __init__(self, facts: Sequence[Fact], vectorizer: TfidfVectorizer, sections: Sequence[str] | None = None):
        documents: dict[str, list[str]] = {}
        for fact in facts:
            if sections is None or fact.section in sections:
                documents.setdefault(fact.basin_code, []).append(fact.text)
        self.basin_codes = sorted(documents)
        if len(self.basin_codes) < 5:
            # A share-of-documents cut-off means nothing over so few basins and would drop every word.
            vectorizer.set_params(max_df=1.0)
        self._tfidf = FittedTfidf(vectorizer, [" ".join(documents[c]) for c in self.basin_codes])

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), len(basin_codes)) cosine similarities in [0, 1]."""
        return self._tfidf.scores(texts)


@dataclass(frozen=True)
class LexicalViews:
    """The lexical scorers over an index's curated facts, besides its passage scorer."""

    facts: FactScorer
    whole_cv: CvScorer
    activity_words: CvScorer

    @classmethod
    def from_passages(cls, passages: Sequence[Passage]) -> LexicalViews:
        # The whole-CV documents also hold the sources' headlines; single facts do not, where
        # short titles compete with the facts: the whole CV only did best on the dev cases
        # (docs/experiments.md, "Before 2026-12-05").
        facts = FactScorer.from_passages(passages)
        documents = facts.facts + [h for p in passages for h in source_headlines(p)]
        return cls(
            facts, CvScorer(documents, whole_cv_vectorizer()), CvScorer(documents, word_vectorizer(), ACTIVITY_SECTIONS)
        )
