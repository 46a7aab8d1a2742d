"""Helpers for the web tests: databases on both backends, the migrated app, accounts, logins, projects."""
from __future__ import annotations

import os
import uuid
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

POSTGRES_ENV = "TERRIMATCH_TEST_POSTGRES_URL"
REDIS_ENV = "TERRIMATCH_TEST_REDIS_URL"
SECRET = "test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
PASSWORD = "un mot de passe assez long"
WOOD = ("Nous voulons construire une usine de panneaux de particules en bois, 80 emplois, 15 ha, "
        "besoin d'un accès ferroviaire et d'une ressource forestière proche")
ROLES = ("anonymous", "company_a", "company_b", "agency", "admin")


def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'web.db'}"


class PostgresSchema:
    """A schema of its own on the CI server; the app's connections search only it; dropped afterwards."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.name = f"t_{uuid.uuid4().hex[:12]}"
        self.engine = sa.create_engine(base_url)

    def __enter__(self) -> str:
        with self.engine.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{self.name}"'))
        separator = "&" if "?" in self.base_url else "?"
        return f"{self.base_url}{separator}options=-csearch_path%3D{self.name}"

    def __exit__(self, *exc) -> None:
        with self.engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{self.name}" CASCADE'))
        self.engine.dispose()


def postgres_base_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"set {POSTGRES_ENV} to run the PostgreSQL storage tests (CI sets it)")
    return url


def redis_url() -> str:
    url = os.environ.get(REDIS_ENV)
    if not url:
        pytest.skip(f"set {REDIS_ENV} to run the shared rate-limit tests (CI sets it)")
    return url


def make_app(database_url: str, matcher=None, **config):
    """The real app factory on `database_url`, migrated to the latest schema."""
    from flask_migrate import upgrade

    from web import create_app

    settings = {"TESTING": True, "SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": database_url,
                "WTF_CSRF_ENABLED": False, "SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False,
                "LOGIN_RATE_LIMIT": "1000 per minute", "API_RATE_LIMIT": "1000 per minute", "MATCHER": matcher}
    settings.update(config)
    app = create_app(settings)
    with app.app_context():
        upgrade()
    return app


@dataclass(frozen=True)
class Account:
    role: str
    email: str
    token: str
    user_id: int


def add_accounts(app) -> dict[str, Account]:
    """Company A, company B, an agency and an admin, each with a password and an API token."""
    from web.extensions import db
    from web.records.core import ApiToken, Organisation, User

    specs = {"company_a": ("company", "Scierie A"), "company_b": ("company", "Chimie B"),
             "agency": ("agency", "Agence de développement"), "admin": ("admin", "Région")}
    accounts = {}
    with app.app_context():
        for key, (role, org) in specs.items():
            user = User(email=f"{key}@example.fr", role=role, organisation=Organisation(name=org))
            user.set_password(PASSWORD)
            record, token = ApiToken.issue(user)
            db.session.add_all([user, record])
            db.session.commit()
            accounts[key] = Account(role, user.email, token, user.id)
    return accounts


def login(client, account: Account):
    response = client.post("/login", data={"email": account.email, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


def add_project(app, account: Account, description: str = WOOD, **fields) -> int:
    """A project of `account`'s organisation, matched by the real matcher; returns its id."""
    from matcher.project.record import project_from_mapping
    from web.extensions import db
    from web.matching import run_match
    from web.records.core import ProjectRecord, User

    with app.app_context():
        user = db.session.get(User, account.user_id)
        record = ProjectRecord(organisation_id=user.organisation_id, created_by_id=user.id)
        record.apply(project_from_mapping({"description": description, **fields}))
        db.session.add(record)
        db.session.flush()
        run_match(record)
        db.session.commit()
        return record.id


