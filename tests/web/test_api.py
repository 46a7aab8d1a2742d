"""The JSON API contract, its OpenAPI document and its one error shape."""

from __future__ import annotations

import pytest

from web.matching import MatcherUnavailable
from web_support import WOOD, add_accounts, add_project, make_app, sqlite_url

MATCH_KEYS = {"ze2020_code", "name", "score", "fit", "policy_adjustment", "explanation"}


def test_post_project_returns_ranked_basins_with_explanations(app, accounts, bearer):
    client = app.test_client()
    response = client.post(
        "/api/v1/projects",
        headers=bearer("company_a"),
        json={
            "title": "Panneaux",
            "description": WOOD,
            "naf_code": "16.21Z",
            "jobs": 80,
            "land_ha": 15,
            "needs": ["rail"],
        },
    )
    assert response.status_code == 201
    body = response.json
    assert response.headers["Location"] == f"/api/v1/projects/{body['id']}"
    assert body["model_version"] and body["index_version"] and body["ranked_by"] in ("prior", "model")
    assert len(body["matches"]) >= 5
    scores = [m["score"] for m in body["matches"]]
    assert scores == sorted(scores, reverse=True)
    for match in body["matches"]:
        assert set(match) >= MATCH_KEYS
        assert match["score"] == pytest.approx(match["fit"] + match["policy_adjustment"], abs=1e-3)
        assert match["explanation"]["passages"] and "contributions" in match["explanation"]
    assert body["naf_code"] == "16.21Z" and body["needs"] == ["rail"] and body["jobs"] == 80
    assert body["sector"] == {
        "code": "16.21Z",
        "label": "Fabrication de placage et de panneaux de bois",
        "inferred": False,
    }


def test_get_project_for_owner_agency_other_company_and_nobody(app, accounts, bearer):
    client = app.test_client()
    created = client.post("/api/v1/projects", headers=bearer("company_a"), json={"description": WOOD}).json
    path = f"/api/v1/projects/{created['id']}"
    owner = client.get(path, headers=bearer("company_a"))
    agency = client.get(path, headers=bearer("agency"))
    assert owner.status_code == agency.status_code == 200
    assert owner.json["matches"] == created["matches"] == agency.json["matches"]
    assert created["sector"]["inferred"] is True and owner.json["sector"] == created["sector"]
    assert created["language"] == "fr" and created["warning"] is None
    assert "decisions" not in owner.json and agency.json["decisions"] == []
    assert client.get(path, headers=bearer("company_b")).status_code == 404
    assert client.get(path).status_code == 401
    assert client.get(path, headers={"Authorization": "Bearer tm_not-a-token"}).status_code == 401
    assert client.get(path, headers={"Authorization": f"Basic {accounts['company_a'].token}"}).status_code == 401


def test_project_list_is_scoped_to_the_organisation(app, accounts, bearer):
    mine = add_project(app, accounts["company_a"])
    theirs = add_project(app, accounts["company_b"])
    client = app.test_client()

    def ids(role):
        return {p["id"] for p in client.get("/api/v1/projects", headers=bearer(role)).json["projects"]}

    assert ids("company_a") == {mine} and ids("company_b") == {theirs} and ids("agency") == {mine, theirs}


def test_validation_errors_name_each_field(app, accounts, bearer):
    response = app.test_client().post(
        "/api/v1/projects",
        headers=bearer("company_a"),
        json={"description": "trop court", "jobs": -3, "naf_code": "99.99X", "needs": 1},
    )
    assert response.status_code == 400
    assert set(response.json["problems"]) == {"description", "jobs", "naf_code", "needs"}
    assert response.json["status"] == 400 and "description" in response.json["message"]


def test_unknown_fields_are_refused(app, accounts, bearer):
    response = app.test_client().post(
        "/api/v1/projects", headers=bearer("company_a"), json={"description": WOOD, "budget": 3}
    )
    assert response.status_code == 400 and "budget" in response.json["message"]


def test_basins_and_their_cv(app, accounts, bearer):
    client = app.test_client()
    listing = client.get("/api/v1/basins", headers=bearer("company_a")).json
    assert len(listing["basins"]) == 27 and listing["scope"] == "ge"
    assert len(client.get("/api/v1/basins?scope=france", headers=bearer("agency")).json["basins"]) == 306
    cv = client.get("/api/v1/basins/4407", headers=bearer("company_a")).json
    assert cv["ze2020_code"] == "4407" and cv["name"] == "Épinal" and cv["sections"]


