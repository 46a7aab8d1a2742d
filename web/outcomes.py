"""A project's outcome (where it really went, or nowhere in France): one at a time, recorded under a row lock.

Two agents recording different final sites at the same moment must not both succeed: every write of
an outcome first takes a lock on the project's row, then reads the standing outcome afresh. The lock
is a no-op UPDATE of that row: PostgreSQL holds its row lock until commit (SELECT ... FOR UPDATE would
too), and on SQLite, where FOR UPDATE is not rendered, an UPDATE as the transaction's first write takes
the database's write lock, which other writers wait for (busy timeout). One code path, both databases.
"""

from __future__ import annotations

from typing import cast

import sqlalchemy as sa

from matcher.territory.loading import Territories
from matcher.territory.records import Basin
from training.decision_kinds import FINAL_SITE, NO_SITE, OUTCOMES, WITHDRAWN
from web.extensions import db
from web.records.core import Decision, MatchRun, ProjectRecord, User


class OutcomeConflict(Exception):
    """Another outcome stands for this project; it must be withdrawn first. The message is French."""


def lock_project(project_id: int) -> None:
    """Hold the project's row until the transaction ends (see the module docstring)."""
    table = cast(sa.Table, ProjectRecord.__table__)  # typed as any FromClause; a declarative model maps a Table
    db.session.execute(
        sa.update(table).where(table.c.id == project_id).values(updated_at=table.c.updated_at)
    )  # setting a value keeps onupdate from firing


def standing_outcome(project_id: int) -> Decision | None:
    """The outcome in force: the latest decision of kind final_site or no_site not overridden since on its basin."""
    latest = (
        sa.select(sa.func.max(Decision.id))
        .where(Decision.project_id == project_id)
        .group_by(Decision.ze2020_code)
        .scalar_subquery()
    )
    query = sa.select(Decision).where(Decision.id.in_(latest), Decision.kind.in_(OUTCOMES)).order_by(Decision.id)
    return db.session.execute(query.execution_options(populate_existing=True)).scalars().first()


def shown_place(run: MatchRun | None, code: str) -> tuple[int | None, int | None]:
    """(rank of basin `code` in the run shown, number of basins shown); rank None when it was not shown."""
    if run is None:
        return None, None
    ranks = {b.ze2020_code: b.rank for b in run.basins}
    return ranks.get(code), len(ranks)


def describe(decision: Decision, territories: Territories | None = None) -> str:
    """French words for an outcome: the basin's name and code, or "hors de France / abandonné"."""
    if decision.kind == NO_SITE:
        return decision.label
    name = (
        territories.basins[decision.ze2020_code].name
        if territories and decision.ze2020_code in territories.basins
        else ""
    )
    return f"{name} ({decision.ze2020_code})" if name else f"bassin {decision.ze2020_code}"


def record_outcome(project: ProjectRecord, code: str, kind: str, comment: str, user: User) -> Decision | None:
    """Store the outcome and commit; None when the same outcome already stands (nothing is added).

    OutcomeConflict when a different one stands. `code` is NO_BASIN for kind "no_site".
    """
    lock_project(project.id)
    standing = standing_outcome(project.id)
    if standing is not None and standing.kind == kind and standing.ze2020_code == code:
        db.session.rollback()
        return None
    if standing is not None:
        db.session.rollback()
        raise OutcomeConflict(
            f"L'issue enregistrée est déjà : {describe(standing)}. Retirez-la d'abord pour en enregistrer une autre."
        )
    run = project.latest_run
    rank, count = shown_place(run, code) if kind == FINAL_SITE else (None, None)
    decision = Decision(
        project_id=project.id,
        run_id=run.id if run else None,
        ze2020_code=code,
        kind=kind,
        comment=comment,
        user_id=user.id,
        shown_rank=rank,
        shown_count=count,
    )
    db.session.add(decision)
    db.session.commit()
    return decision


def withdraw_outcome(project: ProjectRecord, comment: str, user: User) -> Decision | None:
    """Take back the standing outcome (a "withdrawn" decision on its basin) and commit; None when there is none."""
    lock_project(project.id)
    standing = standing_outcome(project.id)
    if standing is None:
        db.session.rollback()
        return None
    decision = Decision(
        project_id=project.id,
        run_id=standing.run_id,
        ze2020_code=standing.ze2020_code,
        kind=WITHDRAWN,
        comment=comment,
        user_id=user.id,
    )
    db.session.add(decision)
    db.session.commit()
    return decision


def find_basin(text: str, territories: Territories) -> Basin | None:
    """The basin a search box names: its code, "Name (code)" as the list offers it, or its exact name."""
    text = " ".join(text.split())
    code = text.rsplit("(", 1)[-1].rstrip(")").strip() if text.endswith(")") else text
    if code in territories.basins:
        return territories.basins[code]
    folded = text.casefold()
    return next((b for b in territories.basins.values() if b.name.casefold() == folded), None)
