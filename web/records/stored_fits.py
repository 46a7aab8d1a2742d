"""Each project's place for every candidate basin, stored so the basin pages read it instead of ranking."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from web.extensions import Model
from web.records.core import utcnow


class BasinFit(Model):
    """Where one basin ranks for one project, and which model, index and policy ranked it (`ranking_key`)."""

    __tablename__ = "basin_fits"
    __table_args__ = (
        UniqueConstraint("project_id", "ze2020_code", name="uq_basin_fits_project_basin"),
        Index("ix_basin_fits_basin_score", "ze2020_code", "score"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    ze2020_code: Mapped[str] = mapped_column(String(8))
    scope: Mapped[str] = mapped_column(String(16))
    rank: Mapped[int] = mapped_column(Integer)
    candidates: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    fit: Mapped[float] = mapped_column(Float)
    policy_adjustment: Mapped[float] = mapped_column(Float)
    ranking_key: Mapped[str] = mapped_column(String(250))
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
