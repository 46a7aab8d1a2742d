"""Agency decisions -> decided projects: grades, what is done with each project and why, outcomes outside the list."""

import pandas as pd
import pytest

from training.decisions import NEGATIVES_ONLY, SKIPPED, USED, DecisionsError, Outcome, grade_decisions
from training.decisions_report import project_lines, summary, summary_line

BASINS = {"4407", "4411", "4420", "1101"}
TEXT = "Usine de panneaux de particules en bois, 80 emplois"


def _frame(*rows) -> pd.DataFrame:
    base = {"description": TEXT, "naf_code": "16.21Z", "jobs": 80, "land_ha": None, "endogenous": False}
    return pd.DataFrame(
        [
            base | {"project_id": p, "ze2020_code": b, "decision": d, "shown_rank": r}
            for p, b, d, *rank in rows
            for r in (rank or [None])
        ]
    )


def test_decisions_are_graded_final_accept_shortlist_reject():
    graded = grade_decisions(
        _frame(
            (2, "4407", "final_site", 3),
            (2, "4411", "accept", 1),
            (2, "4420", "reject", 2),
            (1, "4411", "shortlist", 1),
        ),
        BASINS,
    )
    assert [g.project_id for g in graded] == ["1", "2"]
    assert graded[1].grades == {"4407": 3, "4411": 2, "4420": 0} and graded[1].status == USED
    assert graded[1].fields["description"] == TEXT and graded[1].fields["jobs"] == 80
    assert graded[1].outcome == Outcome("4407", 3)
    assert graded[0].grades == {"4411": 1} and graded[0].outcome is None


def test_reject_only_projects_are_negatives_and_bad_projects_are_skipped_with_their_reason():
    graded = grade_decisions(
        _frame(
            (1, "4407", "reject"),
            (1, "4411", "reject"),
            (2, "4407", "final_site"),
            (2, "4411", "final_site"),
            (3, "9999", "accept"),
            (4, "", "no_site"),
            (5, "4407", "withdrawn"),  # the latest decision on the basin: the final site was taken back
            (6, "1101", "final_site"),
        ),
        BASINS,
    )
    status = {g.project_id: (g.status, g.reason) for g in graded}
    assert status["1"][0] == NEGATIVES_ONLY
    assert status["2"] == (SKIPPED, "plusieurs sites finals enregistrés")
    assert status["3"] == (SKIPPED, "bassin(s) inconnu(s) : 9999")
    assert status["4"][0] == SKIPPED and "hors de France" in status["4"][1]
    assert status["6"][0] == USED  # a final site outside Grand Est and outside the list shown is used
    counts = summary(graded)
    assert (counts["used"], counts["negatives_only"], counts["skipped"]) == (1, 1, 4)
    assert counts["decided_projects"] == len(counts["projects"]) == 6
    assert counts["outcomes_elsewhere"] == 1 and counts["outcomes_in_a_basin"] == 1
    assert counts["outcomes_outside_shown"] == 1 and counts["outside_shown_share"] == 1.0
    assert "1 utilisés, 1 comme négatifs seulement, 4 écartés" in summary_line(counts)
    lines = project_lines(graded)
    assert len(lines) == 6 and "hors de la liste montrée" in lines[-1]


def test_an_invalid_stored_project_is_skipped_not_fatal():
    frame = _frame((5, "4407", "final_site"), (6, "4411", "final_site"))
    frame.loc[0, "jobs"] = -3
    graded = grade_decisions(frame, BASINS)
    assert graded[0].status == SKIPPED and graded[0].reason.startswith("projet invalide : jobs")
    assert graded[1].status == USED


@pytest.mark.parametrize(
    "frame, problem",
    [(pd.DataFrame({"project_id": [1]}), "manquante"), (_frame((1, "4407", "maybe")), "décision inconnue 'maybe'")],
)
def test_a_broken_frame_refuses_everything(frame, problem):
    with pytest.raises(DecisionsError, match=problem):
        grade_decisions(frame, BASINS)
