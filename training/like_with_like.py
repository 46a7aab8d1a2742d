"""Two models scored on the same projects, each by a fit that never saw the project it is scored on.

A model comes with its recipe: its fitted pipeline and the data it was fitted on (project keys say
which projects those are). On a set of projects split into grouped folds, a model whose data holds
none of a fold's projects scores them as it is; otherwise its pipeline is cloned (same features, C
and seed: its recorded recipe) and refitted on its own data without them. A model whose data is
unknown (the prior) is scored as it is. A version without recorded project keys (older ones) has
its projects known by the hash of their feature rows: the same project scored by the same matcher.
The noise is measured by a paired bootstrap over projects of the reciprocal-rank difference.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from sklearn.base import clone

from matcher.model_store.model_dirs import Reference
from matcher.scoring.rankers import LearnedRanker, Ranker
from training.dataset import Dataset
from training.fit import grouped_folds, score_groups
from training.metrics import case_metrics
from training.positive_project_metrics import ranked_groups

BOOTSTRAP_SAMPLES = 2000
CONFIDENCE = 0.95  # one-sided: worse only when the upper bound of the mean difference is below zero


@dataclass(frozen=True)
class ProjectSet:
    """Feature rows of projects (groups 0..n-1) and each group's project key."""

    dataset: Dataset
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Recipe:
    name: str
    ranker: Ranker
    data: ProjectSet | None  # what it was fitted on; None when unknown or when it learnt nothing


@dataclass(frozen=True)
class Comparison:
    projects: int
    candidate_mrr: float
    baseline_mrr: float
    upper: float  # upper bound of the mean reciprocal-rank difference (candidate - baseline), bootstrap

    @property
    def worse(self) -> bool:
        return self.upper < 0


def _rows_key(X: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(X, dtype=float).tobytes()).hexdigest()[:16]


def from_reference(reference: Reference, keys: list[str] | None) -> ProjectSet:
    """A stored training reference as a project set; without recorded keys, a project is known by its feature rows."""
    labels, groups = np.unique(reference.groups, return_inverse=True)
    dataset = Dataset(
        np.asarray(reference.X, dtype=float),
        np.asarray(reference.y, dtype=float),
        groups,
        np.full(len(groups), ""),
        {},
        (),
    )
    if not keys or len(keys) != len(labels):
        keys = [_rows_key(dataset.X[dataset.rows_of(g)]) for g in range(len(labels))]
    return ProjectSet(dataset, tuple(keys))


def subset(projects: ProjectSet, keep: list[int]) -> ProjectSet:
    """Groups `keep` of a project set, renumbered 0..len(keep)-1 in that order."""
    d = projects.dataset
    rows = np.concatenate([d.rows_of(g) for g in keep])
    renumber = {g: i for i, g in enumerate(keep)}
    dataset = Dataset(
        d.X[rows],
        d.y[rows],
        np.array([renumber[g] for g in d.groups[rows]]),
        d.basin_codes[rows],
        {k: v[rows] for k, v in d.raw.items()},
        d.columns,
    )
    return ProjectSet(dataset, tuple(projects.keys[g] for g in keep))


def union(first: ProjectSet, second: ProjectSet | None) -> ProjectSet:
    """The projects of both, each once (the first set's rows for a project in both)."""
    if second is None:
        return first
    extra = [g for g, key in enumerate(second.keys) if key not in set(first.keys)]
    if not extra:
        return first
    added = subset(second, extra).dataset
    a = first.dataset
    dataset = Dataset(
        np.vstack([a.X, added.X]),
        np.concatenate([a.y, added.y]),
        np.concatenate([a.groups, added.groups + len(first.keys)]),
        np.concatenate([a.basin_codes, added.basin_codes]),
        {},
        a.columns,
    )
    return ProjectSet(dataset, first.keys + tuple(second.keys[g] for g in extra))


def _without(recipe: Recipe, held: set[str]) -> Ranker:
    if recipe.data is None or not held & set(recipe.data.keys) or not isinstance(recipe.ranker, LearnedRanker):
        return recipe.ranker
    keep = [g for g, key in enumerate(recipe.data.keys) if key not in held]
    data = subset(recipe.data, keep).dataset
    pipeline = clone(recipe.ranker.pipeline).fit(data.X, data.y, rank__groups=data.groups)
    return LearnedRanker(pipeline, f"{recipe.name} refitted")


def out_of_sample_rr(recipe: Recipe, projects: ProjectSet, folds: int, seed: int) -> np.ndarray:
    """Reciprocal rank of each ranked project, scored by the recipe's model fitted without that project's fold."""
    dataset = projects.dataset
    scores: dict[int, np.ndarray] = {}
    for _, test in grouped_folds(dataset, min(folds, len(projects.keys)), seed):
        held = {projects.keys[int(g)] for g in test}
        scores |= score_groups(_without(recipe, held), dataset, test)
    return np.array(
        [case_metrics(scores[g], dataset.y[dataset.rows_of(g)])["mrr"] for g in sorted(ranked_groups(dataset))]
    )


def bootstrap_upper(differences: np.ndarray, seed: int = 0) -> float:
    """Upper bound (CONFIDENCE, one-sided) of the mean paired difference, resampling projects."""
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(differences), size=(BOOTSTRAP_SAMPLES, len(differences)))
    return float(np.quantile(differences[draws].mean(axis=1), CONFIDENCE))


def compare(candidate: Recipe, baseline: Recipe, projects: ProjectSet, folds: int = 5, seed: int = 0) -> Comparison:
    """Both recipes scored out of sample on the same projects and folds; the difference and its noise."""
    mine, theirs = out_of_sample_rr(candidate, projects, folds, seed), out_of_sample_rr(baseline, projects, folds, seed)
    return Comparison(
        len(mine),
        round(float(mine.mean()), 4),
        round(float(theirs.mean()), 4),
        round(bootstrap_upper(mine - theirs, seed), 4),
    )
