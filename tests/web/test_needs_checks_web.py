"""Occupations and power through the API, the form, the result pages and the dossier."""

from __future__ import annotations

import re

from web_support import add_project

FOUNDRY = (
    "Fonderie d'aluminium sous pression et usinage de carters pour l'automobile : fours électriques à "
    "induction, 120 emplois, 8 ha, embranchement ferroviaire souhaité"
)
OCCUPATIONS = [{"code": "D1X33", "count": 10}, {"code": "E5X70", "count": 4}]


def test_the_api_takes_occupations_and_power_and_answers_the_checks_per_basin(app, accounts, bearer):
    client = app.test_client()
    response = client.post(
        "/api/v1/projects",
        headers=bearer("company_a"),
        json={"description": FOUNDRY, "power_mw": 40, "occupations": OCCUPATIONS},
    )
    assert response.status_code == 201, response.json
    body = response.json
    assert body["occupations"] == OCCUPATIONS and body["power_mw"] == 40
    for match in body["matches"]:
        power, hiring = match["needs_checks"]["power"], match["needs_checks"]["hiring"]
        assert power["status"] in ("met", "unmet") and power["threshold_mw"] == 40 and power["summary"]
        assert hiring["sought"] == 14 and [o["code"] for o in hiring["occupations"]] == ["D1X33", "E5X70"]
        assert "contributions" in match["explanation"] and "needs_checks" not in match["explanation"]
    again = client.get(body["url"], headers=bearer("agency")).json
    assert again["matches"] == body["matches"]


def test_the_api_names_an_unknown_occupation(app, accounts, bearer):
    response = app.test_client().post(
        "/api/v1/projects",
        headers=bearer("company_a"),
        json={"description": FOUNDRY, "occupations": [{"code": "Z9Z99", "count": 3}], "power_mw": "beaucoup"},
    )
    assert response.status_code == 400
    assert set(response.json["problems"]) == {"occupations", "power_mw"}
    assert "Z9Z99" in response.json["problems"]["occupations"] and "Z9Z99" in response.json["message"]
    assert response.json["error"] == "validation_error" and response.json["status"] == 400


def test_the_api_searches_occupations_and_documents_the_fields(app, accounts, bearer):
    client = app.test_client()
    found = client.get("/api/v1/occupations?q=soudeur", headers=bearer("company_a")).json
    assert found["occupations"] == [
        {"code": "D1X33", "label": "Soudeurs", "family": "Ouvriers des secteurs de l'industrie"}
    ]
    assert len(client.get("/api/v1/occupations", headers=bearer("agency")).json["occupations"]) == 217
    assert client.get("/api/v1/occupations").status_code == 401
    spec = client.get("/api/v1/openapi.json").json
    assert "occupations" in spec["components"]["schemas"]["ProjectInput"]["properties"]
    assert "needs_checks" in spec["components"]["schemas"]["Match"]["properties"]
    assert "/occupations" in spec["paths"]


def test_the_form_offers_the_occupation_list_and_shows_the_checks(app, login_as):
    company = login_as("company_a")
    form_page = company.get("/projects/new").get_data(as_text=True)
    assert '<datalist id="occupation-list">' in form_page and 'list="occupation-list"' in form_page
    assert form_page.count("<option value=") >= 217 and "D1X33 — Soudeurs" in form_page
    response = company.post(
        "/projects/new",
        data={
            "description": FOUNDRY,
            "power_mw": "40",
            "occupations-0-code": "D1X33 — Soudeurs",
            "occupations-0-count": "10",
            "occupations-1-code": "E5X70",
            "occupations-1-count": "4",
            "proposals_seen": "1",
        },
    )
    assert response.status_code == 302
    page = company.get(response.location).get_data(as_text=True)
    basins = len(re.findall(r'<li id="basin-\d{4}">', page))
    assert page.count("Vos besoins, vérifiés dans ce bassin") == basins == app.config["MATCH_TOP"]
    assert page.count("Besoin de 40 MW") == basins and page.count("<strong>Recrutement</strong>") == basins
    assert "Soudeurs (D1X33) : 10" in page
    edit = company.get(response.location + "/edit").get_data(as_text=True)
    assert 'value="D1X33"' in edit and 'value="10"' in edit


def test_the_form_names_a_bad_occupation(app, login_as):
    response = login_as("company_a").post(
        "/projects/new",
        data={"description": FOUNDRY, "occupations-0-code": "souder des trucs", "occupations-0-count": "3"},
    )
    assert response.status_code == 400
    assert "Principaux métiers recherchés : métier inconnu : souder des trucs" in response.get_data(as_text=True)


def test_the_agency_page_and_the_dossier_show_the_checks(app, accounts, login_as):
    project = add_project(app, accounts["company_a"], FOUNDRY, power_mw=40, occupations=["D1X33:10", "E5X70:4"])
    agency = login_as("agency")
    for path in (f"/agency/projects/{project}", f"/agency/projects/{project}/dossier"):
        page = agency.get(path).get_data(as_text=True)
        heading = (
            "Besoins de l&#39;entreprise, vérifiés" if "dossier" not in path else "Vérification des besoins déclarés"
        )
        assert heading in page and "Besoin de 40 MW" in page, path
        assert "Tension de recrutement" in page or "Trop peu de projets" in page, path


def test_the_cv_page_and_the_api_show_both_sections_for_any_basin(app, accounts, login_as, bearer):
    company = login_as("company_a")
    for code in ("4407", "0051"):
        page = company.get(f"/basins/{code}").get_data(as_text=True)
        assert 'id="section-recruitment"' in page and 'id="section-power_grid"' in page, code
        assert "pour 2025" in page and "Besoins en Main-d&#39;Œuvre (BMO) 2025" in page and "ODRÉ, 2024" in page
        cv = app.test_client().get(f"/api/v1/basins/{code}", headers=bearer("agency")).json
        keys = [s["key"] for s in cv["sections"]]
        assert keys[-2:] == ["recruitment", "power_grid"], code
