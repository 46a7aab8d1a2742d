"""JSON API of conventions and the regional steering figures, under /api/v1 with bearer tokens."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, g, jsonify, url_for

from web.access import token_required
from web.api import refuse_undocumented_query
from web.convention_service import clawback_due, conventions_for, get_convention_for, states, today
from web.extensions import csrf, limiter
from web.records.convention_tables import Convention
from web.steering_data import steering_figures, steering_json

bp = Blueprint("api_conventions", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # bearer tokens, not cookies
limiter.limit(lambda: current_app.config["API_RATE_LIMIT"])(bp)
bp.before_request(refuse_undocumented_query)


def convention_json(convention: Convention) -> dict[str, Any]:
    commitments = [
        {
            "id": v.commitment.id,
            "kind": v.commitment.kind,
            "label": v.commitment.title,
            "unit": v.commitment.unit,
            "baseline": v.commitment.baseline,
            "target": v.commitment.target,
            "due_on": v.commitment.due_on.isoformat(),
            "status": v.status,
            "latest_value": v.latest,
            "reports": [
                {
                    "value": r.value,
                    "on": r.reported_on.isoformat(),
                    "comment": r.comment,
                    "has_evidence": bool(r.evidence_key),
                }
                for r in v.commitment.reports
            ],
        }
        for v in states(convention)
    ]
    return {
        "id": convention.id,
        "url": url_for("api_conventions.get_convention", convention_id=convention.id),
        "project_id": convention.project_id,
        "ze2020_code": convention.ze2020_code,
        "support_type": convention.support_type,
        "amount_eur": convention.amount_eur,
        "funders": convention.funders,
        "signed_on": convention.signed_on.isoformat(),
        "clawback_pct": convention.clawback_pct,
        "version": convention.version,
        "clawback_due_eur": clawback_due(convention),
        "commitments": commitments,
        "reviews": [
            {"held_on": r.held_on.isoformat(), "outcome": r.outcome, "clawback_eur": r.clawback_eur}
            for r in convention.reviews
        ],
    }


@bp.get("/conventions")
@token_required("company", "agency", "admin")
def list_conventions():
    return jsonify(
        {
            "conventions": [
                {
                    "id": c.id,
                    "project_id": c.project_id,
                    "signed_on": c.signed_on.isoformat(),
                    "url": url_for("api_conventions.get_convention", convention_id=c.id),
                }
                for c in conventions_for(g.api_user)
            ]
        }
    )


@bp.get("/conventions/<int:convention_id>")
@token_required("company", "agency", "admin")
def get_convention(convention_id: int):
    return jsonify(convention_json(get_convention_for(g.api_user, convention_id)))


@bp.get("/steering")
@token_required("agency", "admin")
def steering():
    return jsonify(steering_json(steering_figures(today())))
