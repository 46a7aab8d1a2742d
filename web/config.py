"""Configuration: defaults, then the environment variables of embeddings/settings.py, then overrides."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from flask import Flask

from embeddings.settings import DATABASE_URL, FLASK_SETTINGS
from matcher.home import terrimatch_home

MIN_SECRET_KEY_CHARS = 32
WEAK_SECRET_KEYS = frozenset({"dev", "secret", "changeme", "change-me", "development", "test"})


class ConfigurationError(RuntimeError):
    """The app cannot start with this configuration; the message says what to set."""


def defaults() -> dict[str, Any]:
    """The settings' defaults under their Flask keys, and the keys no variable sets."""
    return {str(s.flask_key): s.default for s in FLASK_SETTINGS} | {
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "MAX_CONTENT_LENGTH": 256 * 1024,  # only the evidence upload route allows EVIDENCE_MAX_BYTES
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": True,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),
        "WTF_CSRF_ENABLED": True,
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "WTF_I18N_ENABLED": False,  # WTForms' own French catalogue (web/forms/french.py), not Flask-Babel
        "RATELIMIT_HEADERS_ENABLED": True,
        "MATCHER": None,  # a ready Matcher (tests inject the session's one)
        "MATCHER_FACTORY": None,  # a callable building one; defaults to matcher.matching.service.build_matcher
    }


def environment_database_url() -> str:
    """The database the environment names (TERRIMATCH_DATABASE_URL, else DATABASE_URL), as SQLAlchemy takes it."""
    return database_url(DATABASE_URL.get())


def database_url(url: str | None) -> str:
    """SQLite under TERRIMATCH_HOME by default; Heroku-style postgres:// URLs get the psycopg driver."""
    if not url:
        return f"sqlite:///{terrimatch_home() / 'terrimatch.db'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def check_secret_key(config: Mapping[str, Any]) -> None:
    """Refuse a missing or guessable key outside development and testing."""
    exempt = config.get("TESTING") or config.get("ENV_NAME") == "development"
    if exempt or not config.get("SECRET_KEY_REQUIRED", True):
        return
    key = config.get("SECRET_KEY") or ""
    if len(key) < MIN_SECRET_KEY_CHARS or key.lower() in WEAK_SECRET_KEYS or len(set(key)) < 10:
        raise ConfigurationError(
            f"SECRET_KEY est absente ou trop faible : donnez-lui au moins {MIN_SECRET_KEY_CHARS} caractères "
            'aléatoires, par exemple python -c "import secrets; print(secrets.token_urlsafe(48))"'
        )


def load_config(app: Flask, overrides: Mapping[str, Any] | None) -> None:
    app.config.update(defaults())
    app.config.update({s.flask_key: s.get() for s in FLASK_SETTINGS if s.raw() is not None})
    app.config.update(overrides or {})
    if app.config.get("ENV_NAME") == "development" and not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.urandom(32).hex()  # sessions die with the process: fine in development
    if app.config.get("ENV_NAME") == "development":
        app.config["SESSION_COOKIE_SECURE"] = app.config["REMEMBER_COOKIE_SECURE"] = False
    check_secret_key(app.config)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(
        app.config.get("SQLALCHEMY_DATABASE_URI") or app.config.get("DATABASE_URL")
    )
