"""JSON API /api/v1 with bearer tokens: submit and read projects, read basins and their CVs."""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, abort, current_app, g, jsonify, request, url_for

from matcher.cv.document import cv_json
from matcher.project.occupations import search_occupations
from matcher.project.record import ProjectValidationError, project_from_mapping
from matcher.territory.records import UnknownBasinError
from web.access import get_project_for, projects_for, token_required
from web.extensions import csrf, db, limiter
from web.forms.projects import PROJECT_FIELDS
from web.json_types import type_problems
from web.matching import get_matcher, run_match, run_summary
from web.openapi import MAX_OCCUPATION_QUERY, SCHEMAS, openapi_document
from web.records.core import ProjectRecord

log = logging.getLogger(__name__)
bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # bearer tokens, not cookies: no cross-site request can carry them
limiter.limit(lambda: current_app.config["API_RATE_LIMIT"])(bp)

# The query parameters each operation documents in the OpenAPI document; any other is refused.
QUERY_PARAMETERS = {"api.list_basins": {"scope"}, "api.list_occupations": {"q"}}


def refuse_undocumented_query() -> None:
    accepted = QUERY_PARAMETERS.get(request.endpoint or "", set())
    unknown = sorted(name or "(sans nom)" for name in set(request.args) - accepted)
    if unknown:
        allowed = f"acceptés : {', '.join(sorted(accepted))}" if accepted else "aucun n'est accepté ici"
        abort(400, description=f"Paramètre inconnu : {', '.join(unknown)} ({allowed}).")


bp.before_request(refuse_undocumented_query)


def project_json(record: ProjectRecord, with_decisions: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"id": record.id, "url": url_for("api.get_project", project_id=record.id)}
    data.update({name: getattr(record, name) for name in PROJECT_FIELDS})
    data["created_at"] = record.created_at.isoformat()
    data.update(run_summary(record.latest_run))
    if with_decisions:
        data["decisions"] = [
            {
                "ze2020_code": d.ze2020_code or None,
                "decision": d.kind,
                "shown_rank": d.shown_rank,
                "comment": d.comment,
                "by": d.user.email,
                "at": d.created_at.isoformat(),
            }
            for d in record.decisions
        ]
    return data


def _json_object() -> dict[str, Any]:
    if request.mimetype != "application/json":  # not is_json: that also takes application/merge-patch+json
        abort(415)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description="Le corps de la requête doit être un objet JSON valide.")
    unknown = sorted(set(body) - set(PROJECT_FIELDS))
    if unknown:
        abort(400, description=f"Champs inconnus : {', '.join(unknown)} (acceptés : {', '.join(PROJECT_FIELDS)}).")
    return body


def _invalid(problems: dict[str, str]):
    fields = "; ".join(f"{name} : {message}" for name, message in problems.items())
    return jsonify(
        {"error": "validation_error", "message": f"Projet invalide — {fields}", "status": 400, "problems": problems}
    ), 400


@bp.post("/projects")
@token_required("company")
def create_project():
    body = _json_object()
    problems = type_problems(body, SCHEMAS["ProjectInput"])  # the other fields are still checked, so all are named
    try:
        project = project_from_mapping({k: v for k, v in body.items() if k not in problems})
    except ProjectValidationError as error:
        return _invalid({**error.problems, **problems})
    if problems:
        return _invalid(problems)
    user = g.api_user
    record = ProjectRecord(organisation_id=user.organisation_id, created_by_id=user.id)
    record.apply(project)
    db.session.add(record)
    db.session.flush()
    run_match(record)  # MatcherUnavailable -> 503 and nothing stored
    db.session.commit()
    location = url_for("api.get_project", project_id=record.id)
    return jsonify(project_json(record, with_decisions=False)), 201, {"Location": location}


@bp.get("/projects")
@token_required("company", "agency")
def list_projects():
    records = db.session.execute(projects_for(g.api_user).limit(500)).scalars().all()
    return jsonify(
        {
            "projects": [
                {
                    "id": r.id,
                    "title": r.title,
                    "created_at": r.created_at.isoformat(),
                    "url": url_for("api.get_project", project_id=r.id),
                }
                for r in records
            ]
        }
    )


@bp.get("/projects/<int:project_id>")
@token_required("company", "agency")
def get_project(project_id: int):
    record = get_project_for(g.api_user, project_id)
    return jsonify(project_json(record, with_decisions=g.api_user.role == "agency"))


@bp.get("/basins")
@token_required("company", "agency", "admin")
def list_basins():
    scope = request.args.get("scope", "ge")
    territories = get_matcher().territories
    try:
        basins = territories.scope(scope)
    except ValueError:
        abort(400, description="Paramètre scope invalide : choisissez ge ou france.")
    return jsonify(
        {
            "scope": scope,
            "basins": [
                {
                    "ze2020_code": b.code,
                    "name": b.name,
                    "department_codes": list(b.department_codes),
                    "in_grand_est": b.in_grand_est,
                    "url": url_for("api.get_basin", code=b.code),
                }
                for b in basins
            ],
        }
    )


@bp.get("/basins/<code>")
@token_required("company", "agency", "admin")
def get_basin(code: str):
    territories = get_matcher().territories
    try:
        basin = territories.basin(code)
    except UnknownBasinError:
        abort(404, description=f"Bassin d'emploi inconnu : {code[:8]} (code ZE2020 à 4 chiffres, ex. 4407).")
    return jsonify(cv_json(basin, territories))


@bp.get("/occupations")
@token_required("company", "agency", "admin")
def list_occupations():
    """The occupations a project can seek (BMO 2025 list, FAP 2021 codes), filtered by the words of `q`."""
    query = request.args.get("q", "")
    if len(query) > MAX_OCCUPATION_QUERY:
        abort(400, description=f"Paramètre q trop long : au plus {MAX_OCCUPATION_QUERY} caractères.")
    return jsonify(
        {
            "query": query,
            "occupations": [
                {"code": o.code, "label": o.label, "family": o.family_label}
                for o in search_occupations(query, limit=300)
            ],
        }
    )


@bp.get("/openapi.json")
@limiter.exempt
def openapi():
    return jsonify(openapi_document())
