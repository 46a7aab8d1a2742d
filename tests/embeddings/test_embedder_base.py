"""The Embedder protocol helpers and the factory."""

from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pytest

from embeddings.base import ENV_VAR, Embedder, check_texts, default_embedder_spec, get_embedder, l2_normalise
from embeddings.tfidf import TfidfEmbedder
from embeddings.use import UseEmbedder


def test_l2_normalise_gives_unit_float32_rows_and_keeps_zero_rows_zero() -> None:
    out = l2_normalise(np.array([[3.0, 4.0], [0.0, 0.0]], dtype=np.float64))
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, [[0.6, 0.8], [0.0, 0.0]], rtol=1e-6)
    assert not np.isnan(out).any()


def test_l2_normalise_refuses_a_single_vector() -> None:
    with pytest.raises(ValueError, match="2-D"):
        l2_normalise(np.ones(3))


def test_check_texts_refuses_a_bare_string_and_non_strings() -> None:
    with pytest.raises(TypeError, match="not a single string"):
        check_texts("une scierie")
    with pytest.raises(TypeError, match="text 1 is a int"):
        check_texts(["ok", 3])  # type: ignore[list-item]


def test_default_spec_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert default_embedder_spec() == "use"
    monkeypatch.setenv(ENV_VAR, "  ")
    assert default_embedder_spec() == "use"
    monkeypatch.setenv(ENV_VAR, "tfidf")
    assert default_embedder_spec() == "tfidf"
    assert isinstance(get_embedder(), TfidfEmbedder)


def test_get_embedder_use_is_lazy_and_meets_the_protocol() -> None:
    embedder = get_embedder("use", batch_size=8)
    assert isinstance(embedder, UseEmbedder)
    assert isinstance(embedder, Embedder)
    assert embedder._model is None
    assert embedder.dim == 512
    assert re.fullmatch(r"use-multilingual-v3@[0-9a-f]{12}", embedder.name)
    assert embedder._model is None


@pytest.mark.parametrize("spec", ["bert", "sbert", "sbert:", "use:extra", "openai"])
def test_unknown_spec_lists_the_valid_choices(spec: str) -> None:
    with pytest.raises(ValueError, match="valid choices are: 'use', 'sbert:/path/to/local/folder', 'tfidf'"):
        get_embedder(spec)


@pytest.mark.slow  # a new Python process imports every backend
def test_importing_the_package_never_imports_sentence_transformers() -> None:
    code = (
        "import sys, embeddings, embeddings.base, embeddings.use, embeddings.sbert, embeddings.tfidf, "
        "embeddings.index\n"
        "heavy = sorted(m for m in ('sentence_transformers', 'torch', 'transformers') if m in sys.modules)\n"
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
