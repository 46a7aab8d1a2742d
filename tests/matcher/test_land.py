"""The land offer from site rows: the loader against the CSV, agency rows laid over it, land needs."""

import pandas as pd
import pytest

from matcher.package_data import shipped_path
from matcher.scoring.land_need import check_land
from matcher.territory.land import LandOffer, LandSite, build_offer, shipped_brownfields


@pytest.fixture(scope="module")
def frame():
    return pd.read_csv(shipped_path("territories", "brownfields_available.csv"), dtype={"ze2020_code": str})


def test_every_basin_has_its_csv_rows_and_hectares(frame, territories):
    land = territories.land
    assert len(shipped_brownfields()) == len(frame) == 18_320
    for code, rows in frame.groupby("ze2020_code"):
        friches = [s for s in land.sites(code) if s.origin == "friche"]
        assert len(friches) == len(rows), code
        assert sum(s.area_ha for s in friches) == pytest.approx(rows["surface_m2"].sum() / 10_000), code
        summary = land.summary(code)
        assert summary.at_least[20.0] == (rows["surface_m2"] >= 200_000).sum() + 0, code


def test_sites_cles_en_main_are_shown_without_area(territories):
    turnkey = [s for s in territories.land.sites("4424") if s.origin == "clés en main"]
    assert [s.name for s in turnkey] == ["MOSL Parc"] and turnkey[0].area_ha is None


def test_largest_first_with_rail_distance(territories):
    sites = territories.land.sites("4403")
    areas = [s.area_ha for s in sites if s.area_ha is not None]
    assert areas == sorted(areas, reverse=True)
    rail = territories.land.sites_at_least("4403", 1.0, rail_within_m=500)
    assert rail and all(s.rail_distance_m <= 500 and s.area_ha >= 1.0 and s.confirmed for s in rail)


def _site(site_id, ha, rail=None, status="friche sans projet"):
    return LandSite(
        site_id,
        f"Friche {site_id}",
        "08105",
        "Charleville-Mézières",
        "4403",
        ha,
        "friche",
        status,
        "DDT des Ardennes (Cerema Cartofriches)",
        "2022-10-10",
        rail_distance_m=rail,
    )


def test_a_150_ha_need_is_unmet_by_a_40_ha_site_and_met_by_a_160_ha_one():
    small = LandOffer({"4403": (_site("b", 40.0), _site("c", 12.0))})
    check = check_land(small, "4403", 150, rail=False)
    assert not check.met and check.ratio == pytest.approx(40 / 150)
    assert check.reason() == (
        "foncier de 150 ha : aucun site disponible d'au moins 150 ha ; le plus grand : "
        "40 ha, Friche b (Charleville-Mézières), friche sans projet ; "
        "source : DDT des Ardennes (Cerema Cartofriches), 10/10/2022"
    )
    large = LandOffer({"4403": (_site("a", 160.0, rail=3000.0), _site("b", 40.0, rail=100.0))})
    assert check_land(large, "4403", 150, rail=False).met
    assert "160 ha, Friche a" in check_land(large, "4403", 150, rail=False).reason()
    by_rail = check_land(large, "4403", 150, rail=True)  # rail declared: the 160 ha site is 3 km away
    assert not by_rail.met and "à moins de 1\u202f000 m d'une voie ferrée" in by_rail.reason()
    potential = LandOffer({"4403": (_site("p", 300.0, status="friche potentielle"),)})
    assert not check_land(potential, "4403", 150, rail=False).met  # an unchecked BASIAS site does not count


@pytest.mark.parametrize("code, regex_era_ha", [("4414", 19_445), ("4406", 1_102), ("4409", 8_500), ("4403", 200)])
def test_the_regex_era_figures_are_gone(territories, code, regex_era_ha):
    largest = territories.land.largest(code)
    assert largest.area_ha != pytest.approx(regex_era_ha)
    check = check_land(territories.land, code, 150, rail=False)
    # A 150 ha need is met only where a site row has 150 ha or more (Haguenau's filled excavation).
    rows = [s for s in territories.land.sites(code) if s.confirmed and (s.area_ha or 0) >= 150]
    assert check.met == bool(rows)
    assert (code == "4409") == check.met


def test_agency_rows_replace_add_and_withdraw(territories):
    shipped = territories.land.largest("4403")
    withdrawn = territories.land.sites("4403")[-1]
    agency = {
        shipped.site_id: {
            "site_name": "Gare de triage, partie nord",
            "commune_code": "08263",
            "basin_code": "4403",
            "area_ha": 7.5,
            "source": "Agence",
            "date": "2026-11-02",
            "status": "disponible",
        },
        "agence-4403-1": {
            "site_name": "ZA du Val",
            "commune_code": "08105",
            "basin_code": "4403",
            "area_ha": 160.0,
            "rail_distance_m": 0.0,
            "source": "Agence",
            "date": "2026-11-02",
        },
        withdrawn.site_id: {"withdrawn": True},
    }
    offer = build_offer([], agency)
    ids = {s.site_id: s for s in offer.sites("4403")}
    assert ids[shipped.site_id].area_ha == 7.5 and ids[shipped.site_id].origin == "inventaire agence"
    assert offer.largest("4403").site_id == "agence-4403-1"
    assert offer.largest("4403").commune_name == "Charleville-Mézières"
    assert withdrawn.site_id not in ids and len(ids) == len(territories.land.sites("4403"))
    assert check_land(offer, "4403", 150, rail=True).met
    assert offer.sites("4401") == territories.land.sites("4401")  # other basins untouched
