"""The promotion gate on real pipelines: candidate and serving model scored on the same projects.

Only stability can be forced.
"""

import logging

import numpy as np
import pytest

from matcher.model_store import active_pointer
from matcher.scoring.rankers import LearnedRanker, fit_scores
from model_support import fit_synthetic
from training.gate import evaluate_promotion
from training.like_with_like import Recipe, from_reference, out_of_sample_rr, union
from training.metrics import case_metrics
from training.reference_set import ReferenceSet


def _checks(report):
    return {c.name: c for c in report.checks}


@pytest.fixture
def synthetic_reference():
    """A fixed reference set where column 0 decides, as the synthetic models of `write_model` learn by default."""
    _, reference = fit_synthetic(99, 0)
    return ReferenceSet(from_reference(reference, None), cases_hash="synthetic")


def test_a_model_worse_on_the_reference_set_is_refused(fresh_home, write_model, synthetic_reference):
    active_pointer.activate(write_model(seed=1, column=0).version)
    report = evaluate_promotion(write_model(seed=2, column=5).version, synthetic_reference, force=True)
    assert not _checks(report)["référence"].passed
    # On the union of their training projects, each model is refitted without the project it scores:
    # 60 projects, half decided by column 0 and half by column 5.
    assert " sur 60 projets" in _checks(report)["projets"].detail
    same_rows = evaluate_promotion(write_model(seed=1, column=5).version, synthetic_reference, force=True)
    assert " sur 30 projets" in _checks(same_rows)["projets"].detail  # the same projects: counted once
    assert not report.passed  # force overrides stability only
    assert "bootstrap apparié" in _checks(report)["référence"].detail


def test_an_equally_good_model_passes(fresh_home, write_model, synthetic_reference):
    active_pointer.activate(write_model(seed=1, column=0).version)
    report = evaluate_promotion(write_model(seed=3, column=0).version, synthetic_reference)
    assert report.passed, [c.detail for c in report.failures()]


def test_the_serving_model_is_refitted_without_the_projects_it_is_scored_on():
    pipeline, reference = fit_synthetic(4, 0, projects=20, noise=1.0)  # chance: in-sample fits flatter
    projects = from_reference(reference, [f"p{i}" for i in range(20)])
    elsewhere = from_reference(reference, [f"q{i}" for i in range(20)])  # same rows, other projects
    model = LearnedRanker(pipeline, "v")
    refitted = out_of_sample_rr(Recipe("v", model, projects), projects, folds=5, seed=4)
    as_is = out_of_sample_rr(Recipe("v", model, elsewhere), projects, folds=5, seed=4)
    in_sample = [
        case_metrics(fit_scores(model, reference.X[reference.groups == g]), reference.y[reference.groups == g])["mrr"]
        for g in range(20)
    ]
    assert np.allclose(as_is, in_sample)  # a model that never saw these projects is scored as it is
    assert not np.allclose(refitted, as_is) and refitted.mean() < as_is.mean()
    assert len(union(projects, projects).keys) == 20 and len(union(projects, elsewhere).keys) == 40
    assert from_reference(reference, None).keys == from_reference(reference, ["too", "few"]).keys  # by their rows


def test_changing_most_top1_basins_needs_force_and_force_is_logged(
    fresh_home, write_model, synthetic_reference, caplog
):
    active_pointer.activate(write_model(seed=1, column=0).version)
    other = write_model(seed=2, column=5).version
    with caplog.at_level(logging.WARNING, logger="training.gate"):
        forced = evaluate_promotion(other, synthetic_reference, force=True)
    assert _checks(forced)["stability"].forced and "forced past the stability check" in caplog.text
    same = evaluate_promotion(write_model(seed=3, column=0).version, synthetic_reference)
    assert _checks(same)["stability"].passed


def test_non_finite_scores_are_refused(fresh_home, write_model, synthetic_reference):
    def poison(pipeline):
        pipeline.named_steps["rank"].coef_[0] = np.nan

    report = evaluate_promotion(write_model(seed=1, tamper=poison).version, synthetic_reference)
    assert not _checks(report)["finite"].passed and not report.passed


def test_a_candidate_that_does_not_load_fails_before_anything_else(
    fresh_home, write_model, flip_byte, synthetic_reference
):
    meta = write_model(seed=1)
    flip_byte(fresh_home / "models" / meta.version / "model.joblib")
    report = evaluate_promotion(meta.version, synthetic_reference)
    assert [c.name for c in report.checks] == ["loads"] and not report.passed


def test_a_broken_active_model_is_gated_against_what_serves_instead(
    fresh_home, write_model, flip_byte, synthetic_reference
):
    active = write_model(seed=1)
    active_pointer.activate(active.version)
    flip_byte(fresh_home / "models" / active.version / "model.joblib")
    report = evaluate_promotion(write_model(seed=2).version, synthetic_reference)
    assert report.baseline.startswith("default-") and report.baseline.endswith(
        f"(la version active {active.version} ne se charge pas)"
    )
    assert _checks(report)["loads"].passed
