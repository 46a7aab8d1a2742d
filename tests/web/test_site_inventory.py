"""The agency's site inventory in the workbench: add, edit, withdraw, history; ranking sees it at once."""

from __future__ import annotations

import html

import pytest

from web_support import add_accounts, login, make_app, sqlite_url
from workbench_support import home_matcher

CODE = "4403"  # Charleville-Mézières: its largest confirmed site is 56 ha
NEW_SITE = {
    "site_name": "Zone d'activités du Val",
    "commune_code": "08105",
    "area_ha": "160",
    "serviced": "oui",
    "rail_distance_m": "0",
    "zoning": "AU",
    "status": "disponible",
    "source": "Agence des Ardennes",
    "date": "2026-11-02",
    "note": "Nouvelle zone livrée",
}


@pytest.fixture
def world(tmp_path, fresh_home, fast_matcher):
    app = make_app(sqlite_url(tmp_path), home_matcher(fast_matcher))
    accounts = add_accounts(app)
    return app, login(app.test_client(), accounts["agency"])


def _land(app):
    from web.matching import get_matcher

    with app.app_context():
        return get_matcher().territories.land


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_an_added_site_is_versioned_and_meets_a_land_need_at_once(world):
    from matcher.scoring.land_need import check_land

    app, agency = world
    assert not check_land(_land(app), CODE, 150, rail=True).met
    response = agency.post(f"/basins/{CODE}/sites/new", data=NEW_SITE)
    assert response.status_code == 302 and response.location.endswith(f"/basins/{CODE}/sites/history")
    history = _text(agency.get(response.location))
    assert "agency@example.fr" in history and "Nouvelle zone livrée" in history and "ajout" in history
    check = check_land(_land(app), CODE, 150, rail=True)
    assert check.met and "Zone d'activités du Val (Charleville-Mézières)" in check.reason()
    page = _text(agency.get(f"/basins/{CODE}"))
    assert "Zone d'activités du Val (Charleville-Mézières) : 160 ha ; accès ferroviaire direct" in page


def test_editing_and_withdrawing_a_shipped_brownfield(world):
    app, agency = world
    site = _land(app).largest(CODE)
    form = _text(agency.get(f"/basins/{CODE}/sites/{site.site_id}/edit"))
    assert site.name in form
    data = {
        "site_name": site.name,
        "commune_code": site.commune_code,
        "area_ha": "30",
        "source": "Agence",
        "date": "2026-11-03",
        "status": "disponible",
        "note": "Surface mesurée sur place",
    }
    assert agency.post(f"/basins/{CODE}/sites/{site.site_id}/edit", data=data).status_code == 302
    assert next(s for s in _land(app).sites(CODE) if s.site_id == site.site_id).area_ha == 30.0
    history = _text(agency.get(f"/basins/{CODE}/sites/history"))
    assert "Surface mesurée sur place" in history and "56.2487" in history and ">30.0<" in history
    response = agency.post(f"/basins/{CODE}/sites/{site.site_id}/withdraw", data={"note": "Vendu"})
    assert response.status_code == 302
    assert site.site_id not in {s.site_id for s in _land(app).sites(CODE)}
    assert "retrait" in _text(agency.get(response.location))


@pytest.mark.parametrize(
    "change, message",
    [
        ({"area_ha": "beaucoup"}, "Surface disponible (ha) : « beaucoup » n'est pas un nombre positif"),
        ({"commune_code": "67482"}, "la commune n'appartient pas au bassin"),
        ({"source": ""}, "Source : champ obligatoire vide"),
    ],
)
def test_invalid_sites_are_refused_and_change_nothing(world, change, message):
    from matcher.territory.overlays import read_overrides

    app, agency = world
    before = _land(app).sites(CODE)
    response = agency.post(f"/basins/{CODE}/sites/new", data=NEW_SITE | change)
    assert response.status_code == 400 and message in _text(response)
    assert read_overrides() == {} and _land(app).sites(CODE) == before
