"""Is the database there and migrated? Asked before a command reads it, so that nothing gets created by accident."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"
UPGRADE = "lancez `terrimatch db upgrade`"


def _missing_sqlite_file(url: sa.engine.URL) -> str | None:
    if url.get_backend_name() != "sqlite":
        return None
    path = url.database or ""
    if path in ("", ":memory:") or not Path(path).is_file():
        return f"la base de données {path or '(en mémoire)'} n'existe pas : {UPGRADE}"
    return None


def schema_problem(database: str | sa.engine.Engine) -> str | None:
    """None when the database exists and is at the latest migration; else one French sentence saying what to run."""
    url = database.url if isinstance(database, sa.engine.Engine) else sa.engine.make_url(database)
    problem = _missing_sqlite_file(url)  # checked before connecting: SQLite would create an empty file
    if problem:
        return problem
    engine = database if isinstance(database, sa.engine.Engine) else sa.create_engine(url)
    try:
        with engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    except sa.exc.SQLAlchemyError as error:
        return f"la base de données ne répond pas ({type(error).__name__}) : vérifiez TERRIMATCH_DATABASE_URL"
    finally:
        if engine is not database:
            engine.dispose()
    if current != set(ScriptDirectory(str(MIGRATIONS)).get_heads()):
        return f"la base de données n'est pas à jour (migrations manquantes) : {UPGRADE}"
    return None
