"""Model version directories: immutable writes, sha256-checked loads, atomic activation, rollback, pruning."""

import json
import logging

import numpy as np
import pytest

from matcher.model_store import active_pointer, model_dirs
from matcher.model_store.live_model import RankerHandle
from matcher.model_store.model_dirs import ModelArtifactError
from matcher.scoring.features import matrix_columns
from matcher.scoring.rankers import PriorRanker


def test_written_version_is_complete_read_only_and_loads_the_same_model(fresh_home, write_model, fitted):
    meta = write_model(seed=3, mrr=0.42)
    folder = fresh_home / "models" / meta.version
    assert sorted(p.name for p in folder.iterdir()) == ["metadata.json", "model.joblib", "reference.npz"]
    assert all(not (p.stat().st_mode & 0o222) for p in folder.iterdir())
    stored = json.loads((folder / "metadata.json").read_text())
    assert stored["features"] == matrix_columns() and stored["metrics"] == {"mrr": 0.42}
    assert stored["model_sha256"] == model_dirs.sha256_file(folder / "model.joblib")
    assert {"scikit-learn", "numpy", "joblib", "python"} <= stored["libraries"].keys()
    assert stored["created_at"] and stored["data_hash"] == "d" * 16
    pipeline, reference = fitted(3)
    loaded = model_dirs.load_version(meta.version)
    assert loaded.version == meta.version
    assert np.allclose(loaded.pipeline.decision_function(reference.X), pipeline.decision_function(reference.X))
    assert np.array_equal(model_dirs.load_reference(meta.version).groups, reference.groups.astype(str))
    assert not list((fresh_home / "models").glob(".staging-*"))


def test_same_model_twice_gets_two_versions(fresh_home, write_model):
    first, second = write_model(seed=1), write_model(seed=1)
    assert first.version != second.version and first.model_sha256 == second.model_sha256


def test_flipped_byte_is_refused_and_the_active_model_stays(fresh_home, write_model, flip_byte):
    good, bad = write_model(seed=1), write_model(seed=2)
    active_pointer.activate(good.version)
    flip_byte(fresh_home / "models" / bad.version / "model.joblib")
    with pytest.raises(ModelArtifactError, match="corrupt"):
        model_dirs.load_version(bad.version)
    with pytest.raises(ModelArtifactError, match="corrupt"):
        active_pointer.activate(bad.version)
    assert active_pointer.read_pointer().version == good.version
    assert RankerHandle(PriorRanker()).version == good.version


def test_missing_model_file_gives_a_clear_error(fresh_home, write_model):
    meta = write_model()
    (fresh_home / "models" / meta.version / "model.joblib").unlink()
    with pytest.raises(ModelArtifactError, match="missing model file"):
        model_dirs.load_version(meta.version)


def test_scikit_learn_version_mismatch_is_an_error(fresh_home, write_model):
    meta = write_model()
    path = fresh_home / "models" / meta.version / "metadata.json"
    data = json.loads(path.read_text())
    data["libraries"]["scikit-learn"] = "0.24.2"
    path.chmod(0o644)
    path.write_text(json.dumps(data))
    with pytest.raises(ModelArtifactError, match=r"scikit-learn 0\.24\.2"):
        model_dirs.load_version(meta.version)


@pytest.mark.parametrize("name", ["../outside", "v20260101-120000-0123abcd/../../x", "/etc/passwd", "latest"])
def test_only_version_names_inside_the_models_directory_load(fresh_home, name):
    with pytest.raises(ModelArtifactError):
        model_dirs.load_version(name)


def test_without_an_active_version_the_fallback_ranks(fresh_home):
    assert active_pointer.read_pointer() == active_pointer.Pointer(None, ())
    fallback = PriorRanker()
    assert RankerHandle(fallback).current() is fallback


def test_activate_and_rollback_walk_the_history(fresh_home, write_model):
    first, second = write_model(seed=1), write_model(seed=2)
    active_pointer.activate(first.version)
    active_pointer.activate(second.version)
    assert active_pointer.read_pointer() == active_pointer.Pointer(second.version, (None, first.version))
    assert active_pointer.rollback().version == first.version
    assert RankerHandle(PriorRanker()).version == first.version
    assert active_pointer.rollback().version is None  # back to the prior
    with pytest.raises(ModelArtifactError, match="no previous"):
        active_pointer.rollback()
    assert not list((fresh_home / "models").glob(".pointer-*"))


def test_prune_keeps_five_plus_the_active_and_previous(fresh_home, write_model):
    versions = [write_model(seed=s).version for s in range(2)]
    active_pointer.activate(versions[0])
    active_pointer.activate(versions[1])
    versions += [write_model(seed=s).version for s in range(2, 8)]  # each write prunes
    remaining = [m.version for m in model_dirs.list_versions()]
    assert remaining == versions[:2] + versions[3:]


def test_handle_follows_promotions_and_keeps_serving_when_a_new_model_breaks(
    fresh_home, caplog, write_model, flip_byte, fitted
):
    first, second, third = write_model(seed=1), write_model(seed=2), write_model(seed=3)
    handle = RankerHandle(fallback=PriorRanker())
    assert handle.version == "prior"
    active_pointer.activate(first.version)
    assert handle.version == first.version
    active_pointer.activate(second.version)
    assert handle.version == second.version
    active_pointer.activate(third.version)  # valid when activated, corrupted before this process reloads it
    flip_byte(fresh_home / "models" / third.version / "model.joblib")
    with caplog.at_level(logging.ERROR, logger="matcher.model_store.live_model"):
        assert handle.version == second.version
    assert "still ranking with " + second.version in caplog.text
    scores = handle.contributions(fitted(0)[1].X[:8]).sum(axis=1)
    assert np.all(np.isfinite(scores)) and scores.std() > 0
    active_pointer.rollback()
    active_pointer.rollback()
    assert handle.version == first.version


def test_pointer_history_stays_bounded_and_rollback_still_works(fresh_home, write_model):
    first, second = write_model(seed=1), write_model(seed=2)
    for _ in range(active_pointer.HISTORY_LIMIT):
        active_pointer.activate(first.version)
        active_pointer.activate(second.version)
    pointer = active_pointer.read_pointer()
    assert len(pointer.history) == active_pointer.HISTORY_LIMIT
    assert pointer.history[-2:] == (second.version, first.version)
    assert active_pointer.rollback().version == first.version
    assert active_pointer.rollback().version == second.version
