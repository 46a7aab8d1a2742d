"""Agency page: the basins on a map coloured by a project's score, with the whole ranking beside it."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, send_file
from flask_login import current_user

from matcher.package_data import shipped_path
from web.access import get_project_for, role_required
from web.basin_map import basin_map
from web.map_legend import french_decimal
from web.matching import get_matcher

bp = Blueprint("map", __name__)
OUTLINES = {"ge": "basins_grand_est.geojson", "france": "basins_france.geojson"}


def ranked_scope(project):
    """Every basin of the project's scope ranked (every basin gets a colour), and that scope."""
    scope = project.latest_run.scope if project.latest_run else current_app.config["MATCH_SCOPE"]
    matcher = get_matcher()
    return matcher.match(project.to_project(), scope=scope, top=len(matcher.territories.scope(scope))), scope


@bp.get("/agency/projects/<int:project_id>/map")
@role_required("agency")
def project_map(project_id: int):
    project = get_project_for(current_user, project_id)
    result, scope = ranked_scope(project)
    return render_template(
        "workbench/map.html",
        project=project,
        result=result,
        scope=scope,
        basin_map=basin_map(result.results, scope),
        french_decimal=french_decimal,
    )


@bp.get("/basins/outlines/<scope>.geojson")
@role_required("company", "agency", "admin")
def outlines(scope: str):
    if scope not in OUTLINES:
        abort(404, description="Périmètre inconnu : ge ou france.")
    return send_file(shipped_path("territories", OUTLINES[scope]), mimetype="application/geo+json", max_age=3600)
