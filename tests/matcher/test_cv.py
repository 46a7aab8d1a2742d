from matcher.cv.document import (
    CURATED_SECTIONS,
    FIGURE_SECTIONS,
    SECTIONS,
    annual_growth_pct,
    build_cv,
    cv_json,
    cv_markdown,
    industry_specialisation,
    passages,
)
from matcher.cv.skills_power_sections import NEEDS_SECTIONS


def test_every_grand_est_cv_has_all_sections(territories):
    for basin in territories.scope("ge"):
        keys = [s.key for s in build_cv(basin, territories)]
        assert keys == [*FIGURE_SECTIONS, "employment", "land", *CURATED_SECTIONS, *NEEDS_SECTIONS], basin.code


def test_basin_outside_grand_est_has_figure_structured_and_generated_sections(territories):
    keys = [s.key for s in build_cv(territories.basin("0051"), territories)]
    assert keys == ["identity", "economy", "labour", "employment", "land", "generated", "recruitment", "power_grid"]


def test_figures_show_their_year_and_value(territories):
    text = cv_markdown(territories.basin("4401"), territories)
    assert "Population (2021) : 67\u202f030" in text
    assert "Taux de chômage localisé (2023 T3) : 7,3 %" in text
    assert "Sources :" in text


def test_derived_figures_are_right():
    assert abs(annual_growth_pct(100.0, 121.0, 2) - 10.0) < 1e-9
    assert annual_growth_pct(None, 5.0, 2) is None


def test_specialisation_is_share_over_national_share(territories):
    basin = territories.basin("4401")
    national = territories.national
    expected = (182 / 2141) / (national["establishments_industry_2018"] / national["establishments_total_2018"])
    assert abs(industry_specialisation(basin, territories) - expected) < 1e-9


def test_one_passage_per_section_naming_the_basin(territories):
    basin = territories.basin("4407")
    items = passages(basin, territories)
    assert [p.section for p in items] == list(SECTIONS)  # structured sections are shown, not indexed
    assert all("Épinal" in p.text and p.basin_code == "4407" for p in items)


def test_json_cv_carries_sources_and_years(territories):
    data = cv_json(territories.basin("4420"), territories)
    assert data["figures"]["population_2021"]["year"] == "2021"
    fabric = next(s for s in data["sections"] if s["key"] == "industrial_fabric")
    assert fabric["sources"] and fabric["lines"]


def test_recruitment_and_power_sections_carry_years_and_sources_but_are_not_indexed(territories):
    for code in ("4407", "0051"):
        text = cv_markdown(territories.basin(code), territories)
        assert "## Recrutement et compétences" in text and "## Énergie : réseau électrique haute tension" in text
        assert "annoncés par les employeurs pour 2025" in text and "Besoins en Main-d'Œuvre (BMO) 2025" in text
        assert "Poste 225 kV le plus proche" in text and "RTE, postes électriques" in text and "2024" in text
        assert "au prorata de la population 2021" in text  # how BMO basins were carried over
    indexed = passages(territories.basin("4407"), territories)
    assert not any(p.section in NEEDS_SECTIONS or "Besoins en Main" in p.text for p in indexed)
