"""Reverse matching: the submitted projects that fit one basin best, ranked with the same matcher."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from matcher.pipeline import Matcher
from matcher.territories import Basin
from web.models import ProjectRecord
from web.ranking_cache import rankings

MAX_PROJECTS = 200  # newest projects scored per page view: bounds the work of one request


@dataclass(frozen=True)
class ProjectFit:
    project: ProjectRecord
    rank: int  # this basin's rank among the project's candidates
    candidates: int
    score: float
    fit: float
    policy_adjustment: float


def projects_for_basin(matcher: Matcher, basin: Basin, projects: Sequence[ProjectRecord],
                       limit: int = 10) -> list[ProjectFit]:
    """Projects ordered by this basin's score for them (fit + policy), best first."""
    projects = list(projects)[:MAX_PROJECTS]
    if not projects:
        return []
    scope = "ge" if basin.in_grand_est else "france"
    candidates = len(matcher.territories.scope(scope))
    fits = []
    for record, places in zip(projects, rankings(matcher, [p.to_project() for p in projects], scope)):
        hit = places[basin.code]
        fits.append(ProjectFit(record, hit.rank, candidates, hit.score, hit.fit, hit.policy_adjustment))
    fits.sort(key=lambda f: (-f.score, f.rank, f.project.id))
    return fits[:limit]
