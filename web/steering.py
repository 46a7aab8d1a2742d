"""Regional steering view (agencies and admins): figures per basin and kind of territory, map, CSV."""

from __future__ import annotations

from flask import Blueprint, Response, render_template

from matcher.project.commitments import GRACE_DAYS
from matcher.territory.steering import KIND_LABELS, LARGE_BASIN, SMALL_BASIN, URBAN_DENSITY
from web.access import role_required
from web.convention_service import today
from web.steering_data import steering_csv, steering_figures

bp = Blueprint("steering", __name__, url_prefix="/steering")


@bp.get("")
@role_required("agency", "admin")
def view():
    figures = steering_figures(today())
    return render_template(
        "steering/view.html",
        figures=figures,
        kind_labels=KIND_LABELS,
        grace_days=GRACE_DAYS,
        limits={"small": SMALL_BASIN, "large": LARGE_BASIN, "urban": URBAN_DENSITY},
    )


@bp.get("/export.csv")
@role_required("agency", "admin")
def export_csv():
    figures = steering_figures(today())
    name = f"pilotage-{figures.on.isoformat()}.csv"
    return Response(
        steering_csv(figures), mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
