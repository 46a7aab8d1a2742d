"""The promotion gate: a candidate model replaces the active one only if it loads, scores sanely and is no worse.

Checks, in order (the candidate must load before anything else is looked at):
- loads: sha256, scikit-learn version and feature list match (see `matcher.model_store.model_dirs.load_version`);
- finite: every score on the candidate's training projects is a finite number;
- same projects: the candidate and the baseline (what serves now: the active version, else the
  shipped default model, else the prior) scored on the union of the projects either was trained
  on, on the same grouped folds, each by a fit that never saw the project scored (see
  `training.like_with_like`: the model refitted by its own recipe without the fold's projects);
- reference set: the same, on the development cases shipped with the package (training/data);
- stability: the top-1 basin changes for at most 30 % of the candidate's training projects;
  `force` overrides this check only, and the override is logged.
Either comparison refuses a candidate that is worse by more than the noise: the upper end of the
one-sided 95 % paired bootstrap interval (projects resampled) of the mean reciprocal-rank
difference is below zero. The shipped default model's training data is taken to be the reference
cases when its recorded cases hash says so; otherwise, like the prior, it is scored as it is.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from matcher.model_store.active_pointer import read_pointer
from matcher.model_store.model_dirs import ModelArtifactError, Reference, load_reference, load_version, read_metadata
from matcher.project.french_numbers import french_decimal, french_percent
from matcher.scoring.rankers import LearnedRanker, PriorRanker, Ranker, fit_scores
from training.like_with_like import Comparison, ProjectSet, Recipe, compare, from_reference, union
from training.metrics import case_metrics
from training.reference_set import ReferenceSet

log = logging.getLogger(__name__)
MAX_TOP1_CHANGED = 0.30
FOLDS = 5


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str
    forced: bool = False


@dataclass(frozen=True)
class GateReport:
    candidate: str
    baseline: str  # the active version, or "prior"
    checks: tuple[Check, ...]

    @property
    def passed(self) -> bool:
        return all(c.passed or c.forced for c in self.checks)

    def failures(self) -> list[Check]:
        return [c for c in self.checks if not c.passed and not c.forced]


@dataclass(frozen=True)
class ProjectOutcomes:
    """Per reference project: the row of the top-1 basin and the reciprocal rank of the best-graded one (ties fair)."""

    top1: np.ndarray
    reciprocal_rank: np.ndarray
    finite: bool


def outcomes(ranker: Ranker, reference: Reference) -> ProjectOutcomes:
    """Score each project's candidates on their own, as the matcher does (the prior standardises per project)."""
    top1, rr, finite = [], [], True
    for group in np.unique(reference.groups):
        rows = np.flatnonzero(reference.groups == group)
        scores = fit_scores(ranker, reference.X[rows])
        finite = finite and bool(np.all(np.isfinite(scores)))
        top1.append(rows[int(np.argmax(np.nan_to_num(scores, nan=-np.inf)))])
        relevant = reference.y[rows].max() > 0
        rr.append(case_metrics(scores, reference.y[rows])["mrr"] if relevant else 0.0)
    return ProjectOutcomes(np.array(top1), np.array(rr), finite)


@dataclass(frozen=True)
class Baseline:
    ranker: Ranker
    name: str  # the active version, the shipped default's version, or "prior"
    metrics: dict[str, float] | None  # its recorded cross-validated metrics; None for the prior
    is_model: bool
    source: str = "prior"  # "active", "default" or "prior"


def _fallback(note: str = "") -> Baseline:
    """What serves while no version is active: the shipped default model, else the prior."""
    from matcher.matching.service import fallback_ranker
    from matcher.model_store.default_model import read_default_metadata

    ranker = fallback_ranker()
    if isinstance(ranker, PriorRanker):
        return Baseline(ranker, "prior" + note, None, False)
    return Baseline(ranker, ranker.version + note, read_default_metadata().metrics, True, "default")


