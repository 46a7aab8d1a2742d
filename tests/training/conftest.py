"""Model fixtures: real pipelines fitted on small synthetic feature matrices, written as versions."""

import pytest

from matcher.model_store import active_pointer, model_dirs
from model_support import fit_synthetic
from training.case_files import DEV_CASES
from training.cases import load_cases
from training.dataset import build_dataset


@pytest.fixture
def fitted():
    return fit_synthetic


@pytest.fixture
def write_model(fresh_home):
    """Write a version fitted on synthetic data, then prune as `terrimatch train` does; `mrr` is its claimed MRR."""

    def write(seed: int = 0, mrr: float = 0.5, column: int = 0, tamper=None):
        pipeline, reference = fit_synthetic(seed, column)
        if tamper:
            tamper(pipeline)
        meta = model_dirs.write_version(pipeline, reference, metrics={"mrr": mrr}, data_hash="d" * 16, seed=seed)
        active_pointer.prune()
        return meta

    return write


@pytest.fixture
def flip_byte():
    def flip(path, offset: int = -100) -> None:
        path.chmod(0o644)
        data = bytearray(path.read_bytes())
        data[offset] ^= 0xFF
        path.write_bytes(bytes(data))

    return flip


@pytest.fixture(scope="session")
def dev_dataset(matcher, territories):
    """The dev cases through the real matcher (USE embedder, FAISS index), Grand Est basins."""
    return build_dataset(load_cases(DEV_CASES, territories), matcher)
