"""The agency's site inventory of a basin: list, add, edit, withdraw, history (versioned like CV sections)."""

from __future__ import annotations

import logging

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from matcher.cv.land_section import site_line
from matcher.territory.land import LandSite
from matcher.territory.site_inventory import FIELDS
from web import live_matcher, site_edits
from web.access import role_required
from web.basins import basin_or_404
from web.cv_edits import EditError
from web.extensions import db
from web.forms.territory_edits import SiteForm, WithdrawSiteForm
from web.matching import get_matcher

log = logging.getLogger(__name__)
bp = Blueprint("sites", __name__, url_prefix="/basins")


def _site_or_404(code: str, site_id: str) -> LandSite:
    site = site_edits.find_site(get_matcher().territories, code, site_id)
    if site is None:
        abort(404, description="Site inconnu dans ce bassin.")
    return site


@bp.get("/<code>/sites")
@role_required("agency")
def list_sites(code: str):
    basin = basin_or_404(code)
    sites = get_matcher().territories.land.sites(code)
    return render_template(
        "workbench/sites.html",
        basin=basin,
        sites=[(s, site_line(s)) for s in sites],
        form=WithdrawSiteForm(),
        edits=site_edits.site_history(code)[:5],
    )


def _form_page(basin, form: SiteForm, site: LandSite | None, submitted: bool):
    return render_template("workbench/edit_site.html", basin=basin, form=form, site=site), 400 if submitted else 200


def _raw(form: SiteForm) -> dict[str, str]:
    return {name: getattr(form, name).data or "" for name in FIELDS}


def _saved_from(form: SiteForm, basin, site_id: str | None) -> str | None:
    """Save the form as a new site (site_id None) or a new version of one: the stored name, or None when
    refused (the reason becomes a field error)."""
    try:
        edit = site_edits.save_site(
            get_matcher().territories, basin, site_id, _raw(form), current_user, form.note.data or ""
        )
    except EditError as error:
        form.site_name.errors = [*form.site_name.errors, str(error)]
        return None
    return str(edit.record["site_name"])


@bp.route("/<code>/sites/new", methods=["GET", "POST"])
@role_required("agency")
def new_site(code: str):
    basin, form = basin_or_404(code), SiteForm()
    if form.is_submitted() and form.validate() and (name := _saved_from(form, basin, None)):
        return _saved(code, f"Site « {name} » ajouté à l'inventaire.")
    return _form_page(basin, form, None, form.is_submitted())


@bp.route("/<code>/sites/<site_id>/edit", methods=["GET", "POST"])
@role_required("agency")
def edit_site(code: str, site_id: str):
    basin, site = basin_or_404(code), _site_or_404(code, site_id)
    form = SiteForm()
    if not form.is_submitted():
        form.process(data=site_edits.form_values(site))
    elif form.validate() and (name := _saved_from(form, basin, site_id)):
        return _saved(code, f"Nouvelle version du site « {name} » enregistrée.")
    return _form_page(basin, form, site, form.is_submitted())


@bp.post("/<code>/sites/<site_id>/withdraw")
@role_required("agency")
def withdraw_site(code: str, site_id: str):
    basin, site = basin_or_404(code), _site_or_404(code, site_id)
    form = WithdrawSiteForm()
    if not form.validate():
        abort(400, description="Formulaire expiré ou motif trop long : rechargez la page.")
    site_edits.withdraw_site(
        get_matcher().territories, basin, site.site_id, current_user, form.note.data or "Retrait de l'offre"
    )
    return _saved(code, f"Site « {site.name} » retiré de l'offre foncière.")


@bp.get("/<code>/sites/history")
@role_required("agency")
def site_history(code: str):
    basin = basin_or_404(code)
    edits = site_edits.site_history(code)
    return render_template(
        "workbench/site_history.html", basin=basin, edits=[(e, site_edits.changed_fields(e)) for e in edits]
    )


def _saved(code: str, message: str):
    """Commit the version, then reload this worker's territory data so the next match sees the land."""
    db.session.commit()
    try:
        live_matcher.refresh({code})
    except Exception:  # the version is saved; the signature check retries on the next request
        log.exception("reloading basin %s after a site edit failed", code)
        flash("Site enregistré, mais le rechargement a échoué : il sera retenté.", "error")
    else:
        flash(message, "info")
    return redirect(url_for("sites.site_history", code=code))