def test_every_basin_cv_has_employment_and_land_with_years_and_sources(app, accounts, bearer):
    cv = app.test_client().get("/api/v1/basins/0051", headers=bearer("company_a")).json
    sections = {s["key"]: s for s in cv["sections"]}
    employment, land = sections["employment"], sections["land"]
    assert employment["title"] == "Emploi salarié privé par secteur" and land["title"] == "Foncier disponible"
    assert all(f"en {year}" in employment["lines"][0] for year in (2019, 2022, 2023, 2024))
    assert employment["sources"][0]["title"].startswith("URSSAF")
    assert land["sources"][0]["title"].startswith("Cerema, Cartofriches") and "ha au total" in land["lines"][0]
    assert sections["generated"]["sources"][0]["title"].startswith("Généré à partir des données")


def test_openapi_describes_every_api_route(app):
    document = app.test_client().get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.")
    documented = {(path, method.upper()) for path, item in document["paths"].items() for method in item}
    routes = {
        (
            rule.rule.removeprefix("/api/v1")
            .replace("<int:project_id>", "{id}")
            .replace("<code>", "{code}")
            .replace("<int:convention_id>", "{id}"),
            method,
        )
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith(("api.", "api_conventions.")) and rule.endpoint != "api.openapi"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes == documented
    assert set(document["components"]["schemas"]["Match"]["required"]) == MATCH_KEYS


def _failing_factory():
    raise FileNotFoundError("no index at /nowhere")


@pytest.fixture
def strict_app(tmp_path, fast_matcher):
    """Low API limit and a body limit small enough to hit."""
    return make_app(sqlite_url(tmp_path), fast_matcher, API_RATE_LIMIT="3 per minute", MAX_CONTENT_LENGTH=4096)


def _status_400(client, auth):
    return client.post("/api/v1/projects", data="{not json", headers=auth, content_type="application/json")


ERROR_REQUESTS = {
    400: _status_400,
    401: lambda client, auth: client.get("/api/v1/basins"),
    403: lambda client, auth: client.post(
        "/api/v1/projects", json={"description": WOOD}, headers={"Authorization": auth["agency"]}
    ),
    404: lambda client, auth: client.get("/api/v1/basins/9999", headers=auth),
    405: lambda client, auth: client.delete("/api/v1/basins", headers=auth),
    413: lambda client, auth: client.post("/api/v1/projects", json={"description": "x" * 5000}, headers=auth),
    415: lambda client, auth: client.post(
        "/api/v1/projects", data="description=x", headers=auth, content_type="application/x-www-form-urlencoded"
    ),
    429: lambda client, auth: [client.get("/api/v1/projects", headers=auth) for _ in range(4)][-1],
}


@pytest.mark.parametrize("status", [*ERROR_REQUESTS, 503])
def test_every_error_has_the_one_shape(strict_app, status, tmp_path):
    accounts = add_accounts(strict_app)
    auth = {"Authorization": f"Bearer {accounts['company_a'].token}", "agency": f"Bearer {accounts['agency'].token}"}
    if status == 503:
        (tmp_path / "broken").mkdir()
        broken = make_app(sqlite_url(tmp_path / "broken"), None, MATCHER_FACTORY=_failing_factory)
        response = broken.test_client().get("/health/ready")
    else:
        headers = {"Authorization": auth["Authorization"]}
        response = ERROR_REQUESTS[status](strict_app.test_client(), headers if status != 403 else auth)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert set(response.json) == {"error", "message", "status"}
    assert response.json["status"] == status
    assert response.json["message"] and response.json["error"]
    assert "Failed" not in response.json["message"]  # French messages, not the libraries' English ones


def test_a_matcher_that_cannot_load_answers_503_and_stores_nothing(tmp_path):
    from web.extensions import db
    from web.records.core import ProjectRecord

    app = make_app(sqlite_url(tmp_path), None, MATCHER_FACTORY=_failing_factory)
    accounts = add_accounts(app)
    response = app.test_client().post(
        "/api/v1/projects",
        json={"description": WOOD},
        headers={"Authorization": f"Bearer {accounts['company_a'].token}"},
    )
    assert response.status_code == 503 and response.json["error"] == "service_unavailable"
    assert "/nowhere" not in response.json["message"]  # internals stay in the log
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(ProjectRecord)).scalar() == 0
    from web.matching import get_matcher

    with pytest.raises(MatcherUnavailable), app.app_context():
        get_matcher()
