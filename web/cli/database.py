"""`terrimatch db upgrade`, and the app and schema check every database command starts from."""

from __future__ import annotations

import click


def cli_app():
    from web import create_app

    return create_app({"SECRET_KEY_REQUIRED": False})  # no sessions are signed here


def require_schema() -> None:
    """Inside an app context: one line saying what to do when the database is unreachable or not migrated."""
    import sqlalchemy as sa

    from web.extensions import db

    try:
        migrated = sa.inspect(db.engine).has_table("users")
    except sa.exc.OperationalError as error:
        raise click.ClickException(
            f"la base de données ne répond pas ({type(error.orig).__name__}) : vérifiez DATABASE_URL"
        ) from None
    if not migrated:
        raise click.ClickException(
            "la base de données n'a pas encore de tables : lancez d'abord `terrimatch db upgrade`"
        )


@click.group("db")
def database() -> None:
    """La base de données de l'application web."""


@database.command("upgrade")
def upgrade() -> None:
    """Applique les migrations de la base de données (l'étape release du Procfile)."""
    from flask_migrate import upgrade as alembic_upgrade

    with cli_app().app_context():
        alembic_upgrade()
    click.echo("la base de données est à jour")
