"""The OpenAPI 3.1 description of /api/v1."""

from __future__ import annotations

from typing import Any

from matcher.project.need_vocabulary import NEEDS
from matcher.project.record import (
    MAX_DESCRIPTION_CHARS,
    MAX_EXISTING_SITES,
    MAX_JOBS,
    MAX_LAND_HA,
    MAX_POWER_MW,
    MAX_TIMELINE_MONTHS,
    MAX_TITLE_CHARS,
    MIN_DESCRIPTION_CHARS,
    PROJECT_KINDS,
)
from web.http_guards import MAX_ID

MAX_OCCUPATION_QUERY = 200  # characters of the occupation search's q

ERROR_CODES = ("400", "401", "403", "404", "413", "415", "429", "503")
# Any route: 400 for a query string holding a control character, 503 while the database is unreachable.
ANY_ROUTE = ("400", "401", "429", "503")


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: str) -> dict[str, Any]:
    return {code: _json(_ref("Error"), "Erreur") for code in codes}


SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error", "message", "status"],
        "properties": {
            "error": {"type": "string"},
            "message": {"type": "string"},
            "status": {"type": "integer"},
            "problems": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "description": "champ -> message, pour les erreurs de validation",
            },
        },
    },
    "ProjectInput": {
        "type": "object",
        "required": ["description"],
        "additionalProperties": False,
        "properties": {
            "title": {"type": ["string", "null"], "maxLength": MAX_TITLE_CHARS},
            "description": {
                "type": "string",
                "minLength": MIN_DESCRIPTION_CHARS,
                "maxLength": MAX_DESCRIPTION_CHARS,
                "description": "au moins 20 caractères hors espaces de début et de fin",
            },
            "naf_code": {
                "type": ["string", "null"],
                "maxLength": 16,
                "example": "16.21Z",
                "description": "sous-classe NAF rév. 2 ; un code inconnu est refusé (400)",
            },
            "jobs": {"type": ["integer", "null"], "minimum": 0, "maximum": MAX_JOBS},
            "land_ha": {"type": ["number", "null"], "minimum": 0, "maximum": MAX_LAND_HA},
            "power_mw": {"type": ["number", "null"], "minimum": 0, "maximum": MAX_POWER_MW},
            "needs": {"type": ["array", "null"], "items": {"type": "string", "enum": list(NEEDS)}},
            "endogenous": {
                "type": ["boolean", "null"],
                "description": "ancien champ : true vaut new_site_existing_company, "
                "false newcomer, quand project_kind est absent",
            },
            "existing_site_commune": {
                "type": ["string", "null"],
                "maxLength": 16,
                "example": "54395",
                "description": "ancien champ, ajouté à existing_site_communes ; code commune INSEE "
                "inconnu refusé (400)",
            },
            "timeline_months": {"type": ["integer", "null"], "minimum": 0, "maximum": MAX_TIMELINE_MONTHS},
            "project_kind": {
                "type": ["string", "null"],
                "enum": [*PROJECT_KINDS, None],
                "description": "; ".join(f"{key} : {label}" for key, label in PROJECT_KINDS.items()),
            },
            "existing_site_communes": {
                "type": ["array", "null"],
                "maxItems": MAX_EXISTING_SITES,
                "items": {"type": "string"},
                "example": ["68224", "67482"],
                "description": "codes commune INSEE des sites de l'entreprise en région ; "
                "une extension sur site met son bassin en premier",
            },
            "occupations": {
                "type": ["array", "null"],
                "maxItems": 10,
                "description": "métiers recherchés : code FAP 2021 de la liste BMO (voir /occupations) et effectif",
                "items": {
                    "type": "object",
                    "required": ["code", "count"],
                    "properties": {
                        "code": {"type": "string", "example": "D1X33"},
                        "count": {"type": "integer", "minimum": 1, "maximum": 100000},
                    },
                },
            },
        },
    },
    "Match": {
        "type": "object",
        "required": ["ze2020_code", "name", "score", "fit", "policy_adjustment", "explanation"],
        "properties": {
            "ze2020_code": {"type": "string"},
            "name": {"type": "string"},
            "rank": {"type": "integer"},
            "score": {"type": "number", "description": "fit + policy_adjustment"},
            "fit": {"type": "number"},
            "policy_adjustment": {"type": "number"},
            "reference": {
                "type": "boolean",
                "description": "bassin du site existant d'une extension sur site : premier quel que soit son score",
            },
            "explanation": {
                "type": "object",
                "description": "contributions, policy, unmet_needs, met_needs (besoin de "
                "foncier déclaré couvert, avec le site), missing_inputs, "
                "passages ; checks (bassin de référence : foncier, "
                "main-d'œuvre, énergie, besoins) ; versus_reference "
                "(ce que ce bassin offrirait de plus que la référence) ; "
                "checklist (chaque besoin déclaré : topic, status "
                "met/unmet/check, detail, fact)",
            },
            "needs_checks": {
                "type": ["object", "null"],
                "description": (
                    "hors adéquation : hiring (tension de recrutement BMO 2025 des métiers recherchés : level, "
                    "summary, share_difficult, region_share, national_share, occupations) et power (poste RTE "
                    "225/400 kV à moins de distance_km pour un besoin d'au moins threshold_mw : status met, "
                    "unmet, below_threshold ou not_covered, summary, substation, km) ; null sans métiers ni "
                    "puissance"
                ),
            },
        },
    },
    "Project": {
        "type": "object",
        "required": ["id", "matches", "model_version", "index_version"],
        "properties": {
            "id": {"type": "integer"},
            "url": {"type": "string"},
            "matches": {"type": "array", "items": _ref("Match")},
            "model_version": {"type": ["string", "null"]},
            "index_version": {"type": ["string", "null"]},
            "ranked_by": {"type": ["string", "null"]},
            "sector": {
                "type": ["object", "null"],
                "description": "code, label, inferred: the NAF code given or inferred from the text",
            },
            "language": {"type": ["string", "null"], "description": "ISO 639-1 code of the text"},
            "warning": {"type": ["string", "null"], "description": "set when the text is not in French"},
        },
    },
}


