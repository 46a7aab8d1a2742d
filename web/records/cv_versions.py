"""Versioned edits of a basin's curated CV sections: who changed what, when, and from what."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from web.extensions import Model
from web.records.core import User, utcnow


class CvEdit(Model):
    """One saved version of a curated section; `previous_*` is what it replaced, for the diff and revert."""

    __tablename__ = "cv_edits"
    id: Mapped[int] = mapped_column(primary_key=True)
    ze2020_code: Mapped[str] = mapped_column(String(8), index=True)
    section: Mapped[str] = mapped_column(String(40))
    facts: Mapped[list[str]] = mapped_column(JSON)
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    previous_facts: Mapped[list[str]] = mapped_column(JSON)
    previous_sources: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
    reverts_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("cv_edits.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    author: Mapped[User] = relationship()
