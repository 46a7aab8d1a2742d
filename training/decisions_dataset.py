"""Decided projects -> a learning-to-rank dataset, each project rebuilt from its stored record over its whole scope.

The stored top 10 is not read: every basin of the project's scope gets its feature row again, so an
outcome the model ranked 25th is learnt from like any other. A project whose graded basins lie
outside the scope it was ranked over (a final site elsewhere in France) is ranked over all 306 basins.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from matcher.matching.pipeline import Matcher
from matcher.project.record import project_from_mapping
from matcher.territory.loading import Territories
from training.cases import Case
from training.dataset import Dataset, build_dataset
from training.decisions import NEGATIVES_ONLY, USED, GradedProject

# A basin the agency rejected, for a project where it chose none: below the basins it did not decide on.
NEGATIVE = -1.0


def usable(graded: list[GradedProject]) -> list[GradedProject]:
    """The projects training learns from, in the order given."""
    return [g for g in graded if g.status in (USED, NEGATIVES_ONLY)]


def project_scope(project: GradedProject, territories: Territories) -> str:
    """The scope it was ranked over, widened to France when a graded basin lies outside it."""
    scope = project.scope if project.scope in ("ge", "france") else "ge"
    return scope if set(project.grades) <= {b.code for b in territories.scope(scope)} else "france"


def _grade(project: GradedProject, code: str) -> float:
    if project.status == NEGATIVES_ONLY:
        return NEGATIVE if code in project.grades else 0.0
    return float(project.grades.get(code, 0))


def _best_graded(grades: dict[str, int]) -> str:
    """The basin the agency graded highest (the first one, on a tie)."""
    return max(grades, key=grades.__getitem__)


def _merge(parts: list[Dataset]) -> Dataset:
    """One dataset from parts whose groups are already global; rows ordered by group, stably."""
    first = parts[0]
    groups = np.concatenate([p.groups for p in parts])
    order = np.argsort(groups, kind="stable")
    return replace(
        first,
        X=np.vstack([p.X for p in parts])[order],
        y=np.concatenate([p.y for p in parts])[order],
        groups=groups[order],
        basin_codes=np.concatenate([p.basin_codes for p in parts])[order],
        raw={k: np.concatenate([p.raw[k] for p in parts])[order] for k in first.raw},
    )


def decisions_dataset(graded: list[GradedProject], matcher: Matcher) -> Dataset:
    """Feature rows of every usable project (group i = the i-th of `usable(graded)`), y = the agency's grades."""
    projects = usable(graded)
    if not projects:
        raise ValueError("aucun projet décidé n'est utilisable : rien à apprendre des décisions")
    members: dict[str, list[int]] = {}
    for number, project in enumerate(projects):
        members.setdefault(project_scope(project, matcher.territories), []).append(number)
    parts = []
    for scope, numbers in members.items():
        cases = [
            Case(n + 1, project_from_mapping(projects[n].fields), _best_graded(projects[n].grades)) for n in numbers
        ]
        part = build_dataset(cases, matcher, scope)
        groups = np.asarray(numbers)[part.groups]
        y = np.array([_grade(projects[g], str(code)) for g, code in zip(groups, part.basin_codes, strict=True)])
        parts.append(replace(part, y=y, groups=groups))
    return _merge(parts)
