"""OpenAPI description of the conventions and steering endpoints, merged into web.openapi's document."""

from __future__ import annotations

from typing import Any

from matcher.project.commitments import KINDS, STATUSES, SUPPORT_TYPES
from matcher.territory.steering import KIND_LABELS
from web.openapi import _errors, _json, _ref

NUMBER = {"type": "number"}
ROW_NUMBERS = (
    "population",
    "jobs_committed",
    "jobs_realised",
    "investment_committed",
    "investment_realised",
    "support_eur",
    "jobs_per_1000",
)
ROW_COUNTS = ("basins", "projects_submitted", "projects_shortlisted", "projects_final")

SCHEMAS: dict[str, Any] = {
    "SteeringRow": {
        "type": "object",
        "required": ["key", "label", *ROW_COUNTS, *ROW_NUMBERS, "support_per_job", "no_recent_project"],
        "properties": {
            "key": {"type": "string", "description": "code ZE2020 du bassin, ou libellé de la classe"},
            "label": {"type": "string"},
            **{name: {"type": "integer"} for name in ROW_COUNTS},
            **dict.fromkeys(ROW_NUMBERS, NUMBER),
            "support_per_job": {"type": ["number", "null"], "description": "soutien (€) par emploi engagé"},
            "no_recent_project": {
                "type": "boolean",
                "description": "aucun projet classé dans le bassin depuis 12 mois",
            },
        },
    },
    "Steering": {
        "type": "object",
        "required": ["scope", "on", "basins", "kinds"],
        "properties": {
            "scope": {"type": "string", "enum": ["ge"]},
            "on": {"type": "string", "format": "date"},
            "basins": {"type": "array", "items": _ref("SteeringRow")},
            "kinds": {
                "type": "object",
                "required": list(KIND_LABELS),
                "properties": {kind: {"type": "array", "items": _ref("SteeringRow")} for kind in KIND_LABELS},
            },
        },
    },
    "Convention": {
        "type": "object",
        "required": [
            "id",
            "project_id",
            "ze2020_code",
            "support_type",
            "amount_eur",
            "signed_on",
            "clawback_pct",
            "version",
            "clawback_due_eur",
            "commitments",
            "reviews",
        ],
        "properties": {
            "id": {"type": "integer"},
            "url": {"type": "string"},
            "project_id": {"type": "integer"},
            "ze2020_code": {"type": "string"},
            "support_type": {"type": "string", "enum": list(SUPPORT_TYPES)},
            "amount_eur": NUMBER,
            "funders": {"type": "string"},
            "signed_on": {"type": "string", "format": "date"},
            "clawback_pct": NUMBER,
            "version": {"type": "integer"},
            "clawback_due_eur": NUMBER,
            "commitments": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "kind", "status"],
                    "properties": {
                        "id": {"type": "integer"},
                        "kind": {"type": "string", "enum": list(KINDS)},
                        "label": {"type": "string"},
                        "unit": {"type": "string"},
                        "baseline": NUMBER,
                        "target": NUMBER,
                        "due_on": {"type": "string", "format": "date"},
                        "status": {
                            "type": "string",
                            "enum": list(STATUSES),
                            "description": "calculé (délai de grâce de 90 jours)",
                        },
                        "latest_value": {"type": ["number", "null"]},
                        "reports": {"type": "array"},
                    },
                },
            },
            "reviews": {"type": "array"},
        },
    },
}
_ID = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]
SECURED: list[dict[str, list[str]]] = [{"bearer": []}]
PATHS: dict[str, Any] = {
    "/conventions": {
        "get": {
            "summary": "Conventions visibles avec ce jeton",
            "security": SECURED,
            "responses": {"200": _json({"type": "object"}, "Liste"), **_errors("401", "429")},
        }
    },
    "/conventions/{id}": {
        "get": {
            "summary": "Une convention, ses engagements et leur statut",
            "security": SECURED,
            "parameters": _ID,
            "responses": {"200": _json(_ref("Convention"), "Convention"), **_errors("401", "404", "429")},
        }
    },
    "/steering": {
        "get": {
            "summary": "Pilotage régional par bassin et par type de territoire (agences, admins)",
            "security": SECURED,
            "responses": {"200": _json(_ref("Steering"), "Chiffres"), **_errors("401", "403", "429")},
        }
    },
}
