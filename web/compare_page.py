"""Agency page: 2-3 basins side by side for one project."""

from __future__ import annotations

import re

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user
from werkzeug.exceptions import BadRequest

from matcher.territory.records import UnknownBasinError
from web.access import get_project_for, role_required
from web.matching import get_matcher
from web.side_by_side import MAX_BASINS, Comparison, compare

bp = Blueprint("compare", __name__, url_prefix="/agency/projects")


class ChoiceError(BadRequest):
    """The basins asked for cannot be compared; the description says what to change, in French.

    A BadRequest, so a caller that does not catch it (the dossier) still answers 400 with the message."""


def chosen_codes(project, requested: list[str]) -> list[str]:
    """The codes asked for, else the two best basins of the latest ranking."""
    codes = list(dict.fromkeys(c.strip() for c in requested if c.strip()))
    if not codes and project.latest_run:
        codes = [b.ze2020_code for b in project.latest_run.basins[:2]]
    if len(codes) < 2:
        raise ChoiceError(
            f"Vous avez choisi {len(codes)} bassin : cochez-en au moins 2 (au plus {MAX_BASINS}) pour les comparer."
        )
    if len(codes) > MAX_BASINS:
        raise ChoiceError(
            f"Vous avez choisi {len(codes)} bassins : décochez-en {len(codes) - MAX_BASINS} "
            f"pour n'en garder que {MAX_BASINS} au plus."
        )
    return codes


def comparison_for(project, codes: list[str]) -> Comparison:
    scope = project.latest_run.scope if project.latest_run else current_app.config["MATCH_SCOPE"]
    try:
        return compare(get_matcher(), project.to_project(), codes, scope)
    except UnknownBasinError as error:
        raise ChoiceError(
            f"Bassin d'emploi inconnu : {str(error.args[0])[:8]}. Saisissez un code ZE2020 à "
            "4 chiffres (par exemple 4407) ou choisissez un bassin dans la liste."
        ) from error


@bp.get("/<int:project_id>/compare")
@role_required("agency")
def compare_basins(project_id: int):
    """The comparison; a choice that cannot be compared shows the page again, with the selection, and 400."""
    project = get_project_for(current_user, project_id)
    requested = [code for field in request.args.getlist("codes") for code in re.split(r"[\s,;]+", field) if code]
    listed = {b.ze2020_code for b in project.latest_run.basins} if project.latest_run else set()
    try:
        codes = chosen_codes(project, requested)
        comparison, problem, status = comparison_for(project, codes), None, 200
    except ChoiceError as error:
        codes, comparison, problem, status = requested, None, error.description, 400
    others = [c for c in codes if c not in listed]
    return render_template(
        "workbench/compare.html",
        project=project,
        comparison=comparison,
        problem=problem,
        run=project.latest_run,
        chosen=codes,
        other=" ".join(others),
    ), status