def serving_baseline() -> Baseline:
    """The model serving now; a broken active model counts as the fallback, which is what serves then."""
    version = read_pointer().version
    if version is None:
        return _fallback()
    try:
        return Baseline(load_version(version), version, read_metadata(version).metrics, True, "active")
    except ModelArtifactError as error:
        log.warning("active model %s does not load (%s): gating against the fallback", version, error)
        return _fallback(f" (la version active {version} ne se charge pas)")


def _version_data(version: str) -> ProjectSet:
    return from_reference(load_reference(version), read_metadata(version).training.get("project_keys"))


def baseline_recipe(baseline: Baseline, reference: ReferenceSet) -> Recipe:
    """The serving model with the data it was trained on, when known (see the module docstring)."""
    if baseline.source == "active":
        return Recipe(baseline.name, baseline.ranker, _version_data(baseline.name))
    # The shipped model learnt from the reference cases among others: refitted on the reference alone.
    trained_on_reference = (
        baseline.source == "default"
        and isinstance(baseline.ranker, LearnedRanker)
        and reference.cases_hash in baseline.ranker.training_files
    )
    return Recipe(baseline.name, baseline.ranker, reference.projects if trained_on_reference else None)


def _comparison_check(name: str, where: str, result: Comparison, baseline: str) -> Check:
    detail = (
        f"MRR {french_decimal(result.candidate_mrr, 3)} contre {french_decimal(result.baseline_mrr, 3)} "
        f"({baseline}) sur {result.projects} {where}, chacun noté sans avoir vu le projet ; écart moyen au plus "
        f"{french_decimal(result.upper, 3, signed=True)} "
        f"(borne haute à 95 %, bootstrap apparié)"
    )
    return Check(name, not result.worse, detail)


def _stability_check(
    candidate: ProjectOutcomes, served: ProjectOutcomes, baseline_is_model: bool, force: bool, version: str
) -> Check:
    if not baseline_is_model:
        return Check("stability", True, "l'a priori classe aujourd'hui : un modèle appris le remplace")
    changed = float(np.mean(candidate.top1 != served.top1))
    detail = (
        f"le premier bassin change pour {french_percent(changed)} des {len(served.top1)} projets de référence "
        f"({french_percent(MAX_TOP1_CHANGED)} au plus)"
    )
    passed = changed <= MAX_TOP1_CHANGED
    if not passed and force:
        log.warning("promotion of %s forced past the stability check: %s", version, detail)
    return Check("stability", passed, detail, forced=not passed and force)


def evaluate_promotion(version: str, reference: ReferenceSet, force: bool = False) -> GateReport:
    """Run the gate for candidate `version` against the model serving now; nothing is changed."""
    baseline = serving_baseline()
    try:
        candidate = load_version(version)
        trained_on = load_reference(version)
        mine_data = _version_data(version)
    except ModelArtifactError as error:
        return GateReport(version, baseline.name, (Check("loads", False, str(error)),))
    mine, theirs = outcomes(candidate, trained_on), outcomes(baseline.ranker, trained_on)
    recipe, served = Recipe(version, candidate, mine_data), baseline_recipe(baseline, reference)
    seed = read_metadata(version).seed
    same = compare(recipe, served, union(mine_data, served.data), FOLDS, seed)
    fixed = compare(recipe, served, reference.projects, FOLDS, seed)
    return GateReport(
        version,
        baseline.name,
        (
            Check("loads", True, "sha256, version de scikit-learn et variables concordent"),
            Check(
                "finite",
                mine.finite,
                f"scores des {len(trained_on.y)} lignes de référence"
                + ("" if mine.finite else " : certains sont NaN ou infinis"),
            ),
            _comparison_check("projets", "projets d'entraînement des deux modèles", same, baseline.name),
            _comparison_check("référence", "cas de référence livrés", fixed, baseline.name),
            _stability_check(mine, theirs, baseline.is_model, force, version),
        ),
    )
