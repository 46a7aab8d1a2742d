"""Web workers set the encoder's thread count through the environment (gunicorn.conf.py)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from embeddings.use import THREADS_ENV, UseEmbedder


def test_encoder_threads_come_from_the_argument_then_the_environment(monkeypatch):
    monkeypatch.setenv(THREADS_ENV, "1")
    assert UseEmbedder().threads == 1
    assert UseEmbedder(threads=3).threads == 3
    monkeypatch.delenv(THREADS_ENV)
    assert UseEmbedder().threads >= 1


def test_gunicorn_workers_share_the_cores_out(monkeypatch):
    path = Path(__file__).parents[2] / "gunicorn.conf.py"
    spec = importlib.util.spec_from_file_location("gunicorn_conf", path)
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert [conf.compute_threads(w) for w in (1, 2, 3, 16)] == [8, 4, 2, 1]
