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


def _gunicorn_conf():
    path = Path(__file__).parents[2] / "gunicorn.conf.py"
    spec = importlib.util.spec_from_file_location("gunicorn_conf", path)
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    return conf


def test_gunicorn_workers_share_the_cores_out(monkeypatch):
    conf = _gunicorn_conf()
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert [conf.compute_threads(w) for w in (1, 2, 3, 16)] == [8, 4, 2, 1]


def test_gunicorn_warns_when_workers_would_each_count_the_rate_limits():
    warning = _gunicorn_conf().rate_limit_warning
    assert "up to 2 times" in warning(2, "memory://")
    assert warning(1, "memory://") is None and warning(4, "redis://127.0.0.1:6379/0") is None
