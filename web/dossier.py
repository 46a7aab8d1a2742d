"""Agency project dossier: a printable page and its PDF (chosen basins, map, comparison, ranking, decisions)."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, current_app, render_template, request
from flask_login import current_user

from matcher.cv.document import SECTION_TITLES
from matcher.project.need_vocabulary import NEEDS
from web.access import get_project_for, role_required
from web.basin_map import basin_map
from web.compare_page import comparison_for
from web.dossier_choice import choose
from web.map import ranked_scope
from web.map_legend import french_decimal
from web.records.core import ProjectRecord, utcnow

log = logging.getLogger(__name__)
bp = Blueprint("dossier", __name__, url_prefix="/agency/projects")
PDF_SHEETS = ("style.css", "workbench/workbench.css", "workbench/dossier_print.css")


def _render(project: ProjectRecord, for_pdf: bool) -> str:
    run = project.latest_run
    choice = choose(project, request.args.getlist("codes"))
    comparison = comparison_for(project, choice.codes) if choice.codes else None
    result, scope = ranked_scope(project)
    names = {r.ze2020_code: r.name for r in result.results}
    template = "workbench/dossier_pdf.html" if for_pdf else "workbench/dossier.html"
    return render_template(
        template,
        project=project,
        run=run,
        comparison=comparison,
        for_pdf=for_pdf,
        choice=choice,
        chosen=[b for b in run.basins if b.ze2020_code in choice.codes] if run else [],
        basin_map=basin_map(result.results, scope, marked=choice.codes),
        names=names,
        needs={k: n.label for k, n in NEEDS.items()},
        titles=SECTION_TITLES,
        french_decimal=french_decimal,
        now=utcnow(),
    )


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
    sheets = [CSS(filename=f"{static}/{name}") for name in PDF_SHEETS]
    pdf = HTML(string=_render(project, for_pdf=True)).write_pdf(stylesheets=sheets)
    log.info("dossier pdf of project %s: %d bytes", project.id, len(pdf))
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="dossier-projet-{project.id}.pdf"'},
    )
