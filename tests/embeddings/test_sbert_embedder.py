"""The sentence-transformers backend, on a tiny model built offline (importing torch costs ~7 s)."""

from __future__ import annotations

import shutil
import socket
import time
from pathlib import Path

import numpy as np
import pytest

from embeddings.base import Embedder, get_embedder
from embeddings.sbert import SbertEmbedder, folder_fingerprint

pytestmark = pytest.mark.slow


def test_loads_from_a_local_folder_and_encodes_unit_rows(tiny_sbert_dir: Path) -> None:
    embedder = SbertEmbedder(tiny_sbert_dir)
    assert isinstance(embedder, Embedder)
    assert embedder.dim == 32
    assert embedder.name.startswith("sbert:tiny-sbert@") and len(embedder.name) > len("sbert:tiny-sbert@")
    vectors = embedder.encode(["une scierie de bois", "la banque", ""])
    assert vectors.shape == (3, 32) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.encode([]).shape == (0, 32)


def test_factory_builds_it_from_a_spec(tiny_sbert_dir: Path) -> None:
    embedder = get_embedder(f"sbert:{tiny_sbert_dir}")
    assert isinstance(embedder, SbertEmbedder)
    assert embedder.encode(["bois"]).shape == (1, 32)


def test_name_follows_the_weights_not_the_location(tiny_sbert_dir: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(tiny_sbert_dir, tmp_path / "tiny-sbert")
    assert folder_fingerprint(copy) == folder_fingerprint(tiny_sbert_dir)
    with (copy / "config.json").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert folder_fingerprint(copy) != folder_fingerprint(tiny_sbert_dir)


@pytest.mark.parametrize("name", ["sentence-transformers/all-MiniLM-L6-v2", "all-MiniLM-L6-v2"])
def test_a_hub_name_is_refused_at_once_without_network(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object) -> None:
        raise AssertionError("the sbert backend tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    started = time.perf_counter()
    with pytest.raises(ValueError, match=f"'{name}' is not an existing directory"):
        SbertEmbedder(name)
    assert time.perf_counter() - started < 0.5


def test_a_file_is_not_a_model_folder(tiny_sbert_dir: Path) -> None:
    with pytest.raises(ValueError, match=r"config\.json' is not an existing directory"):
        SbertEmbedder(tiny_sbert_dir / "config.json")
