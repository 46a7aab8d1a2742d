"""Dialogue de gestion: realised values with evidence PDFs, and review meetings with their outcome."""

from __future__ import annotations

import logging

from flask import Blueprint, abort, current_app, flash, redirect, request, send_file, url_for
from flask_login import current_user

from web.access import role_required
from web.convention_service import clawback_due, get_convention_for
from web.evidence import path_of, store, too_large
from web.extensions import db
from web.forms.conventions import InputProblem, ReportForm, ReviewForm
from web.records.convention_tables import Report, Review

log = logging.getLogger(__name__)
bp = Blueprint("follow_up", __name__, url_prefix="/conventions/<int:convention_id>")
# Room for the form fields around the file in a multipart body.
FORM_OVERHEAD = 64 * 1024


@bp.url_value_preprocessor
def _room_for_evidence(endpoint: str | None, values: dict | None) -> None:
    """Raise the body limit (sized for JSON) on the report route only, before CSRF checking reads the form.

    URL value preprocessors run before every before_request function, the CSRF check's included.
    """
    if endpoint == "follow_up.record_report":
        limit = current_app.config["EVIDENCE_MAX_BYTES"]
        if (request.content_length or 0) > limit + FORM_OVERHEAD:
            too_large(limit)
        request.max_content_length = limit + FORM_OVERHEAD


def _bad(problem: InputProblem, what: str):
    abort(400, description=f"{what} invalide — " + "; ".join(f"{k} : {v}" for k, v in problem.problems.items()))


@bp.post("/commitments/<int:commitment_id>/reports")
@role_required("company", "agency")
def record_report(convention_id: int, commitment_id: int):
    convention = get_convention_for(current_user, convention_id)
    commitment = next((c for c in convention.commitments if c.id == commitment_id), None)
    if commitment is None:
        abort(404)
    form = ReportForm()
    if not form.validate():
        _bad(InputProblem({"Formulaire": ", ".join(sorted(form.errors))}), "Relevé")
    try:
        value, on = form.reading()
    except InputProblem as problem:
        _bad(problem, "Relevé")
    upload = request.files.get("evidence")
    evidence = store(upload, current_app.config["EVIDENCE_MAX_BYTES"]) if upload and upload.filename else None
    report = Report(
        commitment=commitment,
        value=value,
        reported_on=on,
        comment=(form.comment.data or "").strip(),
        user_id=current_user.id,
        evidence_key=evidence and evidence.key,
        evidence_name=evidence and evidence.name,
        evidence_bytes=evidence and evidence.size,
    )
    db.session.add(report)
    db.session.commit()
    log.info("report on commitment %s of convention %s by user %s", commitment.id, convention.id, current_user.id)
    flash("Valeur réalisée enregistrée.", "info")
    return redirect(url_for("conventions.show", convention_id=convention.id) + f"#commitment-{commitment.id}")


@bp.get("/reports/<int:report_id>/evidence")
@role_required("company", "agency", "admin")
def evidence(convention_id: int, report_id: int):
    convention = get_convention_for(current_user, convention_id)
    report = db.session.get(Report, report_id)
    if report is None or report.commitment.convention_id != convention.id or not report.evidence_key:
        abort(404)
    response = send_file(
        path_of(report.evidence_key),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=report.evidence_name or "justificatif.pdf",
        max_age=0,
    )
    # Never rendered by the browser: downloaded, sandboxed if opened anyway, not cached by proxies.
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post("/reviews")
@role_required("agency")
def record_review(convention_id: int):
    convention = get_convention_for(current_user, convention_id)
    form = ReviewForm()
    if not form.validate():
        _bad(InputProblem({"Formulaire": ", ".join(sorted(form.errors))}), "Réunion")
    try:
        meeting = form.meeting()
    except InputProblem as problem:
        _bad(problem, "Réunion")
    amount = clawback_due(convention, meeting["held_on"]) if meeting["outcome"] == "clawback" else None
    if amount == 0:
        abort(400, description="Aucun engagement n'est manqué à cette date : il n'y a rien à reverser.")
    review = Review(convention_id=convention.id, clawback_eur=amount, user_id=current_user.id, **meeting)
    db.session.add(review)
    db.session.commit()
    log.info("review %s (%s) of convention %s by user %s", review.id, review.outcome, convention.id, current_user.id)
    flash(f"Réunion du {meeting['held_on']:%d/%m/%Y} enregistrée : {review.outcome_label}.", "info")
    target = "conventions.amend_terms" if review.outcome == "amend" else "conventions.show"
    return redirect(url_for(target, convention_id=convention.id))
