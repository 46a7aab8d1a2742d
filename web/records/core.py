"""Database records: organisations, users, API tokens, projects, match runs, decisions."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import JSON, Boolean, CheckConstraint, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from matcher.project.language import language_warning
from matcher.project.record import ANCHORED_KINDS, PROJECT_KINDS, STATED_FIELDS, Project
from matcher.territory.loading import load_communes
from training.decision_kinds import ACCEPT, FINAL_SITE, KINDS, NO_SITE, REJECT, SHORTLIST, WITHDRAWN
from web.extensions import Model

ROLES = ("company", "agency", "admin")
DECISION_LABELS = {
    SHORTLIST: "présélection",
    ACCEPT: "retenu",
    REJECT: "écarté",
    FINAL_SITE: "site final",
    NO_SITE: "hors de France / abandonné",
    WITHDRAWN: "issue retirée",
}
NO_BASIN = ""  # the ze2020_code of a "no_site" outcome (and of its withdrawal)
TOKEN_PREFIX = "tm_"  # noqa: S105 - the public mark of an API token, not a secret


def utcnow() -> datetime:
    return datetime.now(UTC)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Organisation(Model):
    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class User(UserMixin, Model):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('company', 'agency', 'admin')", name="ck_users_role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped at logout: sessions carry it, so an old session cookie stops working.
    session_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    organisation: Mapped[Organisation] = relationship()

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.active


class ApiToken(Model):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex; the token itself is never stored
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    user: Mapped[User] = relationship()

    @classmethod
    def issue(cls, user: User) -> tuple[ApiToken, str]:
        """A new token for `user`: the record to store and the clear token to show once."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        return cls(user=user, token_hash=token_digest(token)), token


class ProjectRecord(Model):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text)
    naf_code: Mapped[str | None] = mapped_column(String(8))
    jobs: Mapped[int | None] = mapped_column(Integer)
    land_ha: Mapped[float | None] = mapped_column(Float)
    power_mw: Mapped[float | None] = mapped_column(Float)
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    endogenous: Mapped[bool | None] = mapped_column(Boolean)
    existing_site_commune: Mapped[str | None] = mapped_column(String(5))
    timeline_months: Mapped[int | None] = mapped_column(Integer)
    project_kind: Mapped[str | None] = mapped_column(String(32))  # a key of matcher.project.record.PROJECT_KINDS
    existing_site_communes: Mapped[list[str] | None] = mapped_column(JSON, default=list)
    # [{"code": FAP 2021 code, "count": head count}]: the occupations sought, checked against BMO 2025.
    occupations: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    organisation: Mapped[Organisation] = relationship()
    runs: Mapped[list[MatchRun]] = relationship(
        back_populates="project", order_by="MatchRun.id", cascade="all, delete-orphan"
    )
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="project", order_by="Decision.id", cascade="all, delete-orphan"
    )

    def apply(self, project: Project) -> None:
        """Copy a validated Project's fields onto this record."""
        for name in (*STATED_FIELDS, "project_kind"):
            setattr(self, name, getattr(project, name))
        self.needs = sorted(project.needs)
        self.existing_site_communes = list(project.existing_site_communes)
        self.occupations = [{"code": code, "count": count} for code, count in project.occupations]

    def to_project(self) -> Project:
        return Project(
            description=self.description,
            title=self.title,
            naf_code=self.naf_code,
            jobs=self.jobs,
            land_ha=self.land_ha,
            power_mw=self.power_mw,
            needs=frozenset(self.needs or ()),
            endogenous=self.endogenous,
            existing_site_commune=self.existing_site_commune,
            timeline_months=self.timeline_months,
            project_kind=self.project_kind,
            existing_site_communes=tuple(self.existing_site_communes or ()),
            occupations=tuple((o["code"], o["count"]) for o in self.occupations or ()),
        )

    @property
    def kind(self) -> str | None:
        """The project kind, from the legacy endogenous flag for projects stored before kinds."""
        return self.to_project().kind

    @property
    def kind_label(self) -> str:
        return PROJECT_KINDS.get(self.kind or "", "non précisée")

    @property
    def sites(self) -> tuple[str, ...]:
        return self.to_project().sites

    @property
    def sites_label(self) -> str:
        """'Mulhouse (68224) ; Sedan (08409)': the company's sites as the form shows and reads them back."""
        communes = load_communes()
        return " ; ".join(f"{communes[c].name} ({c})" if c in communes else c for c in self.sites)

    @property
    def anchored(self) -> bool:
        """A company already established in the region (extension on site or new site)."""
        return self.kind in ANCHORED_KINDS

    @property
    def occupations_described(self) -> list[str]:
        """'Soudeurs (D1X33) : 10' for each occupation sought."""
        from matcher.project.occupations import catalogue  # the BMO list loads on first use

        known = catalogue()
        return [
            f"{known[o['code']].label if o['code'] in known else o['code']} ({o['code']}) : {o['count']}"
            for o in self.occupations or ()
        ]

    @property
    def latest_run(self) -> MatchRun | None:
        return self.runs[-1] if self.runs else None


class MatchRun(Model):
    __tablename__ = "match_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    model_version: Mapped[str] = mapped_column(String(100))
    ranked_by: Mapped[str] = mapped_column(String(16))
    index_version: Mapped[str] = mapped_column(String(100))
    scope: Mapped[str] = mapped_column(String(16))
    # {"code", "label", "inferred"}: the NAF code given, or the one inferred from the text, that the
    # match compared with the CVs and the policy read; null for runs stored before it was kept.
    sector: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)  # of the project text, ISO 639-1
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    project: Mapped[ProjectRecord] = relationship(back_populates="runs")
    basins: Mapped[list[MatchedBasin]] = relationship(order_by="MatchedBasin.rank", cascade="all, delete-orphan")

    @property
    def warning(self) -> str | None:
        return language_warning(self.language) if self.language else None


class MatchedBasin(Model):
    __tablename__ = "matched_basins"
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("match_runs.id"), index=True)
    rank: Mapped[int] = mapped_column(Integer)
    ze2020_code: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(200))
    score: Mapped[float] = mapped_column(Float)
    fit: Mapped[float] = mapped_column(Float)
    policy_adjustment: Mapped[float] = mapped_column(Float)
    explanation: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Hiring tension and power checks of the stated needs (matcher.scoring.needs_checks), apart from the fit.
    needs_checks: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)

    @property
    def reference(self) -> bool:
        """The home basin of an extension on site, shown first as the reference (runs before issue 21: never)."""
        return bool((self.explanation or {}).get("reference"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "ze2020_code": self.ze2020_code,
            "name": self.name,
            "rank": self.rank,
            "score": self.score,
            "fit": self.fit,
            "policy_adjustment": self.policy_adjustment,
            "reference": self.reference,
            "explanation": self.explanation,
            "needs_checks": self.needs_checks,
        }


class Decision(Model):
    __tablename__ = "decisions"
    __table_args__ = (CheckConstraint(f"kind IN ({', '.join(repr(k) for k in KINDS)})", name="ck_decisions_kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("match_runs.id"))
    ze2020_code: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text, default="")
    # Rank of the basin in the run shown to the agency (null: not in the list shown) and that list's length.
    shown_rank: Mapped[int | None] = mapped_column(Integer, nullable=True)
    shown_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    project: Mapped[ProjectRecord] = relationship(back_populates="decisions")
    user: Mapped[User] = relationship()

    @property
    def label(self) -> str:
        return DECISION_LABELS[self.kind]
