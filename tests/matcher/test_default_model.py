"""The default model shipped in the package: verified before loading, the prior when it cannot be trusted."""
import json
import logging
import shutil

import pytest

from matcher import default_model
from matcher.default_model import DefaultModelError, load_default_ranker, read_default_metadata
from matcher.features import matrix_columns
from matcher.ranking import MODEL_FEATURES, LearnedRanker, PriorRanker
from matcher.service import fallback_ranker


@pytest.fixture
def model_copy(tmp_path):
    directory = tmp_path / "model"
    shutil.copytree(default_model.default_model_dir(), directory)
    return directory


def test_the_shipped_model_loads_with_its_metadata():
    ranker = load_default_ranker()
    meta = read_default_metadata()
    assert isinstance(ranker, LearnedRanker) and ranker.version == f"default-{meta['sha256'][:8]}"
    assert meta["features"] == list(MODEL_FEATURES) and meta["columns"] == matrix_columns()
    assert ranker.training_files == tuple(f["hash"] for f in meta["training_files"])
    assert [(f["file"], f["scope"]) for f in meta["training_files"]] == [
        ("dev_cases.jsonl", "ge"), ("dev_cases_france.jsonl", "france")]
    assert {"mrr", "ndcg@5", "hit@1", "hit@3", "hit@5"} <= set(meta["metrics"])
    assert {"scikit-learn", "numpy", "joblib", "python"} <= set(meta["library_versions"])
    assert all(w > 0 for w in meta["coefficients"].values())  # more shared words never lowers a basin


def test_a_flipped_byte_is_refused_before_unpickling(model_copy):
    path = model_copy / "model.joblib"
    data = bytearray(path.read_bytes())
    data[-50] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(DefaultModelError, match="corrupt"):
        load_default_ranker(model_copy)


def test_another_scikit_learn_version_is_an_error(model_copy):
    meta = json.loads((model_copy / "metadata.json").read_text())
    meta["library_versions"]["scikit-learn"] = "0.1.0"
    (model_copy / "metadata.json").write_text(json.dumps(meta))
    with pytest.raises(DefaultModelError, match="scikit-learn 0.1.0"):
        load_default_ranker(model_copy)


def test_other_feature_columns_are_an_error(model_copy):
    meta = json.loads((model_copy / "metadata.json").read_text())
    meta["columns"] = meta["columns"][:-1]
    (model_copy / "metadata.json").write_text(json.dumps(meta))
    with pytest.raises(DefaultModelError, match="other feature columns"):
        load_default_ranker(model_copy)


def test_fallback_is_the_shipped_model_then_the_prior(model_copy, monkeypatch, caplog):
    assert fallback_ranker().version.startswith("default-")
    (model_copy / "model.joblib").unlink()
    monkeypatch.setattr(default_model, "default_model_dir", lambda: model_copy)
    with caplog.at_level(logging.WARNING, logger="matcher.service"):
        ranker = fallback_ranker()
    assert isinstance(ranker, PriorRanker) and "missing model file" in caplog.text
