"""Convention pages: the list (and the agency's queue), signing, reading, amending and old versions."""

from __future__ import annotations

import logging

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from matcher.project.commitments import GRACE_DAYS, KINDS, SUPPORT_TYPES
from web.access import get_project_for, projects_for, role_required
from web.agency import final_site
from web.convention_service import (
    agency_queue,
    amend,
    clawback_due,
    conventions_for,
    get_convention_for,
    sign,
    states,
    today,
)
from web.extensions import db
from web.forms.conventions import ConventionForm, InputProblem, ReportForm, ReviewForm

log = logging.getLogger(__name__)
bp = Blueprint("conventions", __name__, url_prefix="/conventions")
ANY_ROLE = ("company", "agency", "admin")


@bp.get("")
@role_required(*ANY_ROLE)
def index():
    conventions = conventions_for(current_user)
    queue = unsigned = None
    if current_user.role == "agency":
        queue = agency_queue(conventions)
        signed = {c.project_id for c in conventions}
        projects = db.session.execute(projects_for(current_user)).scalars()
        unsigned = [p for p in projects if p.id not in signed and final_site(p) is not None]
    return render_template(
        "conventions/index.html", conventions=conventions, queue=queue, unsigned=unsigned, today=today()
    )


def _refuse(form: ConventionForm, problem: InputProblem | None = None):
    """400 with every faulty field named in French."""
    if problem is None:
        names = ", ".join(sorted(form.errors))
        problem = InputProblem({"Formulaire": f"valeurs non reconnues ({names})"})
    abort(400, description="Convention invalide — " + "; ".join(f"{k} : {v}" for k, v in problem.problems.items()))


def _terms(form: ConventionForm):
    if not form.validate():
        _refuse(form)
    try:
        return form.terms()
    except InputProblem as problem:
        _refuse(form, problem)


@bp.route("/new/<int:project_id>", methods=["GET", "POST"])
@role_required("agency")
def new(project_id: int):
    project = get_project_for(current_user, project_id)
    basin = final_site(project)
    if basin is None:
        abort(400, description="Ce projet n'a pas encore de site final : une convention suit le choix du site.")
    form = ConventionForm()
    if not form.is_submitted():
        return render_template("conventions/form.html", form=form, project=project, basin=basin, convention=None)
    convention = sign(project, _terms(form), current_user)
    db.session.commit()
    log.info("convention %s signed for project %s by user %s", convention.id, project.id, current_user.id)
    flash("Convention enregistrée.", "info")
    return redirect(url_for("conventions.show", convention_id=convention.id))


@bp.get("/<int:convention_id>")
@role_required(*ANY_ROLE)
def show(convention_id: int):
    convention = get_convention_for(current_user, convention_id)
    return render_template(
        "conventions/show.html",
        convention=convention,
        views=states(convention),
        clawback=clawback_due(convention),
        grace_days=GRACE_DAYS,
        report_form=ReportForm(),
        review_form=ReviewForm(formdata=None, held_on=today().isoformat()),
    )


@bp.route("/<int:convention_id>/amend", methods=["GET", "POST"])
@role_required("agency")
def amend_terms(convention_id: int):
    convention = get_convention_for(current_user, convention_id)
    form = ConventionForm()
    if not form.is_submitted():
        form = ConventionForm(formdata=None, data=_form_data(convention))
        return render_template(
            "conventions/form.html",
            form=form,
            project=convention.project,
            basin=convention.ze2020_code,
            convention=convention,
        )
    amend(convention, _terms(form), form.reason.data or "", current_user)
    db.session.commit()
    log.info("convention %s amended to version %s by user %s", convention.id, convention.version, current_user.id)
    flash(f"Avenant enregistré : version {convention.version}.", "info")
    return redirect(url_for("conventions.show", convention_id=convention.id))


def _form_data(convention) -> dict:
    rows = [
        {
            "kind": c.kind,
            "label": c.label,
            "unit": c.unit,
            "baseline": f"{c.baseline:.15g}",
            "target": f"{c.target:.15g}",
            "due_on": c.due_on.isoformat(),
        }
        for c in convention.commitments
    ]
    return {
        "support_type": convention.support_type,
        "amount_eur": f"{convention.amount_eur:.15g}",
        "funders": convention.funders,
        "signed_on": convention.signed_on.isoformat(),
        "clawback_pct": f"{convention.clawback_pct:.15g}",
        "commitments": rows + [{}] * 2,
    }


@bp.get("/<int:convention_id>/versions/<int:version>")
@role_required(*ANY_ROLE)
def show_version(convention_id: int, version: int):
    convention = get_convention_for(current_user, convention_id)
    record = next((v for v in convention.versions if v.version == version), None)
    if record is None:
        abort(404)
    return render_template(
        "conventions/version.html", convention=convention, record=record, kinds=KINDS, support_types=SUPPORT_TYPES
    )
