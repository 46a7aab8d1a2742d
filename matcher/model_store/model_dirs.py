"""Model directories, one format: `model.joblib`, `metadata.json` and, for trained versions, `reference.npz`.

Trained versions live below TERRIMATCH_HOME/models as immutable directories `models/<version>/`
(which one serves is `matcher.model_store.active_pointer`'s job); the default model shipped in the package
(matcher/data/model) is the same kind of directory without a reference. Both are loaded by
`load_model_dir`: sha256, scikit-learn version and feature columns checked before unpickling.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from embeddings.fileio import sha256_file
from matcher.home import terrimatch_home
from matcher.scoring.features import matrix_columns
from matcher.scoring.rankers import LearnedRanker

log = logging.getLogger(__name__)
MODEL_FILE = "model.joblib"
META_FILE = "metadata.json"
REFERENCE_FILE = "reference.npz"
VERSION = re.compile(r"^v\d{8}-\d{6}-[0-9a-f]{8}(-\d+)?$")


class ModelArtifactError(RuntimeError):
    """A model version is missing, corrupt or incompatible; the message names the file."""


@dataclass(frozen=True)
class Reference:
    """Feature matrices of reference projects: rows of X, their graded relevance y, their project id."""

    X: np.ndarray
    y: np.ndarray
    groups: np.ndarray


@dataclass(frozen=True)
class ModelMetadata:
    version: str
    created_at: str
    features: tuple[str, ...]
    metrics: dict[str, float]
    data_hash: str
    libraries: dict[str, str]
    git_commit: str | None
    model_sha256: str
    reference_sha256: str | None  # None: no reference matrices (the shipped default)
    seed: int
    training: dict[str, Any] = field(default_factory=dict)

    @property
    def training_files(self) -> tuple[str, ...]:
        """Hashes of the case files it learnt from (the shipped default): `evaluate` cross-validates on them."""
        return tuple(f["hash"] for f in self.training.get("files", []))

    @classmethod
    def from_file(cls, path: Path) -> ModelMetadata:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            data["features"] = tuple(data["features"])
            return cls(**data)
        except (OSError, ValueError, TypeError, KeyError) as error:
            raise ModelArtifactError(f"unreadable model metadata {path}: {error}") from error


def models_dir() -> Path:
    path = terrimatch_home() / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def library_versions() -> dict[str, str]:
    import platform

    import joblib
    import sklearn

    return {
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "joblib": joblib.__version__,
    }


def git_commit() -> str | None:
    """The commit of the checkout the code runs from, if it is one."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"],  # noqa: S607 - git from the PATH, as a developer runs it
            cwd=Path(__file__).parent,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def version_dir(version: str) -> Path:
    """The directory of `version`, refusing any name that could point outside the models directory."""
    if not VERSION.match(version):
        raise ModelArtifactError(f"not a model version name: {version!r} (expected e.g. v20260101-120000-0123abcd)")
    root = models_dir().resolve()
    path = (root / version).resolve()
    if path.parent != root:
        raise ModelArtifactError(f"model version {version} resolves outside {root}")
    if not path.is_dir():
        raise ModelArtifactError(f"no model version {version} in {root}")
    return path


def write_version(
    pipeline: Any,
    reference: Reference,
    *,
    metrics: dict[str, float],
    data_hash: str,
    seed: int,
    training: dict[str, Any] | None = None,
) -> ModelMetadata:
    """Write a new immutable version directory (files read-only, renamed into place when complete)."""
    import joblib

    root = models_dir()
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=root))
    try:
        joblib.dump(pipeline, staging / MODEL_FILE)
        np.savez(staging / REFERENCE_FILE, X=reference.X, y=reference.y, groups=reference.groups.astype(str))
        now = datetime.now(UTC)
        model_sha = sha256_file(staging / MODEL_FILE)
        meta = describe_model(
            staging,
            _free_name(root, f"v{now:%Y%m%d-%H%M%S}-{model_sha[:8]}"),
            metrics=metrics,
            data_hash=data_hash,
            seed=seed,
            training=training,
            created_at=now,
        )
        (staging / META_FILE).write_text(metadata_text(meta), encoding="utf-8")
        for name in (MODEL_FILE, REFERENCE_FILE, META_FILE):
            (staging / name).chmod(0o444)
        staging.rename(root / meta.version)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("model version %s written (%s)", meta.version, model_sha[:12])
    return meta


