"""One error shape: JSON `{"error", "message", "status"}` for the API and health checks, a page otherwise."""

from __future__ import annotations

import logging

from flask import Flask, Response, g, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from web.extensions import db, login_manager
from web.matching import MatcherUnavailable

log = logging.getLogger(__name__)
JSON_PREFIXES = ("/api/", "/health/")

MESSAGES = {
    400: "La requête est invalide.",
    401: "Authentification requise.",
    403: "Vous n'avez pas accès à cette ressource.",
    404: "Cette ressource n'existe pas ou ne vous est pas accessible.",
    405: "Méthode non autorisée pour cette adresse.",
    413: "La requête est trop volumineuse.",
    415: "Type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json).",
    429: "Trop de requêtes : réessayez dans un moment.",
    500: "Erreur interne du serveur.",
    503: "Le service de rapprochement n'est pas disponible pour le moment.",
}
TITLES = {
    400: "Requête invalide",
    401: "Connexion requise",
    403: "Accès refusé",
    404: "Page introuvable",
    405: "Action non autorisée",
    409: "Conflit",
    413: "Envoi trop volumineux",
    415: "Format non pris en charge",
    429: "Trop de requêtes",
    500: "Erreur interne",
    503: "Service momentanément indisponible",
}
DATABASE_DOWN = "La base de données est momentanément indisponible : réessayez dans un moment."
RETRY_AFTER_SECONDS = 30


def wants_json() -> bool:
    return request.path.startswith(JSON_PREFIXES) or request.accept_mimetypes.best == "application/json"


def _slug(error: HTTPException) -> str:
    return (error.name or "error").lower().replace(" ", "_").replace("'", "")


def _message(error: HTTPException) -> str:
    """Our own French descriptions are kept; werkzeug's and the limiter's English texts are replaced."""
    if error.code == 429:
        return MESSAGES[429]
    if isinstance(error, CSRFError):
        return "Le formulaire a expiré ou n'est pas valide : rechargez la page et réessayez."
    description = error.description or ""
    default = type(error).description if isinstance(type(error).description, str) else None
    if description and description != default:
        return description
    return MESSAGES.get(error.code or 500, description)


def _forget_session() -> None:
    """Roll the database session back and never load the user after an error: the page must not need the database."""
    try:
        db.session.rollback()
    except Exception:  # the connection may be gone: the page is rendered without it anyway
        log.warning("rollback after an error failed", exc_info=True)
    if "_login_user" not in g:  # Flask-Login's template context would load the user from the database
        g._login_user = login_manager.anonymous_user()


def error_response(error: HTTPException) -> Response:
    _forget_session()
    status = error.code or 500
    message = _message(error)
    if wants_json():
        response = jsonify({"error": _slug(error), "message": message, "status": status})
    else:
        response = Response(
            render_template("error.html", status=status, message=message, title=TITLES.get(status, "Erreur")),
            mimetype="text/html",
        )
    response.status_code = status
    original = error.get_response().headers
    for name in ("Retry-After", "Allow"):
        if original.get(name):
            response.headers[name] = original[name]
    if status == 503:
        response.headers.setdefault("Retry-After", str(RETRY_AFTER_SECONDS))
    if status == 401 and wants_json():
        response.headers["WWW-Authenticate"] = 'Bearer realm="terrimatch"'
    return response


def _unavailable(error: MatcherUnavailable) -> Response:
    return error_response(ServiceUnavailable(MESSAGES[503]))


def _database_unavailable(error: DBAPIError | PoolTimeout) -> Response:
    """The database cannot be reached (or dropped the connection): 503, the client may retry."""
    if isinstance(error, DBAPIError) and not (isinstance(error, OperationalError) or error.connection_invalidated):
        return _unexpected(error)
    log.error(
        "database unavailable on %s %s: %s",
        request.method,
        request.path,
        type(error.orig if isinstance(error, DBAPIError) else error).__name__,
    )
    return error_response(ServiceUnavailable(DATABASE_DOWN))


def _unexpected(error: Exception) -> Response:
    log.error("unhandled error on %s %s", request.method, request.path, exc_info=error)
    return error_response(InternalServerError())


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, error_response)
    app.register_error_handler(MatcherUnavailable, _unavailable)
    app.register_error_handler(DBAPIError, _database_unavailable)
    app.register_error_handler(PoolTimeout, _database_unavailable)
    app.register_error_handler(Exception, _unexpected)
