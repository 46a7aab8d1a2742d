"""Conventions, their follow-up and the regional steering view: blueprints and French formats."""

from __future__ import annotations

from datetime import date

from flask import Flask

from matcher.territory.figure_labels import format_number
from web import api_conventions, conventions, follow_up, steering


def french_date(value: date | str | None) -> str:
    """31/12/2027 from a date or its ISO text (versions keep their terms as JSON)."""
    if value is None or value == "":
        return "—"
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return day.strftime("%d/%m/%Y")


def init_app(app: Flask) -> None:
    for blueprint in (conventions.bp, follow_up.bp, steering.bp, api_conventions.bp):
        app.register_blueprint(blueprint)
    app.add_template_filter(format_number, "fr_number")
    app.add_template_filter(french_date, "fr_date")
