"""What the company's sites change after the fit, as the matcher applies it, and metrics per project kind.

The model's fit does not read the project kind or the sites. The matcher then places the home
basin of an extension on site first (matcher.scoring.home_reference) and adds the proximity bonus of a new
site of a company already here (matcher.scoring.policy.proximity); evaluation does the same, so its
figures are those a company giving its kind and sites would see.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from matcher.project.record import PROJECT_KINDS
from matcher.scoring.home_reference import home_basin
from matcher.scoring.policy import PolicyConfig, proximity
from matcher.territory.records import Commune
from training.cases import Case
from training.dataset import Dataset
from training.metrics import evaluate_scores, mean_metrics

UNKNOWN_KIND = "non précisé"


def site_adjusted(
    dataset: Dataset,
    scores: Mapping[int, np.ndarray],
    cases: Sequence[Case],
    communes: Mapping[str, Commune],
    config: PolicyConfig,
) -> dict[int, np.ndarray]:
    """Scores of each case's candidates after its sites: proximity bonus added, home basin of an extension first."""
    distances = dataset.raw["distance_to_existing_site"]
    out = {}
    for g, values in scores.items():
        rows = dataset.rows_of(g)
        project = cases[g].project
        bonus = [proximity(project.kind, None if np.isnan(d) else float(d), config) for d in distances[rows]]
        adjusted = np.asarray(values, dtype=float) + np.array(bonus)
        sites = [communes[c] for c in project.sites if c in communes]
        home = home_basin(project.kind, sites, list(dataset.basin_codes[rows]))
        if home is not None:  # first whatever its fit: above every other candidate
            adjusted[list(dataset.basin_codes[rows]).index(home)] = np.nanmax(adjusted) + 1.0
        out[g] = adjusted
    return out


def kind_label(kind: str | None) -> str:
    """The kind's key, or UNKNOWN_KIND for cases that do not say."""
    return kind if kind in PROJECT_KINDS else UNKNOWN_KIND


def metrics_by_kind(
    dataset: Dataset, runs: Sequence[Mapping[int, np.ndarray]], kinds: Sequence[str | None], k: int = 5
) -> dict[str, dict]:
    """Per project kind (in PROJECT_KINDS order, then unknown): case count and mean metrics over the runs."""
    present = {kind_label(kind) for kind in kinds}
    out = {}
    for kind in [*PROJECT_KINDS, UNKNOWN_KIND]:
        if kind not in present:
            continue
        groups = [g for g, case_kind in enumerate(kinds) if kind_label(case_kind) == kind]
        per_run = [evaluate_scores(dataset, {g: run[g] for g in groups}, k) for run in runs]
        out[kind] = {"n": len(groups), "model": mean_metrics(per_run)}
    return out
