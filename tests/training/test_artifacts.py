"""Model version directories: immutable writes, sha256-checked loads, atomic activation, rollback, pruning."""
import json
import logging

import numpy as np
import pytest

from matcher import artifacts, model_pointer
from matcher.artifacts import ModelArtifactError
from matcher.features import matrix_columns
from matcher.ranker_handle import RankerHandle
from matcher.ranking import PriorRanker


def test_written_version_is_complete_read_only_and_loads_the_same_model(fresh_home, write_model, fitted):
    meta = write_model(seed=3, mrr=0.42)
    folder = fresh_home / "models" / meta.version
    assert sorted(p.name for p in folder.iterdir()) == ["metadata.json", "model.joblib", "reference.npz"]
    assert all(not (p.stat().st_mode & 0o222) for p in folder.iterdir())
    stored = json.loads((folder / "metadata.json").read_text())
    assert stored["features"] == matrix_columns() and stored["metrics"] == {"mrr": 0.42}
    assert stored["model_sha256"] == artifacts.sha256_file(folder / "model.joblib")
    assert {"scikit-learn", "numpy", "joblib", "python"} <= stored["libraries"].keys()
    assert stored["created_at"] and stored["data_hash"] == "d" * 16
    pipeline, reference = fitted(3)
    loaded = artifacts.load_version(meta.version)
    assert loaded.version == meta.version
    assert np.allclose(loaded.pipeline.decision_function(reference.X), pipeline.decision_function(reference.X))
    assert np.array_equal(artifacts.load_reference(meta.version).groups, reference.groups.astype(str))
    assert not list((fresh_home / "models").glob(".staging-*"))


def test_same_model_twice_gets_two_versions(fresh_home, write_model):
    first, second = write_model(seed=1), write_model(seed=1)
    assert first.version != second.version and first.model_sha256 == second.model_sha256


def test_flipped_byte_is_refused_and_the_active_model_stays(fresh_home, write_model, flip_byte):
    good, bad = write_model(seed=1), write_model(seed=2)
    model_pointer.activate(good.version)
    flip_byte(fresh_home / "models" / bad.version / "model.joblib")
    with pytest.raises(ModelArtifactError, match="corrupt"):
        artifacts.load_version(bad.version)
    with pytest.raises(ModelArtifactError, match="corrupt"):
        model_pointer.activate(bad.version)
    assert model_pointer.read_pointer().version == good.version
    assert RankerHandle(PriorRanker()).version == good.version


def test_missing_model_file_gives_a_clear_error(fresh_home, write_model):
    meta = write_model()
    (fresh_home / "models" / meta.version / "model.joblib").unlink()
    with pytest.raises(ModelArtifactError, match="missing model file"):
        artifacts.load_version(meta.version)


def test_scikit_learn_version_mismatch_is_an_error(fresh_home, write_model):
    meta = write_model()
    path = fresh_home / "models" / meta.version / "metadata.json"
    data = json.loads(path.read_text())
    data["libraries"]["scikit-learn"] = "0.24.2"
    path.chmod(0o644)
    path.write_text(json.dumps(data))
    with pytest.raises(ModelArtifactError, match=r"scikit-learn 0\.24\.2"):
        artifacts.load_version(meta.version)


@pytest.mark.parametrize("name", ["../outside", "v20260101-120000-0123abcd/../../x", "/etc/passwd", "latest"])
def test_only_version_names_inside_the_models_directory_load(fresh_home, name):
    with pytest.raises(ModelArtifactError):
        artifacts.load_version(name)


def test_without_an_active_version_the_fallback_ranks(fresh_home):
    assert model_pointer.read_pointer() == model_pointer.Pointer(None, ())
    fallback = PriorRanker()
    assert RankerHandle(fallback).current() is fallback


def test_activate_and_rollback_walk_the_history(fresh_home, write_model):
    first, second = write_model(seed=1), write_model(seed=2)
    model_pointer.activate(first.version)
    model_pointer.activate(second.version)
    assert model_pointer.read_pointer() == model_pointer.Pointer(second.version, (None, first.version))
    assert model_pointer.rollback().version == first.version
    assert RankerHandle(PriorRanker()).version == first.version
    assert model_pointer.rollback().version is None  # back to the prior
    with pytest.raises(ModelArtifactError, match="no previous"):
        model_pointer.rollback()
    assert not list((fresh_home / "models").glob(".pointer-*"))


def test_prune_keeps_five_plus_the_active_and_previous(fresh_home, write_model):
    versions = [write_model(seed=s).version for s in range(2)]
    model_pointer.activate(versions[0])
    model_pointer.activate(versions[1])
    versions += [write_model(seed=s).version for s in range(2, 8)]  # each write prunes
    remaining = [m.version for m in artifacts.list_versions()]
    assert remaining == versions[:2] + versions[3:]


def test_handle_follows_promotions_and_keeps_serving_when_a_new_model_breaks(
        fresh_home, caplog, write_model, flip_byte, fitted):
    first, second, third = write_model(seed=1), write_model(seed=2), write_model(seed=3)
    handle = RankerHandle(fallback=PriorRanker())
    assert handle.version == "prior"
    model_pointer.activate(first.version)
    assert handle.version == first.version
    model_pointer.activate(second.version)
    assert handle.version == second.version
    model_pointer.activate(third.version)  # valid when activated, corrupted before this process reloads it
    flip_byte(fresh_home / "models" / third.version / "model.joblib")
    with caplog.at_level(logging.ERROR, logger="matcher.ranker_handle"):
        assert handle.version == second.version
    assert "still ranking with " + second.version in caplog.text
    scores = handle.contributions(fitted(0)[1].X[:8]).sum(axis=1)
    assert np.all(np.isfinite(scores)) and scores.std() > 0
    model_pointer.rollback()
    model_pointer.rollback()
    assert handle.version == first.version


def test_pointer_history_stays_bounded_and_rollback_still_works(fresh_home, write_model):
    first, second = write_model(seed=1), write_model(seed=2)
    for _ in range(model_pointer.HISTORY_LIMIT):
        model_pointer.activate(first.version)
        model_pointer.activate(second.version)
    pointer = model_pointer.read_pointer()
    assert len(pointer.history) == model_pointer.HISTORY_LIMIT
    assert pointer.history[-2:] == (second.version, first.version)
    assert model_pointer.rollback().version == first.version
    assert model_pointer.rollback().version == second.version
