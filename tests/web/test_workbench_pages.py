"""CV pages, reverse matching, comparison, map and dossier through the Flask test client."""

from __future__ import annotations

import html
import io

import pytest
from pypdf import PdfReader

from matcher.territory.figure_labels import SOURCES
from web_support import WOOD, add_project

WOOD_FIELDS = {"land_ha": 15, "needs": ["rail"], "existing_site_commune": "88160", "title": "Panneaux bois"}


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture
def project(app, accounts):
    return add_project(app, accounts["company_a"], WOOD, **WOOD_FIELDS)


def test_cv_page_gives_each_figure_with_its_year_and_source(login_as, fast_matcher):
    page = _text(login_as("company_a").get("/basins/4407"))
    basin = fast_matcher.territories.basin("4407")
    assert "Population</td><td class=\"num\">184\u202f570</td><td>2021</td>" in page
    assert page.count("<tr><td>") >= len(basin.figures)
    for source in ("RP2021", "BCC22", "CHO"):
        assert SOURCES[source] in page
    fabric = basin.curated["industrial_fabric"]
    assert fabric.facts[0] in page and fabric.sources[0].url in page


def test_cv_page_lists_sites_and_industry_territories(login_as, fast_matcher):
    client = login_as("agency")
    thionville = fast_matcher.territories.basin("4424")
    assert thionville.sites[0].name in _text(client.get("/basins/4424"))
    colmar = fast_matcher.territories.basin("4405")
    page = _text(client.get("/basins/4405"))
    assert colmar.industry_territories[0].name in page and colmar.industry_territories[0].source.title in page


def test_grand_est_by_default_and_every_french_basin_reachable(login_as):
    client = login_as("company_a")
    grand_est, france = _text(client.get("/basins")), _text(client.get("/basins?scope=france"))
    assert "/basins/4407" in grand_est and "/basins/1101" not in grand_est
    assert "/basins/1101" in france and france.count('href="/basins/') >= 306
    assert client.get("/basins/1101").status_code == 200
    assert client.get("/basins/9999").status_code == 404
    assert client.get("/basins?scope=mars").status_code == 400


def test_reverse_matching_shows_agencies_the_projects_that_fit_the_basin(app, accounts, login_as, project):
    chemistry = add_project(
        app,
        accounts["company_b"],
        "Usine de chimie fine et de principes actifs "
        "pharmaceutiques, 60 emplois, besoin d'eau et de vapeur industrielle",
    )
    page = _text(login_as("agency").get("/basins/4407"))
    section = page.split('id="projets"')[1]
    assert f'href="/agency/projects/{project}"' in section and f'href="/agency/projects/{chemistry}"' in section
    # Épinal is the wood project's first basin: that project comes first for Épinal.
    assert section.index(f"/agency/projects/{project}") < section.index(f"/agency/projects/{chemistry}")
    assert "Panneaux bois" in section and "1 / 27" in section


def test_companies_do_not_see_reverse_matching_nor_edit_links(login_as, project):
    page = _text(login_as("company_a").get("/basins/4407"))
    assert 'id="projets"' not in page and "/sections/" not in page


def test_comparison_defaults_to_the_two_best_basins_with_the_same_rows(app, login_as, project):
    from web.extensions import db
    from web.records.core import ProjectRecord

    with app.app_context():
        top = list(db.session.get(ProjectRecord, project).latest_run.basins[:2])
        names = [b.name for b in top]
        fits = [f"{b.fit:+.3f}".replace(".", ",").replace("-", "\u2212") for b in top]  # French, signed
    page = _text(login_as("agency").get(f"/agency/projects/{project}/compare"))
    table = page.split('<table class="comparison">')[1]
    assert all(name in table for name in names)
    assert all(fit in table for fit in fits)  # the same fit as the stored ranking
    for row in (
        "Population (2021)",
        "Emplois au lieu de travail (2018)",
        "Part de l'industrie",
        "Taux de chômage localisé",
        "Adéquation du secteur",
        "Foncier disponible (friches Cerema 2023",
        "Besoins d'infrastructure couverts",
        "Distance au site actuel",
        "Ajustement de politique régionale",
        "Meilleurs passages du CV",
    ):
        assert row in table
    assert "0 km" in table  # Épinal holds the existing site (commune 88160)


def test_comparison_reaches_any_french_basin(login_as, project):
    page = _text(login_as("agency").get(f"/agency/projects/{project}/compare?codes=4407&codes=1101&codes=4412"))
    assert "Cergy-Vexin" in page and "Nancy" in page and "sur 306 bassins" in page


@pytest.mark.parametrize(
    "query", ["codes=4407", "codes=4407&codes=4412&codes=4405&codes=4416", "codes=4407&codes=9999"]
)
def test_comparison_refuses_bad_choices(login_as, project, query):
    assert login_as("agency").get(f"/agency/projects/{project}/compare?{query}").status_code == 400


def test_project_page_links_to_the_workbench(login_as, project):
    page = _text(login_as("agency").get(f"/agency/projects/{project}"))
    for path in ("compare", "map", "dossier", "dossier.pdf"):
        assert f'href="/agency/projects/{project}/{path}"' in page


def test_map_page_ranks_every_basin_and_loads_only_own_scripts(login_as, project):
    response = login_as("agency").get(f"/agency/projects/{project}/map")
    page = _text(response)
    ranks = [int(row.split('<td class="num">')[1].split("<")[0]) for row in page.split("<tr data-code=")[1:]]
    assert ranks == list(range(1, 28))  # the whole Grand Est ranking, in order
    assert page.count('class="basin-shape"') == 27
    assert "<script>" not in page and "https://" not in page.split("<main>")[1].split("</main>")[0]
    assert '/static/workbench/basin_map.js' in page and "leaflet" not in page
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_outlines_are_served_for_both_scopes(login_as, fast_matcher):
    client = login_as("agency")
    for scope, count in (("ge", 27), ("france", None)):
        data = client.get(f"/basins/outlines/{scope}.geojson").get_json(force=True)
        codes = {f["properties"]["ze2020_code"] for f in data["features"]}
        assert codes <= set(fast_matcher.territories.basins) and (count is None or len(codes) == count)
    assert client.get("/basins/outlines/mars.geojson").status_code == 404


def test_vendored_leaflet_is_served_with_its_licence(client):
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    licence = client.get("/static/vendor/leaflet/LICENSE").get_data(as_text=True)
    assert "Volodymyr Agafonkin" in licence


def test_dossier_holds_ranking_explanations_comparison_and_decisions(login_as, project):
    client = login_as("agency")
    client.post(
        f"/agency/projects/{project}/decisions",
        data={"ze2020_code": "4407", "kind": "shortlist", "comment": "Visite <b>prévue</b>"},
    )
    page = client.get(f"/agency/projects/{project}/dossier").get_data(as_text=True)
    assert "Visite &lt;b&gt;prévue&lt;/b&gt;" in page
    assert "Classement complet" in page and "Pourquoi ces bassins" in page and '<table class="comparison">' in page
    pdf = client.get(f"/agency/projects/{project}/dossier.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.data))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert len(reader.pages) >= 2
    for expected in ("Dossier du projet", "Épinal", "Visite <b>prévue</b>", "Population (2021)"):
        assert expected in text
