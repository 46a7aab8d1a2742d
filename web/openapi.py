"""The OpenAPI 3.1 description of /api/v1."""
from __future__ import annotations

from typing import Any

from matcher.needs import NEEDS

ERROR_CODES = ("400", "401", "403", "404", "413", "415", "429", "503")


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: str) -> dict[str, Any]:
    return {code: _json(_ref("Error"), "Erreur") for code in codes}


SCHEMAS: dict[str, Any] = {
    "Error": {"type": "object", "required": ["error", "message", "status"], "properties": {
        "error": {"type": "string"}, "message": {"type": "string"}, "status": {"type": "integer"},
        "problems": {"type": "object", "additionalProperties": {"type": "string"},
                     "description": "champ -> message, pour les erreurs de validation"}}},
    "ProjectInput": {"type": "object", "required": ["description"], "additionalProperties": False, "properties": {
        "title": {"type": "string", "maxLength": 200},
        "description": {"type": "string", "minLength": 20, "maxLength": 10000},
        "naf_code": {"type": "string", "example": "16.21Z"},
        "jobs": {"type": "integer", "minimum": 0}, "land_ha": {"type": "number", "minimum": 0},
        "power_mw": {"type": "number", "minimum": 0},
        "needs": {"type": "array", "items": {"type": "string", "enum": list(NEEDS)}},
        "endogenous": {"type": "boolean"}, "existing_site_commune": {"type": "string", "example": "54395"},
        "timeline_months": {"type": "integer", "minimum": 0, "maximum": 240}}},
    "Match": {"type": "object", "required": ["ze2020_code", "name", "score", "fit", "policy_adjustment",
                                              "explanation"], "properties": {
        "ze2020_code": {"type": "string"}, "name": {"type": "string"}, "rank": {"type": "integer"},
        "score": {"type": "number", "description": "fit + policy_adjustment"}, "fit": {"type": "number"},
        "policy_adjustment": {"type": "number"},
        "explanation": {"type": "object", "description": "contributions, policy, unmet_needs, missing_inputs, "
                                                         "passages"}}},
    "Project": {"type": "object", "required": ["id", "matches", "model_version", "index_version"],
                "properties": {"id": {"type": "integer"}, "url": {"type": "string"},
                               "matches": {"type": "array", "items": _ref("Match")},
                               "model_version": {"type": ["string", "null"]},
                               "index_version": {"type": ["string", "null"]},
                               "ranked_by": {"type": ["string", "null"]},
                               "sector": {"type": ["object", "null"], "description":
                                          "code, label, inferred: the NAF code given or inferred from the text"},
                               "language": {"type": ["string", "null"], "description": "ISO 639-1 code of the text"},
                               "warning": {"type": ["string", "null"],
                                           "description": "set when the text is not in French"}}},
}


def openapi_document() -> dict[str, Any]:
    from web import openapi_conventions  # it builds on this module's helpers

    secured = [{"bearer": []}]
    return {
        "openapi": "3.1.0",
        "info": {"title": "terrimatch API", "version": "1",
                 "description": "Rapprochement de projets industriels et de bassins d'emploi (ZE2020)."},
        "servers": [{"url": "/api/v1"}],
        "components": {"schemas": {**SCHEMAS, **openapi_conventions.SCHEMAS}, "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "paths": {
            "/projects": {
                "post": {"summary": "Soumettre un projet et obtenir les bassins classés", "security": secured,
                         "requestBody": {"required": True, "content": {"application/json": {
                             "schema": _ref("ProjectInput")}}},
                         "responses": {"201": _json(_ref("Project"), "Projet créé et classé"),
                                       **_errors(*ERROR_CODES)}},
                "get": {"summary": "Projets visibles avec ce jeton", "security": secured,
                        "responses": {"200": _json({"type": "object"}, "Liste"), **_errors("401", "403", "429")}}},
            "/projects/{id}": {"get": {
                "summary": "Un projet et son dernier classement", "security": secured,
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": {"200": _json(_ref("Project"), "Projet"), **_errors("401", "403", "404", "429")}}},
            "/basins": {"get": {
                "summary": "Bassins d'emploi", "security": secured,
                "parameters": [{"name": "scope", "in": "query", "schema": {"enum": ["ge", "france"]}}],
                "responses": {"200": _json({"type": "object"}, "Liste"), **_errors("400", "401", "429", "503")}}},
            "/basins/{code}": {"get": {
                "summary": "Le CV de territoire d'un bassin", "security": secured,
                "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _json({"type": "object"}, "CV"), **_errors("401", "404", "429", "503")}}},
            **openapi_conventions.PATHS,
        },
    }
