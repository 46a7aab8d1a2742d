"""Shared fixtures: every test runs offline with its own TERRIMATCH_HOME."""

from __future__ import annotations

import gc
import os

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
# One OpenMP and BLAS thread, as each web worker gets (gunicorn.conf.py): beside other processes on
# 2 cores, faiss's spinning threads made one exact search of the passages take 45 ms instead of 2.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
FAST_TFIDF = "tfidf-2048.joblib"  # the fast matcher's vocabulary, in its home


def pytest_collection_finish(session):
    """Fewer and shorter full garbage collections: what is loaded so far lives for the whole run.

    In the fast lane, 25 full collections walked the same long-lived objects for 7 s; frozen out of
    the collector's way, and one full collection per 100 middle ones instead of 10: 17 took 3.5 s.
    """
    gc.freeze()
    gc.set_threshold(700, 10, 100)


@pytest.fixture(scope="session")
def session_home(tmp_path_factory):
    """One data directory for the session, so the passage index is built once."""
    return tmp_path_factory.mktemp("terrimatch-home")


@pytest.fixture(autouse=True)
def isolated_home(session_home, monkeypatch):
    monkeypatch.setenv("TERRIMATCH_HOME", str(session_home))
    return session_home


@pytest.fixture
def fresh_home(tmp_path, monkeypatch):
    """A data directory of the test's own, for tests that write territory data."""
    home = tmp_path / "home"
    monkeypatch.setenv("TERRIMATCH_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def territories():
    from matcher.territory.loading import load_territories

    return load_territories(overrides={})


@pytest.fixture(scope="session")
def matcher(session_home):
    """The real default matcher (USE embedder, FAISS index) over the shipped data: tens of seconds to build.

    For tests of the encoder's ranking quality; they are marked slow. The others take `fast_matcher`.
    """
    os.environ["TERRIMATCH_HOME"] = str(session_home)
    from matcher.matching.service import build_matcher

    built = build_matcher(progress=False)
    gc.freeze()  # its data and model live for the session
    return built


@pytest.fixture(scope="session")
def fast_home(tmp_path_factory):
    """The data directory of `fast_matcher`: its TF-IDF vocabulary and FAISS index, apart from the USE one."""
    return tmp_path_factory.mktemp("fast-home")


@pytest.fixture(scope="session")
def fast_matcher(session_home, fast_home):
    """A real Matcher made small: a TF-IDF embedder of 2,048 words and its FAISS index, built in seconds.

    Same data, features, shipped model and policy as `matcher`, for the tests of wiring and behaviour
    (pages, API, rights, CLI plumbing, decisions) whose assertions do not hang on the USE ranking.
    Its ranker follows the models of the tests' home, as the real matcher's does.
    """
    os.environ["TERRIMATCH_HOME"] = str(session_home)
    from embeddings.tfidf import TfidfEmbedder
    from matcher.matching.pipeline import Matcher
    from matcher.matching.service import load_policy, load_ranker
    from matcher.search.passage_index import all_passages, load_index
    from matcher.territory.loading import load_territories

    territories = load_territories()
    embedder = TfidfEmbedder(max_features=2048).fit([p.text for p in all_passages(territories)])
    embedder.save(fast_home / FAST_TFIDF)
    with pytest.MonkeyPatch.context() as env:  # the USE index has the session home's usual place
        env.setenv("TERRIMATCH_HOME", str(fast_home))
        index = load_index(territories, embedder, progress=False)
    built = Matcher(territories, embedder, index, load_ranker(), load_policy())
    gc.freeze()  # its data and index live for the session
    return built


@pytest.fixture
def fast_cli_home(fresh_home, fast_matcher, fast_home, monkeypatch):
    """`fresh_home` holding the fast matcher's index, and its embedder named for commands: they load, not build."""
    from matcher.search.passage_index import default_index_dir

    fast_matcher.index.vectors.save(default_index_dir())
    monkeypatch.setenv("TERRIMATCH_EMBEDDER", f"tfidf:{fast_home / FAST_TFIDF}")
    return fresh_home
