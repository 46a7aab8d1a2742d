"""Project kind and existing sites through the form, the API, the pages, the dossier and the agency queue."""

from __future__ import annotations

import re

from web_support import WOOD, add_project

EXTENSION = {"project_kind": "extension_same_site", "existing_site_communes": ["08409", "08105"]}  # Sedan, Charleville


def test_api_takes_kind_and_sites_and_puts_the_home_basin_first(app, accounts, bearer):
    client = app.test_client()
    response = client.post("/api/v1/projects", headers=bearer("company_a"), json={"description": WOOD, **EXTENSION})
    assert response.status_code == 201, response.json
    body = response.json
    assert body["project_kind"] == "extension_same_site" and body["existing_site_communes"] == ["08409", "08105"]
    first, second = body["matches"][0], body["matches"][1]
    assert (first["ze2020_code"], first["reference"]) == ("4421", True)  # Sedan's basin: the first site listed
    assert first["explanation"]["checks"] and not second["reference"]
    assert "versus_reference" in second["explanation"]
    again = client.get(body["url"], headers=bearer("agency")).json
    assert again["matches"][0]["reference"] is True


def test_an_unknown_commune_is_a_400_naming_it(app, accounts, bearer):
    response = app.test_client().post(
        "/api/v1/projects",
        headers=bearer("company_a"),
        json={"description": WOOD, "project_kind": "newcomer", "existing_site_communes": ["08409", "00000"]},
    )
    assert response.status_code == 400
    assert response.json["error"] == "validation_error" and "00000" in response.json["message"]
    assert "08409" not in response.json["problems"]["existing_site_communes"]
    kind = app.test_client().post(
        "/api/v1/projects", headers=bearer("company_a"), json={"description": WOOD, "project_kind": "expansion"}
    )
    assert kind.status_code == 400 and "expansion" in kind.json["problems"]["project_kind"]


def test_openapi_documents_kind_sites_and_reference(client):
    schemas = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    project_input = schemas["ProjectInput"]["properties"]
    assert project_input["project_kind"]["enum"] == [
        "extension_same_site",
        "new_site_existing_company",
        "takeover",
        "newcomer",
        None,
    ]
    assert project_input["existing_site_communes"]["type"] == ["array", "null"]
    assert "reference" in schemas["Match"]["properties"]


def test_the_form_takes_kind_and_sites_by_name_and_shows_the_reference(app, login_as):
    company = login_as("company_a")
    form = company.get("/projects/new").get_data(as_text=True)
    assert "extension sur site" in form and "nouveau site d&#39;une entreprise déjà implantée" in form
    assert 'list="commune-options"' in form and "communes.js" in form
    response = company.post(
        "/projects/new",
        data={
            "description": WOOD,
            "project_kind": "extension_same_site",
            "existing_site_communes": "Sedan (08409)",
            "proposals_seen": "1",
        },
    )
    assert response.status_code == 302
    page = company.get(response.headers["Location"]).get_data(as_text=True)
    assert "Bassin de référence" in page and "Ce que ce bassin offrirait de plus" in page
    assert "Sedan (08409)" in page and "extension sur site" in page
    assert re.findall(r'<li id="basin-(\d{4})">', page)[0] == "4421"
    edit = company.get(response.headers["Location"] + "/edit").get_data(as_text=True)
    assert "Sedan (08409)" in edit


def test_form_names_an_unknown_commune(app, login_as):
    response = login_as("company_a").post(
        "/projects/new", data={"description": WOOD, "existing_site_communes": "Atlantide (99999)"}
    )
    assert response.status_code == 400 and "99999" in response.get_data(as_text=True)


def test_commune_search_by_name(app, login_as):
    found = login_as("company_a").get("/communes/search?q=vivier au").json["communes"]
    assert {"code": "08488", "name": "Vivier-au-Court", "basin": "4421", "label": "Vivier-au-Court (08488)"} in found
    assert login_as("company_a").get("/communes/search?q=s").json["communes"] == []
    by_code = login_as("agency").get("/communes/search?q=68224").json["communes"]
    assert by_code[0]["name"] == "Mulhouse"


def test_agencies_see_the_kind_and_filter_companies_already_established(app, accounts, login_as):
    add_project(app, accounts["company_a"], title="Extension Sedan", **EXTENSION)
    add_project(app, accounts["company_b"], title="Arrivée", project_kind="newcomer")
    add_project(app, accounts["company_b"], title="Ancien endogène", endogenous=True)
    agency = login_as("agency")
    queue = agency.get("/agency").get_data(as_text=True)
    assert "Extension Sedan" in queue and "Arrivée" in queue and "nouvel arrivant" in queue
    assert "extension sur site 1" in queue and "nouvel arrivant 1" in queue
    established = agency.get("/agency?implantees=1").get_data(as_text=True)
    assert "Extension Sedan" in established and "Ancien endogène" in established and "Arrivée" not in established


def test_agency_page_and_dossier_show_the_reference_and_alternatives(app, accounts, login_as):
    project = add_project(app, accounts["company_a"], title="Extension Sedan", **EXTENSION)
    agency = login_as("agency")
    for path in (f"/agency/projects/{project}", f"/agency/projects/{project}/dossier"):
        page = agency.get(path).get_data(as_text=True)
        assert "Bassin de référence" in page and "Foncier" in page and "Main-d&#39;œuvre" in page
        assert "Ce que ce bassin offrirait de plus" in page and "extension sur site" in page
