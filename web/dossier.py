"""Agency project dossier: a printable page and its PDF (ranked basins, explanations, comparison, decisions)."""
from __future__ import annotations

import logging

from flask import Blueprint, Response, current_app, render_template
from flask_login import current_user

from web.access import get_project_for, role_required
from web.compare import comparison_for
from web.models import ProjectRecord, utcnow

log = logging.getLogger(__name__)
bp = Blueprint("dossier", __name__, url_prefix="/agency/projects")
COMPARED = 3


def _render(project: ProjectRecord, for_pdf: bool) -> str:
    run = project.latest_run
    codes = [b.ze2020_code for b in run.basins[:COMPARED]] if run else []
    comparison = comparison_for(project, codes) if len(codes) >= 2 else None
    template = "workbench/dossier_pdf.html" if for_pdf else "workbench/dossier.html"
    return render_template(template, project=project, run=run, comparison=comparison, for_pdf=for_pdf,
                           now=utcnow())


@bp.get("/<int:project_id>/dossier")
@role_required("agency")
def show_dossier(project_id: int):
    return _render(get_project_for(current_user, project_id), for_pdf=False)


@bp.get("/<int:project_id>/dossier.pdf")
@role_required("agency")
def dossier_pdf(project_id: int):
    from weasyprint import CSS, HTML  # heavy import, only when a PDF is asked for

    project = get_project_for(current_user, project_id)
    static = current_app.static_folder or ""
    # The stylesheets are read from disk: WeasyPrint never calls back into this server.
    sheets = [CSS(filename=f"{static}/style.css"), CSS(filename=f"{static}/workbench/workbench.css")]
    pdf = HTML(string=_render(project, for_pdf=True)).write_pdf(stylesheets=sheets)
    log.info("dossier pdf of project %s: %d bytes", project.id, len(pdf))
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="dossier-projet-{project.id}.pdf"'})
