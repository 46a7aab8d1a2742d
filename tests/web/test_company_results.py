"""Results a plant manager reads.

Bands, the needs checklist, reasons, the policy sentence; CV access; compare errors.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from matcher.scoring.explanations import fit_band, reasons
from web_support import add_project

FOUNDRY = (
    "Fonderie d'aluminium sous pression et usinage de carters pour l'automobile : fours électriques à "
    "induction, 120 emplois, 8 ha, embranchement ferroviaire souhaité"
)
NEEDS = {"jobs": 120, "land_ha": 8, "power_mw": 40, "needs": ["rail", "motorway", "high_water"]}


def _runs(app, project_id):
    from web.extensions import db
    from web.records.core import ProjectRecord

    with app.app_context():
        run = db.session.get(ProjectRecord, project_id).latest_run
        return [(b.ze2020_code, b.fit, b.policy_adjustment, b.explanation) for b in run.basins], run.model_version


def _items(html: str) -> dict[str, str]:
    """Each basin's <li> of the company page, by code."""
    parts = re.split(r'<li id="basin-(\d{4})">', html)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def foundry(app, accounts):
    return add_project(app, accounts["company_a"], FOUNDRY, **NEEDS)


def test_each_basin_shows_its_band_from_the_fit_and_links_to_its_cv(app, login_as, foundry):
    html = login_as("company_a").get(f"/projects/{foundry}").get_data(as_text=True)
    basins, model = _runs(app, foundry)
    items = _items(html)
    assert list(items) == [code for code, *_ in basins]
    for code, fit, _, _ in basins:
        key, label = fit_band(fit)
        assert f'<span class="band band-{key}">{label.capitalize()}</span>' in items[code]
        assert f'href="/basins/{code}"' in items[code]
    assert {fit_band(fit)[0] for _, fit, _, _ in basins} >= {"tres-adapte", "peu-adapte"}  # the bands discriminate
    text = _text(html)
    assert "Score" not in text and model not in text and "Détails techniques" not in text
    assert "8 ha" in text and "ressource en eau importante" in text and "high_water" not in text


def test_the_checklist_confirms_met_needs_with_the_cv_fact_and_marks_unmet_ones(app, login_as, foundry):
    html = login_as("company_a").get(f"/projects/{foundry}").get_data(as_text=True)
    basins, _ = _runs(app, foundry)
    items = _items(html)
    for code, _, _, explanation in basins:
        checklist = explanation["checklist"]
        topics = [c["topic"] for c in checklist]
        assert {
            "Main-d'œuvre",
            "Foncier",
            "Énergie électrique",
            "accès ferroviaire (fret)",
            "accès autoroutier",
            "ressource en eau importante",
        } <= set(topics)
        text = _text(items[code])
        assert text.count("✓") == sum(c["status"] == "met" for c in checklist)
        assert text.count("✗") == sum(c["status"] == "unmet" for c in checklist)
        for c in checklist:
            if c["fact"]:
                assert " ".join(c["fact"].split()) in text
    first = basins[0][3]["checklist"]
    assert any(c["status"] == "met" and c["fact"] for c in first)  # a met need is confirmed with its fact
    assert "Besoin de 40 MW" in _text(items[basins[0][0]])


def test_reasons_are_the_strongest_contribution_groups_in_plain_words(app, login_as, foundry):
    html = login_as("company_a").get(f"/projects/{foundry}").get_data(as_text=True)
    basins, _ = _runs(app, foundry)
    items = _items(html)
    shown = 0
    for code, _, adjustment, explanation in basins:
        strengths, _ = reasons((c["feature"], c["contribution"]) for c in explanation["contributions"])
        text = _text(items[code])
        positions = [text.index(r.text) for r in strengths]
        assert positions == sorted(positions) and len(strengths) <= 3
        shown += len(strengths)
        assert "termes du projet" not in text  # the model's feature labels stay in the agencies' details
        if abs(adjustment) > 1e-9:
            assert "Les priorités de la Région font" in text and "ne change pas son adéquation" in text
        else:
            assert "Les priorités de la Région" not in text
    assert shown >= len(basins)


def test_a_run_stored_before_the_checklist_still_shows_met_and_unmet_needs(app, login_as, foundry):
    from web.extensions import db
    from web.records.core import ProjectRecord

    with app.app_context():
        basin = db.session.get(ProjectRecord, foundry).latest_run.basins[0]
        old = {k: v for k, v in basin.explanation.items() if k != "checklist"}
        basin.explanation = {**old, "unmet_needs": ["chaleur ou vapeur industrielle"]}
        db.session.commit()
        code = basin.ze2020_code
    html = login_as("company_a").get(f"/projects/{foundry}").get_data(as_text=True)
    assert "✗ Chaleur ou vapeur industrielle (non couvert par le CV)" in _text(_items(html)[code])


