"""Agency pages: review queue, a project's ranked basins side by side, decisions, CSV export."""
from __future__ import annotations

import logging
from collections import Counter

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from matcher.projects import PROJECT_KINDS
from web.access import get_project_for, projects_for, role_required
from web.export import project_csv
from web.extensions import db
from web.forms import DecisionForm
from web.models import Decision

log = logging.getLogger(__name__)
bp = Blueprint("agency", __name__, url_prefix="/agency")
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
    return render_template("agency/queue.html", pending=pending, settled=settled, anchored_only=anchored_only,
                           by_kind=[(label, by_kind[label]) for label in KIND_ORDER if by_kind[label]])


@bp.get("/projects/<int:project_id>")
@role_required("agency")
def show_project(project_id: int):
    project = get_project_for(current_user, project_id)
    return render_template("agency/project.html", project=project, run=project.latest_run,
                           form_for=lambda code: DecisionForm(formdata=None, ze2020_code=code))


@bp.post("/projects/<int:project_id>/decisions")
@role_required("agency")
def record_decision(project_id: int):
    project = get_project_for(current_user, project_id)
    form = DecisionForm()
    run = project.latest_run
    if not form.validate_on_submit():
        problems = "; ".join(f"{getattr(form, n).label.text} : {', '.join(e)}" for n, e in form.errors.items())
        abort(400, description=f"Décision invalide — {problems}")
    if run is None or form.ze2020_code.data not in {b.ze2020_code for b in run.basins}:
        abort(400, description="Ce bassin ne figure pas dans le classement de ce projet.")
    final = final_site(project)
    if form.kind.data == "final_site" and final not in (None, form.ze2020_code.data):
        abort(400, description=f"Le site final est déjà le bassin {final} : changez d'abord cette décision.")
    decision = Decision(project=project, run_id=run.id, ze2020_code=form.ze2020_code.data, kind=form.kind.data,
                        comment=(form.comment.data or "").strip(), user_id=current_user.id)
    db.session.add(decision)
    db.session.commit()
    log.info("decision %s on project %s basin %s by user %s", decision.kind, project.id,
             decision.ze2020_code, current_user.id)
    flash(f"Décision « {decision.label} » enregistrée pour le bassin {decision.ze2020_code}.", "info")
    return redirect(url_for("agency.show_project", project_id=project.id) + f"#basin-{decision.ze2020_code}")


def final_site(project) -> str | None:
    """The basin whose latest decision is "final_site", if any (a project has at most one)."""
    latest = {d.ze2020_code: d.kind for d in project.decisions}  # decisions are in id order: last one wins
    return next((code for code, kind in latest.items() if kind == "final_site"), None)


@bp.get("/projects/<int:project_id>/export.csv")
@role_required("agency")
def export_csv(project_id: int):
    project = get_project_for(current_user, project_id)
    return Response(project_csv(project), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="projet-{project.id}.csv"'})
