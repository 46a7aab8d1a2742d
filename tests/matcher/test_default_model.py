"""The default model shipped in the package: an ordinary model directory, verified before loading by the
loader of trained versions, the prior when it cannot be trusted."""

import json
import logging
import shutil

import pytest

from matcher.matching.service import fallback_ranker
from matcher.model_store import default_model
from matcher.model_store.default_model import load_default_ranker, read_default_metadata
from matcher.model_store.model_dirs import ModelArtifactError, ModelMetadata
from matcher.scoring.features import matrix_columns
from matcher.scoring.rankers import MODEL_FEATURES, LearnedRanker, PriorRanker


@pytest.fixture
def model_copy(tmp_path):
    directory = tmp_path / "model"
    shutil.copytree(default_model.default_model_dir(), directory)
    return directory


def _edit_metadata(directory, change) -> None:
    path = directory / "metadata.json"
    meta = json.loads(path.read_text())
    change(meta)
    path.write_text(json.dumps(meta))


def test_the_shipped_model_loads_with_its_metadata():
    ranker = load_default_ranker()
    meta = read_default_metadata()
    assert isinstance(meta, ModelMetadata)  # the schema of trained versions
    assert isinstance(ranker, LearnedRanker) and ranker.version == meta.version == f"default-{meta.model_sha256[:8]}"
    assert meta.training["model_features"] == list(MODEL_FEATURES) and list(meta.features) == matrix_columns()
    assert ranker.training_files == meta.training_files == tuple(f["hash"] for f in meta.training["files"])
    assert [(f["file"], f["scope"]) for f in meta.training["files"]] == [
        ("dev_cases.jsonl", "ge"),
        ("dev_cases_france.jsonl", "france"),
    ]
    assert {"mrr", "ndcg@5", "hit@1", "hit@3", "hit@5"} <= set(meta.metrics)
    assert {"scikit-learn", "numpy", "joblib", "python"} <= set(meta.libraries)
    assert meta.reference_sha256 is None
    assert all(w > 0 for w in meta.training["coefficients"].values())  # more shared words never lowers a basin


def test_a_flipped_byte_is_refused_before_unpickling(model_copy):
    path = model_copy / "model.joblib"
    data = bytearray(path.read_bytes())
    data[-50] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelArtifactError, match="corrupt"):
        load_default_ranker(model_copy)


def test_another_scikit_learn_version_is_an_error(model_copy):
    _edit_metadata(model_copy, lambda meta: meta["libraries"].update({"scikit-learn": "0.1.0"}))
    with pytest.raises(ModelArtifactError, match=r"scikit-learn 0\.1\.0.*scripts/train_default_model\.py"):
        load_default_ranker(model_copy)


def test_other_feature_columns_are_an_error(model_copy):
    _edit_metadata(model_copy, lambda meta: meta.update(features=meta["features"][:-1]))
    with pytest.raises(ModelArtifactError, match="other features"):
        load_default_ranker(model_copy)


def test_fallback_is_the_shipped_model_then_the_prior(model_copy, monkeypatch, caplog):
    assert fallback_ranker().version.startswith("default-")
    (model_copy / "model.joblib").unlink()
    monkeypatch.setattr(default_model, "default_model_dir", lambda: model_copy)
    with caplog.at_level(logging.WARNING, logger="matcher.matching.service"):
        ranker = fallback_ranker()
    assert isinstance(ranker, PriorRanker) and "missing model file" in caplog.text
