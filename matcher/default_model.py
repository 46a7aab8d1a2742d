"""The default ranking model shipped inside the package (matcher/data/model), trained on the dev cases.

Rebuilt by `python scripts/train_default_model.py` (same seed, same cases: same predictions).
Loaded only after its sha256 matches the metadata and with the scikit-learn version it was
saved with: a pickle is code, and another scikit-learn may unpickle it into something else.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from embeddings.fileio import sha256_file
from matcher.features import matrix_columns
from matcher.ranking import LearnedRanker
from matcher.shipped import shipped_path

MODEL_FILE = "model.joblib"
METADATA_FILE = "metadata.json"


class DefaultModelError(RuntimeError):
    """The shipped model is missing, altered or incompatible; the message says which."""


def default_model_dir() -> Path:
    return shipped_path("model")


def read_default_metadata(directory: Path | None = None) -> dict[str, Any]:
    path = (directory or default_model_dir()) / METADATA_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DefaultModelError(f"no default model metadata at {path}: run scripts/train_default_model.py") from None
    except json.JSONDecodeError as error:
        raise DefaultModelError(f"{path} is not valid JSON ({error.msg})") from None


def _check(meta: dict[str, Any], path: Path) -> None:
    import sklearn

    trained_with = meta.get("library_versions", {}).get("scikit-learn")
    if trained_with != sklearn.__version__:
        raise DefaultModelError(f"{path} was saved with scikit-learn {trained_with}, this is {sklearn.__version__}: "
                                "rebuild it with scripts/train_default_model.py")
    if meta.get("columns") != matrix_columns():
        raise DefaultModelError(f"{path} was trained on other feature columns than this version computes: "
                                "rebuild it with scripts/train_default_model.py")
    if not path.is_file() or path.is_symlink():
        raise DefaultModelError(f"missing model file {path}")
    actual = sha256_file(path)
    if actual != meta.get("sha256"):
        raise DefaultModelError(f"{path} is corrupt or was changed: sha256 {actual[:12]}…, "
                                f"metadata says {str(meta.get('sha256'))[:12]}…; it was not loaded")


def load_default_ranker(directory: Path | None = None) -> LearnedRanker:
    """The shipped model, verified; DefaultModelError when it cannot be trusted."""
    import joblib

    directory = directory or default_model_dir()
    meta = read_default_metadata(directory)
    path = directory / MODEL_FILE
    _check(meta, path)
    try:
        pipeline = joblib.load(path)  # only after the hash check above
        ranker = LearnedRanker(pipeline, f"default-{meta['sha256'][:8]}",
                               tuple(f["hash"] for f in meta.get("training_files", [])))
        ranker.contributions(np.zeros((2, len(matrix_columns()))))
    except Exception as error:
        raise DefaultModelError(f"{path} could not be loaded: {error}") from error
    return ranker
