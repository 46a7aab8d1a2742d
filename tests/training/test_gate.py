"""The promotion gate on real pipelines: each check can fail, only stability can be forced."""
import logging

import numpy as np

from matcher import model_pointer
from matcher.default_model import read_default_metadata
from training.gate import MAX_MRR_DROP, evaluate_promotion


def _checks(report):
    return {c.name: c for c in report.checks}


def test_with_no_version_active_the_shipped_default_is_the_baseline(fresh_home, write_model):
    default = read_default_metadata()
    good = evaluate_promotion(write_model(seed=1, mrr=0.9).version)
    assert good.baseline == "default-" + default["sha256"][:8]
    assert _checks(good)["mrr"].passed and f"vs {default['metrics']['mrr']:.3f}" in _checks(good)["mrr"].detail
    weak = evaluate_promotion(write_model(seed=2, mrr=default["metrics"]["mrr"] - 0.02).version)
    assert not _checks(weak)["mrr"].passed and not weak.passed


def test_mrr_may_drop_by_the_tolerance_and_no_more(fresh_home, write_model):
    model_pointer.activate(write_model(seed=1, mrr=0.50).version)
    within = evaluate_promotion(write_model(seed=1, mrr=0.50 - MAX_MRR_DROP / 2).version)
    below = evaluate_promotion(write_model(seed=1, mrr=0.50 - 2 * MAX_MRR_DROP).version)
    assert within.passed
    assert not below.passed and "0.480 vs 0.500" in _checks(below)["mrr"].detail


def test_changing_most_top1_basins_needs_force_and_force_is_logged(fresh_home, write_model, caplog):
    model_pointer.activate(write_model(seed=1, column=0).version)
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
    model_pointer.activate(write_model(seed=1, mrr=0.6).version)
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


def test_a_broken_active_model_is_gated_against_what_serves_instead(fresh_home, write_model, flip_byte):
    active = write_model(seed=1, mrr=0.9)
    model_pointer.activate(active.version)
    flip_byte(fresh_home / "models" / active.version / "model.joblib")
    report = evaluate_promotion(write_model(seed=2, mrr=0.8).version)
    assert report.baseline.startswith("default-") and report.baseline.endswith(f"(active {active.version} does not load)")
    assert _checks(report)["loads"].passed and _checks(report)["mrr"].passed
