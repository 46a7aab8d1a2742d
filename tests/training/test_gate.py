"""The promotion gate on real pipelines: each check can fail, only stability can be forced."""
import logging

import numpy as np

from matcher import artifacts
from training.gate import MAX_MRR_DROP, evaluate_promotion


def _checks(report):
    return {c.name: c for c in report.checks}


def test_first_model_is_gated_against_the_prior_measured_on_the_reference(fresh_home, write_model):
    good = evaluate_promotion(write_model(seed=1, mrr=0.9).version)
    assert good.passed and good.baseline == "prior"
    assert "no model active" in _checks(good)["stability"].detail
    weak = evaluate_promotion(write_model(seed=2, mrr=0.01).version)
    assert not weak.passed and [c.name for c in weak.failures()] == ["mrr"]


def test_mrr_may_drop_by_the_tolerance_and_no_more(fresh_home, write_model):
    artifacts.activate(write_model(seed=1, mrr=0.50).version)
    within = evaluate_promotion(write_model(seed=1, mrr=0.50 - MAX_MRR_DROP / 2).version)
    below = evaluate_promotion(write_model(seed=1, mrr=0.50 - 2 * MAX_MRR_DROP).version)
    assert within.passed
    assert not below.passed and "0.480 vs 0.500" in _checks(below)["mrr"].detail


def test_changing_most_top1_basins_needs_force_and_force_is_logged(fresh_home, write_model, caplog):
    artifacts.activate(write_model(seed=1, column=0).version)
    other = write_model(seed=2, column=5).version  # learned from another column: other top-1 basins
    refused = evaluate_promotion(other)
    assert [c.name for c in refused.failures()] == ["stability"]
    with caplog.at_level(logging.WARNING, logger="training.gate"):
        forced = evaluate_promotion(other, force=True)
    assert forced.passed and _checks(forced)["stability"].forced
    assert "forced past the stability check" in caplog.text
    same = evaluate_promotion(write_model(seed=3, column=0).version)
    assert _checks(same)["stability"].passed


def test_force_does_not_override_a_worse_model(fresh_home, write_model):
    artifacts.activate(write_model(seed=1, mrr=0.6).version)
    report = evaluate_promotion(write_model(seed=2, mrr=0.2).version, force=True)
    assert not report.passed and "mrr" in [c.name for c in report.failures()]


def test_non_finite_scores_are_refused(fresh_home, write_model):
    def poison(pipeline):
        pipeline.named_steps["rank"].coef_[0] = np.nan

    report = evaluate_promotion(write_model(seed=1, mrr=0.9, tamper=poison).version)
    assert not _checks(report)["finite"].passed and not report.passed


def test_a_candidate_that_does_not_load_fails_before_anything_else(fresh_home, write_model, flip_byte):
    meta = write_model(seed=1, mrr=0.9)
    flip_byte(fresh_home / "models" / meta.version / "model.joblib")
    report = evaluate_promotion(meta.version)
    assert [c.name for c in report.checks] == ["loads"] and not report.passed


def test_a_broken_active_model_is_replaced_against_the_prior(fresh_home, write_model, flip_byte):
    active = write_model(seed=1, mrr=0.9)
    artifacts.activate(active.version)
    flip_byte(fresh_home / "models" / active.version / "model.joblib")
    report = evaluate_promotion(write_model(seed=2, mrr=0.8).version)
    assert report.baseline.startswith("prior (active") and report.passed
