"""CV de territoire pages: figures with year and source, curated sections, versioned edits, reverse matching."""

from __future__ import annotations

import logging
import unicodedata

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from matcher.cv.document import SECTION_TITLES, cv_json
from matcher.territory.figure_labels import format_number
from matcher.territory.records import CURATED_SECTIONS, SCOPES, Basin, UnknownBasinError
from web import basin_fits, cv_edits, live_matcher
from web.access import can_see_all_projects, role_required
from web.basin_fits import ranking_key
from web.extensions import db
from web.forms.projects import EmptyForm
from web.forms.territory_edits import CvSectionForm
from web.matching import get_matcher
from web.reverse_matching import projects_for_basin

log = logging.getLogger(__name__)
bp = Blueprint("basins", __name__, url_prefix="/basins")
ANY_ROLE = ("company", "agency", "admin")


def basin_or_404(code: str) -> Basin:
    try:
        return get_matcher().territories.basin(code)
    except UnknownBasinError:
        abort(404, description=f"Bassin d'emploi inconnu : {code[:8]} (code ZE2020 à 4 chiffres, ex. 4407).")


def _section_or_404(section: str) -> str:
    if section not in CURATED_SECTIONS:
        abort(404, description="Cette section du CV n'est pas modifiable.")
    return section


def _folded(text: str) -> str:
    """Lower case without accents or hyphens: 'Saint-Dié' and 'saint die' compare equal."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.lower().replace("-", " ").replace("'", " ").split())


def matching_basins(basins: list[Basin], query: str) -> list[Basin]:
    """The basins whose name contains the query, or whose code starts with it (accents ignored)."""
    wanted = _folded(query)
    if not wanted:
        return basins
    return [b for b in basins if wanted in _folded(b.name) or b.code.startswith(query.strip())]


@bp.get("")
@role_required(*ANY_ROLE)
def list_basins():
    scope = request.args.get("scope", "ge")
    if scope not in SCOPES:
        abort(400, description="Paramètre scope invalide : choisissez ge ou france.")
    query = request.args.get("q", "")[:100]
    basins = matching_basins(get_matcher().territories.scope(scope), query)
    return render_template("workbench/basins.html", basins=basins, scope=scope, query=query.strip(), fmt=format_number)


@bp.get("/<code>")
@role_required(*ANY_ROLE)
def show_basin(code: str):
    basin = basin_or_404(code)
    territories = get_matcher().territories
    fits, updating = None, False
    if can_see_all_projects(current_user):  # reverse matching lists every organisation's projects
        fits = projects_for_basin(code, ranking_key(get_matcher()))
        updating = basin_fits.has_stale()
        if updating:
            basin_fits.wake_refresher()
    return render_template(
        "workbench/basin.html",
        basin=basin,
        cv=cv_json(basin, territories),
        fmt=format_number,
        curated=CURATED_SECTIONS,
        titles=SECTION_TITLES,
        fits=fits,
        updating=updating,
        edits=cv_edits.history(code)[:5],
    )


@bp.route("/<code>/sections/<section>/edit", methods=["GET", "POST"])
@role_required("agency")
def edit_section(code: str, section: str):
    basin, section = basin_or_404(code), _section_or_404(section)
    form = CvSectionForm()
    if not form.is_submitted():
        current = cv_edits.current_content(basin, section)
        form.facts.data = "\n".join(current.facts)
        form.sources.data = "\n".join(f"{s['title']} | {s['url']}".rstrip(" |") for s in current.sources)
    elif form.validate():
        try:
            content = cv_edits.parse_content(form.facts.data or "", form.sources.data or "")
            cv_edits.save_edit(basin, section, content, current_user, form.note.data or "")
        except cv_edits.EditError as error:
            form.facts.errors = [*form.facts.errors, str(error)]
        else:
            return _saved(code, section)
    status = 400 if form.is_submitted() else 200
    return render_template(
        "workbench/edit_section.html", basin=basin, section=section, title=SECTION_TITLES[section], form=form
    ), status


def _saved(code: str, section: str):
    """Commit the version, then re-index the basin so the next match sees the new text."""
    db.session.commit()
    try:
        live_matcher.refresh({code})
    except Exception:  # the version is saved; the signature check retries the re-index on the next request
        log.exception("re-indexing basin %s after an edit failed", code)
        flash("Section enregistrée, mais la réindexation a échoué : elle sera retentée.", "error")
    else:
        flash(f"Section « {SECTION_TITLES[section]} » enregistrée ; les passages du bassin ont été réindexés.", "info")
        basin_fits.wake_refresher()  # the new index version: every project's basin places are ranked again
    return redirect(url_for("basins.history", code=code, section=section))


@bp.get("/<code>/history")
@role_required("agency")
def history(code: str):
    basin = basin_or_404(code)
    section = request.args.get("section")
    if section:
        _section_or_404(section)
    edits = cv_edits.history(code, section)
    return render_template(
        "workbench/history.html",
        basin=basin,
        section=section,
        titles=SECTION_TITLES,
        edits=[(e, cv_edits.diff_lines(e)) for e in edits],
        form=EmptyForm(),
    )


@bp.post("/<code>/history/<int:edit_id>/revert")
@role_required("agency")
def revert(code: str, edit_id: int):
    basin = basin_or_404(code)
    edit = cv_edits.get_edit(code, edit_id)
    if edit is None:
        abort(404, description="Version inconnue pour ce bassin.")
    try:
        cv_edits.save_edit(
            basin,
            edit.section,
            cv_edits.content_of(edit, previous=True),
            current_user,
            f"Annulation de la version n° {edit.id}",
            reverts=edit,
        )
    except cv_edits.EditError as error:
        abort(400, description=str(error))
    return _saved(code, edit.section)
