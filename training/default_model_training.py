"""Train the default model shipped in the package (matcher/data/model) on labelled cases.

    HF_HUB_OFFLINE=1 TERRIMATCH_HOME=/tmp/tm python scripts/train_default_model.py

reads the two development case files shipped in training/data/cases (Grand Est, ranked over its
27 basins; France, over all 306). The same cases and seed give the same model file and the same
predictions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import joblib

from embeddings.fileio import write_file_atomic
from matcher.matching.pipeline import Matcher
from matcher.model_store.default_model import default_model_dir
from matcher.model_store.model_dirs import META_FILE, MODEL_FILE, ModelMetadata, describe_model, metadata_text
from matcher.scoring.rankers import DEFAULT_C, MODEL_FEATURES
from training.case_files import CASE_SCOPES
from training.case_sets import metrics_by_file
from training.cases import cases_hash
from training.fit import fit_ranker, splits_described
from training.train import training_data

CV_FOLDS = 5


def train_default_model(
    matcher: Matcher, seed: int = 0, directory: Path | None = None, case_files: Sequence[Path] = tuple(CASE_SCOPES)
) -> ModelMetadata:
    """Fit on every case of every file, measure each file by grouped CV, write the model directory
    (model.joblib, metadata.json); return its metadata."""
    data = training_data(matcher, case_files)
    sets = data.case_sets
    pipeline = fit_ranker(data.dataset, seed)
    by_file = metrics_by_file(sets, seed, CV_FOLDS)
    directory = directory or default_model_dir()
    directory.mkdir(parents=True, exist_ok=True)
    write_file_atomic(directory / MODEL_FILE, lambda tmp: joblib.dump(pipeline, tmp))
    training = {
        "files": [s.describe() for s in sets],
        "cases": sum(len(s.cases) for s in sets),
        "model_features": list(MODEL_FEATURES),
        "coefficients": dict(zip(MODEL_FEATURES, map(float, pipeline.named_steps["rank"].coef_), strict=True)),
        "C": DEFAULT_C,
        "metrics_by_file": by_file,
        "metrics_protocol": f"validation croisée groupée en {CV_FOLDS} plis par fichier, les autres fichiers dans "
        f"l'apprentissage de chaque pli, {splits_described(seed)}",
    }
    meta = describe_model(
        directory,
        "",
        metrics=by_file[sets[0].path.name],  # the first file's: the gate's reference
        data_hash=cases_hash([c for s in sets for c in s.cases]),
        seed=seed,
        training=training,
    )
    meta = replace(meta, version=f"default-{meta.model_sha256[:8]}", git_commit=None)  # the package, not a checkout
    write_file_atomic(directory / META_FILE, lambda tmp: tmp.write_text(metadata_text(meta), encoding="utf-8"))
    return meta
