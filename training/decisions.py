"""Agency decisions -> decided projects, each used, used as negatives only, or skipped with its reason.

`training` never imports the web layer or a database: the web layer hands over its decisions as a
pandas DataFrame, one row per (project, basin) decision, with the columns of `COLUMNS` (and, when it
has them, `OPTIONAL_COLUMNS`: the rest of the stored project, the scope it was ranked over, the rank
each basin was shown at). It makes them available to `terrimatch train --from-db` by registering a
provider from the composition root (web/cli/__init__.py): `register_decisions_provider(fn)`, fn a zero-argument
function returning that DataFrame, called only when the command runs.

A broken frame (missing column, unknown decision kind) refuses everything; a project whose own rows
cannot be used (two final sites, an unknown basin, an invalid field) is skipped and said so, and
the others are still used.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from matcher.project.record import STATED_FIELDS
from training.decision_kinds import FINAL_SITE, GRADES, KINDS, NO_SITE, WITHDRAWN

if TYPE_CHECKING:  # pandas loads only when decisions are read: `terrimatch --help` stays quick
    import pandas as pd

COLUMNS = ("project_id", "description", "naf_code", "jobs", "land_ha", "endogenous", "ze2020_code", "decision")
OPTIONAL_COLUMNS = {
    "title": "",
    "power_mw": None,
    "needs": None,
    "existing_site_commune": None,
    "timeline_months": None,
    "scope": "ge",
    "shown_rank": None,
    "shown_count": None,
}
PROJECT_FIELDS = (*STATED_FIELDS, "needs")
USED, NEGATIVES_ONLY, SKIPPED = "used", "negatives_only", "skipped"


class DecisionsError(ValueError):
    """The decisions cannot be used at all; `problems` lists each one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problème(s) dans les décisions des agences : " + " ; ".join(problems[:20]))


class NoDecisionsProvider(LookupError):
    """No decisions source is registered, or the registered one is not available yet."""


@dataclass(frozen=True)
class Outcome:
    """Where a decided project really went: a basin (with its rank in the list shown), or nowhere in France."""

    basin: str | None  # None: hors de France / abandonné
    shown_rank: int | None = None  # None: not in the list shown (or no list was shown)
    shown_count: int | None = None


@dataclass(frozen=True)
class GradedProject:
    """One decided project: what training does with it and why, its stored fields, a grade per decided basin."""

    project_id: str
    fields: dict[str, Any]
    grades: dict[str, int]  # ze2020_code -> grade; undecided basins are 0
    status: str = USED
    reason: str = ""
    scope: str = "ge"
    outcome: Outcome | None = field(default=None)


def _value(row: pd.Series, name: str) -> Any:
    import pandas as pd

    value = row[name] if name in row.index else OPTIONAL_COLUMNS.get(name)
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _frame_problems(frame: pd.DataFrame) -> list[str]:
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        return [f"colonne(s) manquante(s) : {', '.join(missing)}"]
    unknown = sorted({str(k) for k in frame["decision"] if k not in KINDS})
    return [f"décision inconnue {k!r} (attendue : {', '.join(KINDS)})" for k in unknown]


def _outcome(rows: pd.DataFrame) -> Outcome | None:
    final = rows[rows["decision"] == FINAL_SITE]
    if len(final):
        row = final.iloc[0]
        rank, count = _value(row, "shown_rank"), _value(row, "shown_count")
        return Outcome(
            str(row["ze2020_code"]), None if rank is None else int(rank), None if count is None else int(count)
        )
    return Outcome(None) if (rows["decision"] == NO_SITE).any() else None


def _skip_reason(rows: pd.DataFrame, known: Collection[str]) -> str | None:
    """Why this project's rows cannot be used, or None."""
    from matcher.project.record import ProjectValidationError, project_from_mapping

    fields = [c for c in PROJECT_FIELDS if c in rows.columns]
    if len(rows[fields].astype(str).drop_duplicates()) > 1:
        return "ses lignes ne s'accordent pas sur la description ou les champs du projet"
    if (rows["decision"] == FINAL_SITE).sum() > 1:
        return "plusieurs sites finals enregistrés"
    basins = rows[rows["decision"].isin(list(GRADES))]
    if basins["ze2020_code"].duplicated().any():
        return "plusieurs décisions pour un même bassin"
    unknown = sorted({str(c) for c in basins["ze2020_code"] if str(c) not in known})
    if unknown:
        return f"bassin(s) inconnu(s) : {', '.join(unknown)}"
    try:
        project_from_mapping({name: _value(rows.iloc[0], name) for name in PROJECT_FIELDS})
    except ProjectValidationError as error:
        return "projet invalide : " + "; ".join(f"{k} {v}" for k, v in error.problems.items())
    return None


def _grade_project(project_id: Any, rows: pd.DataFrame, known: Collection[str]) -> GradedProject:
    rows = rows[rows["decision"] != WITHDRAWN]
    first = rows.iloc[0] if len(rows) else None
    fields = {name: _value(first, name) for name in PROJECT_FIELDS} if first is not None else {}
    scope = str(_value(first, "scope") or "ge") if first is not None else "ge"
    if first is None:
        return GradedProject(str(project_id), fields, {}, SKIPPED, "toutes ses décisions ont été retirées", scope)
    reason = _skip_reason(rows, known)
    outcome = None if reason else _outcome(rows)
    graded = rows[rows["decision"].isin(list(GRADES))]
    grades = {
        str(code): GRADES[decision]
        for code, decision in graded[["ze2020_code", "decision"]].itertuples(index=False, name=None)
    }
    if reason is None and not grades:
        reason = (
            "hors de France / abandonné, sans décision sur un bassin" if outcome else "aucune décision sur un bassin"
        )
    if reason:
        return GradedProject(str(project_id), fields, grades, SKIPPED, reason, scope, outcome)
    if max(grades.values()) > 0:
        return GradedProject(str(project_id), fields, grades, USED, "", scope, outcome)
    return GradedProject(
        str(project_id),
        fields,
        grades,
        NEGATIVES_ONLY,
        "bassins écartés seulement : placés sous les autres, sans bassin à classer premier",
        scope,
        outcome,
    )


def grade_decisions(frame: pd.DataFrame, known_basins: Collection[str]) -> list[GradedProject]:
    """Every decided project, in project id order, graded or skipped with its reason.

    DecisionsError if the frame is broken.
    """
    problems = _frame_problems(frame)
    if problems:
        raise DecisionsError(problems)
    known = set(known_basins)
    return [_grade_project(project, rows, known) for project, rows in frame.groupby("project_id", sort=True)]


_registered: dict[str, Callable[[], pd.DataFrame]] = {}  # "provider" -> the composition root's function


def register_decisions_provider(provider: Callable[[], pd.DataFrame] | None) -> None:
    """Set the function returning the decisions DataFrame (None: no source)."""
    _registered.pop("provider", None)
    if provider is not None:
        _registered["provider"] = provider


def decisions_frame() -> pd.DataFrame:
    """The decisions from the registered provider; NoDecisionsProvider when there is none, or it has none yet."""
    provider = _registered.get("provider")
    if provider is None:
        raise NoDecisionsProvider("aucune source de décisions des agences n'est enregistrée")
    return provider()
