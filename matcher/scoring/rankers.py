"""Rankers: a learned pairwise linear model (scikit-learn) and the documented prior it replaces."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from matcher.scoring.features import matrix_columns

# The prior, used only when no trained model can be loaded. Weights apply to features
# standardised over the candidate basins of one project (see features.feature_matrix), so they
# read as "one standard deviation better on X is worth w". On the development cases the best
# single signal was lexical overlap between the project and one fact of what the basin makes
# and knows (lexical_activity); the other grains of the CV (best section, whole CV, activity
# sections in words) each add what it misses; the needs the CV shows it can meet keep a say so
# that an unmet need lowers a basin. Its figures on the dev cases (docs/experiments.md) are not
# held out: the weights were chosen while looking at those cases.
PRIOR_WEIGHTS = {
    "lexical_activity": 0.3,
    "lexical_best": 0.2,
    "lexical_whole_cv": 0.2,
    "lexical_activity_words": 0.2,
    "needs_met_share": 0.1,
}

# The columns the shipped model learns from, and its regularisation (docs/experiments.md). The
# project's words against the written CV (best activity fact, whole CV with its sources' headlines
# in character n-grams, activity sections in words), plus the jobs of the project's sector in the
# basin (2019): the one column every basin of France has, which carries national ranking. The best
# whole section (lexical_best) is left out: every basin has sections (its figures), so over all of
# France it compares written CVs with figure sentences, and the France cases taught it a negative
# weight (a basin with a written CV is never their answer); without sector jobs the France ranking
# falls near random. Strong regularisation: below C = 0.001 the ranking no longer changes. Figures:
# docs/experiments.md, "Signals tried on the new texts" (2026-12-05).
MODEL_FEATURES = ("lexical_activity", "lexical_whole_cv", "lexical_activity_words", "sector_jobs")
DEFAULT_C = 0.001


class Ranker(Protocol):
    @property
    def version(self) -> str: ...

    def contributions(self, matrix: np.ndarray) -> np.ndarray:
        """(n, n_columns) signed contributions of each column, relative to the candidates' mean.

        Their row sum is the fit score, so explanations show the very numbers that ranked.
        """
        ...


def mean_spread_within_groups(scores: np.ndarray, groups: np.ndarray) -> float:
    """Mean over groups of the standard deviation of their scores."""
    return float(np.mean([np.std(scores[groups == g]) for g in np.unique(groups)]))


class PairwiseLogistic(BaseEstimator):
    """Linear scorer w · x, w fitted on pairs within a project as P(a above b) = sigmoid(w · (x_a - x_b)).

    `fit(X, y, groups=...)` takes graded relevance y and the project of each row; pairs are
    formed only inside a project, so projects with many candidates do not dominate by size.
    The ranking depends only on the direction of w; its length, set by C, is then fixed so that
    a training project's fits spread by one standard deviation on average: the fit keeps the
    same unit whatever the regularisation, the unit the policy weights are set in.
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
        spread = mean_spread_within_groups(np.asarray(X) @ model.coef_[0], groups)
        self.coef_ = model.coef_[0] / spread if spread > 0 else model.coef_[0]
        return self

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        scores: np.ndarray = np.asarray(X) @ self.coef_
        return scores


class SelectColumns(BaseEstimator, TransformerMixin):
    """Keep the named columns of the feature matrix (all of them when `columns` is None)."""

    def __init__(self, columns: tuple[str, ...] | None = None):
        self.columns = columns

    def indices(self) -> np.ndarray:
        names = matrix_columns()
        if self.columns is None:
            return np.arange(len(names))
        unknown = set(self.columns) - set(names)
        if unknown:
            raise ValueError(f"unknown feature columns: {', '.join(sorted(unknown))}")
        return np.array([names.index(c) for c in self.columns])

    def fit(self, X: np.ndarray, y: np.ndarray | None = None) -> SelectColumns:
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:
        return np.asarray(X)[:, self.indices()]


def make_pipeline(C: float = 0.1, seed: int = 0, features: Sequence[str] | None = None) -> Pipeline:
    """Select columns (all by default), standardise, pairwise logistic. `fit(X, y, rank__groups=g)`."""
    return Pipeline(
        [
            ("select", SelectColumns(None if features is None else tuple(features))),
            ("scale", StandardScaler()),
            ("rank", PairwiseLogistic(C=C, random_state=seed)),
        ]
    )


@dataclass
class LearnedRanker:
    pipeline: Pipeline
    version: str
    # Hashes of the case files it was trained on (the shipped default): `evaluate` cross-validates on them.
    training_files: tuple[str, ...] = ()

    def contributions(self, matrix: np.ndarray) -> np.ndarray:
        """Signed contributions of every column (0 for columns the model does not use)."""
        select = self.pipeline.named_steps.get("select")
        weighted = self.pipeline[:-1].transform(matrix) * self.pipeline.named_steps["rank"].coef_
        out = np.zeros_like(matrix, dtype=float)
        columns = select.indices() if select is not None else np.arange(out.shape[1])
        out[:, columns] = weighted - weighted.mean(axis=0, keepdims=True)
        return out


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
    scores: np.ndarray = ranker.contributions(matrix).sum(axis=1)
    return scores