def describe_model(
    directory: Path,
    version: str,
    *,
    metrics: dict[str, float],
    data_hash: str,
    seed: int,
    training: dict[str, Any] | None = None,
    created_at: datetime | None = None,
) -> ModelMetadata:
    """The metadata of the model file in `directory` (and of its reference file, when there is one)."""
    reference = directory / REFERENCE_FILE
    return ModelMetadata(
        version=version,
        created_at=(created_at or datetime.now(UTC)).isoformat(),
        features=tuple(matrix_columns()),
        metrics={k: float(v) for k, v in metrics.items()},
        data_hash=data_hash,
        libraries=library_versions(),
        git_commit=git_commit(),
        model_sha256=sha256_file(directory / MODEL_FILE),
        reference_sha256=sha256_file(reference) if reference.exists() else None,
        seed=seed,
        training=dict(training or {}),
    )


def metadata_text(meta: ModelMetadata) -> str:
    return json.dumps(asdict(meta), indent=1, ensure_ascii=False) + "\n"


def _free_name(root: Path, name: str) -> str:
    candidate, n = name, 1
    while (root / candidate).exists():
        n += 1
        candidate = f"{name}-{n}"
    return candidate


def read_metadata(version: str) -> ModelMetadata:
    return ModelMetadata.from_file(version_dir(version) / META_FILE)


def list_versions() -> list[ModelMetadata]:
    """Every readable version, oldest first; unreadable directories are logged and skipped."""
    found = []
    for path in models_dir().iterdir():
        if path.is_dir() and VERSION.match(path.name):
            try:
                found.append(read_metadata(path.name))
            except ModelArtifactError as error:
                log.warning("skipping model directory %s: %s", path.name, error)
    return sorted(found, key=lambda m: m.created_at)


def _verified(path: Path, expected_sha: str) -> Path:
    if path.is_symlink() or not path.is_file():
        raise ModelArtifactError(f"missing model file {path} (or a link, which is never followed)")
    actual = sha256_file(path)
    if actual != expected_sha:
        raise ModelArtifactError(
            f"{path} is corrupt or was changed: sha256 {actual[:12]}…, "
            f"metadata says {expected_sha[:12]}…; it was not loaded"
        )
    return path


def load_version(version: str) -> LearnedRanker:
    """Load a version's model, only from the models directory, only after its sha256 matches."""
    return load_model_dir(version_dir(version), "retrain it with `terrimatch train`")


def load_model_dir(directory: Path, remedy: str) -> LearnedRanker:
    """The model of a model directory, checked (sha256, scikit-learn version, feature columns, a trial
    scoring) before and after unpickling; ModelArtifactError naming the file and `remedy` otherwise."""
    import joblib
    import sklearn

    meta = ModelMetadata.from_file(directory / META_FILE)
    trained_with = meta.libraries.get("scikit-learn")
    if trained_with != sklearn.__version__:
        raise ModelArtifactError(
            f"model {meta.version} was trained with scikit-learn {trained_with}, this is "
            f"{sklearn.__version__}: {remedy}"
        )
    if list(meta.features) != matrix_columns():
        raise ModelArtifactError(
            f"model {meta.version} was trained on other features than this version of terrimatch computes: {remedy}"
        )
    path = _verified(directory / MODEL_FILE, meta.model_sha256)
    try:
        pipeline = joblib.load(path)  # a pickle is code: loaded only after the hash check above
        ranker = LearnedRanker(pipeline, meta.version, meta.training_files)
        ranker.contributions(np.zeros((2, len(meta.features))))
    except Exception as error:
        raise ModelArtifactError(f"model file {path} could not be loaded: {error}") from error
    return ranker


def load_reference(version: str) -> Reference:
    meta = read_metadata(version)
    if meta.reference_sha256 is None:
        raise ModelArtifactError(f"model {version} has no reference matrices")
    path = _verified(version_dir(version) / REFERENCE_FILE, meta.reference_sha256)
    with np.load(path, allow_pickle=False) as data:
        return Reference(data["X"], data["y"], data["groups"])
