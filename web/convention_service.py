"""Conventions as a service: owner-scoped lookups, signing, amendments, computed statuses, the agency queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import abort

from matcher.project import commitments as rules
from web.agency import final_site
from web.extensions import db
from web.records.convention_tables import Commitment, Convention, ConventionVersion
from web.records.core import ProjectRecord, User, utcnow


def today() -> date:
    """The current day in UTC (tests freeze the clock)."""
    return utcnow().date()


def get_convention_for(user: User, convention_id: int) -> Convention:
    """Agencies and admins see every convention, a company its own; 404 otherwise."""
    convention = db.session.get(Convention, convention_id)
    if convention is None or not (
        user.role in ("agency", "admin")
        or (user.role == "company" and convention.project.organisation_id == user.organisation_id)
    ):
        abort(404)
    return convention


def conventions_for(user: User) -> list[Convention]:
    """The conventions `user` may list, newest first."""
    query = db.select(Convention).join(ProjectRecord).order_by(Convention.signed_on.desc(), Convention.id.desc())
    if user.role == "company":
        query = query.where(ProjectRecord.organisation_id == user.organisation_id)
    return list(db.session.execute(query).scalars())


def _apply(convention: Convention, terms: dict[str, Any]) -> None:
    """Copy the terms; a commitment at the same position with the same kind is updated, keeping its reports."""
    for name in ("support_type", "amount_eur", "funders", "signed_on", "clawback_pct"):
        setattr(convention, name, terms[name])
    previous = list(convention.commitments)
    updated = []
    for position, row in enumerate(terms["commitments"]):
        same = previous[position] if position < len(previous) and previous[position].kind == row["kind"] else None
        if same is None:
            updated.append(Commitment(**row))
            continue
        for name, value in row.items():
            setattr(same, name, value)
        updated.append(same)
    convention.commitments = updated


def sign(project: ProjectRecord, terms: dict[str, Any], user: User) -> Convention:
    """A convention for a project with a final site (400 otherwise), stored as version 1."""
    basin = final_site(project)
    if basin is None:
        abort(400, description="Ce projet n'a pas encore de site final : une convention suit le choix du site.")
    convention = Convention(project=project, ze2020_code=basin, version=1)
    _apply(convention, terms)
    db.session.add(convention)
    db.session.flush()
    convention.versions.append(
        ConventionVersion(version=1, terms=convention.snapshot(), reason="Signature", user_id=user.id)
    )
    return convention


def amend(convention: Convention, terms: dict[str, Any], reason: str, user: User) -> None:
    """New terms as the next version; the old ones stay readable in the earlier versions."""
    if not reason.strip():
        abort(400, description="Un avenant doit être motivé : indiquez le motif.")
    _apply(convention, terms)
    convention.version += 1
    db.session.flush()
    convention.versions.append(
        ConventionVersion(
            version=convention.version, terms=convention.snapshot(), reason=reason.strip(), user_id=user.id
        )
    )


@dataclass(frozen=True)
class CommitmentView:
    commitment: Commitment
    status: str
    latest: float | None
    due_soon: bool
    report_overdue: bool

    @property
    def status_label(self) -> str:
        return rules.STATUSES[self.status]


def states(convention: Convention, on: date | None = None) -> list[CommitmentView]:
    """Each commitment with its computed status on `on` (today by default)."""
    on = on or today()
    views = []
    for c in convention.commitments:
        readings = c.readings
        state = rules.status(c.baseline, c.target, c.due_on, readings, on)
        views.append(
            CommitmentView(
                c,
                state,
                rules.latest_value(readings, on),
                rules.due_soon(c.due_on, state, on),
                rules.report_overdue(c.due_on, state, readings, on),
            )
        )
    return views


def clawback_due(convention: Convention, on: date | None = None) -> float:
    """The amount to recover today under the convention's claw-back clause."""
    views = states(convention, on)
    return rules.clawback(
        convention.amount_eur,
        convention.clawback_pct,
        [rules.CommitmentState(v.commitment.baseline, v.commitment.target, v.status, v.latest) for v in views],
    )


def agency_queue(
    conventions: list[Convention], on: date | None = None
) -> dict[str, list[tuple[Convention, CommitmentView]]]:
    """Commitments whose report is due within 30 days, whose report is overdue, that are late or missed."""
    queue: dict[str, list[tuple[Convention, CommitmentView]]] = {
        "due_soon": [],
        "overdue": [],
        "late": [],
        "missed": [],
    }
    for convention in conventions:
        for view in states(convention, on):
            for key, hit in (
                ("due_soon", view.due_soon),
                ("overdue", view.report_overdue),
                ("late", view.status == "late"),
                ("missed", view.status == "missed"),
            ):
                if hit:
                    queue[key].append((convention, view))
    return queue
