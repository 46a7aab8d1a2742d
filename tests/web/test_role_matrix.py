"""Role x route matrix, generated from the app's URL map: a new route without a rule here fails."""

from __future__ import annotations

import pytest

from convention_rules import CONVENTION_RULES, CONVENTION_SECOND_METHODS, CONVENTION_VALUES, add_convention
from web_support import ROLES, PostgresSchema, add_accounts, add_project, login, make_app, postgres_base_url, sqlite_url
from workbench_rules import WORKBENCH_RULES, WORKBENCH_VALUES

A, B = "company_a", "company_b"


def statuses(anonymous, company_a, company_b, agency, admin) -> dict[str, int]:
    return dict(zip(ROLES, (anonymous, company_a, company_b, agency, admin), strict=True))


COMPANY_OWN = statuses(302, 200, 404, 403, 403)  # company B asks for company A's project
COMPANY_ANY = statuses(302, 200, 200, 403, 403)
AGENCY = statuses(302, 403, 403, 200, 403)
API_PROJECT = statuses(401, 200, 404, 200, 403)
API_ANY = statuses(401, 200, 200, 200, 200)
PUBLIC = statuses(200, 200, 200, 200, 200)

# endpoint -> (method, expected status per role). Paths are built from the endpoint with the
# ids below: {project} is company A's project.
RULES: dict[str, tuple[str, dict[str, int]]] = {
    "static": ("GET", PUBLIC),
    "auth.home": ("GET", statuses(302, 302, 302, 302, 302)),
    "auth.login": ("GET", statuses(200, 302, 302, 302, 302)),
    "auth.logout": ("POST", statuses(302, 302, 302, 302, 302)),
    "company.list_projects": ("GET", COMPANY_ANY),
    "company.new_project": ("GET", COMPANY_ANY),
    "company.show_project": ("GET", COMPANY_OWN),
    "company.edit_project": ("GET", COMPANY_OWN),
    "company.rematch": ("POST", statuses(302, 302, 404, 403, 403)),
    "agency.queue": ("GET", AGENCY),
    "agency.show_project": ("GET", AGENCY),
    "agency.record_decision": ("POST", statuses(302, 403, 403, 302, 403)),
    "agency.record_project_outcome": ("POST", statuses(302, 403, 403, 302, 403)),
    "agency.withdraw_project_outcome": ("POST", statuses(302, 403, 403, 302, 403)),
    # An empty undo names no decision: refused by validation, so the matrix removes no decision.
    "agency.undo_decision": ("POST", statuses(302, 403, 403, 400, 403)),
    "agency.export_csv": ("GET", AGENCY),
    "agency.export_xlsx": ("GET", AGENCY),
    "admin.index": ("GET", statuses(302, 403, 403, 403, 200)),
    "api.create_project": ("POST", statuses(401, 201, 201, 403, 403)),
    "api.list_projects": ("GET", statuses(401, 200, 200, 200, 403)),
    "api.get_project": ("GET", API_PROJECT),
    "api.list_basins": ("GET", API_ANY),
    "api.get_basin": ("GET", API_ANY),
    "api.list_occupations": ("GET", API_ANY),
    "api.openapi": ("GET", PUBLIC),
    "communes.search_communes": ("GET", statuses(302, 200, 200, 200, 403)),
    "health.live": ("GET", PUBLIC),
    "health.ready": ("GET", PUBLIC),
    **WORKBENCH_RULES,
    **CONVENTION_RULES,
}
# The second method of routes that answer two (a form page and its submission).
SECOND_METHODS: dict[str, tuple[str, dict[str, int]]] = {
    "auth.login": ("POST", statuses(400, 302, 302, 302, 302)),  # an empty form; signed-in users go home
    "company.new_project": ("POST", statuses(302, 302, 302, 403, 403)),
    "company.edit_project": ("POST", statuses(302, 302, 404, 403, 403)),
    # An empty edit is refused by validation, so the matrix never writes territory data.
    "basins.edit_section": ("POST", statuses(302, 403, 403, 400, 403)),
    "sites.new_site": ("POST", statuses(302, 403, 403, 400, 403)),
    "sites.edit_site": ("POST", statuses(302, 403, 403, 404, 403)),
    **CONVENTION_SECOND_METHODS,
}
BODIES = {
    "api.create_project": {"json": {"description": "Atelier de menuiserie industrielle, 20 emplois"}},
    "company.new_project": {
        "data": {"description": "Atelier de menuiserie industrielle, 20 emplois", "proposals_seen": "1"}
    },
    "company.edit_project": {"data": {"description": "Scierie et panneaux de particules en bois, 80 emplois"}},
}


