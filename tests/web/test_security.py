"""Sessions, CSRF, rate limits, headers, cookies, secret key, size limits, escaping."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from web_support import PASSWORD, SECRET, WOOD, add_accounts, add_project, login, make_app, redis_url, sqlite_url


def _token(client, path):
    html = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


@pytest.fixture
def csrf_app(tmp_path, fast_matcher):
    return make_app(sqlite_url(tmp_path), fast_matcher, WTF_CSRF_ENABLED=True)


def test_every_form_requires_a_csrf_token(csrf_app):
    accounts = add_accounts(csrf_app)
    project = add_project(csrf_app, accounts["company_a"])
    client = csrf_app.test_client()
    credentials = {"email": accounts["company_a"].email, "password": PASSWORD}
    refused = client.post("/login", data=credentials)
    assert refused.status_code == 400 and "Le formulaire a expiré" in refused.get_data(as_text=True)
    assert client.post("/login", data={**credentials, "csrf_token": _token(client, "/login")}).status_code == 302
    form = {"description": WOOD, "proposals_seen": "1"}  # values read from the text already seen
    assert client.post("/projects/new", data=form).status_code == 400
    assert client.post(f"/projects/{project}/edit", data=form).status_code == 400
    assert client.post(f"/projects/{project}/match").status_code == 400
    assert client.post("/logout").status_code == 400
    token = _token(client, "/projects/new")
    assert client.post("/projects/new", data={**form, "csrf_token": token}).status_code == 302
    agency = csrf_app.test_client()
    agency.post(
        "/login", data={"email": accounts["agency"].email, "password": PASSWORD, "csrf_token": _token(agency, "/login")}
    )
    decision = {"ze2020_code": "4407", "kind": "accept"}
    assert agency.post(f"/agency/projects/{project}/decisions", data=decision).status_code == 400


def test_the_api_needs_no_csrf_token_but_a_bearer_token(csrf_app):
    accounts = add_accounts(csrf_app)
    client = csrf_app.test_client()
    headers = {"Authorization": f"Bearer {accounts['company_a'].token}"}
    assert client.post("/api/v1/projects", json={"description": WOOD}, headers=headers).status_code == 201


def test_login_failures_share_one_message(app, accounts):
    client = app.test_client()
    wrong_password = client.post("/login", data={"email": accounts["agency"].email, "password": "faux mot de passe"})
    unknown_user = client.post("/login", data={"email": "nobody@example.fr", "password": PASSWORD})
    assert wrong_password.status_code == unknown_user.status_code == 401
    for response in (wrong_password, unknown_user):
        assert "Adresse ou mot de passe incorrect." in response.get_data(as_text=True)
    assert client.get("/agency").status_code == 302


def test_login_is_rate_limited(tmp_path, fast_matcher):
    app = make_app(sqlite_url(tmp_path), fast_matcher, LOGIN_RATE_LIMIT="3 per minute")
    accounts = add_accounts(app)
    client = app.test_client()
    for _ in range(3):
        assert client.post("/login", data={"email": "x@example.fr", "password": "nope"}).status_code == 401
    blocked = client.post("/login", data={"email": accounts["agency"].email, "password": PASSWORD})
    assert blocked.status_code == 429
    assert "Trop de requêtes" in blocked.get_data(as_text=True)
    assert client.get("/login").status_code == 200  # only attempts are limited, not the page


OTHER_WORKER = """
import sys
from web_support import make_app
app = make_app(sys.argv[1], None, LOGIN_RATE_LIMIT="3 per minute", RATELIMIT_STORAGE_URI=sys.argv[2],
               RATELIMIT_KEY_PREFIX=sys.argv[3])
print(app.test_client().post("/login", data={"email": "x@example.fr", "password": "nope"}).status_code)
"""


def test_with_redis_storage_the_login_limit_holds_across_worker_processes(tmp_path, fast_matcher):
    """Two gunicorn workers are two processes: with memory:// each would allow 3 attempts; Redis counts them all."""
    settings = {
        "LOGIN_RATE_LIMIT": "3 per minute",
        "RATELIMIT_STORAGE_URI": redis_url(),
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }
    app = make_app(sqlite_url(tmp_path), fast_matcher, **settings)
    client = app.test_client()
    for _ in range(2):
        assert client.post("/login", data={"email": "x@example.fr", "password": "nope"}).status_code == 401
    other = subprocess.run(
        [
            sys.executable,
            "-c",
            OTHER_WORKER,
            sqlite_url(tmp_path),
            settings["RATELIMIT_STORAGE_URI"],
            settings["RATELIMIT_KEY_PREFIX"],
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=Path(__file__).parent,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent)},
    )
    assert other.returncode == 0, other.stderr
    assert other.stdout.strip().splitlines()[-1] == "401"  # the third attempt, counted in the other process
    assert client.post("/login", data={"email": "x@example.fr", "password": "nope"}).status_code == 429


