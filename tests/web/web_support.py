"""Helpers for the web tests: databases on both backends, the migrated app, accounts, logins, projects."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from jinja2 import BytecodeCache

POSTGRES_ENV = "TERRIMATCH_TEST_POSTGRES_URL"
REDIS_ENV = "TERRIMATCH_TEST_REDIS_URL"
SECRET = "test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
PASSWORD = "un mot de passe assez long"
WOOD = (
    "Nous voulons construire une usine de panneaux de particules en bois, 80 emplois, 15 ha, "
    "besoin d'un accès ferroviaire et d'une ressource forestière proche"
)
ROLES = ("anonymous", "company_a", "company_b", "agency", "admin")
# The test accounts' password hash: scrypt as in production, at a cost of n=2**10 instead of werkzeug's
# 2**15, so that each login still checks a real hash in a millisecond instead of 0.14 s of CPU.
TEST_HASH_METHOD = "scrypt:1024:8:1"


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


class CompiledTemplates(BytecodeCache):
    """Templates compiled once per process, not once per test app; jinja checks each against its source."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def make_app(database_url: str, matcher=None, **config):
    """The real app factory on `database_url`, migrated to the latest schema.

    A new SQLite database starts as a copy of one the migrations built earlier in this process:
    the same schema, without running the migrations again (a fifth of a second per test).
    """
    from flask_migrate import upgrade

    from web import create_app

    copied = _copy_migrated_sqlite(database_url)
    settings = {
        "TESTING": True,
        "SECRET_KEY": SECRET,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_SECURE": False,
        "LOGIN_RATE_LIMIT": "1000 per minute",
        "API_RATE_LIMIT": "1000 per minute",
        "MATCHER": matcher,
    }
    settings.update(config)
    app = create_app(settings)
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    if not copied:
        with app.app_context():
            upgrade()
    return app


@functools.cache
def migrated_sqlite() -> Path:
    """An SQLite file migrated to the latest schema, once per process, in a folder removed at exit."""
    from flask_migrate import upgrade

    from web import create_app
    from web.extensions import db

    folder = Path(tempfile.mkdtemp(prefix="terrimatch-schema-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "schema.db"
    app = create_app({"TESTING": True, "SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return path


def _copy_migrated_sqlite(database_url: str) -> bool:
    """Put the migrated file at a new SQLite database's path; False for another backend or an existing file."""
    database = sa.engine.make_url(database_url).database
    if not database_url.startswith("sqlite") or database in (None, "", ":memory:"):
        return False
    path = Path(database)
    if path.exists() or not path.parent.is_dir():
        return False
    shutil.copyfile(migrated_sqlite(), path)
    return True


@dataclass(frozen=True)
class Account:
    role: str
    email: str
    token: str
    user_id: int


@functools.cache
def account_password_hash() -> str:
    """The hash of PASSWORD that every test account gets, made once."""
    from werkzeug.security import generate_password_hash

    return generate_password_hash(PASSWORD, TEST_HASH_METHOD)


def add_accounts(app) -> dict[str, Account]:
    """Company A, company B, an agency and an admin, each with a password and an API token."""
    from web.extensions import db
    from web.records.core import ApiToken, Organisation, User

    specs = {
        "company_a": ("company", "Scierie A"),
        "company_b": ("company", "Chimie B"),
        "agency": ("agency", "Agence de développement"),
        "admin": ("admin", "Région"),
    }
    accounts = {}
    with app.app_context():
        for key, (role, org) in specs.items():
            user = User(email=f"{key}@example.fr", role=role, organisation=Organisation(name=org))
            user.password_hash = account_password_hash()
            record, token = ApiToken.issue(user)
            db.session.add_all([user, record])
            db.session.flush()  # gives the user its id
            accounts[key] = Account(role, user.email, token, user.id)
        db.session.commit()
    return accounts


def login(client, account: Account):
    response = client.post("/login", data={"email": account.email, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


def add_project(app, account: Account, description: str = WOOD, **fields) -> int:
    """A project of `account`'s organisation, matched by the app's matcher; returns its id."""
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