def _routes() -> list[tuple[str, str]]:
    """Every (endpoint, method) the app serves, and every one the rules name."""
    from web import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "x" * 40, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    served = {
        (rule.endpoint, method) for rule in app.url_map.iter_rules() for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    named = {(endpoint, method) for rules in (RULES, SECOND_METHODS) for endpoint, (method, _) in rules.items()}
    return sorted(served | named)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def world(request, tmp_path_factory, fast_matcher):
    """One app per backend for the whole matrix: accounts of every role and company A's project."""
    if request.param == "sqlite":
        app = make_app(sqlite_url(tmp_path_factory.mktemp("matrix")), fast_matcher)
        yield _populate(app)
        return
    with PostgresSchema(postgres_base_url()) as url:
        app = make_app(url, fast_matcher)
        yield _populate(app)
        from web.extensions import db

        with app.app_context():
            db.engine.dispose()


def _populate(app):
    accounts = add_accounts(app)
    project = add_project(app, accounts[A])
    add_convention(app, accounts, project)
    clients = {role: login(app.test_client(), accounts[role]) for role in ROLES if role != "anonymous"}
    clients["anonymous"] = app.test_client()
    return app, accounts, project, clients


def _request(world, endpoint: str, method: str, role: str):
    app, accounts, project, clients = world
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    values = {"project_id": project, "code": "4407", "filename": "style.css", **WORKBENCH_VALUES, **CONVENTION_VALUES}
    with app.test_request_context():
        path = app.url_for(endpoint, **{k: v for k, v in values.items() if k in rule.arguments})
    client = clients[role]
    headers = {"Authorization": f"Bearer {accounts[role].token}"} if role != "anonymous" else {}
    body = BODIES.get(endpoint, {}) if method == "POST" else {}
    if endpoint == "agency.record_decision":
        body = {"data": {"ze2020_code": _first_basin(app, project), "kind": "shortlist"}}
    if endpoint == "agency.record_project_outcome":  # the final site the convention follows: recorded again, a no-op
        body = {"data": {"kind": "final_site", "basin": _basin(app, project, 1)}}
    response = client.open(path, method=method, headers=headers, **body)
    if endpoint == "agency.withdraw_project_outcome" and response.status_code == 302:
        restored = client.post(
            path.replace("/withdraw", ""), data={"kind": "final_site", "basin": _basin(app, project, 1)}
        )
        assert restored.status_code == 302  # the convention routes after this one need their final site
    if endpoint == "auth.logout" and role != "anonymous":
        clients[role] = login(app.test_client(), accounts[role])  # logout ended every session of the user
    return response


def _basin(app, project_id: int, place: int) -> str:
    from web.extensions import db
    from web.records.core import ProjectRecord

    with app.app_context():
        return db.session.get(ProjectRecord, project_id).latest_run.basins[place].ze2020_code


def _first_basin(app, project_id: int) -> str:
    return _basin(app, project_id, 0)


@pytest.mark.parametrize("endpoint, method", _routes())
def test_role_route_matrix(world, endpoint, method):
    rules = [rule for rule in (RULES.get(endpoint), SECOND_METHODS.get(endpoint)) if rule and rule[0] == method]
    assert rules, f"{method} {endpoint} has no rule in the role x route matrix: add one"
    expected = rules[0][1]
    seen = {role: _request(world, endpoint, method, role).status_code for role in ROLES}
    assert seen == expected


def test_anonymous_pages_redirect_to_login(world):
    _app, _, project, clients = world
    response = clients["anonymous"].get(f"/projects/{project}")
    assert response.status_code == 302 and response.location.startswith("/login?next=")


def test_api_errors_of_the_matrix_use_the_json_shape(world):
    _app, accounts, project, clients = world
    headers = {"Authorization": f"Bearer {accounts[B].token}"}
    for response in (
        clients["anonymous"].get(f"/api/v1/projects/{project}"),
        clients[B].get(f"/api/v1/projects/{project}", headers=headers),
    ):
        assert set(response.json) == {"error", "message", "status"}
        assert response.json["status"] == response.status_code
