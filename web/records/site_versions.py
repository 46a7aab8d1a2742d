"""Versioned edits of a basin's site inventory: who added, changed or withdrew which site, when and why."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from web.extensions import Model
from web.records.core import User, utcnow


class SiteEdit(Model):
    """One saved version of a site; `previous` is the row it replaced (None for a new site)."""

    __tablename__ = "site_edits"
    id: Mapped[int] = mapped_column(primary_key=True)
    ze2020_code: Mapped[str] = mapped_column(String(8), index=True)
    site_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))  # "add", "edit" or "withdraw"
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    previous: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    author: Mapped[User] = relationship()
