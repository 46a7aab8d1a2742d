"""Admin pages, read-only: users and model versions. Models are promoted from the CLI only."""

from __future__ import annotations

from flask import Blueprint, render_template

from web.access import role_required
from web.extensions import db
from web.matching import MatcherUnavailable, versions
from web.records.core import ApiToken, User

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("")
@role_required("admin")
def index():
    users = db.session.execute(db.select(User).order_by(User.email)).scalars().all()
    token_counts = dict(
        db.session.execute(
            db.select(ApiToken.user_id, db.func.count()).filter_by(revoked=False).group_by(ApiToken.user_id)
        ).all()
    )
    try:
        active, error = versions(), None
    except MatcherUnavailable as unavailable:
        active, error = None, str(unavailable)
    return render_template(
        "admin/index.html", users=users, token_counts=token_counts, active=active, error=error, models=_model_versions()
    )


def _model_versions() -> list[dict]:
    """Stored model versions, newest first, with the active one flagged; read-only."""
    from matcher.model_store import active_pointer, model_dirs

    try:
        active = active_pointer.read_pointer().version
        return [
            {"version": m.version, "created_at": m.created_at, "metrics": m.metrics, "active": m.version == active}
            for m in reversed(model_dirs.list_versions())
        ]
    except model_dirs.ModelArtifactError as error:  # a broken store must not take the page down
        return [{"version": f"illisible : {error}", "created_at": "", "metrics": {}, "active": False}]
