"""Rankers: a learned pairwise linear model (scikit-learn) and the documented prior it replaces."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from matcher.features import matrix_columns

# The prior, used only when no trained model can be loaded. Weights apply to features
# standardised over the candidate basins of one project (z-scores), so they read as
# "one standard deviation better on X is worth w". Lexical overlap with the CV was the
# strongest single signal on the development cases, then the CV's overall meaning, the
# sector's fit with the industrial fabric, and the needs the CV shows it can meet.
PRIOR_WEIGHTS = {
    "lexical_best": 0.45,
    "semantic_mean": 0.2,
    "sector_fabric": 0.15,
    "needs_met_share": 0.1,
    "land_fit": 0.05,
    "industrial_establishments": 0.05,
}


class Ranker(Protocol):
    version: str

    def contributions(self, matrix: np.ndarray) -> np.ndarray:
        """(n, n_columns) signed contributions of each column, relative to the candidates' mean.

        Their row sum is the fit score, so explanations show the very numbers that ranked.
        """
        ...


class PairwiseLogistic(BaseEstimator):
    """Linear scorer fitted on pairs within a project: P(a above b) = sigmoid(w · (x_a - x_b)).

    `fit(X, y, groups=...)` takes graded relevance y and the project of each row; pairs are
    formed only inside a project, so projects with many candidates do not dominate by size.
    """

    def __init__(self, C: float = 0.1, max_pairs_per_group: int = 2000, random_state: int = 0):
        self.C = C
        self.max_pairs_per_group = max_pairs_per_group
        self.random_state = random_state

    def fit(self, X: np.ndarray, y: np.ndarray, groups: np.ndarray) -> PairwiseLogistic:
        rng = np.random.default_rng(self.random_state)
        diffs, signs = [], []
        for group in np.unique(groups):
            rows = np.flatnonzero(groups == group)
            pairs = [(a, b) for a in rows for b in rows if y[a] > y[b]]
            if len(pairs) > self.max_pairs_per_group:
                pairs = [pairs[i] for i in rng.choice(len(pairs), self.max_pairs_per_group, replace=False)]
            for k, (a, b) in enumerate(pairs):
                # Alternate the order so both classes exist and no intercept is needed.
                diffs.append(X[a] - X[b] if k % 2 == 0 else X[b] - X[a])
                signs.append(1 if k % 2 == 0 else 0)
        if len(set(signs)) < 2:
            raise ValueError("training needs at least one project with a relevant and an irrelevant basin")
        model = LogisticRegression(C=self.C, fit_intercept=False, max_iter=5000)
        model.fit(np.asarray(diffs), np.asarray(signs))
        self.coef_ = model.coef_[0]
        return self

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        return np.asarray(X) @ self.coef_


def make_pipeline(C: float = 0.1, seed: int = 0) -> Pipeline:
    return Pipeline([("scale", StandardScaler()), ("rank", PairwiseLogistic(C=C, random_state=seed))])


@dataclass
class LearnedRanker:
    pipeline: Pipeline
    version: str

    def contributions(self, matrix: np.ndarray) -> np.ndarray:
        scaled = self.pipeline.named_steps["scale"].transform(matrix)
        weighted = scaled * self.pipeline.named_steps["rank"].coef_
        return weighted - weighted.mean(axis=0, keepdims=True)


@dataclass
class PriorRanker:
    version: str = "prior"

    def contributions(self, matrix: np.ndarray) -> np.ndarray:
        columns = matrix_columns()
        out = np.zeros_like(matrix, dtype=float)
        for name, weight in PRIOR_WEIGHTS.items():
            j = columns.index(name)
            values = matrix[:, j]
            spread = values.std()
            if spread > 0:
                out[:, j] = weight * (values - values.mean()) / spread
        return out


def fit_scores(ranker: Ranker, matrix: np.ndarray) -> np.ndarray:
    return ranker.contributions(matrix).sum(axis=1)
