"""Reverse matching: the submitted projects that fit one basin best, read from the stored places."""

from __future__ import annotations

from dataclasses import dataclass

from web.extensions import db
from web.records.core import ProjectRecord
from web.records.stored_fits import BasinFit

MAX_PROJECTS = 200  # kept for callers that bound a project list; the stored places cover every project


@dataclass(frozen=True)
class ProjectFit:
    project: ProjectRecord
    rank: int  # this basin's rank among the project's candidates
    candidates: int
    score: float
    fit: float
    policy_adjustment: float
    current: bool  # ranked with the model, index and policy in service


def projects_for_basin(code: str, key: str, limit: int = 10) -> list[ProjectFit]:
    """Projects ordered by this basin's stored score for them (fit + policy), best first.

    `key` is the ranking key in service: places ranked with another one are still shown, flagged.
    """
    query = (
        db.select(BasinFit, ProjectRecord)
        .join(ProjectRecord, ProjectRecord.id == BasinFit.project_id)
        .where(BasinFit.ze2020_code == code)
        .order_by(BasinFit.score.desc(), BasinFit.rank, ProjectRecord.id)
        .limit(limit)
    )
    return [
        ProjectFit(project, fit.rank, fit.candidates, fit.score, fit.fit, fit.policy_adjustment, fit.ranking_key == key)
        for fit, project in db.session.execute(query).all()
    ]
