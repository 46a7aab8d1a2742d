"""The pairwise ranker, column selection, faithful contributions and the prior."""

import numpy as np
import pytest

from matcher.scoring.features import matrix_columns
from matcher.scoring.rankers import (
    MODEL_FEATURES,
    PRIOR_WEIGHTS,
    LearnedRanker,
    PairwiseLogistic,
    PriorRanker,
    SelectColumns,
    fit_scores,
    make_pipeline,
)

N = len(matrix_columns())


def _synthetic(seed=0, column="lexical_activity", projects=20, candidates=6):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(projects * candidates, N))
    groups = np.repeat(np.arange(projects), candidates)
    y = np.zeros(len(X))
    j = matrix_columns().index(column)
    for g in range(projects):
        rows = np.flatnonzero(groups == g)
        y[rows[np.argmax(X[rows, j])]] = 1
    return X, y, groups


def test_pairwise_logistic_learns_a_positive_weight_for_the_deciding_column():
    X, y, groups = _synthetic()
    model = PairwiseLogistic(C=1.0).fit(X, y, groups)
    j = matrix_columns().index("lexical_activity")
    assert np.argmax(model.coef_) == j and model.coef_[j] > 0


def test_the_fit_spreads_by_one_within_a_training_project_whatever_the_regularisation():
    X, y, groups = _synthetic()
    strong, weak = PairwiseLogistic(C=0.001).fit(X, y, groups), PairwiseLogistic(C=10.0).fit(X, y, groups)
    for model in (strong, weak):
        fits = X @ model.coef_
        assert np.mean([np.std(fits[groups == g]) for g in np.unique(groups)]) == pytest.approx(1.0)
    j = matrix_columns().index("lexical_activity")
    assert np.argmax(strong.coef_) == j and np.argmax(weak.coef_) == j  # the direction is the logistic's


def test_pairwise_logistic_refuses_data_without_a_relevant_basin():
    X, _, groups = _synthetic()
    with pytest.raises(ValueError, match="relevant"):
        PairwiseLogistic().fit(X, np.zeros(len(X)), groups)


def test_selected_model_contributions_sum_to_its_scores_and_ignore_other_columns():
    X, y, groups = _synthetic()
    pipeline = make_pipeline(seed=0, features=MODEL_FEATURES).fit(X, y, rank__groups=groups)
    ranker = LearnedRanker(pipeline, "test")
    rows = X[groups == 0]
    parts = ranker.contributions(rows)
    used = [matrix_columns().index(c) for c in MODEL_FEATURES]
    assert np.all(np.delete(parts, used, axis=1) == 0.0)
    decision = pipeline.decision_function(rows)
    assert fit_scores(ranker, rows) == pytest.approx(decision - decision.mean())


def test_same_seed_same_model():
    X, y, groups = _synthetic()
    a = make_pipeline(seed=3).fit(X, y, rank__groups=groups).named_steps["rank"].coef_
    b = make_pipeline(seed=3).fit(X, y, rank__groups=groups).named_steps["rank"].coef_
    assert np.array_equal(a, b)


def test_select_columns_names_unknown_features():
    with pytest.raises(ValueError, match="no_such_feature"):
        SelectColumns(("no_such_feature",)).transform(np.zeros((2, N)))


def test_prior_weights_z_scores_by_hand():
    matrix = np.zeros((3, N))
    j = matrix_columns().index("lexical_activity")
    matrix[:, j] = [1.0, 2.0, 3.0]
    parts = PriorRanker().contributions(matrix)
    z = 1 / np.sqrt(2 / 3)
    assert parts[:, j] == pytest.approx(PRIOR_WEIGHTS["lexical_activity"] * np.array([-z, 0.0, z]))
    assert fit_scores(PriorRanker(), matrix).argmax() == 2
