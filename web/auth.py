"""Sign in and out: rate-limited login with one generic failure message, logout that ends the session."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash

from web.extensions import db, limiter
from web.forms.projects import EmptyForm, LoginForm
from web.records.core import User

log = logging.getLogger(__name__)
bp = Blueprint("auth", __name__)
LOGIN_FAILED = "Adresse ou mot de passe incorrect."
HOME_BY_ROLE = {"company": "company.list_projects", "agency": "agency.queue", "admin": "admin.index"}
# Checked when the address is unknown, so both failures take the same time.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def home_url(user: User) -> str:
    return url_for(HOME_BY_ROLE[user.role])


def _safe_next(target: str | None) -> str | None:
    """Only same-site paths: `next` must not turn the login page into an open redirect."""
    if not target:
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc and target.startswith("/") and "\\" not in target else None


@bp.get("/")
def home():
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    return redirect(url_for("auth.login"))


def _authenticate(email: str, password: str) -> User | None:
    user = db.session.execute(db.select(User).filter_by(email=email.strip().lower())).scalar_one_or_none()
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if user.check_password(password) and user.active else None


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        user = _authenticate(form.email.data or "", form.password.data or "")
        if user is not None:
            session.clear()  # a fresh session: nothing from before the login survives it
            login_user(user)
            log.info("user %s signed in", user.id)
            return redirect(_safe_next(request.args.get("next")) or home_url(user))
        log.info("failed sign-in")
        flash(LOGIN_FAILED, "error")
        return render_template("login.html", form=form), 401
    if request.method == "POST":
        flash(LOGIN_FAILED, "error")
        return render_template("login.html", form=form), 400
    return render_template("login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    form = EmptyForm()
    if not form.validate_on_submit():
        return redirect(url_for("auth.home"))
    # Bumping the version invalidates every copy of the session cookie, not just this browser's.
    current_user.session_version += 1
    db.session.commit()
    logout_user()
    session.clear()
    flash("Vous êtes déconnecté.", "info")
    return redirect(url_for("auth.login"))
