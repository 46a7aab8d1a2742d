"""A project's latest ranked basins joined with the agency decisions on them, as CSV (French Excel) and XLSX."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from web.records.core import Decision, MatchedBasin, ProjectRecord

COLUMNS = (
    "Projet",
    "Calcul n°",
    "Version du modèle",
    "Version de l'index",
    "Rang",
    "Code du bassin (ZE2020)",
    "Bassin d'emploi",
    "Score",
    "Adéquation",
    "Politique régionale",
    "Décision",
    "Commentaire",
    "Décidé par",
    "Date de la décision (UTC)",
)
CODE_COLUMN = COLUMNS.index("Code du bassin (ZE2020)")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defused(value: object) -> object:
    """Text cells that a spreadsheet would run as a formula get a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_cell(value: object) -> object:
    """A CSV cell: defused, and empty for a missing value."""
    return "" if value is None else defused(value)


def _decision_part(decision: Decision | None) -> list:
    if decision is None:
        return [None, None, None, None]
    return [decision.label, decision.comment, decision.user.email, decision.created_at.replace(tzinfo=None)]


def _match_part(project: ProjectRecord, basin: MatchedBasin | None) -> list:
    run = project.latest_run
    if basin is None or run is None:
        return [project.id, None, None, None, None, None, None, None, None, None]
    return [
        project.id,
        run.id,
        run.model_version,
        run.index_version,
        basin.rank,
        basin.ze2020_code,
        basin.name,
        basin.score,
        basin.fit,
        basin.policy_adjustment,
    ]


def project_rows(project: ProjectRecord) -> list[list]:
    """One row per (matched basin, decision); basins without a decision and decisions off the list too."""
    basins = project.latest_run.basins if project.latest_run else []
    by_code: dict[str, list[Decision]] = {}
    for decision in project.decisions:
        by_code.setdefault(decision.ze2020_code, []).append(decision)
    rows = []
    for basin in basins:
        for shown in by_code.pop(basin.ze2020_code, [None]):
            rows.append(_match_part(project, basin) + _decision_part(shown))
    for code, decisions in by_code.items():
        for decision in decisions:
            part = _match_part(project, None)
            part[CODE_COLUMN] = code
            rows.append(part + _decision_part(decision))
    return [[defused(v) for v in row] for row in rows]


def _csv_text(value: object) -> str:
    """French spreadsheet conventions: decimal comma, day/month/year dates, empty for missing."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".replace(".", ",")
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return str(value)


def project_csv(project: ProjectRecord) -> bytes:
    """UTF-8 with a BOM and ';' between fields, as French Excel and LibreOffice open it without a wizard."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS)
    writer.writerows([_csv_text(v) for v in row] for row in project_rows(project))
    return out.getvalue().encode("utf-8-sig")


def project_xlsx(project: ProjectRecord) -> bytes:
    """The same rows as a real workbook: numbers stay numbers, dates stay dates."""
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = f"Projet {project.id}"
    sheet.append(COLUMNS)
    for row in project_rows(project):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for index, title in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(title) + 2)
    for cell in sheet[get_column_letter(COLUMNS.index("Date de la décision (UTC)") + 1)][1:]:
        cell.number_format = "DD/MM/YYYY HH:MM"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