def test_agencies_keep_the_numbers_and_versions_inside_technical_details(app, login_as, foundry):
    html = login_as("agency").get(f"/agency/projects/{foundry}").get_data(as_text=True)
    _, model = _runs(app, foundry)
    details = re.findall(r'<details class="technical">(.*?)</details>', html, re.S)
    assert any(model in d and "périmètre Grand Est" in d for d in details)
    assert any("Critères qui ont pesé sur l'adéquation" in d and "Score +" in d for d in details)
    assert "Besoins de l'entreprise, vérifiés dans ce bassin" in unescape(html)


def test_a_company_opens_the_cv_of_a_basin_it_was_matched_with_but_not_the_agency_tools(app, login_as, foundry):
    company = login_as("company_a")
    basins, _ = _runs(app, foundry)
    code = basins[0][0]
    page = company.get(f"/basins/{code}")
    assert page.status_code == 200 and "CV de territoire" in page.get_data(as_text=True)
    assert "Projets qui conviennent le mieux" not in page.get_data(as_text=True)  # other companies' projects
    for path in (f"/basins/{code}/sections/industrial_fabric/edit", f"/basins/{code}/history"):
        assert company.get(path).status_code == 403, path
    assert company.get("/basins/9999").status_code == 404


def test_admins_open_the_basin_list_and_cvs(app, login_as):
    admin = login_as("admin")
    listing = admin.get("/basins")
    assert listing.status_code == 200 and 'href="/basins/4407"' in listing.get_data(as_text=True)
    assert admin.get("/basins/4407").status_code == 200
    assert admin.get("/basins/4407/history").status_code == 403  # editing stays with agencies


@pytest.mark.parametrize(
    "query, expected", [("epinal", ["4407"]), ("ÉPINAL", ["4407"]), ("4407", ["4407"]), ("saint die", ["4417"])]
)
def test_the_basin_list_filters_by_name_or_code_server_side(app, login_as, query, expected):
    html = login_as("agency").get("/basins", query_string={"q": query}).get_data(as_text=True)
    assert re.findall(r'<td>(\d{4})</td>', html) == expected
    assert f'value="{query}"' in html and "1 bassin pour" in html


def test_the_basin_search_says_when_nothing_matches(app, login_as):
    html = login_as("agency").get("/basins", query_string={"q": "atlantide", "scope": "france"}).get_data(as_text=True)
    assert "Aucun bassin ne correspond" in html and "<table>" not in html


@pytest.mark.parametrize("codes, message", [(1, "cochez-en au moins 2"), (4, "décochez-en 1")])
def test_compare_with_too_few_or_too_many_basins_keeps_the_selection(app, login_as, foundry, codes, message):
    basins, _ = _runs(app, foundry)
    chosen = [code for code, *_ in basins[:codes]]
    response = login_as("agency").get(f"/agency/projects/{foundry}/compare", query_string={"codes": chosen})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and message in html and 'role="alert"' in html
    checked = re.findall(r'value="(\d{4})" checked', html)
    assert checked == chosen
    assert "Erreur 400" not in html and '<table class="comparison">' not in html


def test_compare_names_an_unknown_basin_and_keeps_it_in_the_field(app, login_as, foundry):
    basins, _ = _runs(app, foundry)
    response = login_as("agency").get(
        f"/agency/projects/{foundry}/compare", query_string={"codes": [basins[0][0], "9999"]}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Bassin d&#39;emploi inconnu : 9999" in html
    assert 'value="9999"' in html and re.findall(r'value="(\d{4})" checked', html) == [basins[0][0]]


@pytest.mark.parametrize(
    "path, role, status, title",
    [("/nulle-part", "company_a", 404, "Page introuvable"), ("/agency", "company_a", 403, "Accès refusé")],
)
def test_error_pages_have_french_headings_in_the_app_style(app, login_as, path, role, status, title):
    response = login_as(role).get(path)
    html = response.get_data(as_text=True)
    assert response.status_code == status and f"<h1>{title}</h1>" in html and f"Erreur {status}" in html
    assert '/static/style.css' in html and "Retour à l'accueil" in html


@pytest.mark.parametrize("value, shown", [(8.0, "8"), (8.5, "8,5"), (1200, "1\u202f200"), (None, "—")])
def test_numbers_are_written_the_french_way(value, shown):
    from web.results_view import fr_number, fr_signed

    assert fr_number(value) == shown
    assert (fr_signed(0.192), fr_signed(-1.18, 2)) == ("+0,192", "−1,18")
