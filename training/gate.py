"""The promotion gate: a candidate model replaces the active one only if it loads, scores sanely and is no worse.

Checks, in order (the candidate must load before anything else is looked at):
- loads: sha256, scikit-learn version and feature list match (see `matcher.artifacts.load_version`);
- finite: every score on the reference projects is a finite number;
- mrr: the candidate's cross-validated MRR is not below the baseline's by more than 0.01; the
  baseline is what serves now: the active version, else the shipped default model (their
  recorded cross-validated MRR), else the prior (its MRR on the reference projects);
- stability: the top-1 basin changes for at most 30 % of the reference projects; `force`
  overrides this check only, and the override is logged.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from matcher.artifacts import ModelArtifactError, Reference, load_reference, load_version, read_metadata
from matcher.model_pointer import read_pointer
from matcher.ranking import PriorRanker, Ranker, fit_scores
from training.evaluate import case_metrics

log = logging.getLogger(__name__)
MAX_MRR_DROP = 0.01
MAX_TOP1_CHANGED = 0.30


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


def _fallback(note: str = "") -> Baseline:
    """What serves while no version is active: the shipped default model, else the prior."""
    from matcher.default_model import read_default_metadata
    from matcher.service import fallback_ranker

    ranker = fallback_ranker()
    if isinstance(ranker, PriorRanker):
        return Baseline(ranker, "prior" + note, None, False)
    return Baseline(ranker, ranker.version + note, read_default_metadata().get("metrics"), True)


def serving_baseline() -> Baseline:
    """The model serving now; a broken active model counts as the fallback, which is what serves then."""
    version = read_pointer().version
    if version is None:
        return _fallback()
    try:
        return Baseline(load_version(version), version, read_metadata(version).metrics, True)
    except ModelArtifactError as error:
        log.warning("active model %s does not load (%s): gating against the fallback", version, error)
        return _fallback(f" (active {version} does not load)")


def _mrr_check(candidate_mrr: float | None, baseline_mrr: float, baseline: str) -> Check:
    if candidate_mrr is None or not np.isfinite(candidate_mrr):
        return Check("mrr", False, "the candidate's metadata has no cross-validated MRR")
    passed = candidate_mrr >= baseline_mrr - MAX_MRR_DROP
    return Check("mrr", passed, f"MRR {candidate_mrr:.3f} vs {baseline_mrr:.3f} ({baseline}); "
                                f"tolerated drop {MAX_MRR_DROP}")


def _stability_check(candidate: ProjectOutcomes, served: ProjectOutcomes, baseline_is_model: bool,
                     force: bool, version: str) -> Check:
    if not baseline_is_model:
        return Check("stability", True, "the prior serves now: a learned model replaces it")
    changed = float(np.mean(candidate.top1 != served.top1))
    detail = f"top-1 basin changes for {changed:.0%} of {len(served.top1)} reference projects (max {MAX_TOP1_CHANGED:.0%})"
    passed = changed <= MAX_TOP1_CHANGED
    if not passed and force:
        log.warning("promotion of %s forced past the stability check: %s", version, detail)
    return Check("stability", passed, detail, forced=not passed and force)


def evaluate_promotion(version: str, force: bool = False) -> GateReport:
    """Run the gate for candidate `version` against the model serving now; nothing is changed."""
    baseline = serving_baseline()
    try:
        candidate = load_version(version)
        reference = load_reference(version)
    except ModelArtifactError as error:
        return GateReport(version, baseline.name, (Check("loads", False, str(error)),))
    mine, theirs = outcomes(candidate, reference), outcomes(baseline.ranker, reference)
    recorded = (baseline.metrics or {}).get("mrr")
    baseline_mrr = recorded if recorded is not None else float(theirs.reciprocal_rank.mean())
    return GateReport(version, baseline.name, (
        Check("loads", True, "sha256, scikit-learn version and features match"),
        Check("finite", mine.finite, f"scores of {len(reference.y)} reference rows"
              + ("" if mine.finite else ": some are NaN or infinite")),
        _mrr_check(read_metadata(version).metrics.get("mrr"), baseline_mrr, baseline.name),
        _stability_check(mine, theirs, baseline.is_model, force, version),
    ))
