"""Liveness and readiness: ready means the model and the index load."""

from __future__ import annotations

from flask import Blueprint, jsonify

from web.extensions import db, limiter
from web.matching import versions

bp = Blueprint("health", __name__, url_prefix="/health")


@bp.get("/live")
@limiter.exempt
def live():
    return jsonify({"status": "ok"})


@bp.get("/ready")
@limiter.exempt
def ready():
    info = versions()  # MatcherUnavailable -> 503 in the one error shape
    db.session.execute(db.text("SELECT 1"))
    return jsonify({"status": "ready", **info})
