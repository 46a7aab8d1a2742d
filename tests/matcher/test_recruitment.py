"""BMO 2025 carried over from BMO basins to employment basins: totals kept, hand-computed figures."""

from __future__ import annotations

import pytest

from matcher.cv.skills_power_sections import recruitment_section
from matcher.package_data import shipped_path
from matcher.territory.recruitment import COUNTS, NATIONAL, build_recruitment, carry_over, load_recruitment, read_bmo
from skills_power_fixtures import basin, bmo_frame, commune_bmo_frame, communes_frame


@pytest.fixture(scope="module")
def small():
    return build_recruitment(bmo_frame(), commune_bmo_frame(), communes_frame())


def test_a_bmo_basin_is_shared_by_population(small):
    shares = small.shares.set_index(["bmo_basin_code", "ze2020_code"])["weight"]
    assert shares[("8401", "A")] == pytest.approx(1 / 7) and shares[("8401", "B")] == pytest.approx(6 / 7)
    assert shares[("777", "A")] == pytest.approx(1.0)  # 2019's 0999, found by its name
    assert shares[("102", "C")] == pytest.approx(1.0)  # 2019's 0102: leading zero dropped
    assert dict(small.unallocated) == {"7549": 9}


def test_carried_over_figures_by_hand(small):
    welders = small.hiring("A", ["D1X33"])
    assert (welders.projects, welders.difficult) == pytest.approx((70 / 7 + 20, 35 / 7 + 20))
    assert small.hiring("B").projects == pytest.approx(60 + 12)
    assert small.hiring("44", ["D1X33"]).projects == 90 and small.hiring(NATIONAL).projects == 163
    assert small.basin_regions["A"] == "44" and small.basin_regions["C"] == "27"


def test_small_totals_equal_the_source_less_the_unallocated(small):
    carried = sum(small.hiring(code).projects for code in "ABC")
    assert carried == pytest.approx(bmo_frame()["hiring_projects"].sum() - 9)


def test_a_basin_section_against_hand_computed_figures(small):
    lines = recruitment_section(basin("A"), small).lines
    # A: 30 welders (25 difficult) + 2 cleaners (1 difficult) = 32, 81 %; Grand Est 62/104 = 60 %; France 81/163 = 50 %.
    assert lines[0].startswith(
        "Projets de recrutement annoncés par les employeurs pour 2025 : 32 projets, "
        "dont 81 % jugés difficiles (Grand Est : 60 % ; France : 50 %) ; 1 saisonniers"
    )
    # Industrial: welders only in A, 25/30 = 83 %; Grand Est 55/90 = 61 %; France welders + engineers 74/149 = 50 %.
    assert "2025 : 30 projets, dont 83 % jugés difficiles (Grand Est : 61 % ; France : 50 %)" in lines[1]
    assert lines[2].startswith(
        "Métiers les plus recherchés (2025) : Soudeurs (30, 83 % difficiles) ; "
        "Agents d'entretien de locaux (2, 50 % difficiles)"
    )
    assert "NORD (14 %)" in lines[4] and "BASSIN RENOMME (100 %)" in lines[4]


def test_blank_cells_below_the_disclosure_threshold_count_as_zero(tmp_path):
    path = tmp_path / "bmo.csv"
    frame = bmo_frame().astype(str)
    frame.loc[0, "hiring_projects_seasonal"] = ""
    frame.to_csv(path, index=False)
    read = read_bmo(path)
    assert read.loc[0, "hiring_projects_seasonal"] == 0 and read["hiring_projects"].sum() == 163


@pytest.fixture(scope="module")
def shipped():
    return load_recruitment()


@pytest.fixture(scope="module")
def source():
    return read_bmo(shipped_path("territories", "recruitment_needs_bmo_2025.csv"))


def test_shipped_totals_equal_the_source_nationally(shipped, source):
    basins = [code for code in shipped.areas if len(code) == 4]
    assert len(basins) == 306
    kept = source[~source["bmo_basin_code"].isin(list(shipped.unallocated))]
    carried = [
        sum(shipped.hiring(code).__getattribute__(name) for code in basins)
        for name in ("projects", "difficult", "seasonal")
    ]
    assert carried == pytest.approx([kept[column].sum() for column in COUNTS], rel=1e-9)
    assert sorted(shipped.unallocated) == ["113", "7549", "9399"]
    assert shipped.hiring(NATIONAL).projects == source["hiring_projects"].sum()


def test_shipped_totals_equal_the_source_for_every_bmo_basin(shipped, source):
    checked = 0
    for code, rows in source.groupby("bmo_basin_code"):
        if code in shipped.unallocated:
            continue
        carried = carry_over(rows, shipped.shares)
        assert carried["hiring_projects"].sum() == pytest.approx(rows["hiring_projects"].sum(), rel=1e-9), code
        difficult = rows["hiring_projects_difficult"].sum()
        assert carried["hiring_projects_difficult"].sum() == pytest.approx(difficult), code
        checked += 1
    assert checked == source["bmo_basin_code"].nunique() - 3
