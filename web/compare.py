"""Agency page: 2-3 basins side by side for one project."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import current_user

from matcher.territories import UnknownBasinError
from web.access import get_project_for, role_required
from web.comparison import MAX_BASINS, compare
from web.matching import get_matcher

bp = Blueprint("compare", __name__, url_prefix="/agency/projects")


def chosen_codes(project, requested: list[str]) -> list[str]:
    """The codes asked for, else the two best basins of the latest ranking."""
    codes = list(dict.fromkeys(c.strip() for c in requested if c.strip()))
    if not codes and project.latest_run:
        codes = [b.ze2020_code for b in project.latest_run.basins[:2]]
    if not 2 <= len(codes) <= MAX_BASINS:
        abort(400, description=f"Choisissez de 2 à {MAX_BASINS} bassins à comparer.")
    return codes


def comparison_for(project, codes: list[str]):
    scope = project.latest_run.scope if project.latest_run else current_app.config["MATCH_SCOPE"]
    try:
        return compare(get_matcher(), project.to_project(), codes, scope)
    except UnknownBasinError as error:
        abort(400, description=f"Bassin d'emploi inconnu : {str(error.args[0])[:8]} (code ZE2020, ex. 4407).")


@bp.get("/<int:project_id>/compare")
@role_required("agency")
def compare_basins(project_id: int):
    project = get_project_for(current_user, project_id)
    codes = chosen_codes(project, request.args.getlist("codes"))
    return render_template("workbench/compare.html", project=project, comparison=comparison_for(project, codes),
                           run=project.latest_run, chosen=codes)