def test_logout_ends_the_session_even_for_a_copied_cookie(app, accounts):
    client = login(app.test_client(), accounts["agency"])
    stolen = client.get_cookie("session").value
    assert client.get("/agency").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/agency").status_code == 302
    replay = app.test_client()
    replay.set_cookie("session", stolen)
    assert replay.get("/agency").status_code == 302


def test_session_cookie_flags_by_default(tmp_path, fast_matcher):
    app = make_app(sqlite_url(tmp_path), fast_matcher, SESSION_COOKIE_SECURE=True)
    accounts = add_accounts(app)
    response = app.test_client().post("/login", data={"email": accounts["admin"].email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_login_next_cannot_leave_the_site(app, accounts):
    data = {"email": accounts["company_a"].email, "password": PASSWORD}
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = app.test_client().post("/login", query_string={"next": target}, data=data)
        assert response.location == "/projects"
    response = app.test_client().post("/login", query_string={"next": "/projects/new"}, data=data)
    assert response.location == "/projects/new"


@pytest.mark.parametrize("path", ["/login", "/api/v1/openapi.json", "/health/live", "/nowhere"])
def test_security_headers(app, path):
    headers = app.test_client().get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_a_script_tag_in_a_project_comes_back_escaped(app, accounts, login_as):
    company = login_as("company_a")
    attack = '<script>alert("x")</script>'
    response = company.post(
        "/projects/new", data={"title": attack, "description": f"{WOOD} {attack}", "proposals_seen": "1"}
    )
    assert response.status_code == 302
    pages = [
        company.get(response.location),
        login_as("agency").get(response.location.replace("/projects/", "/agency/projects/")),
        login_as("agency").get("/agency"),
        company.get("/projects"),
    ]
    for page in pages:
        html = page.get_data(as_text=True)
        assert page.status_code == 200
        scripts = re.findall(r"<script\b[^>]*>", html)  # only the app's own files (the header menu's)
        assert all(re.fullmatch(r'<script src="/static/[\w/.-]+\.js"( defer)?>', s) for s in scripts), scripts
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "overrides, accepted",
    [
        ({}, False),
        ({"SECRET_KEY": "dev"}, False),
        ({"SECRET_KEY": "a" * 64}, False),
        ({"SECRET_KEY": "short-but-random-7f3a"}, False),
        ({"SECRET_KEY": SECRET}, True),
        ({"ENV_NAME": "development"}, True),
    ],
)
def test_production_refuses_a_missing_or_weak_secret_key(overrides, accepted, monkeypatch):
    from web import create_app
    from web.config import ConfigurationError

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("TERRIMATCH_SECRET_KEY", raising=False)
    config = {"SQLALCHEMY_DATABASE_URI": "sqlite://", **overrides}
    if accepted:
        assert create_app(config).config["SECRET_KEY"]
    else:
        with pytest.raises(ConfigurationError, match="SECRET_KEY"):
            create_app(config)


def test_configuration_comes_from_the_environment(monkeypatch, isolated_home):
    from web import create_app

    monkeypatch.setenv("SECRET_KEY", SECRET)
    monkeypatch.setenv("DATABASE_URL", "postgres://u@db.example:5432/prod")
    monkeypatch.setenv("TERRIMATCH_MATCH_TOP", "5")
    app = create_app()
    assert app.config["SECRET_KEY"] == SECRET
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db.example:5432/prod"
    assert app.config["MATCH_TOP"] == 5
    monkeypatch.delenv("DATABASE_URL")
    assert create_app().config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{isolated_home}/terrimatch.db"


def test_an_oversized_body_is_refused_with_413(app, accounts, login_as):
    headers = {"Authorization": f"Bearer {accounts['company_a'].token}"}
    body = {"description": "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)}
    response = app.test_client().post("/api/v1/projects", json=body, headers=headers)
    assert response.status_code == 413 and response.json["status"] == 413
    page = login_as("company_a").post("/projects/new", data=body)
    assert page.status_code == 413 and "Erreur 413" in page.get_data(as_text=True)


def test_too_long_text_is_a_400_naming_the_field(app, accounts, login_as):
    headers = {"Authorization": f"Bearer {accounts['company_a'].token}"}
    response = app.test_client().post("/api/v1/projects", json={"description": "x" * 10_001}, headers=headers)
    assert response.status_code == 400
    assert "description" in response.json["message"] and "10000" in response.json["problems"]["description"]
    page = login_as("company_a").post("/projects/new", data={"description": WOOD, "title": "t" * 201})
    assert page.status_code == 400
    assert "Titre du projet : ne doit pas dépasser 200 caractères" in page.get_data(as_text=True)


def test_behind_a_proxy_the_login_limit_counts_each_client(tmp_path, fast_matcher):
    app = make_app(sqlite_url(tmp_path), fast_matcher, LOGIN_RATE_LIMIT="2 per minute", PROXY_HOPS=1)
    client = app.test_client()

    def attempt(ip):
        return client.post(
            "/login", data={"email": "x@example.fr", "password": "nope"}, headers={"X-Forwarded-For": ip}
        ).status_code

    assert [attempt("203.0.113.1") for _ in range(3)] == [401, 401, 429]
    assert attempt("203.0.113.2") == 401
