"""CSV of a project's latest ranked basins joined with the agency decisions on them."""
from __future__ import annotations

import csv
import io

from web.models import Decision, MatchedBasin, ProjectRecord

COLUMNS = ("project_id", "run_id", "model_version", "index_version", "rank", "ze2020_code", "name", "score",
           "fit", "policy_adjustment", "decision", "comment", "decided_by", "decided_at")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """Text cells that a spreadsheet would run as a formula get a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def _decision_part(decision: Decision | None) -> list:
    if decision is None:
        return ["", "", "", ""]
    return [decision.kind, decision.comment, decision.user.email, decision.created_at.isoformat()]


def _match_part(project: ProjectRecord, basin: MatchedBasin | None) -> list:
    run = project.latest_run
    if basin is None or run is None:
        return [project.id, "", "", "", "", "", "", "", "", ""]
    return [project.id, run.id, run.model_version, run.index_version, basin.rank, basin.ze2020_code,
            basin.name, basin.score, basin.fit, basin.policy_adjustment]


def project_rows(project: ProjectRecord) -> list[list]:
    """One row per (matched basin, decision); basins without a decision and decisions off the list too."""
    basins = project.latest_run.basins if project.latest_run else []
    by_code: dict[str, list[Decision]] = {}
    for decision in project.decisions:
        by_code.setdefault(decision.ze2020_code, []).append(decision)
    rows = []
    for basin in basins:
        for decision in by_code.pop(basin.ze2020_code, [None]):  # type: ignore[list-item]
            rows.append(_match_part(project, basin) + _decision_part(decision))
    for code, decisions in by_code.items():
        for decision in decisions:
            part = _match_part(project, None)
            part[5] = code
            rows.append(part + _decision_part(decision))
    return rows


def project_csv(project: ProjectRecord) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows([_cell(v) for v in row] for row in project_rows(project))
    return out.getvalue()
