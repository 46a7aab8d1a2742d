"""Agency pages: review queue, a project's ranked basins side by side, decisions and outcome, CSV export."""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from babel.dates import format_date
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from matcher.project.record import PROJECT_KINDS
from training.decision_kinds import FINAL_SITE, NO_SITE, OUTCOMES
from web.access import get_project_for, projects_for, role_required
from web.basin_decisions import record_basin_decision, undo_last_decision
from web.export import project_csv, project_xlsx
from web.extensions import db
from web.forms.projects import DecisionForm, EmptyForm, OutcomeForm, UndoDecisionForm
from web.matching import get_matcher
from web.outcomes import OutcomeConflict, describe, find_basin, record_outcome, standing_outcome, withdraw_outcome
from web.records.core import NO_BASIN, ProjectRecord

log = logging.getLogger(__name__)
bp = Blueprint("agency", __name__, url_prefix="/agency")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KIND_ORDER = (*PROJECT_KINDS.values(), "non précisée")


@bp.get("")
@role_required("agency")
def queue():
    projects = db.session.execute(projects_for(current_user)).scalars().all()
    by_kind = Counter(p.kind_label for p in projects)  # over every project, whatever the filter
    anchored_only = request.args.get("implantees") == "1"
    if anchored_only:
        projects = [p for p in projects if p.anchored]
    pending = [p for p in projects if final_site(p) is None]
    settled = [p for p in projects if p not in pending]
    return render_template(
        "agency/queue.html",
        pending=pending,
        settled=settled,
        anchored_only=anchored_only,
        by_kind=[(label, by_kind[label]) for label in KIND_ORDER if by_kind[label]],
    )


@bp.get("/projects/<int:project_id>")
@role_required("agency")
def show_project(project_id: int):
    project = get_project_for(current_user, project_id)
    territories = get_matcher().territories
    outcome = standing_outcome(project.id)
    current = {d.ze2020_code: d for d in project.decisions}  # in id order: the last one per basin wins
    return render_template(
        "agency/project.html",
        project=project,
        run=project.latest_run,
        current=current,
        form_for=lambda code: DecisionForm(formdata=None, ze2020_code=code),
        undo_for=lambda d: UndoDecisionForm(formdata=None, ze2020_code=d.ze2020_code, decision_id=str(d.id)),
        saved=request.args.get("enregistre"),
        undone=request.args.get("annule"),
        long_date=lambda moment: format_date(moment, "d MMMM y", locale="fr_FR"),
        outcome=outcome,
        outcome_text=describe(outcome, territories) if outcome else None,
        outcome_form=OutcomeForm(formdata=None),
        withdraw_form=EmptyForm(formdata=None),
        all_basins=territories.scope("france"),
    )


def _form_problems(form) -> str:
    return "; ".join(f"{getattr(form, n).label.text} : {', '.join(e)}" for n, e in form.errors.items())


@bp.post("/projects/<int:project_id>/decisions")
@role_required("agency")
def record_decision(project_id: int):
    project = get_project_for(current_user, project_id)
    form = DecisionForm()
    run = project.latest_run
    if not form.validate_on_submit():
        abort(400, description=f"Décision invalide — {_form_problems(form)}")
    code, kind = form.ze2020_code.data or "", form.kind.data
    comment = (form.comment.data or "").strip()
    if kind == FINAL_SITE:
        return _save_outcome(project, code, kind, comment)
    decision = record_basin_decision(project, run, code, kind, comment, current_user)
    return _back_to_basin(
        project, code, f"Décision « {decision.label} » enregistrée pour le bassin {code}.", enregistre=code
    )


