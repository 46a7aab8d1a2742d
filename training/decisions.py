"""Agency decisions -> graded training projects, validated; and the provider the web layer registers.

`training` never imports the web layer or a database: the web layer hands over its decisions as a
pandas DataFrame, one row per (project, basin) decision, with the columns of `COLUMNS`. It makes
them available to `terrimatch train --from-db` by registering a provider, from the composition
root (web/cli.py): `register_decisions_provider("web.decisions_export:decisions_frame")`, a
zero-argument function returning that DataFrame. The name is imported only when the command runs.
"""
from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Collection

import numpy as np

if TYPE_CHECKING:  # pandas loads only when decisions are read: `terrimatch --help` stays quick
    import pandas as pd
    from matcher.pipeline import Matcher
    from training.dataset import Dataset

COLUMNS = ("project_id", "description", "naf_code", "jobs", "land_ha", "endogenous", "ze2020_code", "decision")
PROJECT_FIELDS = ("description", "naf_code", "jobs", "land_ha", "endogenous")
# Graded relevance: the site chosen in the end above an accepted basin above a shortlisted one.
# A basin the agency did not decide on, for a project it decided on, counts as not relevant (0).
GRADES = {"final_site": 3, "accept": 2, "shortlist": 1, "reject": 0}


class DecisionsError(ValueError):
    """The decisions cannot be used; `problems` lists each one with the project id it concerns."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the agency decisions: " + "; ".join(problems[:20]))


class NoDecisionsProvider(LookupError):
    """No decisions source is registered, or the registered one is not available yet."""


@dataclass(frozen=True)
class GradedProject:
    """One decided project: its fields as the matcher takes them, and a grade per decided basin."""

    project_id: str
    fields: dict[str, Any]
    grades: dict[str, int]  # ze2020_code -> grade; undecided basins are 0


def _problems(frame: pd.DataFrame, known_basins: Collection[str]) -> list[str]:
    problems = []
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        return [f"missing column(s): {', '.join(missing)}"]
    for row in frame.itertuples(index=False):
        where = f"project {row.project_id}"
        if not str(row.description or "").strip():
            problems.append(f"{where}: empty description")
        if str(row.ze2020_code) not in known_basins:
            problems.append(f"{where}: unknown basin {row.ze2020_code}")
        if row.decision not in GRADES:
            problems.append(f"{where}: unknown decision {row.decision!r} (expected one of {', '.join(GRADES)})")
    for (project, basin), count in frame.groupby(["project_id", "ze2020_code"]).size().items():
        if count > 1:
            problems.append(f"project {project}: {count} decisions for basin {basin} (duplicates)")
    for project, rows in frame.groupby("project_id"):
        if len(rows[list(PROJECT_FIELDS)].astype(str).drop_duplicates()) > 1:
            problems.append(f"project {project}: its rows disagree on the project's description or fields")
        if (rows["decision"] == "final_site").sum() > 1:
            problems.append(f"project {project}: more than one final site")
    return problems


def _fields(row: pd.Series) -> dict[str, Any]:
    import pandas as pd

    return {k: (None if pd.isna(row[k]) else row[k]) for k in PROJECT_FIELDS}


def grade_decisions(frame: pd.DataFrame, known_basins: Collection[str]) -> list[GradedProject]:
    """Validate the decisions (all or nothing) and grade them per project, in project id order."""
    problems = _problems(frame, set(known_basins))
    if problems:
        raise DecisionsError(problems)
    graded = []
    for project, rows in frame.groupby("project_id", sort=True):
        grades = {str(r.ze2020_code): GRADES[r.decision] for r in rows.itertuples(index=False)}
        graded.append(GradedProject(str(project), _fields(rows.iloc[0]), grades))
    return graded


def decisions_dataset(graded: list[GradedProject], matcher: Matcher, scope: str = "ge") -> Dataset:
    """Feature rows of every decided project over the basins of `scope`, y = the agency's grades.

    Projects where no basin was graded above 0 (only rejections) teach no order and are left out.
    """
    from matcher.projects import ProjectValidationError, project_from_mapping
    from training.cases import Case
    from training.dataset import build_dataset

    useful = [g for g in graded if max(g.grades.values()) > 0]
    cases = []
    for number, project in enumerate(useful, start=1):
        try:
            cases.append(Case(number, project_from_mapping(project.fields), max(project.grades, key=project.grades.get)))
        except ProjectValidationError as error:
            raise DecisionsError([f"project {project.project_id}: {error}"]) from None
    dataset = build_dataset(cases, matcher, scope)
    y = [useful[g].grades.get(str(code), 0) for g, code in zip(dataset.groups, dataset.basin_codes)]
    return dataclasses.replace(dataset, y=np.asarray(y, dtype=float))


_provider: str | None = None


def register_decisions_provider(target: str) -> None:
    """Name the function ("module:function") that returns the decisions DataFrame."""
    global _provider
    _provider = target


def decisions_frame() -> pd.DataFrame:
    """The decisions from the registered provider; NoDecisionsProvider when there is none yet."""
    if _provider is None:
        raise NoDecisionsProvider("no source of agency decisions is registered")
    module_name, _, function = _provider.partition(":")
    try:
        provider: Callable[[], pd.DataFrame] = getattr(importlib.import_module(module_name), function)
    except (ModuleNotFoundError, AttributeError) as error:
        raise NoDecisionsProvider(f"the decisions source {_provider} is not available ({error})") from error
    return provider()
