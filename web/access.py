"""Who may see what: session and token authentication, role checks, owner-scoped lookups."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import abort, g, request
from flask_login import current_user

from web.extensions import db, login_manager
from web.records.core import ApiToken, ProjectRecord, User, token_digest

F = TypeVar("F", bound=Callable)

login_manager.login_view = "auth.login"
login_manager.login_message = "Connectez-vous pour accéder à cette page."
login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """Sessions name the user and the session version; logout bumps the version."""
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version) or not user.active:
        return None
    return user


def role_required(*roles: str) -> Callable[[F], F]:
    """Pages: anonymous visitors go to the login page; signed-in users of another role get 403."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate


def user_for_token(header: str | None) -> User | None:
    scheme, _, token = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    record = db.session.execute(
        db.select(ApiToken).filter_by(token_hash=token_digest(token.strip()), revoked=False)
    ).scalar_one_or_none()
    return record.user if record and record.user.active else None


def token_required(*roles: str) -> Callable[[F], F]:
    """API: 401 without a valid bearer token, 403 for a role that may not call the endpoint."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args, **kwargs):
            user = user_for_token(request.headers.get("Authorization"))
            if user is None:
                abort(401, description="Jeton d'API manquant ou invalide (en-tête Authorization: Bearer JETON).")
            if user.role not in roles:
                abort(403, description="Ce rôle n'a pas accès à cette ressource.")
            g.api_user = user
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate


def can_see_all_projects(user: User) -> bool:
    return user.role == "agency"


def get_project_for(user: User, project_id: int) -> ProjectRecord:
    """The project if `user` may see it; 404 otherwise, so others' projects are not even confirmed to exist."""
    project = db.session.get(ProjectRecord, project_id)
    if project is None or not (
        can_see_all_projects(user) or (user.role == "company" and project.organisation_id == user.organisation_id)
    ):
        abort(404)
    return project


def projects_for(user: User):
    """A select of the projects `user` may list, newest first."""
    query = db.select(ProjectRecord).order_by(ProjectRecord.created_at.desc(), ProjectRecord.id.desc())
    if can_see_all_projects(user):
        return query
    return query.filter_by(organisation_id=user.organisation_id)
