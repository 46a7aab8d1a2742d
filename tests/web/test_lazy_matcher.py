"""The matcher is built on first use, once per process, and a failed build is retried later."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from web.matching import LazyMatcher, MatcherUnavailable
from web_support import SECRET, add_accounts, make_app, sqlite_url


def test_one_build_for_many_threads():
    calls = []

    def slow_factory():
        calls.append(1)
        time.sleep(0.2)
        return object()

    lazy = LazyMatcher(slow_factory)
    results = []
    threads = [threading.Thread(target=lambda: results.append(lazy.get())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and len({id(r) for r in results}) == 1 and len(results) == 8


def test_a_failed_build_is_retried_on_the_next_request():
    attempts = []

    def flaky():
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("index file truncated")
        return "matcher"

    lazy = LazyMatcher(flaky)
    with pytest.raises(MatcherUnavailable, match="truncated"):
        lazy.get()
    assert lazy.get() == "matcher" and len(attempts) == 2


def test_creating_the_app_and_answering_live_builds_nothing(tmp_path, fast_matcher):
    built = []
    app = make_app(sqlite_url(tmp_path), None, MATCHER_FACTORY=lambda: built.append(1) or fast_matcher)
    client = app.test_client()
    assert client.get("/health/live").status_code == 200
    assert client.get("/login").status_code == 200
    assert built == []
    ready = client.get("/health/ready")
    assert ready.status_code == 200 and ready.json["model_version"] == fast_matcher.ranker.version
    accounts = add_accounts(app)
    headers = {"Authorization": f"Bearer {accounts['agency'].token}"}
    assert client.get("/api/v1/basins/4407", headers=headers).status_code == 200
    assert built == [1]


@pytest.mark.slow  # a new Python process imports the whole app
def test_starting_a_worker_loads_no_model_and_builds_no_index(tmp_path):
    """In a fresh process and an empty data folder: create the app, answer /health/live, touch nothing."""
    home = tmp_path / "home"
    home.mkdir()
    code = (
        "import sys\n"
        "from web import create_app\n"
        f"app = create_app({{'SECRET_KEY': {SECRET!r}, 'SQLALCHEMY_DATABASE_URI': 'sqlite://'}})\n"
        "assert app.test_client().get('/health/live').status_code == 200\n"
        "print(sorted({'matcher.matching.service', 'sentence_transformers', 'torch'} & set(sys.modules)))\n"
    )
    env = {**os.environ, "TERRIMATCH_HOME": str(home)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True, env=env)
    assert out.stdout.strip() == "[]"
    assert [p for p in home.rglob("*") if p.is_file()] == []  # a built index would be written here
