"""NAF rév. 2 labels (INSEE) and the inference of a sector from a project's text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from embeddings.sparse_tfidf import FittedTfidf
from matcher.package_data import shipped_path

CODE_PATTERN = re.compile(r"^(\d{2})\.?(\d{2})([A-Z])?$")  # a class ("26.11") names its only sub-class


@dataclass(frozen=True)
class NafCode:
    code: str  # "16.21Z"
    label: str
    class_label: str
    group_label: str
    division_code: str
    division_label: str
    section_code: str
    a38_code: str
    a38_label: str

    @property
    def description(self) -> str:
        """All labels of the code's hierarchy, most specific first: what gets matched to text."""
        parts = dict.fromkeys([self.label, self.class_label, self.group_label, self.division_label, self.a38_label])
        return " ; ".join(parts)


@lru_cache(maxsize=1)
def naf_table() -> Mapping[str, NafCode]:
    """The 732 NAF rév. 2 sub-classes with their division's A38 aggregate."""
    codes = pd.read_csv(shipped_path("naf", "naf_rev2.csv"), dtype=str)
    a38 = pd.read_csv(shipped_path("naf", "a38.csv"), dtype=str).set_index("division_code")
    return {
        row["code"]: NafCode(
            code=row["code"],
            label=row["label_fr"],
            class_label=row["class_label"],
            group_label=row["group_label"],
            division_code=row["division_code"],
            division_label=row["division_label"],
            section_code=row["section_code"],
            a38_code=a38.loc[row["division_code"], "a38_code"],
            a38_label=a38.loc[row["division_code"], "a38_label"],
        )
        for row in codes.to_dict("records")
    }


def normalise_naf_code(raw: str) -> str | None:
    """'1621Z', '16.21z' or '16.21Z' -> '16.21Z' when it is a known sub-class, else None.

    A class without its letter ('26.11') stands for its sub-class when it has only one ('26.11Z').
    """
    match = _parse(raw)
    if not match:
        return None
    if match[3] is None:
        only = subclasses_of(raw)
        return only[0] if len(only) == 1 else None
    code = f"{match[1]}.{match[2]}{match[3]}"
    return code if code in naf_table() else None


def subclasses_of(raw: str) -> list[str]:
    """The sub-classes of a class code such as '10.51' (none for anything else)."""
    match = _parse(raw)
    if not match or match[3] is not None:
        return []
    prefix = f"{match[1]}.{match[2]}"
    return [code for code in naf_table() if code[:5] == prefix]


def _parse(raw: str) -> re.Match[str] | None:
    return CODE_PATTERN.match(raw.strip().upper().replace(" ", ""))


def is_industrial(code: NafCode) -> bool:
    """Sections B to E (extraction, manufacturing, energy, water and waste): INSEE's 'industrie'."""
    return code.section_code in "BCDE"


@dataclass(frozen=True)
class SectorGuess:
    code: NafCode
    score: float  # similarity of the text to the code's labels (see `best_codes`)


# Manufacturing projects are what terrimatch hosts: industrial codes win near-ties.
INDUSTRIAL_BONUS = 0.05


@lru_cache(maxsize=1)
def _label_matcher() -> tuple[FittedTfidf, list[NafCode], np.ndarray]:
    """The labels' TF-IDF, the codes in `naf_table()` order, and each code's tie-break bonus."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    table = list(naf_table().values())
    # Character n-grams within words match French inflections ("bois", "boisés") without a stemmer.
    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(4, 6), strip_accents="unicode", sublinear_tf=True, max_df=0.2
    )
    bonus = np.array([INDUSTRIAL_BONUS if is_industrial(c) else 0.0 for c in table])
    return FittedTfidf(vectorizer, [c.description for c in table]), table, bonus


def label_word_scores(texts: list[str]) -> np.ndarray:
    """(len(texts), 732) TF-IDF cosines (character n-grams) of each text to each code's labels."""
    return _label_matcher()[0].scores(texts)


def best_codes(scores: np.ndarray) -> list[SectorGuess]:
    """The best code of each row of (n, 732) text-to-label scores, in `naf_table()` order."""
    _, table, bonus = _label_matcher()
    best = np.argmax(scores + bonus, axis=1)  # first of equal maxima
    return [SectorGuess(table[j], float(row[j])) for row, j in zip(scores, best, strict=True)]
