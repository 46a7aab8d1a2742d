"""Refuse, before any view runs, request text that no field may store (control characters, lone surrogates).

Such characters crash PostgreSQL (NUL) or any UTF-8 encoder (lone surrogates) and were answered 500:
checked once here for the query string, every form field and every string of a JSON body, they are
a 400 naming the field on every route, old and new.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import Flask, jsonify, request
from werkzeug.exceptions import BadRequest
from wtforms.fields.core import UnboundField

from matcher.project.text_checks import FORBIDDEN_MESSAGE, has_forbidden_character


def _labels() -> dict[str, str]:
    """Form field name -> the label the user sees, from the app's forms."""
    from web.forms.projects import DecisionForm, LoginForm, ProjectForm
    from web.forms.territory_edits import CvSectionForm

    labels = {}
    for form in (LoginForm, ProjectForm, DecisionForm, CvSectionForm):
        for name, field in vars(form).items():
            if isinstance(field, UnboundField) and field.args and isinstance(field.args[0], str):
                labels[name] = field.args[0]
    return labels


def _json_strings(value: Any, field: str) -> Iterator[tuple[str, str]]:
    """(top-level field, string) for every key and string value, walked without recursion."""
    stack = [(value, field)]
    while stack:
        item, name = stack.pop()
        if isinstance(item, str):
            yield name, item
        elif isinstance(item, dict):
            for key, child in item.items():
                yield (name or key), key
                stack.append((child, name or key))
        elif isinstance(item, list):
            stack.extend((child, name) for child in item)


def _first_bad_field() -> tuple[str, bool] | None:
    """The first field holding a forbidden character, and whether it came in a JSON body."""
    for source in (request.args, request.form):
        for name, value in source.items(multi=True):
            if has_forbidden_character(name) or has_forbidden_character(value):
                return name, False
    if request.mimetype == "application/json":
        body = request.get_json(silent=True)
        for name, text in _json_strings(body, ""):
            if has_forbidden_character(text):
                return name or "corps", True
    return None


def _check_request():
    found = _first_bad_field()
    if found is None:
        return None
    name, in_json = found
    name = name if not has_forbidden_character(name) else "?"
    if in_json:
        message = f"{name} : {FORBIDDEN_MESSAGE}"
        return jsonify(
            {
                "error": "validation_error",
                "message": f"Requête invalide — {message}",
                "status": 400,
                "problems": {name: FORBIDDEN_MESSAGE},
            }
        ), 400
    label = _LABELS.get(name, name)
    raise BadRequest(description=f"Le champ « {label} » {FORBIDDEN_MESSAGE}.")


_LABELS: dict[str, str] = {}


def init_app(app: Flask) -> None:
    _LABELS.update(_labels())
    app.before_request(_check_request)
