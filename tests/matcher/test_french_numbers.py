"""French numbers as users type them, in the parser and through project validation (form, API, CLI)."""

from __future__ import annotations

import numpy as np
import pytest

from matcher.project.french_numbers import number_value, parse_french_number
from matcher.project.occupations import parse_occupations
from matcher.project.record import ProjectValidationError, project_from_mapping

DESCRIPTION = "Une usine de panneaux de bois pour la construction, avec une ligne de pressage."


@pytest.mark.parametrize(
    "text, value",
    [
        ("8,5", 8.5),
        ("1 200", 1200),
        ("1\u00a0200", 1200),
        ("1\u202f200", 1200),
        ("1 700,5", 1700.5),
        (" 40 ", 40),
        ("8.5", 8.5),
        ("12", 12),
    ],
)
def test_french_and_plain_notations_are_read(text, value):
    assert number_value(text) == value
    assert isinstance(number_value(text), int) == float(value).is_integer()


@pytest.mark.parametrize("text", ["", "abc", "12 34", "1 2345", "8,5 ha", "1,000.5"])
def test_anything_else_is_refused(text):
    with pytest.raises(ValueError, match="number"):
        parse_french_number(text)


def test_json_numbers_pass_through_and_booleans_do_not():
    assert number_value(7) == 7 and number_value(2.5) == 2.5
    assert number_value(np.int64(1700)) == 1700 and type(number_value(np.int64(1700))) is int
    with pytest.raises(TypeError):
        number_value(True)


def test_project_fields_accept_french_numbers():
    project = project_from_mapping(
        {"description": DESCRIPTION, "jobs": "1 200", "land_ha": "8,5", "power_mw": "12,5", "timeline_months": "18"}
    )
    assert (project.jobs, project.land_ha, project.power_mw, project.timeline_months) == (1200, 8.5, 12.5, 18)
    assert isinstance(project.land_ha, float)


def test_a_decimal_head_count_is_still_refused_in_french():
    with pytest.raises(ProjectValidationError) as error:
        project_from_mapping({"description": DESCRIPTION, "jobs": "8,5"})
    assert error.value.problems == {"jobs": "doit être un nombre entier"}


def test_occupation_counts_accept_grouped_thousands():
    problems: dict[str, str] = {}
    assert parse_occupations([{"code": "D1X33", "count": "1 200"}], problems) == (("D1X33", 1200),)
    assert not problems
