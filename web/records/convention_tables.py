"""Support conventions: commitments, versioned amendments, reports with evidence, review meetings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matcher.project.commitments import KINDS, SUPPORT_TYPES, Reading
from web.extensions import Model
from web.records.core import ProjectRecord, User, utcnow

OUTCOMES = {"maintain": "maintien", "amend": "avenant aux engagements", "clawback": "reversement demandé"}


class Convention(Model):
    """The current terms; every signed or amended state is also kept as a ConventionVersion."""

    __tablename__ = "conventions"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    ze2020_code: Mapped[str] = mapped_column(String(8), index=True)  # the project's final site
    support_type: Mapped[str] = mapped_column(String(32))
    amount_eur: Mapped[float] = mapped_column(Float)
    funders: Mapped[str] = mapped_column(Text, default="")
    signed_on: Mapped[date] = mapped_column(Date)
    clawback_pct: Mapped[float] = mapped_column(Float)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    project: Mapped[ProjectRecord] = relationship()
    commitments: Mapped[list[Commitment]] = relationship(
        back_populates="convention", order_by="Commitment.id", cascade="all, delete-orphan"
    )
    versions: Mapped[list[ConventionVersion]] = relationship(
        order_by="ConventionVersion.version", cascade="all, delete-orphan"
    )
    reviews: Mapped[list[Review]] = relationship(order_by="Review.held_on", cascade="all, delete-orphan")

    @property
    def support_label(self) -> str:
        return SUPPORT_TYPES.get(self.support_type, self.support_type)

    def snapshot(self) -> dict[str, Any]:
        """The terms as plain data, kept with each version."""
        return {
            "support_type": self.support_type,
            "amount_eur": self.amount_eur,
            "funders": self.funders,
            "signed_on": self.signed_on.isoformat(),
            "clawback_pct": self.clawback_pct,
            "commitments": [c.snapshot() for c in self.commitments],
        }


class Commitment(Model):
    __tablename__ = "commitments"
    __table_args__ = (CheckConstraint(f"kind IN ({', '.join(repr(k) for k in KINDS)})", name="ck_commitments_kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(200), default="")
    unit: Mapped[str] = mapped_column(String(40), default="")
    baseline: Mapped[float] = mapped_column(Float)
    target: Mapped[float] = mapped_column(Float)
    due_on: Mapped[date] = mapped_column(Date)
    convention: Mapped[Convention] = relationship(back_populates="commitments")
    reports: Mapped[list[Report]] = relationship(
        back_populates="commitment", order_by="Report.reported_on", cascade="all, delete-orphan"
    )

    @property
    def title(self) -> str:
        return self.label or KINDS[self.kind].label

    @property
    def readings(self) -> list[Reading]:
        return [Reading(r.reported_on, r.value) for r in self.reports]

    def snapshot(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "unit": self.unit,
            "baseline": self.baseline,
            "target": self.target,
            "due_on": self.due_on.isoformat(),
        }


class ConventionVersion(Model):
    """Version 1 is the signed convention; each amendment adds one with who, when and why."""

    __tablename__ = "convention_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    terms: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user: Mapped[User] = relationship()


class Report(Model):
    """A realised value at a date; the evidence PDF lives under TERRIMATCH_HOME, named by `evidence_key`."""

    __tablename__ = "commitment_reports"
    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    value: Mapped[float] = mapped_column(Float)
    reported_on: Mapped[date] = mapped_column(Date)
    comment: Mapped[str] = mapped_column(Text, default="")
    evidence_key: Mapped[str | None] = mapped_column(String(64))
    evidence_name: Mapped[str | None] = mapped_column(String(120))
    evidence_bytes: Mapped[int | None] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    commitment: Mapped[Commitment] = relationship(back_populates="reports")
    user: Mapped[User] = relationship()


class Review(Model):
    """A dialogue de gestion meeting and its outcome; a claw-back keeps the amount computed that day."""

    __tablename__ = "convention_reviews"
    __table_args__ = (CheckConstraint("outcome IN ('maintain', 'amend', 'clawback')", name="ck_reviews_outcome"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(ForeignKey("conventions.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    participants: Mapped[str] = mapped_column(Text)
    minutes: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    clawback_eur: Mapped[float | None] = mapped_column(Float)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user: Mapped[User] = relationship()

    @property
    def outcome_label(self) -> str:
        return OUTCOMES[self.outcome]
