"""Probe findings on the API's input and output (issue 17, items 6-11)."""

from __future__ import annotations

import importlib.util
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from web_support import WOOD, add_project

ROOT = Path(__file__).resolve().parents[2]


def _post(app, accounts, body, **kwargs):
    headers = {"Authorization": f"Bearer {accounts['company_a'].token}", **kwargs.pop("headers", {})}
    if isinstance(body, (dict, list)):
        return app.test_client().post("/api/v1/projects", json=body, headers=headers, **kwargs)
    return app.test_client().post("/api/v1/projects", data=body, headers=headers, **kwargs)


def _stored(app, accounts) -> list[int]:
    listed = app.test_client().get("/api/v1/projects", headers={"Authorization": f"Bearer {accounts['agency'].token}"})
    return [p["id"] for p in listed.json["projects"]]


def test_deeply_nested_json_is_a_400(app, accounts):
    for body in ("[" * 100_000, '{"description": ' + "[" * 50_000 + "]" * 50_000 + "}"):
        response = _post(app, accounts, body, headers={"Content-Type": "application/json"})
        assert response.status_code == 400 and set(response.json) == {"error", "message", "status"}


@pytest.mark.parametrize(
    "field, value",
    [
        ("title", {"x": 1}),
        ("description", [WOOD]),
        ("naf_code", 1621),
        ("jobs", "80"),
        ("jobs", 12.5),
        ("land_ha", "15"),
        ("power_mw", True),
        ("needs", "rail"),
        ("needs", [1]),
        ("endogenous", "oui"),
        ("existing_site_commune", 88160),
        ("timeline_months", [12]),
    ],
)
def test_wrong_json_types_are_refused_naming_the_field(app, accounts, field, value):
    response = _post(app, accounts, {"description": WOOD, field: value})
    assert response.status_code == 400, response.json
    assert field in response.json["problems"] and field in response.json["message"]
    assert _stored(app, accounts) == []


def test_the_openapi_document_states_the_limits_the_server_enforces(app, accounts):
    schema = app.test_client().get("/api/v1/openapi.json").json["components"]["schemas"]["ProjectInput"]
    properties = schema["properties"]
    limits = {name: properties[name]["maximum"] for name in ("jobs", "land_ha", "power_mw", "timeline_months")}
    assert limits == {"jobs": 100_000, "land_ha": 10_000, "power_mw": 10_000, "timeline_months": 240}
    for name, limit in limits.items():
        assert _post(app, accounts, {"description": WOOD, name: limit + 1}).status_code == 400
    assert _post(app, accounts, {"description": WOOD, **limits}).status_code == 201
    assert properties["description"]["maxLength"] == 10_000 and properties["title"]["maxLength"] == 200


@pytest.mark.parametrize(
    "path, documented",
    [
        ("/api/v1/basins", "scope=france"),
        ("/api/v1/occupations", "q=soudeur"),
        ("/api/v1/projects", None),
        ("/api/v1/conventions", None),
    ],
)
def test_undocumented_query_parameters_are_refused(app, accounts, path, documented):
    client, headers = app.test_client(), {"Authorization": f"Bearer {accounts['agency'].token}"}
    refused = client.get(f"{path}?tri=nom&=x", headers=headers)
    assert refused.status_code == 400 and "Paramètre inconnu : (sans nom), tri" in refused.json["message"]
    if documented:
        assert client.get(f"{path}?{documented}", headers=headers).status_code == 200
    assert client.get(path, headers=headers).status_code == 200


def test_confidential_responses_are_not_stored_by_caches(app, accounts, login_as):
    project = add_project(app, accounts["company_a"])
    agency = login_as("agency")
    responses = [
        app.test_client().get(
            f"/api/v1/projects/{project}", headers={"Authorization": f"Bearer {accounts['agency'].token}"}
        ),
        app.test_client().get("/api/v1/projects", headers={"Authorization": f"Bearer {accounts['agency'].token}"}),
        agency.get(f"/agency/projects/{project}/export.csv"),
        agency.get(f"/agency/projects/{project}/dossier.pdf"),
    ]
    for response in responses:
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store", response.mimetype


def test_a_large_chunked_body_is_a_413(app, accounts):
    body = b'{"description": "' + b"x" * (1024 * 1024) + b'"}'
    response = _post(
        app,
        accounts,
        None,
        input_stream=io.BytesIO(body),
        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 413 and response.json["status"] == 413


def test_only_application_json_is_taken_as_json(app, accounts):
    for content_type in ("application/merge-patch+json", "application/vnd.api+json", "text/json"):
        response = _post(app, accounts, f'{{"description": "{WOOD}"}}', headers={"Content-Type": content_type})
        assert response.status_code == 415 and response.json["status"] == 415
    assert _stored(app, accounts) == []


def _gunicorn(env: dict[str, str]) -> subprocess.CompletedProcess:
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "--bind",
        "127.0.0.1:0",
        "--workers",
        "2",
        "web:create_app()",
    ]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False)


def test_production_with_several_workers_refuses_per_worker_rate_limits(tmp_path):
    env = {
        **os.environ,
        "SECRET_KEY": "k" * 20 + "0123456789abcdef",
        "TERRIMATCH_HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("TERRIMATCH_RATELIMIT_STORAGE_URI", None)
    done = _gunicorn(env)
    assert done.returncode != 0 and "TERRIMATCH_RATELIMIT_PER_WORKER" in done.stderr, done.stderr[-800:]
    assert "TERRIMATCH_RATELIMIT_STORAGE_URI" in done.stderr


@pytest.mark.parametrize(
    "workers, uri, env, refused",
    [
        (2, "memory://", {}, True),
        (2, "memory://", {"TERRIMATCH_RATELIMIT_PER_WORKER": "1"}, False),
        (2, "redis://127.0.0.1:6379/0", {}, False),
        (1, "memory://", {}, False),
        (2, "memory://", {"TERRIMATCH_ENV_NAME": "development"}, False),
    ],
)
def test_rate_limit_storage_check(workers, uri, env, refused):
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    assert (conf.rate_limit_problem(workers, uri, env) is not None) == refused
