"""Train the default model shipped in the package (matcher/data/model) on labelled cases.

    HF_HUB_OFFLINE=1 TERRIMATCH_HOME=/tmp/tm python scripts/train_default_model.py \
        --cases ../shared/data/cases/dev_cases.jsonl [--seed 0]

The same cases and seed give the same model file and the same predictions.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import joblib

from matcher.artifacts import library_versions, sha256_file
from matcher.default_model import METADATA_FILE, MODEL_FILE, default_model_dir
from matcher.features import matrix_columns
from matcher.pipeline import Matcher
from matcher.ranking import DEFAULT_C, MODEL_FEATURES
from training.cases import cases_hash, load_cases
from training.dataset import build_dataset
from training.fit import cross_validated_metrics, fit_ranker, splits_described

CV_FOLDS = 5


def train_default_model(cases_path: Path, matcher: Matcher, seed: int = 0,
                        directory: Path | None = None) -> dict[str, Any]:
    """Fit on every case, measure by grouped CV, write model.joblib and metadata.json; return the metadata."""
    cases = load_cases(cases_path, matcher.territories)
    dataset = build_dataset(cases, matcher)
    pipeline = fit_ranker(dataset, seed)
    metrics = cross_validated_metrics(dataset, seed, CV_FOLDS)
    directory = directory or default_model_dir()
    directory.mkdir(parents=True, exist_ok=True)
    model_path = directory / MODEL_FILE
    _atomic(model_path, lambda tmp: joblib.dump(pipeline, tmp))
    meta = {
        "features": list(MODEL_FEATURES),
        "coefficients": dict(zip(MODEL_FEATURES, map(float, pipeline.named_steps["rank"].coef_))),
        "columns": matrix_columns(),
        "C": DEFAULT_C,
        "seed": seed,
        "n_cases": len(cases),
        "training_data_hash": cases_hash(cases),
        "metrics": metrics,
        "metrics_protocol": f"grouped {CV_FOLDS}-fold cross-validation, {splits_described(seed)}",
        "library_versions": library_versions(),
        "sha256": sha256_file(model_path),
    }
    text = json.dumps(meta, ensure_ascii=False, indent=1) + "\n"
    _atomic(directory / METADATA_FILE, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return meta


def _atomic(path: Path, write) -> None:
    """Write through a temporary file in the same directory, then rename: never a half-written file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)  # package data: readable by whoever installs it
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
