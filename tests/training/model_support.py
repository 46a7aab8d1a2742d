"""Helpers shared by the training tests: synthetic fits, the dev cases, training a version like the CLI."""
import numpy as np

from matcher import artifacts
from matcher.artifacts import Reference
from matcher.features import matrix_columns
from matcher.ranking import make_pipeline
from training.case_files import DEV_CASES as DEV_CASES  # the tests take it from here
from training.evaluate import evaluate_scores
from training.fit import cross_validate, fit_ranker

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


def train_version(dataset, seed: int = 0) -> artifacts.ModelMetadata:
    """Fit, cross-validate, write a version: what `terrimatch train` does, without the CLI."""
    metrics = evaluate_scores(dataset, cross_validate(dataset, seed))
    return artifacts.write_version(fit_ranker(dataset, seed), Reference(dataset.X, dataset.y, dataset.groups),
                                   metrics=metrics, data_hash="dev", seed=seed)
