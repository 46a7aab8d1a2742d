"""Shared fixtures: every test runs offline with its own TERRIMATCH_HOME."""
from __future__ import annotations

import os

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"


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
    """The real default matcher (USE embedder, FAISS index) over the shipped data."""
    os.environ["TERRIMATCH_HOME"] = str(session_home)
    from matcher.matching.service import build_matcher

    return build_matcher(progress=False)
