"""`terrimatch users add | token | revoke-tokens`: accounts and API tokens (admins only have the command line)."""

from __future__ import annotations

import sys

import click

from web.cli.database import cli_app, require_schema
from web.records.core import ROLES

MIN_PASSWORD_CHARS = 12


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Mot de passe", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD_CHARS:
        raise click.UsageError(f"le mot de passe doit compter au moins {MIN_PASSWORD_CHARS} caractères")
    return password


@click.group()
def users() -> None:
    """Crée les comptes des utilisateurs et leurs jetons d'API."""


@users.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--org", "org_name", required=True, help="Nom de l'organisation ; créée si elle n'existe pas.")
@click.option("--password-stdin", is_flag=True, help="Lit le mot de passe sur la première ligne de l'entrée standard.")
def add(email: str, role: str, org_name: str, password_stdin: bool) -> None:
    """Crée l'utilisateur EMAIL avec un rôle dans une organisation."""
    from web.extensions import db
    from web.records.core import Organisation, User

    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise click.UsageError(f"{email!r} n'est pas une adresse électronique")
    password = _read_password(password_stdin)
    with cli_app().app_context():
        require_schema()
        if db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none():
            raise click.UsageError(f"l'utilisateur {email} existe déjà")
        org = db.session.execute(db.select(Organisation).filter_by(name=org_name)).scalar_one_or_none()
        org = org or Organisation(name=org_name)
        user = User(email=email, role=role, organisation=org)
        user.set_password(password)
        db.session.add(user)
        db.session.commit()
        click.echo(f"utilisateur {email} créé, rôle {role}, organisation {org_name} (id {user.id})")


def _user(email: str):
    """The user EMAIL, or a usage error (exit code 2) saying how to create it."""
    from web.extensions import db
    from web.records.core import User

    user = db.session.execute(db.select(User).filter_by(email=email.strip().lower())).scalar_one_or_none()
    if user is None:
        raise click.UsageError(f"aucun utilisateur {email} : créez-le avec `terrimatch users add`")
    return user


@users.command("token")
@click.argument("email")
def token(email: str) -> None:
    """Affiche un nouveau jeton d'API pour EMAIL, une seule fois : seule son empreinte est conservée."""
    from web.extensions import db
    from web.records.core import ApiToken

    with cli_app().app_context():
        require_schema()
        record, clear = ApiToken.issue(_user(email))
        db.session.add(record)
        db.session.commit()
        click.echo(clear)


@users.command("revoke-tokens")
@click.argument("email")
def revoke_tokens(email: str) -> None:
    """Révoque tous les jetons d'API d'EMAIL (jeton divulgué, départ) ; les enregistrements restent pour l'audit."""
    from web.extensions import db
    from web.records.core import ApiToken

    with cli_app().app_context():
        require_schema()
        user = _user(email)
        live = db.session.execute(db.select(ApiToken).filter_by(user_id=user.id, revoked=False)).scalars().all()
        for record in live:
            record.revoked = True
        db.session.commit()
        click.echo(f"{len(live)} jeton(s) de {user.email} révoqué(s)")
