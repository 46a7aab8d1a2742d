"""Cross-validated metrics over the projects that rank a basin first.

Projects of negatives only are trained on, not scored.
"""

from __future__ import annotations

import numpy as np

from training.dataset import Dataset
from training.fit import CV_REPEATS, repeated_cross_validation
from training.metrics import evaluate_scores, mean_metrics


def ranked_groups(dataset: Dataset) -> set[int]:
    """Projects with a basin graded above 0: the ones a rank can be measured on."""
    return {int(g) for g in np.unique(dataset.groups) if dataset.y[dataset.rows_of(g)].max() > 0}


def ranked_metrics(dataset: Dataset, seed: int = 0, folds: int = 5, repeats: int = CV_REPEATS) -> dict[str, float]:
    """Mean metrics of the repeated grouped cross-validation, measured on the ranked projects only."""
    scored = ranked_groups(dataset)
    runs = repeated_cross_validation(dataset, seed, folds, repeats)
    return mean_metrics([evaluate_scores(dataset, {g: s for g, s in run.items() if g in scored}) for run in runs])
