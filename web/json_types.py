"""JSON types of a request body checked against the OpenAPI schema it is documented with.

`project_from_mapping` also serves forms and the CLI, where every value is text, so it converts
loosely ("80" -> 80; anything -> str). Through the API a wrong JSON type is a client error: it is
refused here, naming the field, so a `{"x": 1}` title is never stored as the text "{'x': 1}".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TYPE_NAMES = {
    "string": "du texte",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "true ou false",
    "array": "une liste",
    "object": "un objet",
    "null": "null",
}


def _is(value: Any, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":  # JSON Schema: 3.0 is an integer, true is not
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer()
        )
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "array":
        return isinstance(value, list)
    if kind == "object":
        return isinstance(value, dict)
    return value is None if kind == "null" else False


def _kinds(schema: Mapping[str, Any]) -> list[str]:
    kind = schema.get("type", [])
    return [kind] if isinstance(kind, str) else list(kind)


def _problem(value: Any, schema: Mapping[str, Any]) -> str | None:
    kinds = _kinds(schema)
    if kinds and not any(_is(value, kind) for kind in kinds):
        wanted = " ou ".join(TYPE_NAMES[k] for k in kinds if k != "null")
        return f"doit être {wanted}"
    if isinstance(value, list) and "items" in schema:
        for item in value:
            problem = _problem(item, schema["items"])
            if problem:
                return f"chaque élément {problem}"
    return None


def type_problems(body: Mapping[str, Any], schema: Mapping[str, Any]) -> dict[str, str]:
    """Field -> French message for each property whose JSON type the schema does not allow."""
    properties = schema.get("properties", {})
    return {
        name: problem
        for name, value in body.items()
        if name in properties
        for problem in [_problem(value, properties[name])]
        if problem
    }
