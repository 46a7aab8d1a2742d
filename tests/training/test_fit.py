"""Dataset from the real matcher, fitting, grouped cross-validation and the shipped model's reproducibility."""

import numpy as np
import pytest

from matcher.scoring.features import matrix_columns
from matcher.scoring.rankers import LearnedRanker, fit_scores
from training.case_files import DEV_CASES
from training.cases import load_cases
from training.dataset import build_dataset
from training.default_model_training import train_default_model
from training.fit import cross_validate, fit_ranker, grouped_folds
from training.metrics import evaluate_baselines, evaluate_scores

pytestmark = pytest.mark.slow  # the dev cases through the real matcher, then models fitted on them


@pytest.fixture(scope="module")
def dev_dataset(matcher):
    return build_dataset(load_cases(DEV_CASES, matcher.territories), matcher)


def test_the_dataset_has_one_gold_basin_per_case(dev_dataset):
    assert dev_dataset.n_cases == 39 and dev_dataset.X.shape == (39 * 27, len(matrix_columns()))
    for g in range(dev_dataset.n_cases):
        assert dev_dataset.y[dev_dataset.rows_of(g)].sum() == 1.0
    assert np.all(np.isfinite(dev_dataset.X))


def test_folds_never_split_a_project(dev_dataset):
    folds = grouped_folds(dev_dataset, 5, seed=0)
    tested = np.concatenate([test for _, test in folds])
    assert sorted(tested.tolist()) == list(range(39))  # every project tested exactly once
    assert all(not set(train) & set(test) for train, test in folds)


def test_cross_validated_model_beats_the_baselines(dev_dataset):
    model = evaluate_scores(dev_dataset, cross_validate(dev_dataset, seed=0))
    baselines = evaluate_baselines(dev_dataset)
    for name in ("random", "largest", "lexical", "embedding"):
        assert model["mrr"] > baselines[name]["mrr"], name
        assert model["hit@5"] > baselines[name]["hit@5"], name


def test_shuffled_labels_lose_the_signal(dev_dataset):
    rng = np.random.default_rng(1)
    y = dev_dataset.y.copy()
    for g in range(dev_dataset.n_cases):
        rows = dev_dataset.rows_of(g)
        y[rows] = rng.permutation(y[rows])
    shuffled = type(dev_dataset)(
        dev_dataset.X, y, dev_dataset.groups, dev_dataset.basin_codes, dev_dataset.raw, dev_dataset.columns
    )
    honest = evaluate_scores(dev_dataset, cross_validate(dev_dataset, seed=0))["mrr"]
    assert evaluate_scores(shuffled, cross_validate(shuffled, seed=0))["mrr"] < honest - 0.1


def test_same_seed_same_shipped_model_and_predictions(matcher, tmp_path, dev_dataset):
    first = train_default_model(matcher, seed=0, directory=tmp_path / "a", case_files=[DEV_CASES])
    second = train_default_model(matcher, seed=0, directory=tmp_path / "b", case_files=[DEV_CASES])
    assert first.model_sha256 == second.model_sha256 and first.metrics == second.metrics
    ranker = LearnedRanker(fit_ranker(dev_dataset, seed=0), "x")
    import joblib

    shipped = LearnedRanker(joblib.load(tmp_path / "a" / "model.joblib"), "y")
    rows = dev_dataset.rows_of(0)
    assert np.array_equal(fit_scores(ranker, dev_dataset.X[rows]), fit_scores(shipped, dev_dataset.X[rows]))
