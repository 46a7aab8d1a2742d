"""Ranking metrics with ties handled fairly, baselines, and exposure by basin size.

Ties: when the gold basin ties with others, every order of the tied basins is equally likely,
so each metric is its expectation over the gold basin's possible ranks. A constant score (all
tied) thus gives exactly the random baseline's analytic expectation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from training.dataset import Dataset

# Baselines and the raw feature that orders the basins for each (higher = better).
BASELINE_FEATURES = {
    "largest": "population",
    "lexical": "lexical_best",
    "embedding": "semantic_best",
    "sector_employment": "sector_jobs",
}
SIZE_CLASSES = ("Q1 (plus petits)", "Q2", "Q3", "Q4 (plus grands)")


def gold_ranks(scores: np.ndarray, relevance: np.ndarray) -> np.ndarray:
    """The gold basin's possible ranks (1-based), equally likely under random tie-breaking."""
    gold = int(np.argmax(relevance))
    value = np.nan_to_num(scores, nan=-np.inf)
    higher = int(np.sum(value > value[gold]))
    tied = int(np.sum(value == value[gold]))
    return np.arange(higher + 1, higher + tied + 1)


def case_metrics(scores: np.ndarray, relevance: np.ndarray, k: int = 5) -> dict[str, float]:
    """Reciprocal rank, NDCG@k and Hit@1/3/k of one project (one relevant basin: ideal DCG = 1)."""
    ranks = gold_ranks(scores, relevance)
    metrics = {
        "mrr": float(np.mean(1.0 / ranks)),
        f"ndcg@{k}": float(np.mean([1.0 / math.log2(r + 1) if r <= k else 0.0 for r in ranks])),
    }
    for cut in sorted({1, 3, k}):
        metrics[f"hit@{cut}"] = float(np.mean(ranks <= cut))
    return metrics


def mean_metrics(per_case: list[dict[str, float]]) -> dict[str, float]:
    return {name: round(float(np.mean([m[name] for m in per_case])), 4) for name in per_case[0]}


def evaluate_scores(dataset: Dataset, scores: Mapping[int, np.ndarray], k: int = 5) -> dict[str, float]:
    """Mean metrics over the projects, `scores[g]` ordering the candidates of project g."""
    return mean_metrics([case_metrics(scores[g], dataset.y[dataset.rows_of(g)], k) for g in sorted(scores)])


def baseline_scores(dataset: Dataset, name: str) -> dict[int, np.ndarray]:
    """Per-project scores of a baseline: 'random' (all tied: the analytic expectation) or a raw feature."""
    groups = [int(g) for g in np.unique(dataset.groups)]
    if name == "random":
        return {g: np.zeros(len(dataset.rows_of(g))) for g in groups}
    column = dataset.raw[BASELINE_FEATURES[name]]
    return {g: column[dataset.rows_of(g)] for g in groups}


def evaluate_baselines(dataset: Dataset, k: int = 5) -> dict[str, dict[str, float]]:
    return {
        name: evaluate_scores(dataset, baseline_scores(dataset, name), k) for name in ("random", *BASELINE_FEATURES)
    }


@dataclass(frozen=True)
class Exposure:
    """Share of the top-k slots going to each population quartile of the candidate basins."""

    shares: dict[str, float]
    thresholds: tuple[float, float, float]  # population quartile limits


def exposure(dataset: Dataset, scores: Mapping[int, np.ndarray], k: int = 5) -> Exposure:
    population = dataset.raw["population"]
    first = dataset.rows_of(int(np.unique(dataset.groups)[0]))
    q1, q2, q3 = (float(q) for q in np.nanquantile(population[first], [0.25, 0.5, 0.75]))
    counts = np.zeros(4)
    for g, values in scores.items():
        rows = dataset.rows_of(g)
        top = rows[np.argsort(-np.nan_to_num(values, nan=-np.inf), kind="stable")[:k]]
        for pop in population[top]:
            counts[int(np.searchsorted([q1, q2, q3], pop, side="right"))] += 1
    total = counts.sum() or 1.0
    return Exposure(
        {name: round(float(c / total), 4) for name, c in zip(SIZE_CLASSES, counts, strict=True)}, (q1, q2, q3)
    )
