"""Fit the ranker on a dataset, and cross-validate it with projects never split across folds."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline

from matcher.scoring.rankers import DEFAULT_C, MODEL_FEATURES, LearnedRanker, Ranker, fit_scores, make_pipeline
from training.dataset import Dataset, concat_datasets
from training.metrics import evaluate_scores, mean_metrics

# Cross-validations over different fold splits whose metrics are averaged: on a few dozen
# projects, which ones share a fold moves MRR by a few hundredths.
CV_REPEATS = 5


def fit_ranker(
    dataset: Dataset, seed: int = 0, C: float = DEFAULT_C, features: Sequence[str] | None = MODEL_FEATURES
) -> Pipeline:
    """A fitted pipeline; deterministic for a given seed (pair sampling is the only randomness)."""
    return make_pipeline(C=C, seed=seed, features=features).fit(dataset.X, dataset.y, rank__groups=dataset.groups)


def score_groups(ranker: Ranker, dataset: Dataset, groups: np.ndarray) -> dict[int, np.ndarray]:
    """Fit scores of each project's candidates, scored together as the matcher does."""
    return {int(g): fit_scores(ranker, dataset.X[dataset.rows_of(g)]) for g in groups}


def grouped_folds(dataset: Dataset, folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train projects, test projects) per fold: every project wholly on one side."""
    groups = np.unique(dataset.groups)
    if len(groups) < folds:
        raise ValueError(f"{folds}-fold cross-validation needs at least {folds} cases, got {len(groups)}")
    splitter = GroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    return [
        (np.unique(dataset.groups[train]), np.unique(dataset.groups[test]))
        for train, test in splitter.split(dataset.X, dataset.y, dataset.groups)
    ]


def cross_validate(
    dataset: Dataset,
    seed: int = 0,
    folds: int = 5,
    C: float = DEFAULT_C,
    features: Sequence[str] | None = MODEL_FEATURES,
    always_train: Dataset | None = None,
) -> dict[int, np.ndarray]:
    """Out-of-fold fit scores per project: each fold's projects scored by a model refitted without them.

    `always_train` (the other case files a model learns from) joins every fold's training set.
    """
    scores: dict[int, np.ndarray] = {}
    for train, test in grouped_folds(dataset, folds, seed):
        fold = _subset(dataset, train)
        if always_train is not None:
            fold = concat_datasets([fold, always_train])
        ranker = LearnedRanker(fit_ranker(fold, seed, C, features), "fold")
        scores |= score_groups(ranker, dataset, test)
    return scores


def repeated_cross_validation(
    dataset: Dataset, seed: int = 0, folds: int = 5, repeats: int = CV_REPEATS, always_train: Dataset | None = None
) -> list[dict[int, np.ndarray]]:
    """`cross_validate` over `repeats` fold splits (seeds seed, seed + 1...): one score mapping each."""
    return [cross_validate(dataset, seed + r, folds, always_train=always_train) for r in range(repeats)]


def splits_described(seed: int, repeats: int = CV_REPEATS) -> str:
    """How the fold splits of a (repeated) cross-validation were drawn, for reports and metadata."""
    return (
        f"moyenne de {repeats} découpages en plis, graines {seed} à {seed + repeats - 1}"
        if repeats > 1
        else f"graine {seed}"
    )


def cross_validated_metrics(
    dataset: Dataset, seed: int = 0, folds: int = 5, repeats: int = CV_REPEATS, always_train: Dataset | None = None
) -> dict[str, float]:
    """Mean metrics of the repeated cross-validation."""
    runs = repeated_cross_validation(dataset, seed, folds, repeats, always_train)
    return mean_metrics([evaluate_scores(dataset, scores) for scores in runs])


def _subset(dataset: Dataset, groups: np.ndarray) -> Dataset:
    keep = np.isin(dataset.groups, groups)
    return Dataset(
        dataset.X[keep],
        dataset.y[keep],
        dataset.groups[keep],
        dataset.basin_codes[keep],
        {k: v[keep] for k, v in dataset.raw.items()},
        dataset.columns,
    )
