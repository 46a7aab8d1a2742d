"""The Flask app factory: `web:create_app()` for gunicorn and `flask --app web`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Defaults, then the environment, then `overrides`; nothing heavy loads here (the matcher is lazy)."""
    from web import (
        admin,
        agency,
        api,
        auth,
        communes,
        company,
        conventions_app,
        errors,
        health,
        http_guards,
        input_checks,
        matching,
        results_view,
        security,
        workbench,
    )
    from web.config import load_config
    from web.extensions import csrf, db, limiter, login_manager, migrate

    app = Flask(__name__)
    http_guards.init_app(app)
    load_config(app, overrides)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS))
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    matching.init_app(app)
    security.init_app(app)
    input_checks.init_app(app)
    errors.register(app)
    results_view.init_app(app)
    for blueprint in (auth.bp, company.bp, agency.bp, api.bp, health.bp, admin.bp, communes.bp):
        app.register_blueprint(blueprint)
    workbench.init_app(app)
    conventions_app.init_app(app)
    app.jinja_env.autoescape = True  # also for templates whose name does not end in .html
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # French stays readable in JSON
    if app.config["PROXY_HOPS"]:  # behind a reverse proxy: the client address is in X-Forwarded-For
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    return app
