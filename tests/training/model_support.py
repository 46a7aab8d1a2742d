"""Helpers shared by the training tests: synthetic fits, the dev cases."""

import numpy as np

from matcher.model_store.model_dirs import Reference
from matcher.scoring.features import matrix_columns
from matcher.scoring.rankers import make_pipeline

N_COLUMNS = len(matrix_columns())


def fit_synthetic(seed: int, column: int = 0, projects: int = 30, candidates: int = 8, noise: float = 0.0):
    """A pipeline fitted on `projects` projects of `candidates` basins where `column` (plus `noise`
    standard deviations of chance) decides relevance."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(projects * candidates, N_COLUMNS))
    groups = np.repeat(np.arange(projects), candidates)
    y = np.zeros(len(X))
    luck = rng.normal(scale=noise, size=len(X))
    for g in range(projects):
        rows = np.flatnonzero(groups == g)
        y[rows[np.argmax(X[rows, column] + luck[rows])]] = 1
    names = matrix_columns()  # the deciding column among two noise columns, as the shipped model selects a few
    pipeline = make_pipeline(seed=seed, features=(names[column], names[10], names[11]))
    return pipeline.fit(X, y, rank__groups=groups), Reference(X, y, groups)
