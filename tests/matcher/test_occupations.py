"""Searching the BMO occupation list, and the occupations a project states."""

from __future__ import annotations

import pytest

from matcher.project.occupations import resolve_occupation, search_occupations
from matcher.project.record import ProjectValidationError, project_from_mapping

DESCRIPTION = "Usine de chaudronnerie et de soudure de réservoirs en acier inoxydable, 60 emplois"


def test_search_ignores_accents_and_case_and_needs_every_word():
    assert [o.code for o in search_occupations("soudeur")] == ["D1X33"]
    found = {o.code for o in search_occupations("INGENIEURS production")}
    assert "H1X90" in found
    assert all("production" in o.label.casefold() for o in search_occupations("ingénieurs production"))
    assert search_occupations("zorglub") == []
    assert len(search_occupations("", limit=300)) == 217


def test_the_picker_text_a_code_or_an_exact_label_resolve():
    for text in ("D1X33 — Soudeurs", "d1x33", "soudeurs"):
        assert resolve_occupation(text) == "D1X33", text
    assert resolve_occupation("Z9Z99") is None and resolve_occupation("souder") is None


@pytest.mark.parametrize(
    "raw",
    [
        [{"code": "D1X33", "count": 10}, {"code": "C0X30", "count": "5"}],
        ["D1X33:10", "C0X30:5"],
        "D1X33:10, C0X30 — Ouvriers de l'électricité et de l'électronique:5",
    ],
)
def test_a_project_states_occupations_with_head_counts(raw):
    project = project_from_mapping({"description": DESCRIPTION, "occupations": raw, "power_mw": 40})
    assert project.occupations == (("D1X33", 10), ("C0X30", 5)) and project.power_mw == 40


def test_empty_picker_rows_are_ignored():
    project = project_from_mapping(
        {"description": DESCRIPTION, "occupations": [{"code": "", "count": ""}, {"code": "D1X33", "count": "3"}]}
    )
    assert project.occupations == (("D1X33", 3),)


@pytest.mark.parametrize(
    "raw, words",
    [
        (["Z9Z99:3"], "métier inconnu : Z9Z99"),
        ([{"code": "D1X33", "count": 0}], "effectif du métier D1X33"),
        (["D1X33"], "effectif du métier D1X33"),
        ([{"code": "", "count": "4"}], "métier inconnu : (vide)"),
        (42, "liste de métiers"),
    ],
)
def test_a_bad_occupation_is_named(raw, words):
    with pytest.raises(ProjectValidationError) as error:
        project_from_mapping({"description": DESCRIPTION, "occupations": raw})
    assert words in error.value.problems["occupations"]
