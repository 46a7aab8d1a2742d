"""Score classes for the map: quantile breaks, one colour each, and a legend in French number format."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from matcher.project.french_numbers import french_decimal

# ColorBrewer YlGnBu, 5 classes: sequential, readable by colour-blind readers and in grey.
PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
NO_SCORE = "#d9d9d9"


@dataclass(frozen=True)
class ScoreClass:
    number: int  # 1 = lowest scores
    low: float
    high: float
    colour: str
    count: int

    @property
    def label(self) -> str:
        return f"de {french_decimal(self.low)} à {french_decimal(self.high)}"


def score_classes(scores: Sequence[float], count: int = len(PALETTE)) -> list[ScoreClass]:
    """Quantile classes (as many basins in each), merged when scores tie; empty when there is no score."""
    if not scores:
        return []
    values = np.sort(np.asarray(scores, dtype=float))
    edges = np.unique(np.quantile(values, np.linspace(0, 1, count + 1)))
    if len(edges) == 1:
        edges = np.array([edges[0], edges[0]])
    colours = PALETTE[len(PALETTE) - (len(edges) - 1) :]  # few classes take the darker end
    classes = []
    for number, (low, high) in enumerate(pairwise(edges), start=1):
        last = number == len(edges) - 1
        members = values[(values >= low) & ((values <= high) if last else (values < high))]
        classes.append(ScoreClass(number, float(low), float(high), colours[number - 1], len(members)))
    return classes


def class_of(score: float | None, classes: Sequence[ScoreClass]) -> ScoreClass | None:
    """The class a score falls in (the last class includes its upper bound)."""
    if score is None or not classes:
        return None
    for score_class in classes:
        if score < score_class.high:
            return score_class
    return classes[-1]
