"""A real server on 127.0.0.1 and Debian's Chromium driven by Playwright; screenshots as CI artifacts."""

from __future__ import annotations

import os
import shutil
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "web"))  # web_support, workbench_support

from web_support import add_accounts, make_app, sqlite_url
from workbench_support import home_matcher

CHROMIUM = os.environ.get("TERRIMATCH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS_ENV = "TERRIMATCH_ARTIFACTS"


def artifacts_dir() -> Path:
    root = Path(os.environ.get(ARTIFACTS_ENV) or Path(__file__).parents[2] / "artifacts")
    return root / "browser"


def pytest_terminal_summary(terminalreporter):
    folder = artifacts_dir()
    if folder.is_dir() and any(folder.iterdir()):
        terminalreporter.write_line(f"browser screenshots: {folder}")


@pytest.fixture(scope="module")
def browser_home(tmp_path_factory):
    return tmp_path_factory.mktemp("browser-home")


@pytest.fixture(autouse=True)
def isolated_home(browser_home, monkeypatch):
    """The server and the test share one home: edits made through the browser land there."""
    monkeypatch.setenv("TERRIMATCH_HOME", str(browser_home))
    return browser_home


@pytest.fixture(scope="module")
def server(matcher, browser_home, tmp_path_factory):
    """The real app (CSRF on) behind werkzeug's threaded server; yields (base_url, app, accounts)."""
    from werkzeug.serving import make_server

    previous = os.environ.get("TERRIMATCH_HOME")
    os.environ["TERRIMATCH_HOME"] = str(browser_home)
    database = sqlite_url(tmp_path_factory.mktemp("browser-db"))
    app = make_app(database, home_matcher(matcher), WTF_CSRF_ENABLED=True)
    accounts = add_accounts(app)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", app, accounts
    httpd.shutdown()
    thread.join(timeout=10)
    if previous is not None:
        os.environ["TERRIMATCH_HOME"] = previous


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")  # per module, each module's clean-up would delete the screenshots of the others
def shots():
    """shots(page, name): a full-page screenshot under the artifacts folder."""
    folder = artifacts_dir()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"\nbrowser screenshots: {folder}")

    def take(page, name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
