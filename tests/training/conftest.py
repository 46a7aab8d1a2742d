"""Model fixtures: real pipelines fitted on small synthetic feature matrices, written as versions."""
import numpy as np
import pytest

from matcher import artifacts
from matcher.artifacts import Reference
from matcher.features import matrix_columns
from matcher.ranking import make_pipeline

N_COLUMNS = len(matrix_columns())


def fit_synthetic(seed: int, column: int = 0, projects: int = 30, candidates: int = 8):
    """A pipeline fitted on `projects` projects of `candidates` basins where `column` decides relevance."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(projects * candidates, N_COLUMNS))
    groups = np.repeat(np.arange(projects), candidates)
    y = np.zeros(len(X))
    for g in range(projects):
        rows = np.flatnonzero(groups == g)
        y[rows[np.argmax(X[rows, column])]] = 1
    pipeline = make_pipeline(seed=seed).fit(X, y, rank__groups=groups)
    return pipeline, Reference(X, y, groups)


@pytest.fixture
def fitted():
    return fit_synthetic


@pytest.fixture
def write_model(fresh_home):
    """Write a version fitted on synthetic data; `mrr` is the cross-validated MRR its metadata claims."""

    def write(seed: int = 0, mrr: float = 0.5, column: int = 0, tamper=None):
        pipeline, reference = fit_synthetic(seed, column)
        if tamper:
            tamper(pipeline)
        return artifacts.write_version(pipeline, reference, metrics={"mrr": mrr}, data_hash="d" * 16, seed=seed)

    return write


@pytest.fixture
def flip_byte():
    def flip(path, offset: int = -100) -> None:
        path.chmod(0o644)
        data = bytearray(path.read_bytes())
        data[offset] ^= 0xFF
        path.write_bytes(bytes(data))

    return flip
