"""Power and hiring checks of a ranked basin, on tiny tables, and the Énergie section."""

from __future__ import annotations

import pytest

from matcher.cv.skills_power_sections import power_section
from matcher.scoring.needs_checks import POWER_DISTANCE_KM, POWER_THRESHOLD_MW, check_hiring, check_power
from matcher.territory.power_grid import build_grid, great_circle_km, load_grid
from matcher.territory.recruitment import build_recruitment
from skills_power_fixtures import basin, bmo_frame, commune_bmo_frame, communes_frame, grid_communes, substations_frame


def grid_with_225_at(lat: float):
    return build_grid(substations_frame(lat_225=lat), grid_communes())


def test_substations_are_located_by_the_nearest_commune_and_tap_points_left_out():
    grid = grid_with_225_at(48.09)
    assert {s.code: s.basin_code for s in grid.substations} == {"S225": "X", "S63": "Y"}
    assert [h.commune_code for h in grid.hubs["X"]] == ["x1", "x2"]  # most industrial first
    assert not grid.covered("Z")  # Corsica: not in RTE's file


def test_a_40_mw_need_is_met_where_a_225_kv_substation_lies_within_the_distance():
    assert POWER_THRESHOLD_MW <= 40  # a 40 MW need is checked
    near = check_power(40, "X", grid_with_225_at(48.09))  # 10 km from Usinville, 8.6 from Petiteville
    nearest = min(great_circle_km(lat, lon, 48.09, 6.0) for lat, lon in ((48.0, 6.0), (48.02, 6.05)))
    assert near.status == "met" and near.substation == "POSTE NORD" and near.km == pytest.approx(nearest, abs=0.05)
    assert near.summary == (
        "Besoin de 40 MW : poste POSTE NORD (225 kV) à 8,6 km de Petiteville, à moins de 20 km : condition remplie."
    )


def test_a_40_mw_need_is_unmet_where_no_225_kv_substation_lies_within_the_distance():
    lat = 48.0 + (POWER_DISTANCE_KM + 5) / 111.2  # 25 km north
    far = check_power(40, "X", grid_with_225_at(lat))
    assert far.status == "unmet" and far.km > POWER_DISTANCE_KM
    assert far.summary.startswith("Besoin de 40 MW : aucun poste 225 ou 400 kV en service à moins de 20 km")
    # The 63 kV substation next to Aubeville does not meet a 40 MW need.
    assert check_power(40, "Y", grid_with_225_at(48.09)).status == "unmet"


def test_a_small_need_or_an_uncovered_basin_is_reported_as_such():
    grid = grid_with_225_at(48.09)
    small = check_power(5, "Y", grid)
    assert small.status == "below_threshold" and small.substation == "POSTE SUD" and small.voltage_kv == "63"
    assert check_power(40, "Z", grid).status == "not_covered"


def test_hiring_tension_in_words_with_the_figures():
    data = build_recruitment(bmo_frame(), commune_bmo_frame(), communes_frame())
    # Welders: A 25/30 = 83 %, Grand Est 55/90 = 61 %, France 64/99 = 65 %: 18 points above France.
    high = check_hiring((("D1X33", 12),), "A", data)
    assert high.level == "higher" and high.projects == 30 and high.share_difficult == pytest.approx(83.3)
    assert high.summary == (
        "Tension de recrutement plus forte qu'en France pour ces métiers : 83 % des 30 projets "
        "de recrutement annoncés pour 2025 dans le bassin sont jugés difficiles "
        "(Grand Est : 61 % ; France : 65 %). Vous recherchez 12 personnes."
    )
    assert check_hiring((("D1X33", 12),), "B", data).level == "lower"  # 30/60 = 50 %
    few = check_hiring((("H1X90", 3), ("D1X33", 2)), "C", data)  # engineers: 50 projects, 10 difficult
    assert few.level == "lower" and [o.projects for o in few.occupations] == [50, 0]
    assert check_hiring((("D1X33", 2),), "C", data).level == "too_few"


def test_the_energy_section_lists_substations_and_distances():
    grid = grid_with_225_at(48.09)
    lines = power_section(basin("X"), grid).lines
    assert lines[0] == "Postes de transformation RTE en service dans le bassin : 225 kV : 1."
    assert "POSTE NORD (225 kV) à 8,6 km de Petiteville" in lines[2]
    assert "Usinville (50 établissements industriels en 2018)" in lines[3]
    assert power_section(basin("Z"), grid).lines[0].startswith("Réseau de RTE non couvert")


def test_shipped_substations_fall_in_mainland_basins():
    grid = load_grid()
    assert len(grid.substations) == 4234
    codes = {s.basin_code for s in grid.substations}
    assert not any(code.startswith(("01", "02", "03", "04", "06", "94")) for code in codes)
