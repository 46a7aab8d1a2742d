"""Web fixtures: an app on SQLite or PostgreSQL (own schema per test), accounts of every role, logins."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from web_support import PostgresSchema, add_accounts, login, make_app, postgres_base_url, sqlite_url


@sa.event.listens_for(sa.Engine, "connect")
def _sqlite_without_fsync(connection, _record) -> None:
    """Test databases need no crash safety: without a disk flush per commit, 40 tables take 10 ms, not 0.7 s."""
    if isinstance(connection, sqlite3.Connection):
        connection.execute("PRAGMA synchronous = OFF")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    """A fresh empty database, one per test, on each backend."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    with PostgresSchema(postgres_base_url()) as url:
        yield url


@pytest.fixture
def app(tmp_path, fast_matcher):
    """The app on SQLite (storage tests and the matrix also run on PostgreSQL)."""
    return make_app(sqlite_url(tmp_path), fast_matcher)


@pytest.fixture
def accounts(app):
    return add_accounts(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def login_as(app, accounts):
    """login_as("agency") -> a test client signed in with that role."""

    def sign_in(role: str):
        return login(app.test_client(), accounts[role])

    return sign_in


@pytest.fixture
def bearer(accounts):
    return lambda role: {"Authorization": f"Bearer {accounts[role].token}"}
