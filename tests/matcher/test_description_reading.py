"""Reading jobs, land, power and needs from hand-written French descriptions, and what gets proposed."""

from __future__ import annotations

import pytest

from matcher.project.description_reading import propose, read_description
from matcher.project.record import project_from_mapping


@pytest.mark.parametrize(
    "text, jobs, land, power",
    [
        ("120 emplois, 8 ha, accès autoroutier, eau", 120, 8, None),
        ("Le site compte 1 200 salariés.", 1200, None, None),
        ("Il nous faut un terrain de 8,5 hectares.", None, 8.5, None),
        ("Raccordement de 40 MW ; stockage de 300 MWh.", None, None, 40),
        ("Jusqu'à 1 700 emplois, avec une première vague de 400 recrutements.", 1700, None, None),
        ("Investissement de 1,5 milliard d'euros en 2030 et 350 emplois.", 350, None, None),
        ("Entre 190 et 240 postes directs, une quinzaine d'hectares.", 240, 15, None),
        ("Une vingtaine de recrutements, pour atteindre une centaine de salariés.", 20, None, None),
        ("Quatre embauches, sur un terrain de 7 000 m².", 4, 0.7, None),
        ("Un bâtiment de 6 000 m² et un poste source à proximité.", None, None, None),
    ],
)
def test_numbers_stated_in_the_text_are_read(text, jobs, land, power):
    reading = read_description(text)
    assert (reading.jobs and reading.jobs.value) == jobs
    assert (reading.land_ha and reading.land_ha.value) == land
    assert (reading.power_mw and reading.power_mw.value) == power


def test_needs_are_read_including_water_named_in_a_list():
    reading = read_description("120 emplois, 8 ha, accès autoroutier, eau")
    assert reading.needs == {"motorway", "high_water"}
    assert reading.jobs.quote == "120 emplois" and reading.land_ha.quote == "8 ha"
    assert "high_water" not in read_description("Une voie d'eau à grand gabarit.").needs


def test_proposals_never_replace_what_the_company_typed():
    text = "Usine de 120 emplois sur 8 ha, accès autoroutier et eau, 40 MW."
    typed = propose(project_from_mapping({"description": text, "jobs": "90", "needs": ["motorway"]}))
    assert typed.jobs is None and typed.land_ha.value == 8 and typed.power_mw.value == 40
    assert set(typed.needs) == {"high_water", "power"}  # motorway was ticked
    assert not propose(
        project_from_mapping(
            {
                "description": text,
                "jobs": 120,
                "land_ha": 8,
                "power_mw": 40,
                "needs": ["motorway", "high_water", "power"],
            }
        )
    )


def test_values_a_field_would_refuse_are_not_proposed():
    proposals = propose(project_from_mapping({"description": "Un projet de 200 000 emplois sur 0 ha, voilà."}))
    assert proposals.jobs is None and proposals.land_ha is None
