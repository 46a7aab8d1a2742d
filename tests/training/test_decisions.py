"""Agency decisions -> graded projects: grades, and every problem reported with its project id."""
import pandas as pd
import pytest

from training.decisions import DecisionsError, GradedProject, grade_decisions

BASINS = {"4407", "4411", "4420"}
TEXT = "Usine de panneaux de particules en bois, 80 emplois"


def _frame(*rows) -> pd.DataFrame:
    base = {"description": TEXT, "naf_code": "16.21Z", "jobs": 80, "land_ha": None, "endogenous": False}
    return pd.DataFrame([base | {"project_id": p, "ze2020_code": b, "decision": d} for p, b, d in rows])


def test_decisions_are_graded_final_accept_shortlist_reject():
    graded = grade_decisions(_frame((2, "4407", "final_site"), (2, "4411", "accept"), (2, "4420", "reject"),
                                    (1, "4411", "shortlist")), BASINS)
    assert [g.project_id for g in graded] == ["1", "2"]
    assert graded[1] == GradedProject("2", {"description": TEXT, "naf_code": "16.21Z", "jobs": 80,
                                            "land_ha": None, "endogenous": False},
                                      {"4407": 3, "4411": 2, "4420": 0})
    assert graded[0].grades == {"4411": 1}


@pytest.mark.parametrize("rows, problem", [
    ([(1, "9999", "accept")], "project 1: unknown basin 9999"),
    ([(1, "4407", "accept"), (1, "4407", "reject")], "project 1: 2 decisions for basin 4407 (duplicates)"),
    ([(1, "4407", "maybe")], "project 1: unknown decision 'maybe'"),
    ([(1, "4407", "final_site"), (1, "4411", "final_site")], "project 1: more than one final site"),
])
def test_problems_name_the_project(rows, problem):
    with pytest.raises(DecisionsError) as raised:
        grade_decisions(_frame(*rows), BASINS)
    assert any(p.startswith(problem) for p in raised.value.problems), raised.value.problems


def test_empty_text_and_disagreeing_rows_are_reported_all_at_once():
    frame = _frame((5, "4407", "accept"), (5, "4411", "reject"), (6, "4407", "accept"))
    frame.loc[1, "description"] = "autre texte du même projet"
    frame.loc[2, "description"] = "  "
    with pytest.raises(DecisionsError) as raised:
        grade_decisions(frame, BASINS)
    assert raised.value.problems == ["project 6: empty description",
                                     "project 5: its rows disagree on the project's description or fields"]


def test_missing_columns_are_reported():
    with pytest.raises(DecisionsError, match="missing column"):
        grade_decisions(pd.DataFrame({"project_id": [1]}), BASINS)
