"""Fixtures for the embeddings tests: offline settings, clustered unit vectors, a tiny sbert model."""

from __future__ import annotations

import os

# Set before anything imports huggingface_hub: no test may reach a model hub.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

from pathlib import Path

import numpy as np
import pytest

TINY_VOCAB = (
    "[PAD] [UNK] [CLS] [SEP] [MASK] la le les de du des et un une usine scierie bois panneaux "
    "foret filiere banque assurance credit emploi industrie bassin ##s ##e ##x"
).split()


def clustered_unit_vectors(n: int, dim: int, n_clusters: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors scattered around random unit centres; returns (vectors, cluster of each row)."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((n_clusters, dim)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    labels = rng.integers(0, n_clusters, size=n)
    vectors = centres[labels] + 0.6 / np.sqrt(dim) * rng.standard_normal((n, dim)).astype(np.float32)
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32), labels


@pytest.fixture(scope="session")
def clustered() -> tuple[np.ndarray, np.ndarray]:
    return clustered_unit_vectors(600, 32, n_clusters=12)


@pytest.fixture(scope="session")
def tiny_sbert_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2-layer BERT (hidden size 32, random weights) saved as a sentence-transformers folder."""
    import torch
    from sentence_transformers import SentenceTransformer

    try:  # sentence-transformers >= 6 moved the module classes
        from sentence_transformers.sentence_transformer import modules as st_modules
    except ImportError:
        from sentence_transformers import models as st_modules
    from transformers import BertConfig, BertModel, BertTokenizerFast

    torch.manual_seed(0)
    source = tmp_path_factory.mktemp("tiny-bert-source")
    (source / "vocab.txt").write_text("\n".join(TINY_VOCAB) + "\n", encoding="utf-8")
    BertTokenizerFast(vocab_file=str(source / "vocab.txt"), do_lower_case=True).save_pretrained(source)
    config = BertConfig(
        vocab_size=len(TINY_VOCAB),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
    )
    BertModel(config).save_pretrained(source)
    transformer = st_modules.Transformer(str(source), max_seq_length=32)
    pooling = st_modules.Pooling(32, pooling_mode="mean")
    target = tmp_path_factory.mktemp("models") / "tiny-sbert"
    SentenceTransformer(modules=[transformer, pooling], device="cpu").save(str(target))
    return target
