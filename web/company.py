"""Company pages: submit, list, edit own projects and see their ranked basins."""

from __future__ import annotations

import logging

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from matcher.project.description_reading import Proposals, propose
from matcher.project.french_numbers import format_french_number
from matcher.project.record import ProjectValidationError, project_from_mapping
from web.access import get_project_for, projects_for, role_required
from web.extensions import db
from web.forms.projects import EmptyForm, ProjectForm
from web.matching import MatcherUnavailable, run_match
from web.records.core import ProjectRecord

log = logging.getLogger(__name__)
bp = Blueprint("company", __name__, url_prefix="/projects")
UNAVAILABLE = "Le projet est enregistré, mais le rapprochement n'a pas pu être calculé : relancez-le plus tard."


def _match_or_warn(record: ProjectRecord) -> None:
    try:
        run_match(record)
    except MatcherUnavailable:
        flash(UNAVAILABLE, "error")


def _render_form(form: ProjectForm, editing: bool, proposals: Proposals | None = None):
    return render_template("company/project_form.html", form=form, editing=editing, proposals=proposals)


def _form_page(form: ProjectForm, record: ProjectRecord, editing: bool, saved: str):
    """Show the form; on a valid post store, match and redirect; else 400 with each field's message.

    A new project whose text states jobs, land, power or needs its fields leave empty comes back once
    (200) with those values proposed: they change the ranking, so the company confirms them first.
    """
    if not form.validate_on_submit():
        return _render_form(form, editing)
    try:
        project = project_from_mapping(form.project_data())
    except ProjectValidationError as error:  # matcher.project.record names each faulty field in French
        form.show_problems(error.problems)
        return _render_form(form, editing), 400
    if not editing and form.proposals_seen.data != "1" and (proposals := propose(project)):
        form.fill_proposals(proposals)
        return _render_form(form, editing, proposals)
    record.apply(project)
    db.session.add(record)
    db.session.flush()
    _match_or_warn(record)
    db.session.commit()
    flash(saved, "info")
    return redirect(url_for("company.show_project", project_id=record.id))


@bp.get("")
@role_required("company")
def list_projects():
    projects = db.session.execute(projects_for(current_user)).scalars().all()
    return render_template("company/projects.html", projects=projects)


@bp.route("/new", methods=["GET", "POST"])
@role_required("company")
def new_project():
    record = ProjectRecord(organisation_id=current_user.organisation_id, created_by_id=current_user.id)
    return _form_page(ProjectForm(), record, editing=False, saved="Projet enregistré.")


@bp.get("/<int:project_id>")
@role_required("company")
def show_project(project_id: int):
    project = get_project_for(current_user, project_id)
    return render_template("company/project.html", project=project, run=project.latest_run, form=EmptyForm())


@bp.route("/<int:project_id>/edit", methods=["GET", "POST"])
@role_required("company")
def edit_project(project_id: int):
    project = get_project_for(current_user, project_id)
    return _form_page(
        ProjectForm(data=_form_data(project)),
        project,
        editing=True,
        saved="Projet mis à jour ; le classement a été recalculé.",
    )


@bp.post("/<int:project_id>/match")
@role_required("company")
def rematch(project_id: int):
    project = get_project_for(current_user, project_id)
    EmptyForm().validate_on_submit()
    _match_or_warn(project)
    db.session.commit()
    return redirect(url_for("company.show_project", project_id=project.id))


def _form_data(project: ProjectRecord) -> dict:
    endogenous = {True: "oui", False: "non", None: ""}[project.endogenous]
    return {
        "title": project.title,
        "description": project.description,
        "naf_code": project.naf_code or "",
        "jobs": _french(project.jobs),
        "land_ha": _french(project.land_ha),
        "power_mw": _french(project.power_mw),
        "needs": list(project.needs or []),
        "endogenous": endogenous,
        "existing_site_commune": project.existing_site_commune or "",
        "timeline_months": _french(project.timeline_months),
        "project_kind": project.kind or "",
        "existing_site_communes": project.sites_label,
        "occupations": list(project.occupations or []),
    }


def _french(value: float | None) -> str:
    """A stored number as the form shows it: 8,5 rather than 8.5."""
    return "" if value is None else format_french_number(value)
