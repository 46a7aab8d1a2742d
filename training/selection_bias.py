"""Selection bias, simulated: train as if outcomes could be recorded only inside the top k shown, versus anywhere.

In each fold split, the cross-validated model stands for the model serving when the projects came
in: a training project's outcome is "recordable" only if that model (which never saw it) ranked the
real basin within the top k. The biased model is fitted on the recordable training projects only,
the unbiased one on all of them; both are scored on the same held-out projects (all of them, and
apart those whose real basin was outside the top k: where the biased model never learnt anything).
"""

from __future__ import annotations

import numpy as np

from matcher.project.french_numbers import french_decimal, french_percent
from matcher.scoring.rankers import LearnedRanker
from training.dataset import Dataset
from training.fit import CV_REPEATS, cross_validate, fit_ranker, grouped_folds, score_groups
from training.like_with_like import ProjectSet, subset
from training.metrics import evaluate_scores, mean_metrics

SHOWN_TOP = 10


def gold_rank(scores: np.ndarray, relevance: np.ndarray) -> int:
    """Rank of the best-graded basin, ties counted against it (as a list shows one of the tied first)."""
    value = np.nan_to_num(scores, nan=-np.inf)
    return 1 + int(np.sum(value > value[int(np.argmax(relevance))]))


def _biased_scores(dataset: Dataset, shown: dict[int, np.ndarray], seed: int, folds: int, k: int) -> dict:
    projects = ProjectSet(dataset, tuple(str(g) for g in np.unique(dataset.groups)))
    scores: dict[int, np.ndarray] = {}
    for train, test in grouped_folds(dataset, folds, seed):
        recordable = [int(g) for g in train if gold_rank(shown[int(g)], dataset.y[dataset.rows_of(g)]) <= k]
        model = LearnedRanker(fit_ranker(subset(projects, recordable).dataset, seed), "top-k only")
        scores |= score_groups(model, dataset, test)
    return scores


def simulate(dataset: Dataset, seed: int = 0, folds: int = 5, repeats: int = CV_REPEATS, k: int = SHOWN_TOP) -> dict:
    """Held-out metrics of the model trained on outcomes anywhere and of the one trained on the top k only."""
    anywhere, top_k, outside_any, outside_top, shares = [], [], [], [], []
    for run in range(repeats):
        shown = cross_validate(dataset, seed + run, folds)
        biased = _biased_scores(dataset, shown, seed + run, folds, k)
        outside = [g for g in shown if gold_rank(shown[g], dataset.y[dataset.rows_of(g)]) > k]
        shares.append({"share": len(outside) / len(shown)})
        anywhere.append(evaluate_scores(dataset, shown))
        top_k.append(evaluate_scores(dataset, biased))
        if outside:
            outside_any.append(evaluate_scores(dataset, {g: shown[g] for g in outside}))
            outside_top.append(evaluate_scores(dataset, {g: biased[g] for g in outside}))
    result = {
        "k": k,
        "repeats": repeats,
        "outside_top_k_share": mean_metrics(shares)["share"],
        "anywhere": mean_metrics(anywhere),
        "top_k_only": mean_metrics(top_k),
    }
    if outside_any:
        result["outside_top_k"] = {"anywhere": mean_metrics(outside_any), "top_k_only": mean_metrics(outside_top)}
    return result


def table_lines(result: dict) -> list[str]:
    """The simulation as table lines for `terrimatch evaluate`."""
    k = result["k"]
    lines = [
        (
            f"biais de sélection (issues enregistrables dans les {k} premiers montrés seulement, ou partout ; "
            f"{french_percent(result['outside_top_k_share'])} des bassins réels hors des {k} premiers) :"
        )
    ]
    for label, key in (("appris sur les issues partout", "anywhere"), (f"appris sur les {k} premiers", "top_k_only")):
        extra = ""
        if "outside_top_k" in result:
            extra = (
                f"   MRR des projets hors des {k} premiers : {french_decimal(result['outside_top_k'][key]['mrr'], 3)}"
            )
        lines.append(
            f"  {label:<30} " + "  ".join(f"{n} {french_decimal(v, 3)}" for n, v in result[key].items()) + extra
        )
    return lines
