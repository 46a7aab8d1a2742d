"""The default ranking model shipped inside the package (matcher/data/model), trained on the dev cases.

An ordinary model directory (see `matcher.model_store.model_dirs`), read by the same verified loader as trained
versions; rebuilt by `python scripts/train_default_model.py` (same seed, same cases: same predictions).
"""

from __future__ import annotations

from pathlib import Path

from matcher.model_store.model_dirs import META_FILE, ModelMetadata, load_model_dir
from matcher.package_data import shipped_path
from matcher.scoring.rankers import LearnedRanker

REBUILD = "rebuild it with scripts/train_default_model.py"


def default_model_dir() -> Path:
    return shipped_path("model")


def read_default_metadata(directory: Path | None = None) -> ModelMetadata:
    return ModelMetadata.from_file((directory or default_model_dir()) / META_FILE)


def load_default_ranker(directory: Path | None = None) -> LearnedRanker:
    """The shipped model, verified; ModelArtifactError when it cannot be trusted."""
    return load_model_dir(directory or default_model_dir(), REBUILD)
