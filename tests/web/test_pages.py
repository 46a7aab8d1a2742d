"""The French pages: a company submits and edits projects; an agency reviews, decides and exports."""

from __future__ import annotations

import re

import pytest

from export_support import read_csv_export
from web_support import WOOD, add_accounts, add_project, login, make_app, sqlite_url

BATTERY = "Fabrication de cellules de batteries lithium-ion pour véhicules électriques, 400 emplois"


def _basin_codes(html: str) -> list[str]:
    return re.findall(r'<li id="basin-(\d{4})">', html)


def test_a_company_submits_a_project_and_sees_ranked_basins(app, login_as):
    company = login_as("company_a")
    form = {
        "title": "Panneaux de particules",
        "description": WOOD,
        "naf_code": "16.21Z",
        "jobs": "80",
        "land_ha": "15",
        "needs": ["rail"],
        "endogenous": "non",
    }
    response = company.post("/projects/new", data=form)
    assert response.status_code == 302
    page = company.get(response.location).get_data(as_text=True)
    assert len(_basin_codes(page)) == app.config["MATCH_TOP"]
    assert page.count('<p class="verdict"><span class="band band-') == app.config["MATCH_TOP"]  # a band per basin
    assert "Vos besoins, vérifiés dans ce bassin" in page and "Points forts" in page
    assert "Score" not in page and "16.21Z" in page and "déduit du texte" not in page
    listing = company.get("/projects").get_data(as_text=True)
    assert "Panneaux de particules" in listing


@pytest.mark.slow  # the sector is inferred by the USE encoder
def test_a_sector_inferred_from_the_text_is_shown_as_such(tmp_path, matcher):
    app = make_app(sqlite_url(tmp_path), matcher)
    company = login(app.test_client(), add_accounts(app)["company_a"])
    response = company.post("/projects/new", data={"title": "Batteries", "description": BATTERY, "proposals_seen": "1"})
    page = company.get(response.location).get_data(as_text=True)
    assert "Secteur : 27.20Z Fabrication de piles et d&#39;accumulateurs électriques" in page
    assert "déduit du texte : à confirmer en donnant le code NAF" in page
    assert "rédigé en" not in page


def test_a_project_not_in_french_carries_a_warning(app, login_as):
    company = login_as("company_a")
    german = "Wir wollen ein Werk für Batteriezellen für Elektroautos bauen, 400 Arbeitsplätze."
    response = company.post("/projects/new", data={"title": "Batterien", "description": german})
    page = company.get(response.location).get_data(as_text=True)
    assert "Projet rédigé en allemand : les CV sont en français" in page


def test_validation_messages_name_the_fields_in_french(app, login_as):
    response = login_as("company_a").post(
        "/projects/new",
        data={"description": "court", "jobs": "beaucoup", "naf_code": "12345", "existing_site_communes": "00000"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Description du projet : doit contenir au moins 20 caractères" in html
    assert "Emplois créés : doit être un nombre entier" in html
    assert "code NAF rév. 2 inconnu : 12345" in html
    assert "communes inconnues (nom ou code INSEE attendu) : 00000" in html
    assert 'value="beaucoup"' in html  # what the user typed is kept


def test_editing_a_project_ranks_it_again(app, accounts, login_as):
    project = add_project(app, accounts["company_a"])
    company = login_as("company_a")
    before = _basin_codes(company.get(f"/projects/{project}").get_data(as_text=True))
    form_page = company.get(f"/projects/{project}/edit").get_data(as_text=True)
    assert "panneaux de particules" in form_page
    response = company.post(f"/projects/{project}/edit", data={"description": BATTERY, "jobs": "400"})
    assert response.status_code == 302
    page = company.get(f"/projects/{project}").get_data(as_text=True)
    assert "cellules de batteries" in page and _basin_codes(page) != before
    from web.extensions import db
    from web.records.core import ProjectRecord

    with app.app_context():
        record = db.session.get(ProjectRecord, project)
        assert len(record.runs) == 2 and record.jobs == 400


def test_an_agency_reviews_decides_and_exports(app, accounts, login_as):
    project = add_project(app, accounts["company_a"], title="Scierie")
    agency = login_as("agency")
    queue = agency.get("/agency").get_data(as_text=True)
    assert "Scierie" in queue and "Scierie A" in queue
    page = agency.get(f"/agency/projects/{project}").get_data(as_text=True)
    assert "Adéquation" in page and "Politique régionale" in page and "Critères qui ont pesé" in page
    codes = re.findall(r'<section class="basin" id="basin-(\d{4})">', page)
    response = agency.post(
        f"/agency/projects/{project}/decisions",
        data={"ze2020_code": codes[0], "kind": "shortlist", "comment": "voir le foncier"},
    )
    assert response.status_code == 302
    agency.post(f"/agency/projects/{project}/decisions", data={"ze2020_code": codes[1], "kind": "reject"})
    agency.post(f"/agency/projects/{project}/decisions", data={"ze2020_code": codes[0], "kind": "final_site"})
    refused = agency.post(f"/agency/projects/{project}/decisions", data={"ze2020_code": codes[2], "kind": "final_site"})
    assert refused.status_code == 409 and codes[0] in refused.get_data(as_text=True)
    assert (
        agency.post(f"/agency/projects/{project}/decisions", data={"ze2020_code": "9999", "kind": "accept"}).status_code
        == 400
    )
    page = agency.get(f"/agency/projects/{project}").get_data(as_text=True)
    assert "voir le foncier" in page and "site final" in page
    assert "Site final choisi (1)" in agency.get("/agency").get_data(as_text=True)
    export = agency.get(f"/agency/projects/{project}/export.csv")
    assert export.mimetype == "text/csv" and "attachment" in export.headers["Content-Disposition"]
    rows = read_csv_export(export)
    decided = [(r["Code du bassin (ZE2020)"], r["Décision"]) for r in rows if r["Décision"]]
    assert decided == [(codes[0], "présélection"), (codes[0], "site final"), (codes[1], "écarté")]
    assert len({r["Code du bassin (ZE2020)"] for r in rows}) == app.config["MATCH_TOP"]
    assert all(r["Version du modèle"] and "," in r["Adéquation"] for r in rows)  # decimal comma


def test_csv_export_defuses_spreadsheet_formulas(app, accounts, login_as):
    project = add_project(app, accounts["company_a"])
    agency = login_as("agency")
    page = agency.get(f"/agency/projects/{project}").get_data(as_text=True)
    code = re.findall(r'<section class="basin" id="basin-(\d{4})">', page)[0]
    agency.post(
        f"/agency/projects/{project}/decisions",
        data={"ze2020_code": code, "kind": "accept", "comment": "=HYPERLINK(\"http://x\")"},
    )
    rows = read_csv_export(agency.get(f"/agency/projects/{project}/export.csv"))
    assert [r["Commentaire"] for r in rows if r["Commentaire"]] == ["'=HYPERLINK(\"http://x\")"]


def test_the_admin_sees_users_and_the_active_model_but_cannot_change_them(app, accounts, login_as, fast_matcher):
    admin = login_as("admin")
    html = admin.get("/admin").get_data(as_text=True)
    for account in accounts.values():
        assert account.email in html
    assert f"<dt>Modèle</dt><dd>{fast_matcher.ranker.version}</dd>" in html
    assert f"<dt>Index</dt><dd>{fast_matcher.index.version}</dd>" in html
    assert "Aucune version entraînée" in html  # the test home holds no trained version
    assert "<form" not in html.replace('action="/logout"', "").split("</header>")[1]
    assert admin.post("/admin").status_code == 405
