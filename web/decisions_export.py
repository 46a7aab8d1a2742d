"""Agency decisions as a DataFrame: what `terrimatch train --from-db` learns from (training never imports web)."""
from __future__ import annotations

import os

import pandas as pd
import sqlalchemy as sa

from web.config import database_url
from web.models import Decision, ProjectRecord

COLUMNS = ["project_id", "description", "naf_code", "jobs", "land_ha", "endogenous", "ze2020_code", "decision"]


def _url_from_environment() -> str:
    return database_url(os.environ.get("TERRIMATCH_DATABASE_URL") or os.environ.get("DATABASE_URL"))


def decisions_frame(database: str | sa.engine.Engine | None = None) -> pd.DataFrame:
    """The latest decision per (project, basin), one row each, with the project's fields.

    `database` is a SQLAlchemy URL or engine; by default the app's own (DATABASE_URL or the SQLite file).
    """
    engine = database if isinstance(database, sa.engine.Engine) else sa.create_engine(
        database or _url_from_environment())
    d, p = Decision.__table__, ProjectRecord.__table__
    latest = (sa.select(sa.func.max(d.c.id).label("id"))
              .group_by(d.c.project_id, d.c.ze2020_code).subquery())
    query = (sa.select(p.c.id.label("project_id"), p.c.description, p.c.naf_code, p.c.jobs, p.c.land_ha,
                       p.c.endogenous, d.c.ze2020_code, d.c.kind.label("decision"))
             .join(p, p.c.id == d.c.project_id).join(latest, latest.c.id == d.c.id)
             .order_by(p.c.id, d.c.ze2020_code))
    try:
        with engine.connect() as connection:
            rows = connection.execute(query).all()
    finally:
        if not isinstance(database, sa.engine.Engine):
            engine.dispose()
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({"project_id": "int64", "jobs": "Int64", "land_ha": "float64", "endogenous": "boolean"})
