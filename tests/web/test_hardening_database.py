"""Probe findings where the database matters: outages, out-of-range ids, characters a database refuses.

Each test runs on SQLite and on PostgreSQL (issue 17, items 1, 2, 3, 5 and 12).
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from web.cli import main
from web_support import SECRET, WOOD, add_accounts, add_project, login, make_app

UNREACHABLE = {
    "sqlite": "sqlite:////nonexistent-terrimatch-dir/none.db",
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:1/test?connect_timeout=2",
}
TOO_LARGE = (2**31, 2**63, 10**30)


@pytest.fixture
def world(database_url, fast_matcher):
    app = make_app(database_url, fast_matcher)
    accounts = add_accounts(app)
    yield app, accounts, add_project(app, accounts["company_a"])
    from web.extensions import db

    with app.app_context():
        db.engine.dispose()


def _backend(url: str) -> str:
    return "postgresql" if url.startswith("postgresql") else "sqlite"


def _down_app(database_url, matcher):
    """The same app (same secret key) whose database cannot be reached."""
    from web import create_app

    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": SECRET,
            "SESSION_COOKIE_SECURE": False,
            "SQLALCHEMY_DATABASE_URI": UNREACHABLE[_backend(database_url)],
            "MATCHER": matcher,
        }
    )


def test_database_outage_is_503_with_retry_after_and_a_page_for_a_signed_in_user(world, database_url, fast_matcher):
    app, accounts, _ = world
    signed_in = login(app.test_client(), accounts["company_a"])
    down = _down_app(database_url, fast_matcher).test_client()
    down.set_cookie("session", signed_in.get_cookie("session").value)
    page = down.get("/projects")
    assert page.status_code == 503 and page.mimetype == "text/html"
    assert "Erreur 503" in page.get_data(as_text=True) and page.headers["Retry-After"]
    assert page.headers["Content-Security-Policy"] and page.headers["X-Frame-Options"] == "DENY"
    for response in (
        down.get("/api/v1/projects", headers={"Authorization": f"Bearer {accounts['agency'].token}"}),
        down.get("/health/ready"),
    ):
        assert response.status_code == 503 and response.headers["Retry-After"]
        assert set(response.json) == {"error", "message", "status"} and response.json["status"] == 503


def _int_routes(app):
    """Every (rule, method) with an <int:...> part."""
    from werkzeug.routing import IntegerConverter

    return [
        (rule, method)
        for rule in app.url_map.iter_rules()
        if any(isinstance(c, IntegerConverter) for c in rule._converters.values())
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    ]


def test_ids_beyond_the_column_range_are_404_on_every_int_route(world):
    app, accounts, _ = world
    clients = {role: login(app.test_client(), accounts[role]) for role in ("company_a", "agency")}
    routes = _int_routes(app)
    assert len(routes) >= 8
    for rule, method in routes:
        for number in TOO_LARGE:
            values = {name: number for name in rule.arguments if name != "code"} | {"code": "4407"}
            path = rule.build(values)[1]
            for role, client in clients.items():
                response = client.open(path, method=method, headers={"Authorization": f"Bearer {accounts[role].token}"})
                assert response.status_code in (403, 404), (method, path, role, response.status_code)
    page = clients["company_a"].get(f"/projects/{2**31}")
    assert page.status_code == 404 and "Erreur 404" in page.get_data(as_text=True)


BAD_TEXTS = (
    "Usine de panneaux\u0000 en bois pour la construction",
    "Usine de panneaux \udc00 en bois, 40 emplois",
    "Usine de panneaux \x1b[31m en bois, 40 emplois",
)


@pytest.mark.parametrize("text", BAD_TEXTS)
def test_control_characters_and_lone_surrogates_are_a_400_naming_the_field(world, text):
    app, accounts, project = world
    headers = {"Authorization": f"Bearer {accounts['company_a'].token}"}
    client = app.test_client()
    for field in ("title", "description"):
        body = json.dumps({"description": WOOD, field: text})  # ASCII JSON: "\udc00" as the probe sent it
        response = client.post("/api/v1/projects", data=body, headers=headers, content_type="application/json")
        assert response.status_code == 400 and response.json["status"] == 400, response.data[:300]
        assert field in response.json["message"]
    company = login(app.test_client(), accounts["company_a"])
    form = company.post("/projects/new", data={"description": WOOD, "title": text.replace("\udc00", "\x00")})
    assert form.status_code == 400 and "Titre du projet" in form.get_data(as_text=True)
    agency = login(app.test_client(), accounts["agency"])
    decision = agency.post(
        f"/agency/projects/{project}/decisions",
        data={"ze2020_code": "4407", "kind": "shortlist", "comment": "vu\x00 en réunion"},
    )
    assert decision.status_code == 400 and "Commentaire" in decision.get_data(as_text=True)
    listed = client.get("/api/v1/projects", headers=headers).json["projects"]
    assert [p["id"] for p in listed] == [project]  # nothing stored
    assert (
        client.get(f"/api/v1/projects/{project}", headers={"Authorization": f"Bearer {accounts['agency'].token}"}).json[
            "decisions"
        ]
        == []
    )


def test_tab_and_newline_are_kept(world):
    app, accounts, _ = world
    body = {"title": "Usine\tbois", "description": WOOD + "\nSecond paragraphe."}
    response = app.test_client().post(
        "/api/v1/projects", json=body, headers={"Authorization": f"Bearer {accounts['company_a'].token}"}
    )
    assert response.status_code == 201 and response.json["description"].endswith("\nSecond paragraphe.")


def test_users_add_before_db_upgrade_says_what_to_run(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    result = CliRunner().invoke(
        main,
        ["users", "add", "lea@scierie.fr", "--role", "company", "--org", "Scierie", "--password-stdin"],
        input="un mot de passe solide\n",
    )
    assert result.exit_code != 0 and "terrimatch db upgrade" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
