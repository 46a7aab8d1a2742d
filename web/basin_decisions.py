"""Decisions on one basin of a project (shortlist, accept, reject): recorded against the ranking shown, and
undone only by the organisation that recorded them, while they are still the last word on that basin.

Undo deletes the decision, so that training reads the one before it as the label (an outcome is
withdrawn instead, see `web.outcomes`).
"""

from __future__ import annotations

import logging
from typing import NoReturn

from werkzeug.exceptions import HTTPException

from training.decision_kinds import UNDOABLE
from web.extensions import db
from web.outcomes import lock_project
from web.records.core import Decision, MatchRun, ProjectRecord, User

log = logging.getLogger(__name__)


class DecisionRefused(HTTPException):
    """The decision cannot be recorded or undone: answered with `status` and the French message (web.errors)."""

    def __init__(self, status: int, message: str):
        super().__init__(description=message)
        self.code = status


def record_basin_decision(
    project: ProjectRecord, run: MatchRun | None, code: str, kind: str, comment: str, user: User
) -> Decision:
    """Store and commit a decision on a basin of the latest ranking, with the place it was shown at."""
    ranks = {b.ze2020_code: b.rank for b in run.basins} if run else {}
    if run is None or code not in ranks:
        raise DecisionRefused(400, "Ce bassin ne figure pas dans le classement de ce projet.")
    decision = Decision(
        project=project,
        run_id=run.id,
        ze2020_code=code,
        kind=kind,
        comment=comment,
        user_id=user.id,
        shown_rank=ranks[code],
        shown_count=len(ranks),
    )
    db.session.add(decision)
    db.session.commit()
    log.info("decision %s on project %s basin %s by user %s", kind, project.id, code, user.id)
    return decision


def undo_last_decision(project: ProjectRecord, code: str, decision_id: int, user: User) -> Decision:
    """Delete decision `decision_id` if it is still the last one on the basin and `user`'s organisation made it."""
    lock_project(project.id)
    last: Decision | None = db.session.execute(
        db.select(Decision).filter_by(project_id=project.id, ze2020_code=code).order_by(Decision.id.desc()).limit(1)
    ).scalar_one_or_none()
    if last is None or last.id != decision_id:
        _refuse(
            409,
            "Cette décision n'est plus la dernière sur ce bassin (annulée ou remplacée entre-temps) : "
            "rechargez la page pour voir la décision en vigueur.",
        )
    if last.kind not in UNDOABLE:
        _refuse(
            409, "La dernière décision sur ce bassin est une issue du projet : retirez-la dans « Issue du projet »."
        )
    if last.user.organisation_id != user.organisation_id:
        _refuse(403, "Seule l'organisation qui a enregistré cette décision peut l'annuler.")
    db.session.delete(last)
    db.session.commit()
    log.info("decision %s undone on project %s basin %s by user %s", last.id, project.id, code, user.id)
    return last


def _refuse(status: int, message: str) -> NoReturn:
    db.session.rollback()  # releases the project's row lock
    raise DecisionRefused(status, message)
