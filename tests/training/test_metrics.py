"""Ranking metrics on tiny inputs computed by hand, ties included, and the analytic random baseline."""

import math

import numpy as np
import pytest

from training.dataset import Dataset
from training.metrics import baseline_scores, case_metrics, evaluate_baselines, evaluate_scores, exposure, gold_ranks


def test_a_gold_basin_ranked_second():
    m = case_metrics(np.array([3.0, 2.0, 1.0]), np.array([0, 1, 0]))
    assert m == pytest.approx({"mrr": 0.5, "ndcg@5": 1 / math.log2(3), "hit@1": 0.0, "hit@3": 1.0, "hit@5": 1.0})


def test_a_tie_counts_as_the_average_over_the_tied_orders():
    m = case_metrics(np.array([1.0, 1.0, 0.0]), np.array([1, 0, 0]))
    assert m["mrr"] == pytest.approx((1 + 1 / 2) / 2)
    assert m["ndcg@5"] == pytest.approx((1 + 1 / math.log2(3)) / 2)
    assert m["hit@1"] == 0.5 and m["hit@3"] == 1.0


def test_beyond_k_gives_no_gain_and_nan_ranks_last():
    scores = np.array([np.nan, 6, 5, 4, 3, 2, 1])
    assert gold_ranks(scores, np.array([1, 0, 0, 0, 0, 0, 0])).tolist() == [7]
    m = case_metrics(scores, np.array([1, 0, 0, 0, 0, 0, 0]), k=5)
    assert m["ndcg@5"] == 0.0 and m["hit@5"] == 0.0 and m["mrr"] == pytest.approx(1 / 7)
    assert set(case_metrics(scores, np.array([0, 1, 0, 0, 0, 0, 0]), k=3)) == {"mrr", "ndcg@3", "hit@1", "hit@3"}


def _dataset(scores_by_case, gold, population):
    n = len(population)
    groups = np.repeat(np.arange(len(gold)), n)
    y = np.concatenate([[1.0 if i == g else 0.0 for i in range(n)] for g in gold])
    raw = {
        "population": np.tile(population, len(gold)),
        "lexical_best": np.concatenate(scores_by_case),
        "semantic_best": np.concatenate(scores_by_case)[::-1].copy(),
        "sector_jobs": -np.tile(population, len(gold)),
    }
    return Dataset(np.zeros((len(y), 1)), y, groups, np.array(["x"] * len(y)), raw, ("c",))


def test_random_baseline_is_the_analytic_expectation():
    n = 27
    data = _dataset([np.zeros(n)], [4], np.arange(n, dtype=float))
    random = evaluate_scores(data, baseline_scores(data, "random"))
    assert random["mrr"] == pytest.approx(sum(1 / r for r in range(1, n + 1)) / n, abs=1e-4)
    assert random["hit@5"] == pytest.approx(5 / n, abs=1e-4) and random["hit@1"] == pytest.approx(1 / n, abs=1e-4)
    assert random["ndcg@5"] == pytest.approx(sum(1 / math.log2(r + 1) for r in range(1, 6)) / n, abs=1e-4)


def test_baselines_rank_by_their_feature():
    data = _dataset(
        [np.array([0.1, 0.9, 0.5, 0.2]), np.array([0.3, 0.2, 0.1, 0.0])], [1, 3], np.array([10.0, 40.0, 30.0, 20.0])
    )
    result = evaluate_baselines(data)
    assert result["lexical"]["mrr"] == pytest.approx((1 + 1 / 4) / 2)
    assert result["largest"]["mrr"] == pytest.approx((1 + 1 / 3) / 2, abs=1e-4)  # gold 40 first, gold 20 third
    assert result["sector_employment"]["mrr"] == pytest.approx((1 / 4 + 1 / 2) / 2, abs=1e-4)  # smallest first


def test_exposure_shares_top_slots_by_population_quartile():
    data = _dataset([np.array([4.0, 3.0, 2.0, 1.0])], [0], np.array([10.0, 20.0, 30.0, 40.0]))
    shares = exposure(data, {0: np.array([4.0, 3.0, 2.0, 1.0])}, k=2).shares
    assert list(shares.values()) == [0.5, 0.5, 0.0, 0.0]