@bp.post("/projects/<int:project_id>/decisions/undo")
@role_required("agency")
def undo_decision(project_id: int):
    """Remove the last decision on a basin, if this organisation recorded it: its label goes, the one before stands."""
    project = get_project_for(current_user, project_id)
    form = UndoDecisionForm()
    decision_id, code = form.decision_id.data or "", form.ze2020_code.data or ""
    if not form.validate_on_submit() or not decision_id.isdigit():
        abort(400, description=f"Annulation invalide — {_form_problems(form) or 'décision inconnue'}")
    undone = undo_last_decision(project, code, int(decision_id), current_user)  # DecisionRefused answers 4xx
    return _back_to_basin(project, code, f"Décision « {undone.label} » annulée pour le bassin {code}.", annule=code)


def _back_to_basin(project: ProjectRecord, code: str, message: str, **shown: Any):
    """Back to the project page at the basin's card, which `shown` marks as just saved or undone."""
    flash(message, "info")
    return redirect(url_for("agency.show_project", project_id=project.id, **shown) + f"#basin-{code}")


@bp.post("/projects/<int:project_id>/outcome")
@role_required("agency")
def record_project_outcome(project_id: int):
    project = get_project_for(current_user, project_id)
    form = OutcomeForm()
    if not form.validate_on_submit():
        abort(400, description=f"Issue invalide — {_form_problems(form)}")
    comment = (form.comment.data or "").strip()
    if form.kind.data == NO_SITE:
        if not comment:
            abort(400, description="Issue invalide — indiquez le motif (hors de France ou abandon).")
        return _save_outcome(project, NO_BASIN, NO_SITE, comment)
    basin = find_basin(form.basin.data or "", get_matcher().territories)
    if basin is None:
        abort(400, description="Bassin d'emploi introuvable : choisissez-le dans la liste (nom ou code à 4 chiffres).")
    return _save_outcome(project, basin.code, FINAL_SITE, comment)


def _save_outcome(project: ProjectRecord, code: str, kind: str, comment: str):
    if kind == FINAL_SITE and code not in get_matcher().territories.basins:
        abort(400, description="Bassin d'emploi inconnu : choisissez-le dans la liste (nom ou code à 4 chiffres).")
    try:
        decision = record_outcome(project, code, kind, comment, current_user)
    except OutcomeConflict as conflict:
        abort(409, description=str(conflict))
    if decision is None:
        flash("Cette issue était déjà enregistrée : rien n'a changé.", "info")
    else:
        log.info("outcome %s on project %s basin %s by user %s", kind, project.id, code, current_user.id)
        flash(f"Issue enregistrée : {describe(decision, get_matcher().territories)}.", "info")
    return redirect(url_for("agency.show_project", project_id=project.id) + "#issue")


@bp.post("/projects/<int:project_id>/outcome/withdraw")
@role_required("agency")
def withdraw_project_outcome(project_id: int):
    project = get_project_for(current_user, project_id)
    if not EmptyForm().validate_on_submit():
        abort(400, description="Le formulaire a expiré ou n'est pas valide : rechargez la page et réessayez.")
    decision = withdraw_outcome(project, "", current_user)
    flash("Issue retirée." if decision else "Aucune issue n'était enregistrée.", "info")
    return redirect(url_for("agency.show_project", project_id=project.id) + "#issue")


def final_site(project) -> str | None:
    """The basin of the standing outcome ("" when the project went nowhere in France), None when undecided."""
    latest = {d.ze2020_code: d.kind for d in project.decisions}  # decisions are in id order: last one wins
    return next((code for code, kind in latest.items() if kind in OUTCOMES), None)


@bp.get("/projects/<int:project_id>/export.csv")
@role_required("agency")
def export_csv(project_id: int):
    project = get_project_for(current_user, project_id)
    return Response(
        project_csv(project),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="projet-{project.id}.csv"'},
    )


@bp.get("/projects/<int:project_id>/export.xlsx")
@role_required("agency")
def export_xlsx(project_id: int):
    project = get_project_for(current_user, project_id)
    return Response(
        project_xlsx(project),
        mimetype=XLSX,
        headers={"Content-Disposition": f'attachment; filename="projet-{project.id}.xlsx"'},
    )
