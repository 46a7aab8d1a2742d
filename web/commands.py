"""`terrimatch users` (accounts and API tokens: admins only have the command line) and `terrimatch db`."""
from __future__ import annotations

import sys

import click

from web.records.core import ROLES

MIN_PASSWORD_CHARS = 12


def _app():
    from web import create_app

    return create_app({"SECRET_KEY_REQUIRED": False})  # no sessions are signed here


def _require_schema() -> None:
    """Inside an app context: one line saying what to do when the database is unreachable or not migrated."""
    import sqlalchemy as sa

    from web.extensions import db

    try:
        migrated = sa.inspect(db.engine).has_table("users")
    except sa.exc.OperationalError as error:
        raise click.ClickException(
            f"cannot reach the database ({type(error.orig).__name__}): check DATABASE_URL") from error
    if not migrated:
        raise click.ClickException("the database has no tables yet: run `terrimatch db upgrade` first")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Mot de passe", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD_CHARS:
        raise click.UsageError(f"the password must have at least {MIN_PASSWORD_CHARS} characters")
    return password


@click.group()
def users() -> None:
    """Create user accounts and API tokens."""


@users.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--org", "org_name", required=True, help="Organisation name; created if it does not exist.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def add(email: str, role: str, org_name: str, password_stdin: bool) -> None:
    """Create a user EMAIL with a role in an organisation."""
    from web.extensions import db
    from web.records.core import Organisation, User

    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise click.UsageError(f"{email!r} is not an e-mail address")
    password = _read_password(password_stdin)
    with _app().app_context():
        _require_schema()
        if db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none():
            raise click.UsageError(f"a user {email} already exists")
        org = db.session.execute(db.select(Organisation).filter_by(name=org_name)).scalar_one_or_none()
        org = org or Organisation(name=org_name)
        user = User(email=email, role=role, organisation=org)
        user.set_password(password)
        db.session.add(user)
        db.session.commit()
        click.echo(f"created {role} {email} in {org_name} (id {user.id})")


def _user(email: str):
    """The user EMAIL, or a usage error (exit code 2) saying how to create it."""
    from web.extensions import db
    from web.records.core import User

    user = db.session.execute(db.select(User).filter_by(email=email.strip().lower())).scalar_one_or_none()
    if user is None:
        raise click.UsageError(f"no user {email}: create it with `terrimatch users add`")
    return user


@users.command("token")
@click.argument("email")
def token(email: str) -> None:
    """Print a new API token for EMAIL, once: only its hash is stored."""
    from web.extensions import db
    from web.records.core import ApiToken

    with _app().app_context():
        _require_schema()
        record, clear = ApiToken.issue(_user(email))
        db.session.add(record)
        db.session.commit()
        click.echo(clear)


@users.command("revoke-tokens")
@click.argument("email")
def revoke_tokens(email: str) -> None:
    """Revoke every API token of EMAIL (a leaked token, someone leaving); the records stay for audit."""
    from web.extensions import db
    from web.records.core import ApiToken

    with _app().app_context():
        _require_schema()
        user = _user(email)
        live = db.session.execute(db.select(ApiToken).filter_by(user_id=user.id, revoked=False)).scalars().all()
        for record in live:
            record.revoked = True
        db.session.commit()
        click.echo(f"revoked {len(live)} token(s) of {user.email}")


@click.group("db")
def database() -> None:
    """The web app's database."""


@database.command("upgrade")
def upgrade() -> None:
    """Apply the database migrations (the Procfile's release step)."""
    from flask_migrate import upgrade as alembic_upgrade

    with _app().app_context():
        alembic_upgrade()
    click.echo("database is up to date")