def openapi_document() -> dict[str, Any]:
    from web import openapi_conventions  # it builds on this module's helpers

    secured: list[dict[str, list[str]]] = [{"bearer": []}]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "terrimatch API",
            "version": "1",
            "description": "Rapprochement de projets industriels et de bassins d'emploi (ZE2020).",
        },
        "servers": [{"url": "/api/v1"}],
        "components": {
            "schemas": {**SCHEMAS, **openapi_conventions.SCHEMAS},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "paths": {
            "/projects": {
                "post": {
                    "summary": "Soumettre un projet et obtenir les bassins classés",
                    "security": secured,
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("ProjectInput")}},
                    },
                    "responses": {"201": _json(_ref("Project"), "Projet créé et classé"), **_errors(*ERROR_CODES)},
                },
                "get": {
                    "summary": "Projets visibles avec ce jeton",
                    "security": secured,
                    "responses": {"200": _json({"type": "object"}, "Liste"), **_errors(*ANY_ROUTE, "403")},
                },
            },
            "/projects/{id}": {
                "get": {
                    "summary": "Un projet et son dernier classement",
                    "security": secured,
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
                        }
                    ],
                    "responses": {"200": _json(_ref("Project"), "Projet"), **_errors(*ANY_ROUTE, "403", "404")},
                }
            },
            "/basins": {
                "get": {
                    "summary": "Bassins d'emploi",
                    "security": secured,
                    "parameters": [{"name": "scope", "in": "query", "schema": {"enum": ["ge", "france"]}}],
                    "responses": {"200": _json({"type": "object"}, "Liste"), **_errors(*ANY_ROUTE, "403")},
                }
            },
            "/occupations": {
                "get": {
                    "summary": "Métiers de la liste BMO 2025 (codes FAP 2021) contenant les mots de q",
                    "security": secured,
                    "parameters": [
                        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": MAX_OCCUPATION_QUERY}}
                    ],
                    "responses": {"200": _json({"type": "object"}, "Liste"), **_errors(*ANY_ROUTE, "403")},
                }
            },
            "/basins/{code}": {
                "get": {
                    "summary": "Le CV de territoire d'un bassin",
                    "security": secured,
                    "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {"200": _json({"type": "object"}, "CV"), **_errors(*ANY_ROUTE, "403", "404")},
                }
            },
            **openapi_conventions.PATHS,
        },
    }
