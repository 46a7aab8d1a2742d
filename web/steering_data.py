"""The steering figures from the database: activity per basin, conventions' jobs and euros, JSON and CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from matcher.project import commitments as rules
from matcher.territory import steering
from matcher.territory.loading import load_territories
from training.decision_kinds import RETAINED
from web.agency import final_site
from web.export import safe_cell
from web.extensions import db
from web.records.convention_tables import Convention
from web.records.core import ProjectRecord

SCOPE = "ge"
RECENT = timedelta(days=365)
SHORTLISTED = RETAINED
COLUMNS = (
    "level",
    "kind",
    "key",
    "label",
    "basins",
    "population",
    "projects_submitted",
    "projects_shortlisted",
    "projects_final",
    "jobs_committed",
    "jobs_realised",
    "investment_committed",
    "investment_realised",
    "support_eur",
    "support_per_job",
    "jobs_per_1000",
    "no_recent_project",
)


@dataclass(frozen=True)
class Steering:
    on: date
    basins: list[steering.Row]
    kinds: dict[str, list[steering.Row]]


def _activity(on: date) -> dict[str, steering.Activity]:
    """Per basin: projects its latest match ranked it in (recently or not), shortlisted it, chose it."""
    activity: dict[str, steering.Activity] = {}
    for project in db.session.execute(db.select(ProjectRecord)).scalars():
        run = project.latest_run
        for basin in run.basins if run else ():
            entry = activity.setdefault(basin.ze2020_code, steering.Activity())
            entry.submitted.add(project.id)
            if run.created_at.date() > on - RECENT:
                entry.recent.add(project.id)
        latest = {d.ze2020_code: d.kind for d in project.decisions}
        for code, kind in latest.items():
            if kind in SHORTLISTED:
                activity.setdefault(code, steering.Activity()).shortlisted.add(project.id)
        final = final_site(project)
        if final:
            activity.setdefault(final, steering.Activity()).final.add(project.id)
    return activity


def _convention_figures(convention: Convention, on: date) -> steering.ConventionFigures:
    totals = {"jobs": [0.0, 0.0], "investment": [0.0, 0.0]}
    for c in convention.commitments:
        kind = rules.KINDS[c.kind]
        key = "jobs" if kind.counts_jobs else "investment" if kind.counts_investment else None
        if key:
            totals[key][0] += rules.committed_change(c.kind, c.baseline, c.target)
            totals[key][1] += rules.realised_change(c.kind, c.baseline, rules.latest_value(c.readings, on))
    return steering.ConventionFigures(
        convention.ze2020_code, convention.amount_eur, *totals["jobs"], *totals["investment"]
    )


def steering_figures(on: date) -> Steering:
    """Every figure of the region's basins and kinds of territory, as known on `on`."""
    basins = load_territories().scope(SCOPE)
    activity = _activity(on)
    conventions = [_convention_figures(c, on) for c in db.session.execute(db.select(Convention)).scalars()]
    return Steering(
        on, steering.by_basin(basins, activity, conventions), steering.by_kind(basins, activity, conventions)
    )


def steering_json(figures: Steering) -> dict[str, Any]:
    return {
        "scope": SCOPE,
        "on": figures.on.isoformat(),
        "basins": [asdict(row) for row in figures.basins],
        "kinds": {kind: [asdict(row) for row in rows] for kind, rows in figures.kinds.items()},
    }


def steering_csv(figures: Steering) -> str:
    """One line per basin, then one per class of each kind of territory."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    lines = [("basin", "", row) for row in figures.basins]
    lines += [("territory_kind", kind, row) for kind, rows in figures.kinds.items() for row in rows]
    for level, kind, row in lines:
        data = asdict(row)
        writer.writerow([level, kind] + [safe_cell(data[name]) for name in COLUMNS[2:]])
    return buffer.getvalue()
