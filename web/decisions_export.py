"""Agency decisions as a DataFrame: what `terrimatch train --from-db` learns from (training never imports web)."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from training.decisions import PROJECT_FIELDS, NoDecisionsProvider
from web.config import environment_database_url
from web.records.core import Decision, MatchRun, ProjectRecord
from web.schema_check import schema_problem


def _query() -> sa.Select:
    """The latest decision per (project, basin), with the project's stored record and its latest run's scope."""
    d, p, r = Decision.__table__, ProjectRecord.__table__, MatchRun.__table__
    latest = sa.select(sa.func.max(d.c.id).label("id")).group_by(d.c.project_id, d.c.ze2020_code).subquery()
    latest_run = sa.select(r.c.project_id, sa.func.max(r.c.id).label("run_id")).group_by(r.c.project_id).subquery()
    return (
        sa.select(
            p.c.id.label("project_id"),
            *(p.c[name] for name in PROJECT_FIELDS),
            sa.func.coalesce(r.c.scope, "ge").label("scope"),
            d.c.ze2020_code,
            d.c.kind.label("decision"),
            d.c.shown_rank,
            d.c.shown_count,
        )
        .join(p, p.c.id == d.c.project_id)
        .join(latest, latest.c.id == d.c.id)
        .outerjoin(latest_run, latest_run.c.project_id == p.c.id)
        .outerjoin(r, r.c.id == latest_run.c.run_id)
        .order_by(p.c.id, d.c.ze2020_code)
    )


def decisions_frame(database: str | sa.engine.Engine | None = None) -> pd.DataFrame:
    """The latest decision per (project, basin), one row each, with the project's fields.

    `database` is a SQLAlchemy URL or engine; by default the app's own (DATABASE_URL or the SQLite file).
    NoDecisionsProvider, creating nothing, when the database does not exist or is not migrated yet.
    """
    source = database if isinstance(database, sa.engine.Engine) else (database or environment_database_url())
    problem = schema_problem(source)
    if problem:
        raise NoDecisionsProvider(problem)
    engine = source if isinstance(source, sa.engine.Engine) else sa.create_engine(source)
    try:
        with engine.connect() as connection:
            rows = connection.execute(_query()).all()
    finally:
        if engine is not source:
            engine.dispose()
    columns = ["project_id", *PROJECT_FIELDS, "scope", "ze2020_code", "decision", "shown_rank", "shown_count"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype(
        {
            "project_id": "int64",
            "jobs": "Int64",
            "land_ha": "float64",
            "power_mw": "float64",
            "endogenous": "boolean",
            "timeline_months": "Int64",
            "shown_rank": "Int64",
            "shown_count": "Int64",
        }
    )
